//! Hardening (issue 13): hostile values, names and streams cannot forge output, and the exit
//! status tells the truth.

use std::io::Read as _;
use std::process::Stdio;

use crate::support::{Map, datacarto};

/// A manifest whose values, file name and source lines try to forge a GitHub annotation
/// (`\n::error …`) and drive the terminal (ESC sequences, a bidi override).
fn injecting_map() -> Map {
    Map::new(&[
        (
            "stores/\u{1b}[2Jevil.yaml",
            "stores:\n  - id: crm\n    fields: [{id: email}]\nflows:\n  - id: f1\n    from: \"crmm\\n::error file=FAKE.yaml,line=1::INJECTED\"\n    to: crm\n    fields: [email]\n",
        ),
        ("stores/raw.yaml", "stores:\n  - id: crm2 # \u{1b}]0;owned\u{7}\u{202e}\n"),
    ])
}

/// Human and concise output, colour or not, print no control character and no line a CI
/// runner would read as a command; the github format keeps its own escaping.
#[test]
fn terminal_formats_escape_control_characters_and_line_breaks() {
    let map = injecting_map();
    for args in [
        &["check", "--format", "concise"][..],
        &["check", "--color", "never"],
        &["check", "--color", "always"],
        &["check", "--format", "github"],
    ] {
        let out = map.run(args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        for line in out.stdout.lines() {
            assert!(!line.trim_start().starts_with("::error file=FAKE"), "{args:?}: {line}");
        }
        let colour = args.contains(&"always");
        let bad = |c: char| {
            (c.is_control() && c != '\n' && !(colour && c == '\u{1b}')) || c == '\u{202e}'
        };
        assert!(!out.stdout.chars().any(bad), "{args:?}: {:?}", out.stdout);
        if colour {
            assert!(!out.stdout.contains("\u{1b}[2J") && !out.stdout.contains("\u{1b}]0;"));
        }
    }
    let concise = map.run(&["check", "--format", "concise"]).stdout;
    assert!(concise.contains("'crmm\\n::error file=FAKE.yaml"), "{concise}");
    assert!(concise.contains("stores/\\u{1b}[2Jevil.yaml:"), "{concise}");
}

/// `diff` as text (what a CI log shows) escapes names and values from the map: a changed
/// name cannot forge an annotation or send ESC sequences.
#[test]
fn diff_text_escapes_values_from_the_map() {
    let store = |name: &str| {
        format!("stores:\n  - id: crm\n    name: \"{name}\"\n    fields: [{{id: email}}]\n")
    };
    let old = Map::new(&[("crm.yaml", &store("CRM"))]);
    let new = Map::new(&[("crm.yaml", &store("CRM\\n::error file=F.yaml::X\\e]0;owned\\a"))]);
    let out = crate::support::run_in(
        old.path(),
        &["diff", ".", new.path().to_str().unwrap(), "--as-of", "2026-01-01"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("CRM\\n::error"), "{}", out.stdout);
    for line in out.stdout.lines() {
        assert!(!line.trim_start().starts_with("::error"), "{line}");
    }
    assert!(!out.stdout.chars().any(|c| c.is_control() && c != '\n'), "{:?}", out.stdout);
}

/// Every file of every artifact (`build`, `map`) names files relative to the map's root,
/// the same whatever folder the map was given as: no local path leaks into a published
/// site, and the site does not depend on the working directory.
#[test]
fn artifacts_name_files_within_the_map() {
    let map = Map::new(&[
        ("stores/crm.yaml", "stores:\n  - id: crm\n    fields: [{id: email}]\n"),
        ("flows/bad.yaml", "flows:\n  - id: f\n    from: nowhere\n    to: crm\n"),
        ("stores/binary.yaml", "a: \u{1}\n"),
    ]);
    let elsewhere = tempfile::tempdir().unwrap();
    let root = map.path().to_str().unwrap().to_owned();
    let read_site = |site: &std::path::Path| -> Vec<(String, String)> {
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(site).unwrap().display().to_string();
                files.push((
                    rel,
                    String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned(),
                ));
            }
        }
        files
    };
    let from_inside = map.run(&["build", "-o", "site", "--as-of", "2026-01-01"]);
    assert_eq!(from_inside.code, 0, "{}", from_inside.stderr);
    let site = elsewhere.path().join("site");
    let out = crate::support::run_in(
        elsewhere.path(),
        &["build", &root, "-o", "site", "--as-of", "2026-01-01"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let (inside, outside) = (read_site(&map.path().join("site")), read_site(&site));
    for (rel, text) in &outside {
        assert!(!text.contains(&root), "{rel} names the map's folder {root}");
    }
    let findings = &outside.iter().find(|(rel, _)| rel == "findings.json").unwrap().1;
    assert!(
        findings.contains("\"file\":\"flows/bad.yaml\"")
            || findings.contains("\"file\": \"flows/bad.yaml\""),
        "{findings}"
    );
    assert_eq!(inside, outside, "the same site from any working directory");
    let svg = crate::support::run_in(elsewhere.path(), &["map", &root, "--findings"]);
    assert!(!svg.stdout.contains(&root), "the map names the map's folder");
}

/// An id of 300 characters is a `schema` error at its place in `check`, and `build` still
/// writes the site (it used to fail with "File name too long" and no position).
#[test]
fn long_ids_are_reported_and_do_not_break_the_build() {
    let long = "a".repeat(300);
    let map = Map::new(&[(
        "stores/crm.yaml",
        &format!(
            "stores:\n  - id: {long}\n    fields: [{{id: email}}]\n  - id: crm\n    fields: [{{id: {long}}}]\n"
        ),
    )]);
    let out = map.run(&["check", "--format", "concise"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("stores/crm.yaml:2:9: error[schema] this id is 300 characters long; an id has 100 at most"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.len() < 4000, "no id is echoed whole: {}", out.stdout);
    let out = map.run(&["build", "-o", "site"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A closed stdout (`check | head`) does not turn a failing check into a pass: the exit
/// status reflects the findings whatever became of the output.
#[test]
fn a_broken_pipe_keeps_the_exit_status() {
    let map = Map::new(&[("stores/crm.yaml", "stores:\n  - id: CRM\n")]);
    let clean = Map::new(&[("stores/crm.yaml", "stores:\n  - id: crm\n")]);
    let old = clean.path().to_str().unwrap();
    for args in [
        &["check", "--format", "concise"][..],
        &["check"],
        &["diff", old, ".", "--fail-on", "new-errors"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("datacarto"))
            .current_dir(map.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before datacarto writes anything.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(1), "{args:?}: {stderr}");
    }
}

/// Rule findings are capped per file and rule as the loader caps its own: 1,500 stores
/// without an owner in one file give 1,000 `missing-owner` findings and one counting the
/// other 500; a second file has its own count.
#[test]
fn rule_findings_are_capped_per_file_and_rule() {
    let stores = |prefix: &str, n: usize| {
        let mut text = String::from("stores:\n");
        for i in 0..n {
            text.push_str(&format!("  - {{id: {prefix}{i}, fields: [{{id: email}}]}}\n"));
        }
        text
    };
    let map = Map::new(&[("big.yaml", &stores("s", 1500)), ("small.yaml", &stores("t", 3))]);
    let out = map.run(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let of = |rule: &str, file: &str| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule && f["file"] == file)
            .map(|f| f["message"].as_str().unwrap().to_owned())
            .collect()
    };
    let big = of("missing-owner", "big.yaml");
    assert_eq!(big.len(), 1001);
    assert!(big.contains(&"500 more missing-owner findings in this file are not shown".to_owned()));
    assert_eq!(of("missing-owner", "small.yaml").len(), 3);
}

/// A FIFO named `*.yaml` (or `datacarto.yaml`) is reported as `unreadable-file`, not skipped
/// silently, and never opened (the run does not hang on it).
#[cfg(unix)]
#[test]
fn a_fifo_named_yaml_is_reported() {
    let map = Map::new(&[("stores/crm.yaml", "stores:\n  - id: crm\n")]);
    for name in ["stores/pipe.yaml", "datacarto.yaml"] {
        let made = std::process::Command::new("mkfifo").arg(map.path().join(name)).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
    }
    let out = datacarto()
        .current_dir(map.path())
        .args(["check", "--format", "concise"])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    for name in ["stores/pipe.yaml", "datacarto.yaml"] {
        assert!(
            stdout.contains(&format!(
                "{name}:1:1: error[unreadable-file] {name} is not a regular file"
            )),
            "{stdout}"
        );
    }
}

/// A UTF-16 file is reported at line 1, column 1 (not at the odd column of its first NUL),
/// with or without a byte-order mark.
#[test]
fn utf16_is_reported_at_the_start_of_the_file() {
    let map = Map::new(&[]);
    let le: Vec<u8> = "stores:\n  - id: crm\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
    map.write("bom.yaml", &[&[0xFF, 0xFE][..], &le].concat());
    map.write("nobom.yaml", &le);
    let out = map.run(&["check", "--format", "concise"]);
    for name in ["bom.yaml", "nobom.yaml"] {
        let line = format!("{name}:1:1: error[yaml-syntax] the file is UTF-16: save it as UTF-8");
        assert!(out.stdout.contains(&line), "{}", out.stdout);
    }
}

/// Errors (exit 2) quote paths and the words of git or tar: control characters in them are
/// shown, not sent to the terminal.
#[test]
fn errors_escape_control_characters() {
    let map = Map::new(&[]);
    let out = map.run(&["check", "missing\u{1b}[2J\nerror: forged"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("missing\\u{1b}[2J\\nerror: forged"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "{}", out.stderr);
}

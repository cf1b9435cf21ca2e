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

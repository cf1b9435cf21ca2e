//! A failing and a passing map for every rule of the catalogue, under
//! `tests/fixtures/rules/<rule>/{bad,good}/`: `bad` must produce at least one finding of its
//! rule, `good` (the same map, fixed) none. The concise lines of each `bad` map for its rule
//! are snapshotted: what users see for that rule.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::{datacarto, project_root, run_in};

/// "Today" for rules judged against a date (suppression expiry, adequacy decisions).
const AS_OF: &str = "2026-11-22";

/// The names of every rule, as `datacarto rules` lists them (the indented lines).
fn rule_names() -> Vec<String> {
    let out = datacarto().arg("rules").output().expect("datacarto runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .filter(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

fn fixtures_dir() -> PathBuf {
    project_root().join("tests/fixtures/rules")
}

/// The rules `datacarto scan` reports (it reads the systems the map points at; `check` reads
/// only the map): their fixtures are scanned instead of checked.
const SCAN_RULES: &[&str] = &["missing-column", "undeclared-column"];

/// The command that reports `rule`.
fn command_for(rule: &str) -> &'static str {
    if SCAN_RULES.contains(&rule) { "scan" } else { "check" }
}

/// The rules of the findings of `datacarto check --format json` (or `scan`) run inside `dir`,
/// or why the run could not be judged.
fn rules_found(dir: &std::path::Path, command: &str) -> Result<Vec<String>, String> {
    let out = run_in(dir, &[command, "--format", "json", "--as-of", AS_OF]);
    if out.code != 0 && out.code != 1 {
        return Err(format!("exit code {}: {}", out.code, out.stderr.trim()));
    }
    let json: Value =
        serde_json::from_str(&out.stdout).map_err(|e| format!("invalid JSON ({e})"))?;
    let findings = json["findings"].as_array().ok_or("no 'findings' array")?;
    Ok(findings.iter().filter_map(|f| f["rule"].as_str().map(str::to_owned)).collect())
}

/// The lines of `datacarto check --format concise` run inside `dir` that are about `rule`.
fn concise_lines(dir: &std::path::Path, rule: &str) -> String {
    let out = run_in(dir, &[command_for(rule), "--format", "concise", "--as-of", AS_OF]);
    let tag = format!("[{rule}] ");
    out.stdout.lines().filter(|l| l.contains(&tag)).collect::<Vec<_>>().join("\n")
}

/// For every rule, `bad` reports it and `good` does not; every broken fixture is listed in
/// one run. Then the `bad` findings of each rule are snapshotted.
#[test]
fn every_rule_fails_its_bad_map_and_passes_its_good_map() {
    let rules = rule_names();
    assert!(!rules.is_empty());
    let root = fixtures_dir();
    let mut failures = Vec::new();
    for rule in &rules {
        let bad = root.join(rule).join("bad");
        match rules_found(&bad, command_for(rule)) {
            Ok(found) if found.iter().any(|r| r == rule) => {}
            Ok(found) => {
                failures.push(format!("{rule}/bad: no '{rule}' finding (found {found:?})"))
            }
            Err(why) => failures.push(format!("{rule}/bad: {why}")),
        }
        let good = root.join(rule).join("good");
        match rules_found(&good, command_for(rule)) {
            Ok(found) => {
                let n = found.iter().filter(|r| *r == rule).count();
                if n > 0 {
                    failures.push(format!("{rule}/good: {n} '{rule}' finding(s)"));
                }
            }
            Err(why) => failures.push(format!("{rule}/good: {why}")),
        }
    }
    assert!(failures.is_empty(), "broken rule fixtures:\n  {}", failures.join("\n  "));

    for rule in &rules {
        let lines = concise_lines(&root.join(rule).join("bad"), rule);
        let description = format!(
            "`datacarto {} --format concise` in tests/fixtures/rules/{rule}/bad",
            command_for(rule)
        );
        insta::with_settings!({
            description => description,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("rule_{rule}"), lines);
        });
    }
}

/// Every rule has both fixtures, and every fixture folder names a rule and holds only `bad`
/// and `good`.
#[test]
fn fixtures_match_the_catalogue() {
    let rules = rule_names();
    let root = fixtures_dir();
    let mut problems = Vec::new();
    for rule in &rules {
        for side in ["bad", "good"] {
            if !root.join(rule).join(side).is_dir() {
                problems.push(format!("{rule}: no {side}/ folder"));
            }
        }
    }
    for entry in std::fs::read_dir(&root).expect("tests/fixtures/rules exists") {
        let entry = entry.expect("a folder entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if !rules.contains(&name) {
            problems.push(format!("{name}: names no rule of `datacarto rules`"));
            continue;
        }
        for inner in std::fs::read_dir(entry.path()).expect("a fixture folder") {
            let inner = inner.expect("a folder entry").file_name().to_string_lossy().into_owned();
            if inner != "bad" && inner != "good" {
                problems.push(format!("{name}/{inner}: only bad/ and good/ belong here"));
            }
        }
    }
    assert!(problems.is_empty(), "tests/fixtures/rules/:\n  {}", problems.join("\n  "));
}

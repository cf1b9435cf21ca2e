//! Generated files are committed and must match what the binary generates: the JSON Schemas
//! under docs/schema/ and the rule pages under docs/rules/. Run with `DATACARTO_BLESS=1` to
//! rewrite them after a change.

use std::path::Path;

use crate::support::{datacarto, project_root};

fn generate(args: &[&str]) -> String {
    let out = datacarto().args(args).output().expect("datacarto runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Compares `expected` with the committed file, or rewrites it under `DATACARTO_BLESS=1`.
fn check_file(path: &Path, expected: &str) -> Option<String> {
    if std::env::var_os("DATACARTO_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, expected).unwrap();
        return None;
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    (actual != expected).then(|| format!("{} is out of date", path.display()))
}

fn rule_names() -> Vec<String> {
    generate(&["rules"])
        .lines()
        .filter(|l| l.starts_with("  "))
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect()
}

/// docs/schema/*.json are what `datacarto schema` prints.
#[test]
fn json_schemas_are_up_to_date() {
    let root = project_root();
    let stale: Vec<String> = [
        (root.join("docs/schema/manifest.schema.json"), generate(&["schema"])),
        (root.join("docs/schema/datacarto.schema.json"), generate(&["schema", "--project"])),
    ]
    .iter()
    .filter_map(|(path, text)| check_file(path, text))
    .collect();
    assert!(stale.is_empty(), "{stale:?}: run `DATACARTO_BLESS=1 cargo test --test cli generated`");
}

/// docs/rules/<rule>.md is what `datacarto explain <rule>` prints, for every rule and no other.
#[test]
fn rule_pages_are_up_to_date() {
    let dir = project_root().join("docs/rules");
    let names = rule_names();
    assert!(!names.is_empty());
    let mut stale: Vec<String> = names
        .iter()
        .filter_map(|name| {
            check_file(&dir.join(format!("{name}.md")), &generate(&["explain", name]))
        })
        .collect();
    stale.extend(check_file(&dir.join("README.md"), &generate(&["rules", "--markdown"])));
    for entry in std::fs::read_dir(&dir).expect("docs/rules exists") {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(stem) = file.strip_suffix(".md") else { continue };
        if stem != "README" && !names.iter().any(|n| n == stem) {
            stale.push(format!("docs/rules/{file} documents no rule"));
        }
    }
    assert!(stale.is_empty(), "{stale:?}: run `DATACARTO_BLESS=1 cargo test --test cli generated`");
}

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

/// docs/categories.md lists every built-in category key and data use with its label, as the
/// schema offers them to editors.
#[test]
fn category_keys_are_listed() {
    let schema: serde_json::Value = serde_json::from_str(&generate(&["schema"])).unwrap();
    let mut text = String::from(
        "# Built-in category keys and data uses\n\n\
         Generated from `datacarto schema` (editors complete these keys). The keys are those of the\n\
         fideslang 3.x default taxonomy (CC BY 4.0, Ethyca and the IAB Tech Lab; see `NOTICE`),\n\
         completed with `user.demographic.trade_union` and `user.demographic.sex_life`; the labels\n\
         are datacarto's. A map may declare its own keys (docs/manifest.md, `categories`).\n",
    );
    for (def, title) in [("BuiltinCategory", "Data categories"), ("BuiltinDataUse", "Data uses")] {
        let choices = schema["$defs"][def]["anyOf"].as_array().expect(def);
        text.push_str(&format!("\n## {title} ({})\n\n| key | label |\n|---|---|\n", choices.len()));
        for c in choices {
            let label = c["description"].as_str().unwrap_or("");
            text.push_str(&format!("| `{}` | {label} |\n", c["const"].as_str().unwrap()));
        }
    }
    let stale = check_file(&project_root().join("docs/categories.md"), &text);
    assert!(stale.is_none(), "{stale:?}: run `DATACARTO_BLESS=1 cargo test --test cli generated`");
}

//! `datacarto import fides`: fideslang YAML written for these tests becomes a map that
//! `check` loads without a schema error; the generated manifests and the import report are
//! snapshotted; malformed input is told at file:line:col and nothing is written.

use std::path::Path;

use serde_json::Value;

use crate::support::{project_root, run_in};

const GOOD: &str = "tests/fixtures/import/fides/good";
const MALFORMED: &str = "tests/fixtures/import/fides/malformed";

/// Every file under `dir`, by relative path, with its text.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("a readable entry");
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("below dir");
            let text = std::fs::read_to_string(entry.path()).expect("text");
            out.push((rel.to_string_lossy().replace('\\', "/"), text));
        }
    }
    out
}

#[test]
fn fides_import_loads_with_check_and_reports_what_it_leaves_out() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out_dir = tmp.path().join("map");
    let out = run_in(&project_root(), &["import", "fides", GOOD, "-o", &out_dir.to_string_lossy()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("fides_import_stdout", out.stdout);
    insta::assert_snapshot!("fides_import_stderr", out.stderr);
    let written = files(&out_dir);
    let all: String =
        written.iter().map(|(path, text)| format!("=== {path}\n{text}")).collect::<String>();
    insta::assert_snapshot!("fides_import_files", all);
    // The report file says what stderr says, one line per note.
    let report = &written.iter().find(|(p, _)| p == "IMPORT-REPORT.md").expect("a report").1;
    assert_eq!(report.lines().filter(|l| l.starts_with("- ")).count(), out.stderr.lines().count());

    let check = run_in(&out_dir, &["check", "--format", "json", "--as-of", "2026-11-22"]);
    let json: Value = serde_json::from_str(&check.stdout).expect("check --format json");
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    for load_rule in
        ["schema", "yaml-syntax", "unknown-reference", "duplicate-id", "unreadable-file"]
    {
        assert!(!rules.contains(&load_rule), "{load_rule} in {rules:?}");
    }
    // The egress flow to the mailer states no field list: checked as such, not as empty.
    assert!(rules.contains(&"flow-without-fields"), "{rules:?}");
    // The shared dataset is its own store; the dataset only the web shop uses is inside it.
    assert!(written.iter().any(|(p, _)| p == "stores/warehouse.yaml"));
    assert!(!written.iter().any(|(p, _)| p == "stores/shop_db.yaml"));
    // Nothing the sources do not say: no direction is invented, no `profiling: true`.
    assert!(!all.contains("direction:"), "{all}");
    assert!(!all.contains("profiling: true"), "{all}");
    // A system with no dataset: an application, no field list, never "holds nothing".
    assert!(!all.contains("fields: []"), "{all}");
    let store = |name: &str| &written.iter().find(|(p, _)| p == name).expect(name).1;
    assert!(store("stores/mailer.yaml").contains("kind: application"), "{all}");
    assert!(!store("stores/webshop.yaml").contains("kind: application"), "{all}");
    // The organisation, the processor, the transfer safeguard and the third parties have
    // their places: written, and gone from the report.
    let project = store("datacarto.yaml");
    for line in [
        "name: Shop SAS",
        "email: dpo@shop.example",
        "privacy_policy: https://shop.example/privacy",
    ] {
        assert!(project.contains(line), "{line}: {project}");
    }
    assert!(store("stores/mailer.yaml").contains("vendor: Mailer Ltd"), "{all}");
    assert!(!store("stores/webshop.yaml").contains("vendor:"), "a controller's system is in house");
    assert!(store("flows.yaml").contains("transfer: {mechanism: scc_commission}"), "{all}");
    assert!(store("purposes.yaml").contains("recipients: [Email delivery partners]"), "{all}");
    for gone in [
        "`organization` has no place",
        "`privacy_policy` has no place",
        "`responsibility` has no place",
        "`third_parties` has no place",
        "`legal_basis_for_transfers` has no place",
        "`legal_name` has no place",
    ] {
        assert!(!out.stderr.contains(gone), "{gone}: {}", out.stderr);
    }
    assert!(!rules.contains(&"missing-organization"), "{rules:?}");
    assert!(!all.contains("orders-total: sales-amount"), "{all}");
}

#[test]
fn fides_import_never_overwrites() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir_all(tmp.path().join("stores")).expect("mkdir");
    std::fs::write(tmp.path().join("stores/webshop.yaml"), "kept").expect("write");
    let out =
        run_in(&project_root(), &["import", "fides", GOOD, "-o", &tmp.path().to_string_lossy()]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("stores/webshop.yaml")).expect("read"),
        "kept"
    );
    assert!(!tmp.path().join("IMPORT-REPORT.md").exists());
}

#[test]
fn malformed_fides_is_told_at_its_place_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out_dir = tmp.path().join("map");
    let out =
        run_in(&project_root(), &["import", "fides", MALFORMED, "-o", &out_dir.to_string_lossy()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out_dir.exists());
    assert!(!out.stderr.contains("panicked"));
    // No parser or serde wording reaches users.
    for word in ["invalid type", "expected", "serde", "Node"] {
        assert!(!out.stderr.contains(word), "{word}: {}", out.stderr);
    }
    insta::assert_snapshot!("fides_malformed_stderr", out.stderr);
}

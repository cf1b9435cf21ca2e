//! `datacarto import threagile`: a Threagile model written for these tests becomes a map
//! that `check` loads without a schema error; the manifests and the import report are
//! snapshotted; a malformed model is told at file:line:col and nothing is written.

use serde_json::Value;

use crate::support::{project_root, run_in};

const MODEL: &str = "tests/fixtures/import/threagile/model.yaml";
const CATEGORIES: &str = "tests/fixtures/import/threagile/categories.yaml";

fn read(dir: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|_| panic!("{rel}"))
}

/// Every mapping rule on the test model: stores, fields, flows both ways, domains from the
/// innermost trust boundary, out of scope marked, categories from the file or guessed.
#[test]
fn threagile_import_maps_assets_links_and_boundaries() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out_dir = tmp.path().join("map");
    let out = run_in(
        &project_root(),
        &[
            "import",
            "threagile",
            MODEL,
            "-o",
            &out_dir.to_string_lossy(),
            "--categories",
            CATEGORIES,
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("threagile_import_stdout", out.stdout);
    insta::assert_snapshot!("threagile_import_stderr", out.stderr);
    let mut all = String::new();
    for rel in [
        "stores/web-shop.yaml",
        "stores/order-db.yaml",
        "stores/loyalty-api.yaml",
        "stores/monitoring.yaml",
        "flows.yaml",
        "IMPORT-REPORT.md",
    ] {
        all.push_str(&format!("=== {rel}\n{}", read(&out_dir, rel)));
    }
    insta::assert_snapshot!("threagile_import_files", all);

    let flows = read(&out_dir, "flows.yaml");
    // Data sent and received on one link: a flow each way.
    assert!(flows.contains("  - from: web-shop\n    to: order-db\n"), "{flows}");
    assert!(flows.contains("    fields: [customer-email, order-lines]\n"), "{flows}");
    assert!(flows.contains("  - from: order-db\n    to: web-shop\n"), "{flows}");
    // Only received: one flow, from the target.
    assert!(flows.contains("  - from: loyalty-api\n    to: web-shop\n"), "{flows}");
    assert!(!flows.contains("  - from: web-shop\n    to: loyalty-api\n"), "{flows}");
    // A link to an asset the model does not declare makes no flow.
    assert!(!flows.contains("courier"), "{flows}");
    let db = read(&out_dir, "stores/order-db.yaml");
    assert!(db.contains("domain: Data Zone"), "{db}");
    assert!(db.contains("category: user.behavior.purchase_history"), "{db}");
    let loyalty = read(&out_dir, "stores/loyalty-api.yaml");
    assert!(
        loyalty.contains("Out of scope of the Threagile model: Run by the franchise"),
        "{loyalty}"
    );
    let monitoring = read(&out_dir, "stores/monitoring.yaml");
    assert!(!monitoring.contains("fields:"), "not stated is not empty: {monitoring}");
    for said in [
        "category `user.contact.email` guessed from its name",
        "`unknown-asset` names no data asset",
        "target `courier-service` names no technical asset",
        "`no-such-asset` is no data asset of the model",
        "data asset `build-logs`: no technical asset stores, processes or sends it",
        "risk_tracking",
    ] {
        assert!(out.stderr.contains(said), "{said}: {}", out.stderr);
    }
    // The mapping file wins over the guess: no guess is reported for order-lines.
    assert!(!out.stderr.contains("data asset `order-lines`: category"), "{}", out.stderr);

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
    assert!(rules.contains(&"flow-without-fields"), "{rules:?}");
}

/// A technical asset without `id` is an error at its place, and nothing is written.
#[test]
fn threagile_malformed_model_is_told_at_its_place_and_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let model = tmp.path().join("model.yaml");
    std::fs::write(
        &model,
        "title: x\ntechnical_assets:\n  Web Shop:\n    type: process\n  Db:\n    id: db\n    data_assets_stored: yes\n  Db copy:\n    id: db\n",
    )
    .unwrap();
    let out_dir = tmp.path().join("map");
    let out = run_in(
        tmp.path(),
        &["import", "threagile", "model.yaml", "-o", &out_dir.to_string_lossy()],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("model.yaml:3:3: technical asset 'Web Shop' has no `id`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("model.yaml:7:25: `data_assets_stored` should be a list of ids"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(
            "model.yaml:8:3: another technical asset has the id `db` (at model.yaml:5:3)"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("3 problems in the Threagile model: nothing was written"),
        "{}",
        out.stderr
    );
    assert!(!out_dir.exists());
}

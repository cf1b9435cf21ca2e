//! `datacarto export fides`: what it writes is accepted by fideslang's own pydantic models
//! (made strict: an unknown key fails), names only keys some taxonomy holds, states nothing
//! the map does not, and comes back through `import fides` as a map that loads.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{project_root, run_in};

const MAP: &str = "tests/fixtures/export/fides/map";
const VALIDATE: &str = "tests/fixtures/export/fides/validate.py";

/// A python that can `import fideslang`: `DATACARTO_PYTHON`, else the virtual environment
/// `scripts/test` makes, else the system's. Missing, the test fails and says how to get it.
pub(crate) fn python_with(module: &str) -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")));
    let mut candidates: Vec<PathBuf> =
        std::env::var_os("DATACARTO_PYTHON").map(PathBuf::from).into_iter().collect();
    if let Some(cache) = cache {
        candidates.push(cache.join("datacarto/python/bin/python"));
    }
    candidates.push("python3".into());
    candidates
        .into_iter()
        .find(|py| {
            Command::new(py)
                .args(["-c", &format!("import {module}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .unwrap_or_else(|| {
            panic!(
                "no python with `{module}`: run ./scripts/test (it installs it in ~/.cache/datacarto/python), or set DATACARTO_PYTHON to a python that has it"
            )
        })
}

fn export(map: &Path, out: &Path) -> crate::support::Output {
    let o = run_in(
        &project_root(),
        &["export", "fides", &map.to_string_lossy(), "-o", &out.to_string_lossy()],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    o
}

fn validate(out: &Path) {
    let py = python_with("fideslang");
    let o =
        Command::new(py).arg(project_root().join(VALIDATE)).arg(out).output().expect("python runs");
    assert!(
        o.status.success(),
        "fideslang refuses {}:\n{}{}",
        out.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The test map (one case per mapping rule) and both examples: every file validates.
#[test]
fn fides_export_is_accepted_by_fideslang() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    for (i, map) in [MAP, "examples/01-retail", "examples/02-clinic-network"].iter().enumerate() {
        let out = tmp.path().join(format!("out{i}"));
        export(&project_root().join(map), &out);
        validate(&out);
    }
}

/// The validator is not a rubber stamp: a misspelt key and a data use no taxonomy holds fail.
#[test]
fn fides_validator_refuses_an_unknown_key_and_an_unknown_use() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("out");
    export(&project_root().join(MAP), &out);
    let systems = std::fs::read_to_string(out.join("systems.yml")).unwrap();
    for (from, to) in [
        ("system_type: ecommerce", "system_type: ecommerce\n    sytem_owner: x"),
        ("data_use: personalize", "data_use: personalise"),
    ] {
        std::fs::write(out.join("systems.yml"), systems.replacen(from, to, 1)).unwrap();
        let py = python_with("fideslang");
        let o = Command::new(py).arg(project_root().join(VALIDATE)).arg(&out).output().unwrap();
        assert!(!o.status.success(), "{to} passed");
    }
}

/// The files and the export report of the test map, as users see them; the same bytes twice.
#[test]
fn fides_export_files_and_report() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("out");
    let o = export(&project_root().join(MAP), &out);
    insta::assert_snapshot!("fides_export_stdout", o.stdout);
    let mut all = String::new();
    for name in
        ["organization.yml", "systems.yml", "datasets.yml", "taxonomy.yml", "EXPORT-REPORT.md"]
    {
        let text = std::fs::read_to_string(out.join(name)).expect(name);
        all.push_str(&format!("=== {name}\n{text}"));
    }
    insta::assert_snapshot!("fides_export_files", all);
    // Not stated in the map, so not in the YAML: profiling of `orders` alone would be
    // `false`, but `mailing` profiles; the purpose without `use` has no declaration.
    assert!(!all.contains("Emergency contact"), "a declaration without a data use");
    assert!(!all.contains("processes_special_category_data: false"));
    let again = tmp.path().join("again");
    export(&project_root().join(MAP), &again);
    for name in ["systems.yml", "datasets.yml", "EXPORT-REPORT.md"] {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(again.join(name)).unwrap(),
            "{name}"
        );
    }
    // Exporting again into the same folder replaces it (datacarto made it).
    export(&project_root().join(MAP), &out);
}

/// export fides, then import fides: the retail example comes back as a map that loads
/// without a schema error, with its stores, its field categories, the links between its
/// stores, and its purposes' data uses and legal bases.
#[test]
fn fides_round_trip_of_the_retail_example() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let out = tmp.path().join("fides");
    let retail = project_root().join("examples/01-retail");
    export(&retail, &out);
    let back = tmp.path().join("back");
    let o = run_in(
        &project_root(),
        &["import", "fides", &out.to_string_lossy(), "-o", &back.to_string_lossy()],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);

    let o = run_in(&back, &["check", "--format", "json", "--as-of", "2026-11-22"]);
    let back_json: Value = serde_json::from_str(&o.stdout).expect("check --format json");
    for f in back_json["findings"].as_array().expect("findings") {
        let rule = f["rule"].as_str().unwrap_or_default();
        assert!(
            // The map's own categories and subjects come back as taxonomy extensions.
            ![
                "schema",
                "yaml-syntax",
                "duplicate-id",
                "unreadable-file",
                "unknown-reference",
                "unknown-category"
            ]
            .contains(&rule),
            "{f}"
        );
    }
    let stores = |dir: &Path| -> BTreeSet<String> {
        std::fs::read_dir(dir.join("stores"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(stores(&retail), stores(&back));
    // Categories survive field by field (the fields now sit in a table named after the
    // store: `crm-email` in `table: crm`).
    let crm = std::fs::read_to_string(back.join("stores/crm.yaml")).unwrap();
    assert!(
        crm.contains(
            "  - id: crm-email\n        name: email\n        table: crm\n        category: user.contact.email\n"
        ),
        "{crm}"
    );
    // Links between stores survive, in their direction, with no field list.
    let flows = std::fs::read_to_string(back.join("flows.yaml")).unwrap();
    for (from, to) in [("eshop", "crm"), ("crm", "emailing"), ("emailing", "crm")] {
        assert!(flows.contains(&format!("  - from: {from}\n    to: {to}\n")), "{from}->{to}");
    }
    assert!(!flows.contains("fields:"), "{flows}");
    // Each purpose comes back once per store whose fields it uses, with its use and basis.
    let purposes = std::fs::read_to_string(back.join("purposes.yaml")).unwrap();
    assert!(
        purposes.contains("  - id: crm-newsletter\n    name: Newsletter\n    use: marketing.communications.email\n    legal_basis: consent\n    subjects: [customer]\n"),
        "{purposes}"
    );
    assert!(purposes.contains("retention: {duration: P3Y}"), "{purposes}");
}

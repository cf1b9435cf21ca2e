//! `datacarto export openlineage`: the declared lineage as OpenLineage events that
//! openlineage-python's own models of the spec rebuild and serialise to the same JSON;
//! deterministic unless an event time is asked for.

use std::process::Command;

use serde_json::Value;

use crate::export_fides::python_with;
use crate::support::{project_root, run_in};

const VALIDATE: &str = "tests/fixtures/export/openlineage/validate.py";

fn validate(file: &std::path::Path) {
    let o = Command::new(python_with("openlineage.client"))
        .arg(project_root().join(VALIDATE))
        .arg(file)
        .output()
        .expect("python runs");
    assert!(
        o.status.success(),
        "openlineage-python refuses {}:\n{}{}",
        file.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Both examples and the fides test map (a sync, a flow without fields, a store without
/// fields): every event is one the OpenLineage client rebuilds as it is.
#[test]
fn openlineage_export_is_accepted_by_the_openlineage_client() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    for (i, map) in
        ["examples/01-retail", "examples/02-clinic-network", "tests/fixtures/export/fides/map"]
            .iter()
            .enumerate()
    {
        let file = tmp.path().join(format!("events{i}.json"));
        let o =
            run_in(&project_root(), &["export", "openlineage", map, "-o", &file.to_string_lossy()]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        validate(&file);
    }
}

/// The validator is not a rubber stamp: an unknown key in a facet fails.
#[test]
fn openlineage_validator_refuses_an_unknown_key() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let file = tmp.path().join("events.json");
    let o = run_in(
        &project_root(),
        &[
            "export",
            "openlineage",
            "tests/fixtures/export/fides/map",
            "-o",
            &file.to_string_lossy(),
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen(
            "\"field\": \"customers-email\"",
            "\"field\": \"customers-email\", \"colum\": 1",
            1,
        ),
    )
    .unwrap();
    let o = Command::new(python_with("openlineage.client"))
        .arg(project_root().join(VALIDATE))
        .arg(&file)
        .output()
        .unwrap();
    assert!(!o.status.success(), "an unknown key passed");
}

/// What users get on stdout for the test map; the same bytes twice; `--event-time` is the
/// only time in the events, and a time that is not RFC 3339 is refused.
#[test]
fn openlineage_export_is_deterministic_and_timed_only_when_asked() {
    let map = "tests/fixtures/export/fides/map";
    let first = run_in(&project_root(), &["export", "openlineage", map, "-o", "-"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    insta::assert_snapshot!("openlineage_export_stdout", first.stdout);
    insta::assert_snapshot!("openlineage_export_stderr", first.stderr);
    let second = run_in(&project_root(), &["export", "openlineage", map, "-o", "-"]);
    assert_eq!(first.stdout, second.stdout);

    let timed = run_in(
        &project_root(),
        &["export", "openlineage", map, "-o", "-", "--event-time", "2026-12-05T09:30:00Z"],
    );
    let events: Value = serde_json::from_str(&timed.stdout).expect("JSON");
    for e in events.as_array().expect("an array") {
        assert_eq!(e["eventTime"], "2026-12-05T09:30:00Z");
    }
    assert!(!timed.stdout.contains("1970-01-01"));

    let bad = run_in(
        &project_root(),
        &["export", "openlineage", map, "-o", "-", "--event-time", "yesterday"],
    );
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("not an RFC 3339 date and time"), "{}", bad.stderr);
    assert!(bad.stdout.is_empty());
}

/// The retail example: one dataset event per store, one job event per flow, the namespace
/// from the organisation, and the column lineage of a flow that renames a field.
#[test]
fn openlineage_events_follow_the_retail_lineage() {
    let o = run_in(&project_root(), &["export", "openlineage", "examples/01-retail", "-o", "-"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let events: Value = serde_json::from_str(&o.stdout).expect("JSON");
    let events = events.as_array().expect("an array");
    let datasets = events.iter().filter(|e| e.get("dataset").is_some()).count();
    let jobs: Vec<&Value> = events.iter().filter(|e| e.get("job").is_some()).collect();
    assert_eq!(datasets, 13);
    assert!(jobs.len() > 10, "{}", jobs.len());
    for e in events {
        let ns = e.get("dataset").or(e.get("job")).unwrap()["namespace"].as_str().unwrap();
        assert_eq!(ns, "datacarto://maison-dupont-sas");
    }
    // Every job's outputs that carry fields say where each field comes from.
    let with_lineage = jobs
        .iter()
        .filter(|j| j["outputs"][0]["facets"]["columnLineage"]["fields"].is_object())
        .count();
    assert!(with_lineage > 5, "{with_lineage}");
}

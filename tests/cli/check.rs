//! `datacarto check` on small maps: every problem of every file in one run, exit codes,
//! levels, suppressions and the output formats.

use serde_json::Value;

use crate::support::{Map, datacarto, run_in};

/// A map with one planted error of each integrity kind, spread over several files.
fn planted() -> Map {
    Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Maison Test\nlanguage: en\n"),
        ("teams.yaml", "teams:\n  - id: sales\n"),
        (
            "stores/crm.yaml",
            "stores:\n  - id: crm\n    name: CRM\n    kind: crmm\n    owner: sales\n    colour: blue\n    fields:\n      - id: email\n        category: user.contact.email\n        completeness: 1.4\n    allow:\n      - rule: unknown-reference\n    erasure: {method: api}\n",
        ),
        (
            "stores/shop.yaml",
            "stores:\n  - id: eshop\n    fields: [{id: email}]\n  - id: crm\n    name: Another CRM\n",
        ),
        ("flows.yaml", "flows:\n  - from: eshop\n    to: crm2\n    fields: [email]\n"),
        (
            "purposes.yaml",
            "purposes:\n  - id: newsletter\n    uses: [crm.emial]\n    subjects: [customer]\n",
        ),
        ("broken.yaml", "stores:\n  - id: x\n    fields: [a, b\n"),
    ])
}

/// Every planted problem comes back in one run, at the right line, with the right
/// suggestion, and the run exits 1.
#[test]
fn reports_every_problem_of_every_file_in_one_run() {
    let out = planted().run(&["check", "--format", "concise"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("planted_concise", out.stdout);
}

/// The JSON output follows the contract of docs/ci.md.
#[test]
fn json_follows_the_contract() {
    let out = planted().run(&["check", "--format", "json"]);
    assert_eq!(out.code, 1);
    let json: Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    assert_eq!(json["version"], 1);
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 17);
    for f in findings {
        for key in ["id", "rule", "level", "message", "file", "help"] {
            assert!(f.get(key).is_some(), "{key} missing in {f}");
        }
        assert!(f["line"].as_u64().is_some_and(|l| l >= 1), "{f}");
        assert!(f["column"].as_u64().is_some_and(|c| c >= 1), "{f}");
        assert!(f["related"].is_array());
        assert!(f["id"].as_str().unwrap().starts_with(f["rule"].as_str().unwrap()));
    }
    let unknown_store = findings
        .iter()
        .find(|f| f["message"] == "unknown store 'crm2'")
        .expect("the dangling flow");
    assert_eq!(unknown_store["file"], "flows.yaml");
    assert_eq!(
        (unknown_store["line"].as_u64(), unknown_store["column"].as_u64()),
        (Some(3), Some(9))
    );
    assert_eq!(unknown_store["help"], "did you mean 'crm'?");
    assert_eq!(unknown_store["entity"], "eshop-to-crm2");
    let duplicate = findings.iter().find(|f| f["rule"] == "duplicate-id").expect("the duplicate");
    assert_eq!(duplicate["related"][0]["file"], "stores/crm.yaml");
    assert_eq!(json["summary"]["errors"], 9);
    assert_eq!(json["summary"]["warnings"], 6);
    assert_eq!(json["summary"]["files"], 7);
    insta::assert_snapshot!("planted_json", out.stdout);
}

/// The human format shows each source line, the labels and a summary; SARIF and GitHub
/// annotations carry the same findings.
#[test]
fn other_formats() {
    let map = planted();
    let human = map.run(&["check"]);
    assert!(!human.stdout.contains('\u{1b}'), "no colour off a terminal");
    insta::assert_snapshot!("planted_human", human.stdout);
    let sarif = map.run(&["check", "--format", "sarif"]);
    let log: Value = serde_json::from_str(&sarif.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 17);
    assert!(results.iter().all(|r| r["partialFingerprints"]["datacarto/v1"].is_string()));
    insta::assert_snapshot!("planted_sarif", sarif.stdout);
    let github = map.run(&["check", "--format", "github"]);
    insta::assert_snapshot!("planted_github", github.stdout);
}

/// `--color always` colours the human format.
#[test]
fn colour_on_demand() {
    let out = planted().run(&["check", "--color", "always"]);
    assert!(out.stdout.contains('\u{1b}'));
}

/// A map every rule is happy with.
const CLEAN: &[(&str, &str)] = &[
    ("datacarto.yaml", "organization: {name: Clean Ltd}\n"),
    ("teams.yaml", "teams:\n  - id: it\n"),
    (
        "stores.yaml",
        "stores:\n  - {id: a, owner: it, fields: [{id: x, category: system.operations}]}\n  - {id: b, owner: it, fields: [{id: x, category: system.operations}]}\n",
    ),
    ("flows.yaml", "flows:\n  - {from: a, to: b, fields: [x]}\n"),
    ("purposes.yaml", "purposes:\n  - {id: ops, owner: it, uses: [b.x]}\n"),
];

/// A clean map exits 0, in the current folder by default.
#[test]
fn clean_map_exits_zero() {
    let map = Map::new(CLEAN);
    let out = map.run(&["check"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.starts_with("no findings"), "{}", out.stdout);
    let out = run_in(
        map.path().parent().unwrap(),
        &["check", map.path().to_str().unwrap(), "--format", "concise"],
    );
    assert_eq!(out.code, 0);
}

/// Levels: `-W` demotes, `-D warnings` promotes back, `-A` silences, later flags win, and
/// datacarto.yaml sets the default.
#[test]
fn levels_from_flags_and_project_file() {
    // A retired store: only the unknown owner is reported.
    let map = Map::new(&[(
        "stores.yaml",
        "stores:\n  - id: a\n    owner: nobody\n    status: retired\n",
    )]);
    assert_eq!(map.run(&["check"]).code, 1);
    assert_eq!(map.run(&["check", "-W", "unknown-reference"]).code, 0);
    assert_eq!(map.run(&["check", "-W", "unknown-reference", "--deny", "warnings"]).code, 1);
    let silent = map.run(&[
        "check",
        "-A",
        "unknown-reference",
        "-A",
        "missing-organization",
        "--format",
        "concise",
    ]);
    assert_eq!(
        (silent.code, silent.stdout.as_str()),
        (0, "0 errors, 0 warnings, 0 infos in 1 file\n")
    );
    assert_eq!(map.run(&["check", "-A", "unknown-reference", "-D", "unknown-reference"]).code, 1);
    map.write("datacarto.yaml", b"rules:\n  unknown-reference: warn\n");
    let warned = map.run(&["check", "--format", "concise"]);
    assert_eq!(warned.code, 0);
    assert!(warned.stdout.contains("warn[unknown-reference]"), "{}", warned.stdout);
}

/// An unknown rule on the command line is a usage error with a suggestion.
#[test]
fn unknown_rule_flag_exits_two() {
    let map = Map::new(CLEAN);
    let out = map.run(&["check", "-D", "unknown-referenc"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("did you mean 'unknown-reference'?"), "{}", out.stderr);
}

/// A suppression with a reason silences its rule on the entity and what it contains, until
/// its date; then the finding returns with an info about the expiry.
#[test]
fn suppressions_silence_until_they_expire() {
    let store = "stores:\n  - id: a\n    owner: nobody\n    fields:\n      - {id: x, allow: [{rule: schema, reason: r}]}\n    allow:\n      - rule: unknown-reference\n        reason: The team is being created.\n        until: 2027-06-30\n";
    let map = Map::new(&[("stores.yaml", store)]);
    let before = map.run(&["check", "--format", "json", "--as-of", "2027-06-30"]);
    assert_eq!(before.code, 0, "{}", before.stdout);
    let json: Value = serde_json::from_str(&before.stdout).unwrap();
    assert_eq!(json["summary"]["suppressed"], 1);
    let after = map.run(&["check", "--format", "concise", "--as-of", "2027-07-01"]);
    assert_eq!(after.code, 1);
    insta::assert_snapshot!("expired_suppression", after.stdout);
}

/// A suppression without a reason is an error and silences nothing.
#[test]
fn suppression_needs_a_reason() {
    let store = "stores:\n  - id: a\n    owner: nobody\n    allow:\n      - rule: unknown-reference\n      - rule: orphan-stor\n        reason: typo\n";
    let out = Map::new(&[("stores.yaml", store)]).run(&["check", "--format", "concise"]);
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("suppression_without_reason", out.stdout);
}

/// Problems in datacarto.yaml are findings too: unknown keys, rules and options.
#[test]
fn project_file_problems() {
    let project = "organisation:\n  name: X\nrules:\n  unknown-referense: warn\n  schema: {level: warn, threshold: 2}\nexclude: ['[']\n";
    let out = Map::new(&[("datacarto.yaml", project)]).run(&["check", "--format", "concise"]);
    insta::assert_snapshot!("project_file_problems", out.stdout);
}

/// `explain`, `rules`, `schema` and `completions` answer; an unknown rule suggests the
/// closest.
#[test]
fn documentation_commands() {
    let out = datacarto().args(["explain", "unknown-reference"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# unknown-reference\n"));
    let out = datacarto().args(["explain", "duplicate-ids"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean 'duplicate-id'?"));
    let out = datacarto().arg("rules").output().unwrap();
    insta::assert_snapshot!("rules", String::from_utf8_lossy(&out.stdout));
    let out = datacarto().args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success() && out.stdout.len() > 1000);
}

/// `rules --lang fr` lists the catalogue in French (families and summaries), and
/// `explain --lang fr` gives the French summary and says that the detail is in English.
#[test]
fn rules_and_explain_in_french() {
    let out = datacarto().args(["rules", "--lang", "fr"]).output().unwrap();
    assert!(out.status.success());
    let list = String::from_utf8_lossy(&out.stdout);
    insta::assert_snapshot!("rules_fr", list);
    for english in ["Integrity", "Governance", " a store ", " a purpose ", " without ", " that "] {
        assert!(!list.contains(english), "English in the French list: {english:?}");
    }
    let out = datacarto().args(["explain", "missing-owner", "--lang", "fr"]).output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(page.starts_with("# missing-owner\n\nRègle de la famille « Cartographie », niveau par défaut `warn` : un outil ou une finalité sans `owner`.\n"), "{page}");
    assert!(page.contains("n'existe qu'en anglais"), "{page}");
    assert!(!page.contains("Cartography rule"), "{page}");
    // The English page is unchanged by the option's existence.
    let out = datacarto().args(["explain", "missing-owner", "--lang", "en"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Cartography rule, default level"));
}

/// `init` writes a starter map that passes `check`, and never overwrites.
#[test]
fn init_writes_a_map_that_passes() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map");
    let out = datacarto().arg("init").arg(&target).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let check = run_in(&target, &["check", "--format", "concise"]);
    assert_eq!(
        (check.code, check.stdout.as_str()),
        (0, "0 errors, 0 warnings, 0 infos in 6 files\n")
    );
    let again = datacarto().arg("init").arg(&target).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

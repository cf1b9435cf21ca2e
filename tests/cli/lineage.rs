//! `datacarto trace`, `impact` and `diff` on the bundled example (the "Done when" of the
//! issue: where the customer e-mail goes, what the e-shop feeds, what a new US tool changes),
//! their formats and errors, `diff --git`, and the CI files of docs/ci/ run as documented.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{Map, Output, datacarto, project_root, run_in};

const RETAIL: &str = "examples/01-retail";
const AS_OF: &str = "2026-11-22";

fn retail() -> PathBuf {
    project_root().join(RETAIL)
}

/// `datacarto ARGS -C examples/01-retail`, run from the project root.
fn on_retail(args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-C", RETAIL]);
    run_in(&project_root(), &all)
}

fn json(out: &Output) -> Value {
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("valid JSON")
}

fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v[key].as_str().unwrap().to_owned())
        .collect()
}

/// Every file of a folder, relative to it, for copying a map.
fn files_of(dir: &Path) -> Vec<(String, String)> {
    crate::support::files_under(dir)
        .into_iter()
        // A binary file (the example's scanned database, once made) is not the map.
        .filter_map(|rel| Some((rel.clone(), std::fs::read_to_string(dir.join(&rel)).ok()?)))
        .collect()
}

/// A copy of the retail example.
fn retail_copy() -> Map {
    let files = files_of(&retail());
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    Map::new(&refs)
}

/// A survey tool hosted in the US, and the weekly flow that sends it e-mail addresses from
/// the CRM, with no transfer safeguard.
const SURVEY_STORE: &str = "stores:
  - id: survey
    name: Customer survey tool
    kind: saas
    owner: crm-marketing
    location: [US]
    vendor: Askly Inc.
    contract: https://contracts.example/askly
    security: [encryption]
    fields:
      - {id: email, name: E-mail address, category: user.contact.email, identifier: true, source: received}
      - {id: first_name, name: First name, category: user.name.first, source: received}
";
const SURVEY_FLOW: &str = "flows:
  - id: crm-to-survey
    from: crm
    to: survey
    fields: [email, first_name]
    mechanism: api
    frequency: weekly
    owner: crm-marketing
";

/// The retail example with the survey tool added (as the pull request would).
fn add_survey(map: &Map) {
    map.write("stores/survey.yaml", SURVEY_STORE.as_bytes());
    map.write("flows/survey.yaml", SURVEY_FLOW.as_bytes());
}

// --- trace -------------------------------------------------------------------------------

/// Done when: the trace of the customer e-mail shows every store the address reaches and
/// every purpose that uses it (examples/01-retail/README.md, "Where a customer's e-mail
/// address goes").
#[test]
fn trace_of_the_customer_email_reaches_every_store_and_purpose() {
    let t = json(&on_retail(&["trace", "crm.email", "--format", "json"]));
    assert_eq!(
        strings(&t["stores"], "id"),
        ["ads", "crm", "emailing", "eshop", "loyalty", "pos", "service-desk"]
    );
    assert_eq!(
        strings(&t["purposes"], "id"),
        [
            "birthday-offers",
            "customer-service",
            "loyalty-programme",
            "newsletter",
            "online-sales",
            "targeted-advertising"
        ]
    );
    assert_eq!(t["origins"], serde_json::json!(["eshop.email", "pos.email_receipt"]));
    // Both flows from the e-shop are named, with mechanism and frequency.
    let eshop =
        t["upstream"].as_array().unwrap().iter().find(|n| n["field"] == "eshop.email").unwrap();
    assert_eq!(strings(&eshop["via"], "flow"), ["eshop-to-crm", "eshop-to-crm-nightly"]);
    assert_eq!(eshop["via"][1]["mechanism"], "file");
    assert_eq!(eshop["via"][1]["frequency"], "daily");
}

/// The README's other statement: the origins of ads.hashed_email, upstream only.
#[test]
fn trace_up_only() {
    let t = json(&on_retail(&["trace", "ads.hashed_email", "--up", "--format", "json"]));
    assert_eq!(t["origins"], serde_json::json!(["eshop.email", "pos.email_receipt"]));
    assert!(t["downstream"].is_null());
    let out = on_retail(&["trace", "eshop.email", "--down", "--depth", "1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains(
        "crm.email  via eshop-to-crm (api, realtime), eshop-to-crm-nightly (file, daily)"
    ));
    assert!(out.stdout.contains("… (beyond the depth)"), "{}", out.stdout);
    assert!(!out.stdout.contains("where it comes from"));
}

#[test]
fn trace_text() {
    let out = on_retail(&["trace", "crm.email"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("trace_text", out.stdout);
}

#[test]
fn trace_md() {
    let out = on_retail(&["trace", "crm.email", "--format", "md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("trace_md", out.stdout);
}

// --- impact ------------------------------------------------------------------------------

/// Done when: the impact of the e-shop names the purposes that depend on it through the CRM.
#[test]
fn impact_of_the_eshop_names_the_purposes_fed_through_the_crm() {
    let i = json(&on_retail(&["impact", "eshop", "--format", "json"]));
    assert_eq!(i["removed"]["kind"], "store");
    let through_crm: Vec<String> = i["purposes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["downstream"].as_array().unwrap().iter().any(|u| {
                let stores = u["through"].as_array().unwrap();
                stores.first() == Some(&Value::from("eshop"))
                    && stores.contains(&Value::from("crm"))
            })
        })
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        through_crm,
        [
            "accounting",
            "analytics",
            "birthday-offers",
            "customer-service",
            "loyalty-programme",
            "newsletter",
            "targeted-advertising"
        ]
    );
    // online-sales uses the e-shop itself.
    let online =
        i["purposes"].as_array().unwrap().iter().find(|p| p["id"] == "online-sales").unwrap();
    assert_eq!(online["direct"].as_array().unwrap().len(), 17);
    // The e-mail survives through the tills; the flows from the e-shop break.
    assert_eq!(strings(&i["still_fed"], "field"), ["crm.email"]);
    assert_eq!(
        strings(&i["flows"], "flow"),
        [
            "eshop-to-crm",
            "eshop-to-crm-nightly",
            "eshop-to-erp",
            "eshop-to-payment",
            "eshop-to-wms"
        ]
    );
    let text = on_retail(&["impact", "eshop"]);
    assert!(text.stdout.contains("newsletter  Newsletter\n      loses crm.first_name, crm.language, crm.optin_newsletter (through eshop → crm)"), "{}", text.stdout);
}

#[test]
fn impact_text() {
    let out = on_retail(&["impact", "eshop"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("impact_text", out.stdout);
}

#[test]
fn impact_md() {
    let out = on_retail(&["impact", "eshop", "--format", "md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("impact_md", out.stdout);
}

/// A field: flows that carry something else only carry less; the register rows say which
/// cells change (ads is in the US: a transfer goes).
#[test]
fn impact_of_a_field() {
    let out = on_retail(&["impact", "crm.email"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("impact_field_text", out.stdout);
    let i = json(&on_retail(&["impact", "crm.email", "--format", "json"]));
    let pos = i["flows"].as_array().unwrap().iter().find(|f| f["flow"] == "pos-to-crm").unwrap();
    assert_eq!(pos["breaks"], true);
    let eshop =
        i["flows"].as_array().unwrap().iter().find(|f| f["flow"] == "eshop-to-crm").unwrap();
    assert_eq!(eshop["breaks"], false);
}

// --- diff --------------------------------------------------------------------------------

/// Done when: the diff between the map and the same map with a new flow to a US tool names
/// the flow, the new store, the new transfer and the new `transfer-without-safeguard`
/// finding; `--fail-on new-errors` makes it exit 1.
#[test]
fn diff_names_the_new_flow_store_transfer_and_finding() {
    let new = retail_copy();
    add_survey(&new);
    let new_dir = new.path().to_str().unwrap();
    let base = ["diff", RETAIL, new_dir, "--as-of", AS_OF];
    let out = run_in(&project_root(), &base);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for expected in [
        "+ crm-to-survey  (crm → survey, api, weekly, 2 fields)",
        "+ survey  Customer survey tool (saas, US, run by Askly Inc., 2 fields)",
        "+ crm-to-survey → survey (US), safeguard: none",
        "+ error  transfer-without-safeguard:crm-to-survey->survey",
    ] {
        assert!(out.stdout.contains(expected), "missing {expected:?} in\n{}", out.stdout);
    }
    insta::assert_snapshot!("diff_text", out.stdout);

    let md = run_in(&project_root(), &[&base[..], &["--format", "md"]].concat());
    assert_eq!(md.code, 0, "{}", md.stderr);
    insta::assert_snapshot!("diff_md", md.stdout);

    let d = json(&run_in(&project_root(), &[&base[..], &["--format", "json"]].concat()));
    assert_eq!(strings(&d["flows"]["added"], "id"), ["crm-to-survey"]);
    assert_eq!(strings(&d["stores"]["added"], "id"), ["survey"]);
    assert_eq!(d["transfers"]["added"][0]["mechanism"], "none");
    assert_eq!(d["transfers"]["added"][0]["countries"], serde_json::json!(["US"]));
    let ids = strings(&d["findings"]["added"], "id");
    assert!(
        ids.contains(&"transfer-without-safeguard:crm-to-survey->survey".to_owned()),
        "{ids:?}"
    );
    assert_eq!(
        d["recipients"]["added"][0],
        serde_json::json!({"purpose": "newsletter", "store": "survey", "class": "processor"})
    );

    let gate = run_in(&project_root(), &[&base[..], &["--fail-on", "new-errors"]].concat());
    assert_eq!(gate.code, 1, "{}", gate.stderr);
    // The other way round, the errors go away: nothing new to fail on.
    let back = run_in(
        &project_root(),
        &["diff", new_dir, RETAIL, "--as-of", AS_OF, "--fail-on", "new-errors"],
    );
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert!(
        back.stdout.contains("- error  transfer-without-safeguard:crm-to-survey->survey"),
        "{}",
        back.stdout
    );
}

/// Changes attribute by attribute, with before and after.
#[test]
fn diff_attribute_changes() {
    let new = retail_copy();
    let crm = std::fs::read_to_string(new.path().join("stores/crm.yaml")).unwrap();
    new.write(
        "stores/crm.yaml",
        crm.replacen("location: [FR]", "location: [FR, US]", 1).as_bytes(),
    );
    let purposes = std::fs::read_to_string(new.path().join("purposes.yaml")).unwrap();
    let purposes = purposes.replacen(
        "uses: [crm.email, crm.first_name, crm.language, crm.optin_newsletter, emailing.*]",
        "uses: [crm.email, crm.language, crm.optin_newsletter, emailing.*, loyalty.tier]",
        1,
    );
    new.write("purposes.yaml", purposes.as_bytes());
    let out =
        run_in(&project_root(), &["diff", RETAIL, new.path().to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("  ~ crm\n      location: + US\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("  ~ newsletter\n      uses: + loyalty.tier; − crm.first_name\n"),
        "{}",
        out.stdout
    );
    // Every flow out of the CRM now leaves the EEA: new transfers, with the safeguard each
    // flow declares (none but crm-to-ads has one).
    assert!(
        out.stdout.contains("+ crm-emailing-sync → crm (US), safeguard: none"),
        "{}",
        out.stdout
    );
}

/// The same map twice: nothing to say, exit 0 even with --fail-on.
#[test]
fn diff_of_a_map_with_itself() {
    let copy = retail_copy();
    let out = run_in(
        &project_root(),
        &[
            "diff",
            RETAIL,
            copy.path().to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--fail-on",
            "new-errors",
        ],
    );
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "datacarto diff: no change\n"),
        "{}",
        out.stderr
    );
}

/// File paths in finding ids are relative to each map: a broken file in both maps is the
/// same finding.
#[test]
fn diff_matches_file_findings_across_folders() {
    let files = [("stores.yaml", "stores:\n  - id: a\n    fields: [x, \n")];
    let (old, new) = (Map::new(&files), Map::new(&files));
    let out = run_in(
        Path::new("/"),
        &[
            "diff",
            old.path().to_str().unwrap(),
            new.path().to_str().unwrap(),
            "--fail-on",
            "new-errors",
        ],
    );
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "datacarto diff: no change\n"),
        "{}",
        out.stderr
    );
}

// --- errors ------------------------------------------------------------------------------

/// Unknown ids exit 2 with the closest name.
#[test]
fn unknown_names_suggest_the_closest() {
    let cases: [(&[&str], &str); 6] = [
        (&["trace", "crm.emial"], "unknown field 'crm.emial': did you mean 'crm.email'?"),
        (&["trace", "crn.email"], "unknown store 'crn': did you mean 'crm'?"),
        (
            &["trace", "crm.hashed_email"],
            "unknown field 'crm.hashed_email': did you mean 'ads.hashed_email'?",
        ),
        (&["trace", "crm"], "give a field as STORE.FIELD, for example 'crm.customer_id'"),
        (&["impact", "eshopp"], "unknown store 'eshopp': did you mean 'eshop'?"),
        (&["impact", "eshop.emali"], "unknown field 'eshop.emali': did you mean 'eshop.email'?"),
    ];
    for (args, message) in cases {
        let out = on_retail(args);
        assert_eq!(out.code, 2, "{args:?}");
        assert!(out.stderr.contains(message), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty());
    }
}

/// Usage problems exit 2: a missing map folder, -C without --git, a depth of 0.
#[test]
fn usage_errors() {
    let out = run_in(&project_root(), &["diff", RETAIL, "no/such/map"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("cannot compile the new map, no/such/map"), "{}", out.stderr);
    assert_eq!(run_in(&project_root(), &["diff", RETAIL, RETAIL, "-C", RETAIL]).code, 2);
    assert_eq!(on_retail(&["trace", "crm.email", "--depth", "0"]).code, 2);
    assert_eq!(run_in(&project_root(), &["trace", "crm.email", "-C", "no/such/map"]).code, 2);
}

// --- diff --git --------------------------------------------------------------------------

/// A git repository in a temporary folder, isolated from the user's git configuration.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo { dir: tempfile::tempdir().unwrap() };
        repo.git(&["init", "--quiet", "--initial-branch=main"]);
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "--all"]);
        self.git(&["commit", "--quiet", "--message", message]);
    }
}

fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The retail example at `prefix` in a repository: one commit as it is, one adding the
/// survey tool.
fn retail_repo(prefix: &str) -> Repo {
    let repo = Repo::new();
    repo.write("README.md", "A repository with a data map.\n");
    for (rel, text) in files_of(&retail()) {
        repo.write(&format!("{prefix}{rel}"), &text);
    }
    repo.commit("the map");
    repo.write(&format!("{prefix}stores/survey.yaml"), SURVEY_STORE);
    repo.write(&format!("{prefix}flows/survey.yaml"), SURVEY_FLOW);
    repo.commit("a survey tool");
    repo
}

/// A map in a subfolder of the repository, from inside it and with -C; the temporary
/// checkouts are cleaned up; the working tree is left as it was.
#[test]
fn diff_git_in_a_subfolder() {
    let repo = retail_repo("maps/retail/");
    let map = repo.path().join("maps/retail");
    let inside = run_in(&map, &["diff", "--git", "HEAD~1", "HEAD", "--as-of", AS_OF]);
    assert_eq!(inside.code, 0, "{}", inside.stderr);
    assert!(
        inside.stdout.contains("+ transfer-without-safeguard")
            || inside.stdout.contains("transfer-without-safeguard:crm-to-survey->survey"),
        "{}",
        inside.stdout
    );
    let folders =
        run_in(&project_root(), &["diff", RETAIL, map.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(inside.stdout, folders.stdout, "a revision diff says what a folder diff says");
    let with_c = run_in(
        &project_root(),
        &[
            "diff",
            "--git",
            "HEAD~1",
            "HEAD",
            "-C",
            map.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--fail-on",
            "new-errors",
        ],
    );
    assert_eq!((with_c.code, &with_c.stdout), (1, &inside.stdout));
    assert_eq!(repo.git(&["status", "--porcelain"]), "", "the working tree is untouched");
    assert_eq!(repo.git(&["worktree", "list"]).lines().count(), 1, "no worktree left behind");
}

/// A map that did not exist at the old revision: everything is added.
#[test]
fn diff_git_from_before_the_map() {
    let repo = Repo::new();
    repo.write("README.md", "empty\n");
    repo.commit("start");
    repo.write("map/stores.yaml", "stores:\n  - id: crm\n    fields: [{id: email}]\n");
    repo.commit("the map");
    let out =
        run_in(&repo.path().join("map"), &["diff", "--git", "HEAD~1", "HEAD", "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("datacarto diff: 1 store added; 1 field added"),
        "{}",
        out.stdout
    );
}

/// A revision that puts a symbolic link in place of the map's folder (here to a folder
/// holding a token, or to `/`) is refused: the link is not followed, nothing it points to is
/// read or printed. The same holds for a link given as the map folder.
#[cfg(unix)]
#[test]
fn diff_git_refuses_a_map_folder_replaced_by_a_link() {
    let secrets = tempfile::tempdir().unwrap();
    std::fs::write(
        secrets.path().join("token.yaml"),
        "stores:\n  - id: leaked_token_store\n    fields: [{id: ghp_secret_value}]\n",
    )
    .unwrap();
    for target in [secrets.path(), Path::new("/")] {
        let repo = Repo::new();
        repo.write("map/stores.yaml", "stores:\n  - id: crm\n    fields: [{id: email}]\n");
        repo.commit("the map");
        repo.git(&["checkout", "--quiet", "-b", "attack"]);
        std::fs::remove_dir_all(repo.path().join("map")).unwrap();
        std::os::unix::fs::symlink(target, repo.path().join("map")).unwrap();
        repo.commit("the map is a link");
        repo.git(&["checkout", "--quiet", "main"]);
        let out = run_in(
            &repo.path().join("map"),
            &["diff", "--git", "main", "attack", "--as-of", AS_OF],
        );
        assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("map is a symbolic link"), "{}", out.stderr);
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(!all.contains("leaked_token_store") && !all.contains("ghp_secret"), "{all}");
    }
    let link = secrets.path().join("link");
    std::os::unix::fs::symlink(secrets.path(), &link).unwrap();
    let out = run_in(secrets.path(), &["check", "link"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("link is a symbolic link"), "{}", out.stderr);
}

/// Unknown revisions, folders outside a repository and a missing git exit 2, clearly.
#[test]
fn diff_git_errors() {
    let repo = retail_repo("");
    let out = run_in(repo.path(), &["diff", "--git", "HEAD~1", "no-such-branch"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown revision 'no-such-branch'"), "{}", out.stderr);
    let out = run_in(repo.path(), &["diff", "--git", "--", "-x", "HEAD"]);
    assert_eq!(out.code, 2, "an option is not a revision: {}", out.stderr);

    let outside = tempfile::tempdir().unwrap();
    let out = run_in(outside.path(), &["diff", "--git", "HEAD~1", "HEAD"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is not in a git repository"), "{}", out.stderr);

    let empty = tempfile::tempdir().unwrap();
    let out = datacarto()
        .current_dir(repo.path())
        .env("PATH", empty.path())
        .args(["diff", "--git", "HEAD~1", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`git` was not found"), "{stderr}");
}

// --- the CI guide ------------------------------------------------------------------------

/// The files of docs/ci/ appear verbatim in docs/ci.md: what the guide shows is what the
/// tests below run.
#[test]
fn ci_guide_shows_the_tested_files() {
    let guide = std::fs::read_to_string(project_root().join("docs/ci.md")).unwrap();
    for file in ["github-workflow.yml", "gitlab-ci.yml", "pre-commit-config.yaml"] {
        let text = std::fs::read_to_string(project_root().join("docs/ci").join(file)).unwrap();
        assert!(guide.contains(&text), "docs/ci.md does not show docs/ci/{file} as it is");
    }
    let hooks = std::fs::read_to_string(project_root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(guide.contains(&hooks), "docs/ci.md does not show .pre-commit-hooks.yaml as it is");
}

/// A repository as CI sees a pull request: `origin` holds main with the map, the checkout
/// is the branch that adds the survey tool.
/// The origin is returned with the clone: the clone refers to it by path.
fn pull_request() -> (Repo, tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let origin = retail_repo("");
    git_in(origin.path(), &["branch", "--quiet", "feature"]);
    git_in(origin.path(), &["reset", "--quiet", "--hard", "HEAD~1"]);
    let clone = root.path().join("clone");
    git_in(
        root.path(),
        &["clone", "--quiet", "--branch", "feature", origin.path().to_str().unwrap(), "clone"],
    );
    (origin, root, clone)
}

/// The shell commands a documented CI file runs that call datacarto.
fn datacarto_scripts(file: &str, key: &str) -> Vec<String> {
    let text = std::fs::read_to_string(project_root().join("docs/ci").join(file)).unwrap();
    let doc: Value = serde_saphyr::from_str(&text).expect("the CI file is YAML");
    let mut scripts = Vec::new();
    collect(&doc, key, &mut scripts);
    scripts.retain(|s| s.contains("datacarto ") && !s.contains("cargo install"));
    assert!(!scripts.is_empty(), "no datacarto command in docs/ci/{file}");
    scripts
}

fn collect(value: &Value, key: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::String(s) if k == key => out.push(s.clone()),
                    Value::Array(items) if k == key => {
                        out.extend(items.iter().filter_map(|i| i.as_str().map(str::to_owned)));
                    }
                    _ => collect(v, key, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect(i, key, out)),
        _ => {}
    }
}

/// `sh -c SCRIPT` in `dir` with the datacarto under test first on the PATH.
fn shell(dir: &Path, script: &str, env: &[(&str, &str)]) -> std::process::Output {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_datacarto"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("sh")
        .arg("-ec")
        .arg(script)
        .current_dir(dir)
        .env("PATH", path)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .envs(env.iter().copied())
        .output()
        .expect("sh runs")
}

fn assert_sarif_and_diff(dir: &Path) {
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("datacarto.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let diff = std::fs::read_to_string(dir.join("diff.md")).unwrap();
    assert!(
        diff.starts_with("**datacarto diff**: 1 store added; 2 fields added; 1 flow added ·"),
        "{diff}"
    );
    assert!(diff.contains("transfer-without-safeguard:crm-to-survey->survey"), "{diff}");
}

/// The GitHub workflow's datacarto steps, run as written (with the pull request's base
/// branch for `${{ github.base_ref }}`): SARIF, the diff comment, then the gate, which fails
/// on the new error.
#[cfg(unix)]
#[test]
fn github_workflow_commands_work() {
    let (_origin, _root, clone) = pull_request();
    let scripts = datacarto_scripts("github-workflow.yml", "run");
    let mut codes = Vec::new();
    for script in &scripts {
        let script = script.replace("${{ github.base_ref }}", "main");
        assert!(!script.contains("${{"), "an expression the test does not know: {script}");
        let out = shell(&clone, &script, &[]);
        codes.push((script.clone(), out.status.code()));
        if script.contains("--format github") {
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(stdout.contains("::error file=flows/survey.yaml"), "{stdout}");
        }
    }
    let expected: Vec<Option<i32>> =
        scripts.iter().map(|s| Some(if s.contains("--format github") { 1 } else { 0 })).collect();
    assert_eq!(codes.iter().map(|(_, c)| *c).collect::<Vec<_>>(), expected, "{codes:#?}");
    assert_sarif_and_diff(&clone);
}

/// The GitLab job's script, run as written in a merge request pipeline (no note token).
#[cfg(unix)]
#[test]
fn gitlab_job_commands_work() {
    let (_origin, _root, clone) = pull_request();
    let env = [("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main")];
    let scripts = datacarto_scripts("gitlab-ci.yml", "script");
    let last = scripts.len() - 1;
    for (i, script) in scripts.iter().enumerate() {
        let out = shell(&clone, script, &env);
        let expected = if i == last { 1 } else { 0 };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{script}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_sarif_and_diff(&clone);
}

/// The pre-commit hook's entry, run in the map: it fails on the new error.
#[cfg(unix)]
#[test]
fn pre_commit_hook_works() {
    let (_origin, _root, clone) = pull_request();
    let text = std::fs::read_to_string(project_root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Value = serde_saphyr::from_str(&text).unwrap();
    let entry = hooks[0]["entry"].as_str().unwrap();
    let out = shell(&clone, entry, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("error[transfer-without-safeguard]"));
    git_in(&clone, &["checkout", "--quiet", "HEAD~1"]);
    assert_eq!(shell(&clone, entry, &[]).status.code(), Some(0));
}

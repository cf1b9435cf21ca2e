//! The CI contract (docs/ci.md): SARIF that the official schema and GitHub's upload accept,
//! with the same URIs wherever the command runs from.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{Map, project_root, run_in};

/// A map in `maps/retail/` of a git repository, without `datacarto.yaml`: its
/// `missing-organization` finding is about the map as a whole.
fn repository_with_a_map() -> Map {
    let map = Map::new(&[
        ("maps/retail/teams.yaml", "teams:\n  - id: it\n"),
        (
            "maps/retail/stores/crm v2.yaml",
            "stores:\n  - id: crm\n    owner: it\n    fields:\n      - {id: email, category: user.contact.email}\n",
        ),
        ("maps/retail/flows.yaml", "flows:\n  - {from: crm, to: crm2, fields: [email]}\n"),
        ("README.md", "# a repository\n"),
    ]);
    std::fs::create_dir_all(map.path().join(".git")).unwrap();
    map
}

/// A python that can `import jsonschema` (scripts/test installs python3-jsonschema).
fn python_with_jsonschema() -> &'static str {
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .find(|py| {
            Command::new(py)
                .args(["-c", "import jsonschema"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("python3 with jsonschema (apt-get install python3-jsonschema, or ./scripts/test)")
}

/// Validates `log` against the official SARIF 2.1.0 schema; the schema's complaints if not.
pub(crate) fn schema_errors(log: &str) -> Vec<String> {
    let schema = project_root().join("tests/fixtures/sarif/sarif-2.1.0-rtm.5.json");
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("log.sarif");
    std::fs::write(&file, log).unwrap();
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1]))\n\
        log = json.load(open(sys.argv[2]))\n\
        v = jsonschema.Draft4Validator(schema)\n\
        for e in sorted(v.iter_errors(log), key=str):\n\
        \x20   print(list(e.absolute_path), e.message[:300])\n";
    let out = Command::new(python_with_jsonschema())
        .args(["-c", script])
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect()
}

/// What GitHub's code scanning upload checks beyond the schema: every result has a
/// location, each with a relative URI under `%SRCROOT%`.
fn github_upload_errors(log: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    for (i, result) in log["runs"][0]["results"].as_array().unwrap().iter().enumerate() {
        let locations = result["locations"].as_array().map_or(&[][..], Vec::as_slice);
        if locations.is_empty() {
            errors
                .push(format!("result {i} ({}): expected at least one location", result["ruleId"]));
        }
        for loc in
            locations.iter().chain(result["relatedLocations"].as_array().into_iter().flatten())
        {
            let artifact = &loc["physicalLocation"]["artifactLocation"];
            let uri = artifact["uri"].as_str().unwrap_or_default();
            if uri.is_empty() || uri.starts_with('/') || uri.contains("..") || uri.contains(':') {
                errors.push(format!("result {i}: URI {uri:?} is not relative to the repository"));
            }
            if artifact["uriBaseId"] != "%SRCROOT%" {
                errors.push(format!("result {i}: no uriBaseId on {uri}"));
            }
        }
    }
    errors
}

fn sarif_in(dir: &Path, args: &[&str]) -> (String, Value) {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let out = run_in(dir, &all);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let log = serde_json::from_str(&out.stdout).expect("SARIF is JSON");
    (out.stdout, log)
}

fn uris(log: &Value) -> Vec<String> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].to_string())
        .collect()
}

/// A map without datacarto.yaml gives a log that the official schema and GitHub's upload
/// rules accept: the finding about the missing organisation points at the map's folder.
#[test]
fn sarif_without_a_project_file_is_accepted() {
    let repo = repository_with_a_map();
    let (text, log) = sarif_in(&repo.path().join("maps/retail"), &[]);
    assert_eq!(schema_errors(&text), Vec::<String>::new());
    assert_eq!(github_upload_errors(&log), Vec::<String>::new());
    let results = log["runs"][0]["results"].as_array().unwrap();
    let organization = results
        .iter()
        .find(|r| r["ruleId"] == "missing-organization")
        .expect("the missing organisation");
    assert_eq!(
        organization["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "maps/retail/"
    );
    let uris = uris(&log);
    assert!(uris.contains(&"\"maps/retail/stores/crm%20v2.yaml\"".to_owned()), "{uris:?}");
}

/// With a datacarto.yaml, findings about the whole map point at it.
#[test]
fn findings_about_the_map_point_at_the_project_file() {
    let repo = repository_with_a_map();
    repo.write("maps/retail/datacarto.yaml", b"language: en\n");
    let (text, log) = sarif_in(repo.path(), &["maps/retail"]);
    assert_eq!(schema_errors(&text), Vec::<String>::new());
    let results = log["runs"][0]["results"].as_array().unwrap();
    let organization = results.iter().find(|r| r["ruleId"] == "missing-organization").unwrap();
    assert_eq!(
        organization["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "maps/retail/datacarto.yaml"
    );
}

/// The URIs are the same from the repository's root, from the map, from a subfolder, with an
/// absolute path: never `../` nor the machine's folders.
#[test]
fn sarif_uris_do_not_depend_on_where_the_command_runs() {
    let repo = repository_with_a_map();
    std::fs::create_dir_all(repo.path().join("maps/retail/stores")).unwrap();
    let absolute = repo.path().join("maps/retail");
    let runs: [(PathBuf, Vec<String>); 4] = [
        (repo.path().to_path_buf(), vec!["maps/retail".into()]),
        (repo.path().join("maps/retail"), vec![".".into()]),
        (repo.path().join("maps/retail/stores"), vec!["..".into()]),
        (repo.path().join("maps"), vec![absolute.to_string_lossy().into_owned()]),
    ];
    let mut seen = Vec::new();
    for (dir, args) in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (text, log) = sarif_in(dir, &args);
        assert_eq!(github_upload_errors(&log), Vec::<String>::new(), "from {}", dir.display());
        assert!(!text.contains(&*repo.path().to_string_lossy()), "a machine path leaked");
        seen.push(text);
    }
    assert!(seen.windows(2).all(|w| w[0] == w[1]), "the logs differ");
}

/// Outside any git repository, URIs are relative to the map's folder.
#[test]
fn sarif_outside_a_repository_is_relative_to_the_map() {
    let map = Map::new(&[("teams.yaml", "teams:\n  - id: it\n  - id: it\n")]);
    let (text, log) = sarif_in(map.path(), &[]);
    assert_eq!(schema_errors(&text), Vec::<String>::new());
    assert_eq!(uris(&log)[0], "\"teams.yaml\"");
    assert_eq!(
        log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["description"]["text"],
        "The map's folder."
    );
}

/// Rules carry a full description, their page as Markdown (docs/rules/<rule>.md), and a
/// help link made from `rule_help_uri` of datacarto.yaml.
#[test]
fn sarif_rules_carry_their_documentation() {
    let repo = repository_with_a_map();
    repo.write(
        "maps/retail/datacarto.yaml",
        b"rule_help_uri: https://example.org/data-map/docs/rules/{rule}.md\n",
    );
    let (_, log) = sarif_in(&repo.path().join("maps/retail"), &[]);
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let orphan = rules.iter().find(|r| r["id"] == "orphan-store").unwrap();
    assert_eq!(orphan["helpUri"], "https://example.org/data-map/docs/rules/orphan-store.md");
    let page = std::fs::read_to_string(project_root().join("docs/rules/orphan-store.md")).unwrap();
    assert_eq!(orphan["help"]["markdown"], page.as_str());
    let full = orphan["fullDescription"]["text"].as_str().unwrap();
    assert!(full.starts_with("A store with no flow in or out"), "{full}");
    assert!(!full.contains('\n') && !full.contains("##"), "{full}");

    // Without the setting, no link is invented.
    let (_, log) = sarif_in(&repository_with_a_map().path().join("maps/retail"), &[]);
    let rules = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r.get("helpUri").is_none()));
}

/// A map with an accepted risk on a store, one on a field, and an `allow:` left behind.
fn accepted_risks() -> Map {
    Map::new(&[
        ("datacarto.yaml", "organization: {name: Risks Ltd}\n"),
        ("teams.yaml", "teams:\n  - id: it\n"),
        (
            "stores.yaml",
            "stores:\n  - id: old\n    owner: it\n    fields: [{id: code, category: system.operations}]\n    allow:\n      - rule: orphan-store\n        reason: Read-only until the 2027 audit.\n        until: 2027-06-30\n      - rule: missing-owner\n        reason: Owner to be named.\n",
        ),
    ])
}

/// Accepted risks are listed, not only counted: JSON with the reason, the expiry and the
/// place of the `allow:`; SARIF as suppressed results that the schema accepts; the human
/// format with --show-suppressed only. An `allow:` that silences nothing is reported.
#[test]
fn accepted_risks_are_visible() {
    let map = accepted_risks();
    let args = ["check", "--as-of", "2026-11-22"];
    let json = map.run(&[&args[..], &["--format", "json"]].concat());
    let json: Value = serde_json::from_str(&json.stdout).unwrap();
    let suppressed = json["suppressed"].as_array().unwrap();
    let rules: Vec<&str> = suppressed.iter().map(|s| s["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"orphan-store"), "{rules:?}");
    let orphan = suppressed.iter().find(|s| s["rule"] == "orphan-store").unwrap();
    assert_eq!(orphan["entity"], "old");
    assert_eq!(orphan["reason"], "Read-only until the 2027 audit.");
    assert_eq!(orphan["until"], "2027-06-30");
    assert_eq!(
        (orphan["allow"]["file"].as_str(), orphan["allow"]["line"].as_u64()),
        (Some("stores.yaml"), Some(6))
    );
    assert_eq!(json["summary"]["suppressed"], suppressed.len());
    let findings = json["findings"].as_array().unwrap();
    assert!(
        findings.iter().all(|f| f["rule"] != "orphan-store"),
        "a silenced finding stays silent"
    );
    let unused =
        findings.iter().find(|f| f["rule"] == "unused-suppression").expect("the allow left behind");
    assert_eq!((unused["level"].as_str(), unused["line"].as_u64()), (Some("info"), Some(9)));

    let sarif = map.run(&[&args[..], &["--format", "sarif"]].concat());
    assert_eq!(schema_errors(&sarif.stdout), Vec::<String>::new());
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    let silenced = results.iter().find(|r| r["ruleId"] == "orphan-store").unwrap();
    assert_eq!(silenced["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        silenced["suppressions"][0]["justification"],
        "Read-only until the 2027 audit. (until 2027-06-30)"
    );
    assert_eq!(github_upload_errors(&log), Vec::<String>::new());

    let quiet = map.run(&args);
    assert!(!quiet.stdout.contains("Read-only until"), "{}", quiet.stdout);
    let shown = map.run(&[&args[..], &["--show-suppressed"]].concat());
    assert!(shown.stdout.contains("accepted warn: store 'old'"), "{}", shown.stdout);
    assert!(shown.stdout.contains("reason: Read-only until the 2027 audit. (until 2027-06-30)"));
    assert_eq!(shown.code, quiet.code, "listing accepted risks changes no exit status");
}

/// The site has an accepted-risks page listing each one with its reason.
#[test]
fn the_site_lists_accepted_risks() {
    let map = accepted_risks();
    let out = map.run(&["build", "-o", "site", "--as-of", "2026-11-22"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = std::fs::read_to_string(map.path().join("site/accepted.html")).unwrap();
    assert!(page.contains("<code>orphan-store</code>"), "{page}");
    assert!(page.contains("Read-only until the 2027 audit.") && page.contains("2027-06-30"));
    assert!(page.contains("<code>stores.yaml:6</code>"), "where the allow is");
    let findings = std::fs::read_to_string(map.path().join("site/findings.html")).unwrap();
    assert!(findings.contains("href=\"accepted.html\""));
}

/// examples/01-retail copied into `maps/retail/` of a repository (a `.git` folder), with a
/// `datacarto.yaml` above the repository that must never be taken.
fn retail_in_a_repository() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("datacarto.yaml"), "language: fr\n").unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("docs")).unwrap();
    std::fs::write(repo.join("README.md"), "# data map\n").unwrap();
    crate::support::copy_dir(&project_root().join("examples/01-retail"), &repo.join("maps/retail"));
    (tmp, repo)
}

fn findings(out: &crate::support::Output) -> Vec<(String, String)> {
    let json: Value = serde_json::from_str(&out.stdout).expect(&out.stderr);
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].to_string(), f["line"].to_string()))
        .collect()
}

/// From a subfolder of the map, commands read the whole map (the nearest datacarto.yaml
/// above), with paths that stay clickable from where they ran.
#[test]
fn the_map_is_found_from_any_subfolder() {
    let (_tmp, repo) = retail_in_a_repository();
    let root = repo.join("maps/retail");
    let args = ["check", "--format", "json", "--as-of", "2026-11-22"];
    let at_root = run_in(&root, &args);
    let below = run_in(&root.join("stores"), &args);
    assert_eq!(findings(&below), findings(&at_root));
    assert!(below.stdout.contains("\"file\": \"../stores/"), "relative to where it ran");
    assert!(!below.stderr.contains("note:"), "{}", below.stderr);

    let trace = run_in(&root.join("flows"), &["trace", "crm.email", "--format", "json"]);
    assert_eq!(trace.code, 0, "{}", trace.stderr);
    let from_root = run_in(&root, &["trace", "crm.email", "--format", "json"]);
    assert_eq!(trace.stdout, from_root.stdout);
    let impact = run_in(&root.join("stores"), &["impact", "crm"]);
    assert_eq!(impact.stdout, run_in(&root, &["impact", "crm"]).stdout);
}

/// The walk stops at the repository's root: from `docs/` of a repository that is not a map,
/// the datacarto.yaml above the repository is not read, and a note says which folder was read
/// and how to point at the map.
#[test]
fn outside_a_map_the_folder_read_is_named() {
    let (_tmp, repo) = retail_in_a_repository();
    let out = run_in(&repo.join("docs"), &["check"]);
    assert!(out.stderr.contains("note: no datacarto.yaml in"), "{}", out.stderr);
    assert!(out.stderr.contains("docs nor above it"), "{}", out.stderr);
    assert!(out.stderr.contains("datacarto check path/to/map"), "{}", out.stderr);
    assert!(!out.stdout.contains("language"), "the file above the repository was not read");
    // A map without datacarto.yaml but with stores and no error is read without a note.
    let plain = Map::new(&[
        ("teams.yaml", "teams:\n  - id: it\n"),
        (
            "stores.yaml",
            "stores:\n  - {id: a, owner: it, fields: [{id: x, category: system.operations}]}\n",
        ),
    ]);
    let out = plain.run(&["check"]);
    assert!(!out.stderr.contains("note:"), "{}", out.stderr);
}

/// `trace`, `impact` and `diff --git` name the map like `check` does: a positional DIR, with
/// `-C DIR` kept as an alias giving the same answer.
#[test]
fn lineage_commands_take_the_map_like_check() {
    let (_tmp, repo) = retail_in_a_repository();
    let positional = run_in(&repo, &["trace", "crm.email", "maps/retail"]);
    assert_eq!(positional.code, 0, "{}", positional.stderr);
    let alias = run_in(&repo, &["trace", "crm.email", "-C", "maps/retail"]);
    assert_eq!(positional.stdout, alias.stdout);
    let impact = run_in(&repo, &["impact", "crm", "maps/retail"]);
    assert_eq!(impact.stdout, run_in(&repo, &["impact", "-C", "maps/retail", "crm"]).stdout);
    let both = run_in(&repo, &["trace", "crm.email", "maps/retail", "-C", "maps/retail"]);
    assert_eq!(both.code, 2, "one way at a time");
    let diff = run_in(&repo, &["diff", "a", "b", "maps/retail"]);
    assert_eq!(diff.code, 2, "a folder for diff is a --git option: {}", diff.stderr);
}

/// `-o -` is standard output: `map` and `register` print instead of writing a file named
/// `-`; `build`, whose output is a folder, refuses it and writes nothing.
#[test]
fn dash_means_standard_output() {
    let (_tmp, repo) = retail_in_a_repository();
    let root = repo.join("maps/retail");
    let map = run_in(&root, &["map", "-o", "-"]);
    assert_eq!(map.code, 0, "{}", map.stderr);
    assert!(map.stdout.starts_with("<svg") || map.stdout.contains("<svg"), "the SVG");
    let register = run_in(&root, &["register", "-o", "-", "--format", "csv"]);
    assert_eq!(register.code, 0, "{}", register.stderr);
    assert!(register.stdout.lines().count() > 1);
    let build = run_in(&root, &["build", "-o", "-"]);
    assert_eq!(build.code, 2);
    assert!(build.stderr.contains("cannot go to standard output"), "{}", build.stderr);
    assert!(!root.join("-").exists(), "no file nor folder named '-'");
}

/// The GitHub workflow restores the binary from a cache keyed by datacarto's version and
/// compiles it only on a cache miss, into the folder the cache saves.
#[test]
fn the_github_workflow_does_not_compile_datacarto_every_run() {
    let text = std::fs::read_to_string(project_root().join("docs/ci/github-workflow.yml")).unwrap();
    let workflow: Value = serde_saphyr::from_str(&text).unwrap();
    let steps = workflow["jobs"]["datacarto"]["steps"].as_array().unwrap();
    let cache = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/cache@")))
        .expect("a cache step");
    assert_eq!(cache["with"]["path"], "~/.cargo/bin/datacarto", "where cargo install puts it");
    assert!(cache["with"]["key"].as_str().unwrap().contains("v0.1.0"), "keyed by version");
    let id = cache["id"].as_str().unwrap();
    let install = steps
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("cargo install")))
        .expect("an install step");
    assert_eq!(install["if"], format!("steps.{id}.outputs.cache-hit != 'true'"));
    assert!(install["run"].as_str().unwrap().contains("--tag v0.1.0"), "the cached version");
}

/// The GitLab job's `before_script`, run as written with datacarto restored on the PATH:
/// cargo is never called.
#[cfg(unix)]
#[test]
fn the_gitlab_job_uses_the_cached_binary() {
    use std::os::unix::fs::PermissionsExt;
    let text = std::fs::read_to_string(project_root().join("docs/ci/gitlab-ci.yml")).unwrap();
    let job: Value = serde_saphyr::from_str(&text).unwrap();
    let job = &job["datacarto"];
    assert_eq!(job["cache"]["paths"][0], ".datacarto/");
    let root = job["variables"]["CARGO_INSTALL_ROOT"].as_str().unwrap();
    assert_eq!(root, "$CI_PROJECT_DIR/.datacarto");
    let tmp = tempfile::tempdir().unwrap();
    // The cache restored: the binary where `cargo install --root` put it; a `cargo` that
    // says so if it is ever called.
    let bin = tmp.path().join(".datacarto/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_datacarto"), bin.join("datacarto")).unwrap();
    let fake = tmp.path().join("fake");
    std::fs::create_dir_all(&fake).unwrap();
    std::fs::write(fake.join("cargo"), "#!/bin/sh\necho cargo was called >&2\nexit 1\n").unwrap();
    std::fs::set_permissions(fake.join("cargo"), std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut script: Vec<String> = job["before_script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect();
    script.push("datacarto --version".into());
    let out = Command::new("sh")
        .arg("-ec")
        .arg(script.join("\n"))
        .current_dir(tmp.path())
        .env("PATH", format!("{}:/usr/bin:/bin", fake.display()))
        .env("CI_PROJECT_DIR", tmp.path())
        .env("CARGO_INSTALL_ROOT", tmp.path().join(".datacarto"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("cargo was called"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("datacarto"));
}

/// Completions offer the rule names after `-A/-W/-D` and `explain`, and folders for the
/// map's folder; `-A` still accepts any text and reports an unknown rule itself.
#[test]
fn completions_know_rules_and_folders() {
    let out = run_in(&project_root(), &["completions", "fish"]);
    assert_eq!(out.code, 0);
    let flags = out.stdout.lines().filter(|l| l.contains("orphan-store")).count();
    assert_eq!(flags, 3, "check -A/-W/-D offer the rules");
    assert!(out.stdout.contains("warnings\\t"), "and `warnings`");
    let bash = run_in(&project_root(), &["completions", "bash"]).stdout;
    let explain = bash.split("datacarto__subcmd__explain)").nth(1).expect("explain's section");
    let explain = explain.split(";;").next().unwrap();
    assert!(explain.contains(" orphan-store "), "explain offers the rules: {explain}");
    assert!(!explain.contains("warnings"), "but not `warnings`, which is no rule");
    assert!(bash.contains("compopt -o plusdirs"), "folders for folder arguments");
    let unknown = run_in(&project_root(), &["check", "-A", "orphan-stor", "examples/01-retail"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("did you mean 'orphan-store'?"), "{}", unknown.stderr);
}

/// `-q` keeps notes off standard error; `-v` names the folder read.
#[test]
fn quiet_and_verbose() {
    let (_tmp, repo) = retail_in_a_repository();
    let quiet = run_in(&repo.join("docs"), &["-q", "check"]);
    assert!(!quiet.stderr.contains("note:"), "{}", quiet.stderr);
    let verbose = run_in(&repo.join("maps/retail/stores"), &["check", "-v", "-f", "concise"]);
    assert!(verbose.stderr.contains("reading the map in "), "{}", verbose.stderr);
    assert!(verbose.stderr.contains("maps/retail ("), "{}", verbose.stderr);
    let both = run_in(&repo, &["check", "-q", "-v"]);
    assert_eq!(both.code, 2);
}

/// The VS Code `yaml.schemas` globs of docs/manifest.md give every YAML file of the examples
/// its schema: datacarto.yaml the project's, every other one the manifests'.
#[test]
fn editor_globs_cover_the_examples() {
    let doc = std::fs::read_to_string(project_root().join("docs/manifest.md")).unwrap();
    let block = doc.split("```json\n").nth(1).unwrap().split("```").next().unwrap();
    let settings: Value = serde_json::from_str(block).expect("the settings are JSON");
    let matcher = |schema: &str| {
        let globs = settings["yaml.schemas"][schema].as_array().expect(schema);
        let mut set = globset::GlobSetBuilder::new();
        for g in globs {
            set.add(globset::Glob::new(g.as_str().unwrap()).unwrap());
        }
        set.build().unwrap()
    };
    let project = matcher("./.vscode/datacarto.schema.json");
    let manifest = matcher("./.vscode/manifest.schema.json");
    let mut missed = Vec::new();
    for example in std::fs::read_dir(project_root().join("examples")).unwrap() {
        let root = example.unwrap().path();
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    let rel =
                        path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                    let (want, other) = if rel == "datacarto.yaml" {
                        (&project, &manifest)
                    } else {
                        (&manifest, &project)
                    };
                    if !want.is_match(&rel) || other.is_match(&rel) {
                        missed.push(rel);
                    }
                }
            }
        }
    }
    assert!(missed.is_empty(), "not given their schema: {missed:?}");
}

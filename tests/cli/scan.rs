//! `datacarto scan`: a map held against a SQLite database, CSV files and a workbook, through
//! every output format, with the coverage gate and the URL kept secret.

use crate::support::{Map, datacarto};

const MAP: &str = "\
teams: [{id: crm-team}]
stores:
  # The CRM's database: its customers table, its orders under the order_ prefix.
  - id: crm
    owner: crm-team
    scan: {url: env:CRM_DATABASE_URL, tables: [customers, {name: orders, prefix: order_}]}
    fields:
      - {id: customer_id, category: user.unique_id}
      - {id: email, category: user.contact.email}
      - {id: phone, column: customers.telephone, category: user.contact.phone_number}
      - {id: fax, category: user.contact.fax_number}
      - {id: order_id}
      - {id: order_total}
  - id: events
    owner: crm-team
    scan: {file: exports/events.csv}
    fields: [{id: event_id}, {id: customer_id}]
";

/// A map whose CRM is a SQLite file named by `sqlite:` URL, and whose events are a CSV.
fn crm_map() -> Map {
    let map =
        Map::new(&[("map.yaml", MAP), ("exports/events.csv", "event_id;customer_id;Courriel\n")]);
    let conn = rusqlite::Connection::open(map.path().join("crm.sqlite")).expect("open");
    conn.execute_batch(
        "CREATE TABLE customers (customer_id INTEGER, email TEXT, telephone TEXT, iban TEXT, nir TEXT);
         CREATE TABLE orders (id INTEGER, total REAL);
         CREATE TABLE audit_log (who TEXT);",
    )
    .expect("schema");
    map
}

fn scan(map: &Map, args: &[&str]) -> (i32, String, String) {
    let out = datacarto()
        .current_dir(map.path())
        .env("CRM_DATABASE_URL", "sqlite:crm.sqlite")
        .arg("scan")
        .args(args)
        .output()
        .expect("datacarto runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// "3 columns the map does not know, one of them looks like a bank account": the findings at
/// the `scan:` line with their guesses, a field gone, and coverage per store.
#[test]
fn reports_undeclared_and_missing_columns_with_coverage() {
    let map = crm_map();
    let (code, stdout, stderr) = scan(&map, &["--color", "never"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("scan_human", stdout);
    // The table the store does not list is not the store's.
    assert!(!stdout.contains("audit_log"));
}

/// Every `check` format carries the scan findings; machine formats keep stdout one document
/// and put the coverage on stderr.
#[test]
fn findings_in_every_format() {
    let map = crm_map();
    let (_, sarif, stderr) = scan(&map, &["-f", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    let rules: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert_eq!(rules.iter().filter(|r| **r == "undeclared-column").count(), 3);
    assert_eq!(rules.iter().filter(|r| **r == "missing-column").count(), 1);
    assert!(stderr.contains("coverage crm: 5 of 7 columns declared (71.4%)"), "{stderr}");
    let (_, json, _) = scan(&map, &["-f", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["findings"][0]["id"], "undeclared-column:crm.customers.iban");
    let (_, github, _) = scan(&map, &["-f", "github"]);
    assert!(github.contains(
        "title=datacarto undeclared-column::store 'crm' does not declare column 'customers.nir'"
    ));
    insta::assert_snapshot!("scan_concise", scan(&map, &["-f", "concise"]).1);
}

/// `--min-coverage` fails the run below the share; `-D undeclared-column` too; an allow on
/// the store silences its columns.
#[test]
fn coverage_gate_and_levels() {
    let map = crm_map();
    assert_eq!(scan(&map, &["--min-coverage", "60"]).0, 0);
    let (code, stdout, _) = scan(&map, &["--min-coverage", "70%"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("below --min-coverage 70%"));
    assert_eq!(scan(&map, &["-D", "undeclared-column"]).0, 1);
    let (code, _, stderr) = scan(&map, &["--min-coverage", "120"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a percentage from 0 to 100"));
}

/// The URL's password never reaches a message; a URL written in the manifest is refused
/// where it is written; an unset variable stops the run with its name.
#[test]
fn database_urls_stay_secret() {
    let map = crm_map();
    let out = datacarto()
        .current_dir(map.path())
        .env("CRM_DATABASE_URL", "oracle://crm:hunter2@db.internal/crm")
        .args(["scan", "--store", "crm"])
        .output()
        .expect("runs");
    let all =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(2));
    assert!(all.contains("crm:***@db.internal") && !all.contains("hunter2"), "{all}");

    let out = datacarto()
        .current_dir(map.path())
        .env_remove("CRM_DATABASE_URL")
        .arg("scan")
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stderr).contains("CRM_DATABASE_URL is not set"));

    map.write(
        "map.yaml",
        MAP.replace("env:CRM_DATABASE_URL", "sqlite://u:pw@x/crm.sqlite").as_bytes(),
    );
    let (code, stdout, _) = scan(&map, &["-f", "concise", "--store", "events"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("map.yaml:6:17: error[schema] a URL is written out here"), "{stdout}");
    assert!(!stdout.contains("pw"), "{stdout}");
}

/// `--store` with `--file` scans one store ad hoc; a workbook's sheets are tables.
#[test]
fn scans_one_store_ad_hoc_from_a_workbook() {
    let map = crm_map();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Events").expect("name");
    for (i, h) in ["event_id", "customer_id", "Date de naissance"].iter().enumerate() {
        sheet.write_string(0, i as u16, *h).expect("cell");
    }
    book.save(map.path().join("events.xlsx")).expect("save");
    let (code, stdout, stderr) =
        scan(&map, &["-f", "concise", "--store", "events", "--file", "events.xlsx"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("column 'Events.Date de naissance'; its name suggests a date of birth"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`- {id: date_de_naissance, category: user.demographic.date_of_birth}`")
    );
    assert!(!stdout.contains("store 'crm'"));
    let (code, _, stderr) = scan(&map, &["--store", "evnts"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean 'events'?"), "{stderr}");
}

/// `--sample N` puts counts in the findings, never a value, in any format.
#[test]
fn sampling_never_prints_a_value() {
    let map = crm_map();
    let conn = rusqlite::Connection::open(map.path().join("crm.sqlite")).expect("open");
    conn.execute_batch(
        "INSERT INTO customers VALUES (1, 'a@b.fr', '0612345678', 'FR7630006000011234567890189', '284057505600115');",
    )
    .expect("data");
    drop(conn);
    for format in ["human", "concise", "json", "sarif", "github"] {
        let (code, stdout, stderr) = scan(&map, &["--sample", "5", "-f", format]);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            stdout.contains("1 of 1 sampled values look like IBANs (checksum verified)"),
            "{format}: {stdout}"
        );
        for value in ["a@b.fr", "0612345678", "FR7630006000011234567890189", "284057505600115"] {
            assert!(!stdout.contains(value) && !stderr.contains(value), "{format} printed {value}");
        }
    }
}

/// The example map's CRM against the database its script makes: three columns the map does
/// not know, one of them a bank account, and the segment the CRM does not hold.
#[test]
fn the_example_crm_scans_as_its_readme_says() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let db = dir.path().join("crm.sqlite");
    let root = crate::support::project_root();
    let sql =
        std::fs::read_to_string(root.join("examples/01-retail/scan/crm.sql")).expect("crm.sql");
    rusqlite::Connection::open(&db).expect("open").execute_batch(&sql).expect("crm.sql runs");
    let out = datacarto()
        .current_dir(&root)
        .args(["scan", "examples/01-retail", "-f", "concise", "--store", "crm", "--file"])
        .arg(&db)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    // The example's `allow: orphan-store` is used (`check` says so); `scan` runs no map rule,
    // so it must not call the allow unused.
    assert!(!stdout.contains("unused-suppression"), "{stdout}");
    insta::assert_snapshot!("scan_example", stdout);
}

/// `--dry-run` prints the patch and changes nothing; `--write` makes it, leaving the rest of
/// the file byte for byte, and the map then loads and scans clean of undeclared columns.
#[test]
fn write_edits_the_manifest_in_place() {
    let map = crm_map();
    let before = std::fs::read_to_string(map.path().join("map.yaml")).expect("map");
    let (code, patch, _) = scan(&map, &["--dry-run"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("scan_dry_run", patch);
    assert_eq!(std::fs::read_to_string(map.path().join("map.yaml")).expect("map"), before);

    let (code, stdout, stderr) = scan(&map, &["--write"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("wrote "), "{stdout}");
    // The events store lists its fields in flow style: it is left for a person to edit.
    assert!(
        stderr.contains("not edited: map.yaml:17: the fields are not a block list"),
        "{stderr}"
    );
    let after = std::fs::read_to_string(map.path().join("map.yaml")).expect("map");
    // Only added lines and one line with a comment appended: every old line is still there.
    let old: Vec<&str> = before.lines().collect();
    let kept: Vec<&str> = after.lines().filter(|l| old.contains(l)).collect();
    assert_eq!(kept.len(), old.len() - 1, "{after}");
    assert!(after.contains("      - {id: fax, category: user.contact.fax_number}  # datacarto scan: no column in the scanned system\n"));
    let (_, rescan, _) = scan(&map, &["-f", "concise"]);
    assert!(!rescan.contains("store 'crm' does not declare"), "{rescan}");
    assert!(!rescan.contains("[schema]"), "{rescan}");
    assert!(rescan.contains("coverage crm: 7 of 7 columns declared (100%)"), "{rescan}");
    // Once written, nothing is left to change.
    let (_, again, _) = scan(&map, &["--dry-run", "--store", "crm"]);
    assert!(again.starts_with("nothing to change"), "{again}");
}

/// What the scan does not report (a suppression) is not written either.
#[test]
fn write_leaves_suppressed_columns_alone() {
    let map = crm_map();
    map.write(
        "map.yaml",
        MAP.replace(
            "    owner: crm-team\n    scan: {url",
            "    owner: crm-team\n    allow: [{rule: undeclared-column, reason: reviewed}]\n    scan: {url",
        )
        .as_bytes(),
    );
    let (_, patch, _) = scan(&map, &["--dry-run", "--store", "crm"]);
    assert!(!patch.contains("iban") && patch.contains("# datacarto scan: no column"), "{patch}");
}

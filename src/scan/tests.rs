//! The scan of stores written in memory against tables given in memory or a SQLite file.

use super::compare::{compare, field_id_for};
use super::engine::Table;
use super::*;
use crate::diag::Finding;

fn model(yaml: &str) -> Model {
    let loaded = crate::load::load_from_memory(&[("map.yaml", yaml)]);
    assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
    crate::model::resolve::resolve(loaded.manifests, &loaded.project, None).0
}

fn table(name: &str, columns: &[&str]) -> Table {
    Table { name: name.into(), columns: columns.iter().map(|c| (*c).to_owned()).collect() }
}

fn keys(findings: &[Finding]) -> Vec<(&str, &str)> {
    let mut out: Vec<_> = findings.iter().map(|f| (f.rule, f.key.as_str())).collect();
    out.sort();
    out
}

const CRM: &str = "
stores:
  - id: crm
    scan: {file: crm.sqlite, tables: [customers, {name: orders, prefix: order_}]}
    fields:
      - {id: customer_id}
      - {id: email, category: user.contact.email}
      - {id: phone, column: customers.Téléphone}
      - {id: order_total}
      - {id: fax}
  - id: shop
";

/// Columns become fields by id, by `column:` (any case) and by table prefix; the rest are
/// undeclared, and a declared field with no column is missing.
#[test]
fn matches_columns_to_fields_by_id_column_and_prefix() {
    let m = model(CRM);
    let crm = m.store_by_id("crm").expect("crm");
    let tables = [
        table("customers", &["customer_id", "Email", "téléphone", "iban"]),
        table("orders", &["total", "id"]),
        table("audit", &["who"]),
    ];
    let (scan, findings) = compare(&m, crm, &tables, m.store(crm).span, None).expect("compare");
    assert_eq!((scan.found, scan.declared), (6, 4));
    assert_eq!(
        keys(&findings),
        [
            ("missing-column", "crm.fax"),
            ("undeclared-column", "crm.customers.iban"),
            ("undeclared-column", "crm.orders.id"),
        ]
    );
}

/// The guess is in the message, marked personal; a column with no guess says nothing of one.
#[test]
fn undeclared_columns_carry_their_guess() {
    let m = model(CRM);
    let crm = m.store_by_id("crm").expect("crm");
    let tables = [
        table("customers", &["customer_id", "email", "iban", "score"]),
        table("orders", &["total"]),
    ];
    let (_, findings) = compare(&m, crm, &tables, m.store(crm).span, None).expect("compare");
    let iban = findings.iter().find(|f| f.key == "crm.customers.iban").expect("iban");
    assert!(iban.message.contains("bank account (user.financial.bank_account): personal data"));
    let score = findings.iter().find(|f| f.key == "crm.customers.score").expect("score");
    assert!(!score.message.contains("suggests"), "{}", score.message);
    assert!(score.help.as_deref().is_some_and(|h| h.contains("category: CATEGORY")));
}

/// A listed table the system lacks is reported once, on its entry; its fields are missing.
#[test]
fn reports_a_listed_table_that_is_gone() {
    let m = model(CRM);
    let crm = m.store_by_id("crm").expect("crm");
    let tables = [table("customers", &["customer_id", "email", "téléphone", "fax"])];
    let (scan, findings) = compare(&m, crm, &tables, m.store(crm).span, None).expect("compare");
    assert_eq!(scan.coverage(), Some(1.0));
    assert_eq!(
        keys(&findings),
        [("missing-column", "crm.order_total"), ("missing-column", "crm.orders")]
    );
}

/// Without `tables:`, every table belongs to the store; with no column, coverage is not
/// stated rather than 0 or 100%.
#[test]
fn every_table_without_a_list_and_no_coverage_without_columns() {
    let m = model("stores:\n  - id: s\n    scan: {file: a.csv}\n    fields: [{id: a}]\n");
    let s = m.store_by_id("s").expect("s");
    let (scan, findings) =
        compare(&m, s, &[table("x", &["a"]), table("y", &["b"])], m.store(s).span, None)
            .expect("compare");
    assert_eq!((scan.found, scan.declared), (2, 1));
    assert_eq!(keys(&findings), [("undeclared-column", "s.y.b")]);
    let (scan, _) = compare(&m, s, &[], m.store(s).span, None).expect("compare");
    assert_eq!(scan.coverage(), None);
}

/// Field ids made from column names are valid ids.
#[test]
fn field_ids_from_column_names() {
    assert_eq!(field_id_for("", "Date de naissance"), "date_de_naissance");
    assert_eq!(field_id_for("order_", "customerId"), "order_customer_id");
    assert_eq!(field_id_for("", "_x"), "x");
    assert_eq!(field_id_for("", "Prénom"), "prenom");
}

/// A URL comes only from the environment: an unset variable, a literal URL and an engine
/// datacarto does not read are refused, the password never shown.
#[test]
fn urls_come_from_the_environment_and_are_redacted() {
    let m = model("stores:\n  - id: s\n    scan: {url: env:CRM_URL}\n");
    let s = m.store_by_id("s").expect("s");
    let dir = std::path::Path::new(".");
    let none = |_: &str| None;
    let err = scan_store(&m, s, dir, &Override::default(), &none).expect_err("unset");
    assert!(format!("{err:#}").contains("CRM_URL is not set"), "{err:#}");
    let secret = |_: &str| Some("oracle://crm:hunter2@db/crm".to_owned());
    let err = scan_store(&m, s, dir, &Override::default(), &secret).expect_err("engine");
    let text = format!("{err:#}");
    assert!(text.contains("oracle://crm:***@db/crm") && !text.contains("hunter2"), "{text}");
    let literal =
        Override { url: Some("postgres://crm:hunter2@db/crm".into()), ..Override::default() };
    let err = scan_store(&m, s, dir, &literal, &none).expect_err("literal");
    assert!(!format!("{err:#}").contains("hunter2"));
}

/// A `sqlite:` URL and a `file:` read the same database.
#[test]
fn scans_a_sqlite_database_by_url_or_file() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let conn = rusqlite::Connection::open(dir.path().join("crm.db")).expect("open");
    conn.execute_batch("CREATE TABLE customers (id INTEGER, courriel TEXT);").expect("schema");
    drop(conn);
    let m = model("stores:\n  - id: s\n    scan: {url: env:DB}\n    fields: [{id: id}]\n");
    let s = m.store_by_id("s").expect("s");
    let url = |_: &str| Some("sqlite:crm.db".to_owned());
    let (scan, findings) = scan_store(&m, s, dir.path(), &Override::default(), &url).expect("scan");
    assert_eq!((scan.found, scan.declared), (2, 1));
    assert!(findings[0].message.contains("e-mail address"), "{}", findings[0].message);
    let file = Override { file: Some(dir.path().join("crm.db")), ..Override::default() };
    let (again, _) = scan_store(&m, s, dir.path(), &file, &|_: &str| None).expect("scan");
    assert_eq!(again, scan);
}

/// A PostgreSQL store end to end: the URL from the environment, the schema from `scan:`,
/// the findings and coverage of its columns.
#[test]
fn scans_a_postgresql_store() {
    let Some(pg) = super::testdb::Postgres::start() else { return };
    pg.sql("CREATE SCHEMA crm; CREATE TABLE crm.customers (id int, email text, portable text);");
    let m = model(
        "stores:\n  - id: s\n    scan: {url: env:CRM_URL, schema: crm}\n    fields: [{id: id}, {id: email}, {id: fax}]\n",
    );
    let s = m.store_by_id("s").expect("s");
    let url = pg.url();
    let env = |_: &str| Some(url.clone());
    let (scan, findings) =
        scan_store(&m, s, std::path::Path::new("."), &Override::default(), &env).expect("scan");
    assert_eq!((scan.found, scan.declared), (3, 2));
    assert_eq!(
        keys(&findings),
        [("missing-column", "s.fax"), ("undeclared-column", "s.customers.portable")]
    );
    assert!(findings.iter().any(|f| f.message.contains("a phone number")));
}

/// A server that cannot be reached is an error that names the store and shows the URL
/// without its password.
#[test]
fn unreachable_postgresql_keeps_the_password() {
    let m = model("stores:\n  - id: s\n    scan: {url: env:CRM_URL}\n");
    let s = m.store_by_id("s").expect("s");
    let env = |_: &str| Some("postgres://crm:hunter2@%2Fnonexistent-datacarto/crm".to_owned());
    let err = scan_store(&m, s, std::path::Path::new("."), &Override::default(), &env)
        .expect_err("unreachable");
    let text = format!("{err:#}");
    assert!(text.starts_with("store 's': "), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
}

/// A MariaDB store end to end, by a `mariadb://` URL from the environment.
#[test]
fn scans_a_mariadb_store() {
    let Some(db) = super::testdb::MariaDb::start() else { return };
    db.sql("CREATE DATABASE crm; CREATE TABLE crm.clients (id INT, courriel TEXT, nir TEXT);");
    let m = model(
        "stores:\n  - id: s\n    scan: {url: env:CRM_URL}\n    fields: [{id: id}, {id: courriel}]\n",
    );
    let s = m.store_by_id("s").expect("s");
    let url = db.url("crm").replacen("mysql://", "mariadb://", 1);
    let env = |_: &str| Some(url.clone());
    let (scan, findings) =
        scan_store(&m, s, std::path::Path::new("."), &Override::default(), &env).expect("scan");
    assert_eq!((scan.found, scan.declared), (3, 2));
    assert_eq!(keys(&findings), [("undeclared-column", "s.clients.nir")]);
    assert!(findings[0].message.contains("special category data"), "{}", findings[0].message);
}

/// `--sample`: a name's guess is confirmed (or not) by counts of matching values, a column
/// whose name says nothing is recognised by its values, and no value reaches a finding.
#[test]
fn sampling_confirms_guesses_without_keeping_values() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let conn = rusqlite::Connection::open(dir.path().join("crm.db")).expect("open");
    conn.execute_batch(
        "CREATE TABLE t (id INTEGER, email TEXT, iban TEXT, ref TEXT, notes TEXT, sante TEXT);
         INSERT INTO t VALUES (1, 'jeanne@exemple.fr', 'FR76 3000 6000 0112 3456 7890 189', '4970101234567893', 'rien', 'x');
         INSERT INTO t VALUES (2, 'paul@exemple.fr', 'FR76 3000 6000 0112 3456 7890 188', '4970101234567893', 'nada', 'y');
         INSERT INTO t VALUES (3, NULL, NULL, NULL, NULL, NULL);",
    )
    .expect("data");
    drop(conn);
    let m = model("stores:\n  - id: s\n    scan: {file: crm.db}\n    fields: [{id: id}]\n");
    let s = m.store_by_id("s").expect("s");
    let over = Override { sample: Some(10), ..Override::default() };
    let (_, findings) = scan_store(&m, s, dir.path(), &over, &|_: &str| None).expect("scan");
    let message = |key: &str| {
        findings.iter().find(|f| f.key == key).map(|f| f.message.clone()).expect("a finding")
    };
    assert!(message("s.t.email").ends_with("; 2 of 2 sampled values look like e-mail addresses"));
    assert!(
        message("s.t.iban")
            .ends_with("; 1 of 2 sampled values look like IBANs (checksum verified)")
    );
    let card = message("s.t.ref");
    assert!(card.contains("its name suggests nothing (user.financial.credit_card): personal data; 2 of 2 sampled values look like payment card numbers"), "{card}");
    assert!(message("s.t.notes").ends_with("; 2 values sampled, none fits a known pattern"));
    // Health data has no value pattern: it is not read at all.
    assert!(!message("s.t.sante").contains("sampl"));
    let everything = format!("{findings:?}");
    for value in ["jeanne", "FR76", "4970", "rien"] {
        assert!(!everything.contains(value), "a sampled value leaked: {value}");
    }
}

/// Sampling a PostgreSQL column reads it through the read-only session.
#[test]
fn samples_postgresql_values() {
    let Some(pg) = super::testdb::Postgres::start() else { return };
    pg.sql("CREATE TABLE \"Clients\" (\"Tél\" text); INSERT INTO \"Clients\" VALUES ('+33 6 12 34 56 78'), ('hello');");
    let m = model("stores:\n  - id: s\n    scan: {url: env:U}\n");
    let s = m.store_by_id("s").expect("s");
    let url = pg.url();
    let over = Override { sample: Some(5), ..Override::default() };
    let (_, findings) =
        scan_store(&m, s, std::path::Path::new("."), &over, &|_: &str| Some(url.clone()))
            .expect("scan");
    assert!(
        findings[0].message.ends_with("; 1 of 2 sampled values look like phone numbers"),
        "{}",
        findings[0].message
    );
}

//! The `scan` benchmark of docs/performance.md: a SQLite database of 1,000 tables × 20
//! columns, held against a store that declares 19 columns of each table (so 1,000 columns are
//! undeclared and guessed). `scan/sqlite` reads the schema and compares it, findings included;
//! `guess/20k` guesses a category for every one of the 20,000 column names alone.
//!
//! `cargo bench --bench scan`. (PostgreSQL and MariaDB read `information_schema` in one query
//! too; they need a server, so their figures in docs/performance.md are measured by hand.)

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use datacarto::commands::compile;
use datacarto::date::Date;
use datacarto::load::LoadOptions;
use datacarto::scan::{self, Override};

const TABLES: usize = 1_000;
const COLUMNS: [&str; 20] = [
    "id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "birth_date",
    "street",
    "postcode",
    "city",
    "country",
    "iban",
    "created_at",
    "updated_at",
    "status",
    "segment",
    "score",
    "language",
    "optin",
    "notes",
    "mobile",
];

/// The database and the map that scans it, in `dir`.
#[expect(clippy::disallowed_methods, reason = "the benchmark writes its map")]
fn setup(dir: &Path) {
    let db = rusqlite::Connection::open(dir.join("crm.sqlite")).expect("a database");
    let mut ddl = String::from("BEGIN;");
    let mut fields = String::new();
    for t in 0..TABLES {
        let columns: Vec<String> = COLUMNS.iter().map(|c| format!("{c} TEXT")).collect();
        let _ = write!(ddl, "CREATE TABLE t{t:04} ({});", columns.join(", "));
        // The store declares every column but the last one of each table.
        for c in &COLUMNS[..COLUMNS.len() - 1] {
            let _ = writeln!(fields, "      - {{id: t{t:04}_{c}, column: t{t:04}.{c}}}");
        }
    }
    ddl.push_str("COMMIT;");
    db.execute_batch(&ddl).expect("the tables");
    let tables: Vec<String> =
        (0..TABLES).map(|t| format!("{{name: t{t:04}, prefix: t{t:04}_}}")).collect();
    let manifest = format!(
        "stores:\n  - id: crm\n    scan: {{file: crm.sqlite, tables: [{}]}}\n    fields:\n{fields}",
        tables.join(", ")
    );
    std::fs::write(dir.join("map.yaml"), manifest).expect("the map");
}

fn benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    setup(tmp.path());
    let as_of = Date::new(2026, 1, 1).expect("a date");
    let compiled = compile(tmp.path(), &[], as_of, &LoadOptions::default()).expect("the map");
    let model = &compiled.model;
    let store = model.store_ids().next().expect("the store");
    let env = |_: &str| None;
    let (_, findings) =
        scan::scan_store(model, store, tmp.path(), &Override::default(), &env).expect("a scan");
    assert_eq!(findings.len(), TABLES, "one undeclared column per table");

    let mut group = c.benchmark_group("scan");
    group.sample_size(20);
    group.bench_function("sqlite", |b| {
        b.iter(|| scan::scan_store(model, store, tmp.path(), &Override::default(), &env))
    });
    group.finish();

    let names: Vec<String> =
        (0..TABLES).flat_map(|t| COLUMNS.iter().map(move |c| format!("t{t:04}_{c}"))).collect();
    c.bench_function("guess/20k", |b| {
        b.iter(|| names.iter().filter(|n| scan::guess::guess(black_box(n)).is_some()).count())
    });
}

criterion_group!(scan_benches, benches);
criterion_main!(scan_benches);

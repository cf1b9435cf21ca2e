//! SQLite: the file opened read-only (and `query_only`), its tables and views from
//! `sqlite_schema` and their columns from `pragma_table_info`, in one query.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::engine::Table;

pub(super) fn tables(path: &Path) -> anyhow::Result<Vec<Table>> {
    // Opening read-only never creates a missing file, and `query_only` refuses writes even
    // through a statement that would try.
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.pragma_update(None, "query_only", true)?;
    let mut stmt = conn.prepare(
        "SELECT m.name, p.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS p \
         WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
         ORDER BY m.name, p.cid",
    )?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(super::engine::group(rows.collect::<Result<Vec<(String, String)>, _>>()?))
}

pub(super) fn sample(
    path: &Path,
    table: &str,
    column: &str,
    n: usize,
) -> anyhow::Result<Vec<String>> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.pragma_update(None, "query_only", true)?;
    let c = super::engine::quote(column, '"');
    let sql = format!(
        "SELECT CAST({c} AS TEXT) FROM {} WHERE {c} IS NOT NULL LIMIT ?1",
        super::engine::quote(table, '"')
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([n as i64], |row| row.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tables and views come with their columns in declaration order; SQLite's own tables
    /// do not; the file is not written.
    #[test]
    fn reads_tables_and_columns_without_writing() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("crm.sqlite");
        let conn = Connection::open(&path).expect("open");
        conn.execute_batch(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT, iban TEXT);
             CREATE TABLE orders (id INTEGER, total REAL);
             CREATE VIEW big AS SELECT id FROM orders;",
        )
        .expect("schema");
        drop(conn);
        let before = std::fs::metadata(&path).expect("meta").modified().expect("mtime");
        let found = tables(&path).expect("tables");
        let names: Vec<_> = found.iter().map(|t| (t.name.as_str(), t.columns.join(","))).collect();
        assert_eq!(
            names,
            [
                ("big", "id".to_owned()),
                ("customers", "id,email,iban".into()),
                ("orders", "id,total".into())
            ]
        );
        let after = std::fs::metadata(&path).expect("meta").modified().expect("mtime");
        assert_eq!(before, after);
    }

    /// A missing file is an error, and is not created.
    #[test]
    fn does_not_create_a_missing_database() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("none.sqlite");
        assert!(tables(&path).is_err());
        assert!(!path.exists());
    }
}

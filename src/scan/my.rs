//! MySQL and MariaDB: one connection without TLS, the session and the transaction
//! read-only, the columns of one database from `information_schema.COLUMNS` in one query.

use std::time::Duration;

use anyhow::bail;
use mysql::prelude::Queryable as _;
use mysql::{Conn, Opts, OptsBuilder};

use super::engine::Table;

/// A connection whose session cannot write, and the database to read.
fn connect(url: &str, schema: Option<&str>) -> anyhow::Result<(Conn, String)> {
    // MariaDB's own scheme is read as MySQL's: the protocol is the same.
    let url = match url.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("mariadb") => format!("mysql://{rest}"),
        _ => url.to_owned(),
    };
    let opts = Opts::from_url(&url).map_err(|_| {
        anyhow::anyhow!("the URL is not a MySQL URL (mysql://USER:PASSWORD@HOST:PORT/DATABASE)")
    })?;
    let Some(database) =
        schema.map(str::to_owned).or_else(|| opts.get_db_name().map(str::to_owned))
    else {
        bail!("the URL names no database: end it with /DATABASE, or write `schema:` in `scan:`")
    };
    let opts = OptsBuilder::from_opts(opts).tcp_connect_timeout(Some(Duration::from_secs(10)));
    let mut conn = Conn::new(opts)?;
    conn.query_drop("SET SESSION TRANSACTION READ ONLY")?;
    Ok((conn, database))
}

pub(super) fn sample(
    url: &str,
    schema: Option<&str>,
    table: &str,
    column: &str,
    n: usize,
) -> anyhow::Result<Vec<String>> {
    let (mut conn, database) = connect(url, schema)?;
    conn.query_drop("START TRANSACTION READ ONLY")?;
    let c = super::engine::quote(column, '`');
    let sql = format!(
        "SELECT CAST({c} AS CHAR) FROM {}.{} WHERE {c} IS NOT NULL LIMIT {n}",
        super::engine::quote(&database, '`'),
        super::engine::quote(table, '`')
    );
    let values: Vec<Option<String>> = conn.query(sql)?;
    conn.query_drop("ROLLBACK")?;
    Ok(values.into_iter().flatten().collect())
}

pub(super) fn tables(url: &str, schema: Option<&str>) -> anyhow::Result<Vec<Table>> {
    let (mut conn, database) = connect(url, schema)?;
    // A read-only transaction inside the read-only session.
    conn.query_drop("START TRANSACTION READ ONLY")?;
    let rows: Vec<(String, String)> = conn.exec(
        "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS \
         WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION",
        (database,),
    )?;
    conn.query_drop("ROLLBACK")?;
    Ok(super::engine::group(rows))
}

#[cfg(test)]
mod tests {
    use super::super::testdb::MariaDb;
    use super::*;

    /// Tables and columns of the URL's database (or `schema:`'s), in order; the session
    /// refuses writes.
    #[test]
    fn reads_one_database_read_only() {
        let Some(db) = MariaDb::start() else { return };
        db.sql(
            "CREATE DATABASE crm; CREATE TABLE crm.customers (id INT, email TEXT, iban TEXT);
             CREATE TABLE crm.orders (id INT, total DECIMAL(10,2));
             CREATE DATABASE other; CREATE TABLE other.x (y INT);",
        );
        let found = tables(&db.url("crm"), None).expect("scan");
        let names: Vec<_> = found.iter().map(|t| (t.name.as_str(), t.columns.join(","))).collect();
        assert_eq!(
            names,
            [("customers", "id,email,iban".to_owned()), ("orders", "id,total".into())]
        );
        let found = tables(&db.url("crm"), Some("other")).expect("scan");
        assert_eq!(found[0].name, "x");
        let err = tables(&db.url(""), None).expect_err("no database");
        assert!(err.to_string().contains("names no database"));
    }
}

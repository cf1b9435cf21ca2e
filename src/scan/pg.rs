//! PostgreSQL: one connection without TLS, its session and transaction read-only, the
//! columns of one schema from `information_schema.columns` in one query.

use std::time::Duration;

use postgres::{Client, Config, NoTls};

use super::engine::Table;

/// A connection whose session cannot write: a scan never changes the database, whatever
/// the account may do.
fn connect(url: &str) -> anyhow::Result<Client> {
    let mut config: Config = url.parse().map_err(|_| {
        anyhow::anyhow!(
            "the URL is not a PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
        )
    })?;
    config.connect_timeout(Duration::from_secs(10));
    config.application_name("datacarto scan");
    let mut client: Client = config.connect(NoTls)?;
    client.batch_execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")?;
    Ok(client)
}

pub(super) fn tables(url: &str, schema: &str) -> anyhow::Result<Vec<Table>> {
    let mut client = connect(url)?;
    // And a read-only transaction inside the read-only session.
    let mut tx = client.build_transaction().read_only(true).start()?;
    let rows = tx.query(
        "SELECT table_name::text, column_name::text FROM information_schema.columns \
         WHERE table_schema = $1 ORDER BY table_name, ordinal_position",
        &[&schema],
    )?;
    tx.rollback()?;
    let pairs = rows
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect::<anyhow::Result<Vec<(String, String)>>>()?;
    Ok(super::engine::group(pairs))
}

pub(super) fn sample(
    url: &str,
    schema: &str,
    table: &str,
    column: &str,
    n: usize,
) -> anyhow::Result<Vec<String>> {
    let mut client = connect(url)?;
    let mut tx = client.build_transaction().read_only(true).start()?;
    let c = super::engine::quote(column, '"');
    let sql = format!(
        "SELECT {c}::text FROM {}.{} WHERE {c} IS NOT NULL LIMIT {n}",
        super::engine::quote(schema, '"'),
        super::engine::quote(table, '"')
    );
    let rows = tx.query(&sql, &[])?;
    tx.rollback()?;
    rows.iter().map(|r| Ok(r.try_get::<_, String>(0)?)).collect()
}

#[cfg(test)]
mod tests {
    use super::super::testdb::Postgres;
    use super::*;

    /// Tables and columns of the asked schema only, in order; the scan cannot write.
    #[test]
    fn reads_one_schema_read_only() {
        let Some(pg) = Postgres::start() else { return };
        pg.sql(
            "CREATE TABLE public.customers (id int, email text, iban text);
             CREATE SCHEMA crm; CREATE TABLE crm.contacts (courriel text, tel text);",
        );
        let found = tables(&pg.url(), "public").expect("scan");
        assert_eq!(
            found,
            [Table {
                name: "customers".into(),
                columns: vec!["id".into(), "email".into(), "iban".into()]
            }]
        );
        let found = tables(&pg.url(), "crm").expect("scan");
        assert_eq!(found[0].columns, ["courriel", "tel"]);
        assert!(tables(&pg.url(), "nothing").expect("scan").is_empty());
    }
}

//! Reading the columns of a real system: which engine a store's `scan:` names, and the
//! tables with their columns it answers. Every engine opens its source read-only.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};

use super::redact::redact;

/// A table (a sheet, a CSV file) and its columns in their order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
}

/// Where to read, once `env:` is looked up and the file placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The URL (with its password: shown only through `redact`) and the schema.
    Postgres {
        url: String,
        schema: String,
    },
    /// MySQL or MariaDB: the URL and the database when `scan.schema` names it.
    Mysql {
        url: String,
        schema: Option<String>,
    },
    Sqlite(PathBuf),
    Csv(PathBuf),
    Xlsx(PathBuf),
}

impl Source {
    /// The engine a file is, by its extension.
    pub fn of_file(path: &Path) -> anyhow::Result<Source> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        Ok(match ext.as_str() {
            "sqlite" | "sqlite3" | "db" => Source::Sqlite(path.to_owned()),
            "csv" => Source::Csv(path.to_owned()),
            "xlsx" | "xlsm" => Source::Xlsx(path.to_owned()),
            _ => bail!(
                "'{}' is not a file datacarto scan reads: use a .sqlite/.sqlite3/.db database, a \
                 .csv file or an .xlsx workbook",
                path.display()
            ),
        })
    }

    /// The engine a database URL names. Relative SQLite paths are taken from `base` (the map
    /// folder). The URL shows only redacted in messages.
    pub fn of_url(url: &str, base: &Path, schema: Option<&str>) -> anyhow::Result<Source> {
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        match scheme.as_deref() {
            Some("postgres" | "postgresql") => Ok(Source::Postgres {
                url: url.to_owned(),
                schema: schema.unwrap_or("public").to_owned(),
            }),
            Some("mysql" | "mariadb") => {
                Ok(Source::Mysql { url: url.to_owned(), schema: schema.map(str::to_owned) })
            }
            Some("sqlite") => {
                let rest = &url["sqlite:".len()..];
                let path = rest.strip_prefix("//").unwrap_or(rest);
                let path = path.split_once('?').map_or(path, |(p, _)| p);
                if path.is_empty() {
                    bail!("the URL '{}' names no SQLite file (sqlite:PATH)", redact(url));
                }
                Ok(Source::Sqlite(base.join(path)))
            }
            _ => bail!(
                "datacarto scan does not read '{}': it reads postgres://, mysql:// and \
                 sqlite:PATH URLs, and .sqlite, .csv and .xlsx files",
                redact(url)
            ),
        }
    }

    /// The place read, for messages.
    pub fn describe(&self) -> String {
        match self {
            Source::Postgres { url, schema } => {
                format!("PostgreSQL database {} (schema {schema})", redact(url))
            }
            Source::Mysql { url, .. } => format!("MySQL/MariaDB database {}", redact(url)),
            Source::Sqlite(p) => format!("SQLite database {}", p.display()),
            Source::Csv(p) => format!("CSV file {}", p.display()),
            Source::Xlsx(p) => format!("workbook {}", p.display()),
        }
    }

    /// Every table and its columns, tables by name.
    pub fn tables(&self) -> anyhow::Result<Vec<Table>> {
        let mut tables = match self {
            // The driver's own error text may quote the URL: only the redacted one is shown.
            Source::Postgres { url, schema } => super::pg::tables(url, schema)
                .map_err(|e| anyhow::anyhow!("{}", scrub(&e.to_string(), url))),
            Source::Mysql { url, schema } => super::my::tables(url, schema.as_deref())
                .map_err(|e| anyhow::anyhow!("{}", scrub(&e.to_string(), url))),
            Source::Sqlite(path) => super::sqlite::tables(path),
            Source::Csv(path) => super::flat::csv_table(path).map(|t| vec![t]),
            Source::Xlsx(path) => super::flat::xlsx_tables(path),
        }
        .with_context(|| format!("cannot read the {}", self.describe()))?;
        tables.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(tables)
    }
}

impl Source {
    /// Up to `n` non-empty values of one column, as text, to test against patterns. The
    /// caller drops them once tested: none is kept, printed or written.
    pub fn sample(&self, table: &str, column: &str, n: usize) -> anyhow::Result<Vec<String>> {
        let values = match self {
            Source::Postgres { url, schema } => super::pg::sample(url, schema, table, column, n)
                .map_err(|e| anyhow::anyhow!("{}", scrub(&e.to_string(), url))),
            Source::Mysql { url, schema } => {
                super::my::sample(url, schema.as_deref(), table, column, n)
                    .map_err(|e| anyhow::anyhow!("{}", scrub(&e.to_string(), url)))
            }
            Source::Sqlite(path) => super::sqlite::sample(path, table, column, n),
            Source::Csv(path) => super::flat::csv_sample(path, column, n),
            Source::Xlsx(path) => super::flat::xlsx_sample(path, table, column, n),
        }
        .with_context(|| {
            format!("cannot sample column '{table}.{column}' of the {}", self.describe())
        })?;
        Ok(values.into_iter().filter(|v| !v.trim().is_empty()).take(n).collect())
    }
}

/// `(table, column)` rows ordered by table into tables.
pub(super) fn group(rows: impl IntoIterator<Item = (String, String)>) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    for (table, column) in rows {
        match out.last_mut() {
            Some(last) if last.name == table => last.columns.push(column),
            _ => out.push(Table { name: table, columns: vec![column] }),
        }
    }
    out
}

/// `name` as a quoted SQL identifier (`"` for SQL, `` ` `` for MySQL), quotes doubled.
pub(super) fn quote(name: &str, q: char) -> String {
    let doubled = name.replace(q, &format!("{q}{q}"));
    format!("{q}{doubled}{q}")
}

/// A driver's message with the URL, and its password, replaced by the redacted URL.
fn scrub(message: &str, url: &str) -> String {
    let mut text = message.replace(url, &redact(url));
    if let Some(password) = password_of(url).filter(|p| !p.is_empty()) {
        text = text.replace(password, "***");
    }
    text
}

/// The password of a URL's user-info.
fn password_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let userinfo = &authority[..authority.rfind('@')?];
    Some(userinfo.split_once(':')?.1)
}

//! `scan:` on a store: how `datacarto scan` reaches the system the store describes.

use schemars::JsonSchema;
use serde::Deserialize;

use super::spanned::Spanned;
use super::text::EnvRef;

/// Where the real system behind a store lives, for `datacarto scan`: a database named by an
/// environment variable (`url`), or a file of the map's repository (`file`).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scan {
    /// `env:NAME`: the environment variable that holds the database URL (`postgres://…`,
    /// `mysql://…`, `sqlite:PATH`). Never the URL itself: a manifest holds no secret.
    pub url: Option<Spanned<EnvRef>>,
    /// A file the store is, relative to the map folder: a SQLite database (`.sqlite`, `.db`),
    /// a `.csv` file or an `.xlsx` workbook (their header rows are the columns).
    pub file: Option<Spanned<String>>,
    /// The schema to read on PostgreSQL (default `public`); the database on MySQL/MariaDB
    /// (default: the URL's).
    pub schema: Option<String>,
    /// The tables (sheets, for a workbook) that belong to the store, each a name or
    /// `{name, prefix}` when its columns are the store's fields `<prefix><column>`. Default:
    /// every table, without prefix.
    pub tables: Option<Vec<Spanned<ScanTable>>>,
}

/// A table of a scanned store. (Spans sit outside: serde's untagged enums drop them.)
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ScanTable {
    /// The table name; its columns are the store's fields of the same names.
    Name(String),
    Prefixed(PrefixedTable),
}

/// A table whose columns are fields with a prefix: `{name: orders, prefix: order_}`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrefixedTable {
    pub name: String,
    /// Put before each column name to make the field id.
    pub prefix: Option<String>,
}

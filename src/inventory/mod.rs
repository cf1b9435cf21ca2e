//! The spreadsheet inventory (`datacarto export inventory`, `datacarto import inventory`):
//! the workshop's workbook of stores, fields, flows and purposes, and its way back into
//! manifests. One table per sheet, one column per attribute; the round trip loses nothing.

pub mod encode;
pub mod export;
pub mod import;
pub mod merge;
pub mod read;
pub mod sheets;
pub mod value;

use self::sheets::Sheet;

/// The cells of one row, in the order of its sheet's columns.
pub type Row = Vec<String>;

/// One sheet's rows.
#[derive(Debug)]
pub struct Table {
    pub sheet: &'static Sheet,
    pub rows: Vec<Row>,
}

/// Every table, in workbook order.
#[derive(Debug)]
pub struct Inventory {
    pub tables: Vec<Table>,
}

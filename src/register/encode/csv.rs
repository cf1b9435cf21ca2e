//! `--format csv`: RFC 4180 (CRLF, quotes where needed), UTF-8 with a byte-order mark so
//! that spreadsheets open it as UTF-8, one header line and one line per activity. A cell
//! that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) gets a leading `'`. The controller is not a column: it is in the other
//! formats' header (or, in the CNIL layout, the "Actors" columns).

use std::borrow::Cow;

use super::{Register, flat_title};
use crate::register::cells;
use crate::register::layout::{Layout, columns};

const BOM: &str = "\u{feff}";

/// Neutralises a cell a spreadsheet would evaluate (CSV injection).
pub(crate) fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

pub(super) fn encode(register: &Register, layout: Layout) -> anyhow::Result<Vec<u8>> {
    let cols = columns(layout);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    let header: Vec<String> = cols.iter().map(|c| flat_title(c, register)).collect();
    writer.write_record(header.iter().map(|h| neutralise(h).into_owned()))?;
    for row in &register.rows {
        let record: Vec<String> = cols
            .iter()
            .map(|c| neutralise(&cells::text(c.cell, row, register)).into_owned())
            .collect();
        writer.write_record(&record)?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.error()))
}

/// A derived table: one header line and one line per row.
pub(super) fn encode_table(table: &crate::register::table::Table) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    let header: Vec<String> =
        table.columns.iter().map(|c| neutralise(c.get(table.language)).into_owned()).collect();
    writer.write_record(&header)?;
    for row in &table.rows {
        let record: Vec<String> =
            row.cells.iter().map(|l| neutralise(&l.join("\n")).into_owned()).collect();
        writer.write_record(&record)?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Formula starters get a quote; everything else is left alone.
    #[test]
    fn neutralises_formulas() {
        for bad in ["=1+1", "+33 4", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        for good in ["Maison", "'quoted", " =x", "a=b"] {
            assert_eq!(neutralise(good), good);
        }
    }
}

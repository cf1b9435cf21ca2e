//! A table derived from the register (the processor register, the retention schedule): titled
//! columns, rows of cells made of lines, and its own coverage gaps. The encoders lay any such
//! table out in CSV, XLSX, HTML and Markdown the same way, so a derived layout needs only to
//! say what its cells hold.

use super::rows::Gap;
use crate::manifest::enums::Language;
use crate::words::register::L;

/// A derived table, its words already in `language`.
#[derive(Clone, Debug)]
pub struct Table {
    pub language: Language,
    /// The document's title, with the controller's name.
    pub title: String,
    /// (label, value) lines of the controller block.
    pub controller: Vec<(String, String)>,
    pub columns: Vec<L>,
    pub rows: Vec<TableRow>,
    pub coverage: Vec<Gap>,
    /// Markdown and HTML: one fiche per row (wide rows) rather than one table.
    pub fiches: bool,
    /// The title of the list of rows, and the name of the table's sheet.
    pub contents: L,
    pub sheet: L,
    /// What a row is, for the coverage summary: singular and plural.
    pub unit: (L, L),
    /// The title of the coverage report's first column (what a gap is about).
    pub row_title: L,
}

/// A row: its reference (an id), its name, and one cell per column, each a list of lines
/// never empty (a fact the map does not state says so).
#[derive(Clone, Debug)]
pub struct TableRow {
    pub reference: String,
    pub name: String,
    pub cells: Vec<Vec<String>>,
}

impl Table {
    /// The coverage report as text, as `register --check` prints it.
    pub fn coverage_text(&self) -> String {
        super::coverage_report(&self.coverage, self.rows.len(), self.unit, self.language)
    }

    pub fn has_mandatory_gaps(&self) -> bool {
        self.coverage.iter().any(|g| g.mandatory)
    }
}

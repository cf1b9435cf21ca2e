//! The register's store of cell lines: one slot per row and kind of cell, filled on first
//! use from any thread.

use std::sync::OnceLock;

use super::cells::{CELLS, Cell};

#[derive(Clone, Debug, Default)]
pub struct Cache(Vec<OnceLock<Vec<String>>>);

impl Cache {
    /// Empty slots for `rows` rows.
    pub(super) fn new(rows: usize) -> Cache {
        Cache((0..rows * CELLS).map(|_| OnceLock::new()).collect())
    }

    /// The slot of a cell of row `row`, if the register has that row.
    pub(super) fn slot(&self, row: usize, cell: Cell) -> Option<&OnceLock<Vec<String>>> {
        self.0.get(row.checked_mul(CELLS)?.checked_add(cell as usize)?)
    }
}

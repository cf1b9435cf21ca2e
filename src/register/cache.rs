//! The register's store of cell lines: one slot per row and kind of cell, filled on first
//! use from any thread.

use std::sync::OnceLock;

use super::cells::{CELLS, Cell};

#[derive(Clone, Default)]
pub struct Cache(Vec<OnceLock<Vec<String>>>);

/// The slots are a copy of what the rows say: a debug print names only how many there are.
impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cache({} slots)", self.0.len())
    }
}

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

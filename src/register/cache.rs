//! The register's store of cell lines: one slot per row and kind of cell, filled on first
//! use from any thread. It knows cells by their index only, so that it depends on nothing
//! of the register (the rows hold it, the cells fill it: no import cycle).

use std::sync::OnceLock;

#[derive(Clone, Default)]
pub struct Cache {
    slots: Vec<OnceLock<Vec<String>>>,
    /// Slots per row: the number of kinds of cell.
    width: usize,
}

/// The slots are a copy of what the rows say: a debug print names only how many there are.
impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cache({} slots)", self.slots.len())
    }
}

impl Cache {
    /// Empty slots for `rows` rows of `width` kinds of cell.
    pub(super) fn new(rows: usize, width: usize) -> Cache {
        Cache { slots: (0..rows * width).map(|_| OnceLock::new()).collect(), width }
    }

    /// The slot of the cell of index `cell` of row `row`, if the register has that row and
    /// that kind of cell.
    pub(super) fn slot(&self, row: usize, cell: usize) -> Option<&OnceLock<Vec<String>>> {
        if cell >= self.width {
            return None;
        }
        self.slots.get(row.checked_mul(self.width)?.checked_add(cell)?)
    }
}

#[cfg(test)]
mod tests {
    use super::Cache;

    /// A slot exists for each row and kind of cell, and for nothing beyond: an index past
    /// the width is not read as the next row's cell.
    #[test]
    fn slots_are_per_row_and_cell() {
        let cache = Cache::new(2, 3);
        assert!(cache.slot(1, 2).is_some());
        assert!(cache.slot(0, 3).is_none());
        assert!(cache.slot(2, 0).is_none());
        cache.slot(0, 1).unwrap().get_or_init(|| vec!["a".to_owned()]);
        assert!(cache.slot(1, 0).unwrap().get().is_none());
        assert_eq!(cache.slot(0, 1).unwrap().get().unwrap(), &["a".to_owned()]);
    }
}

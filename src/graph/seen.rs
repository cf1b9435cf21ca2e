//! Visited marks for walks that are many and each small: stamps in an array reused from walk
//! to walk, so that a walk costs what it visits, not an allocation the size of the graph nor
//! a hash per node.

pub struct Seen {
    marks: Vec<u32>,
    stamp: u32,
}

impl Seen {
    /// Marks for a graph of `nodes` nodes, none visited.
    pub fn new(nodes: usize) -> Seen {
        Seen { marks: vec![0; nodes], stamp: 1 }
    }

    /// No room yet (`grow` and `clear` before use): for a `const` initialiser.
    pub const fn empty() -> Seen {
        Seen { marks: Vec::new(), stamp: 0 }
    }

    /// Makes room for `nodes` nodes; the new ones are not visited.
    pub fn grow(&mut self, nodes: usize) {
        if self.marks.len() < nodes {
            self.marks.resize(nodes, 0);
        }
    }

    /// Forgets every visit: a new stamp (the marks are cleared only when the stamps run out).
    pub fn clear(&mut self) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.marks.fill(0);
            self.stamp = 1;
        }
    }

    /// Marks `index` visited; false when it already was.
    pub fn insert(&mut self, index: usize) -> bool {
        let mark = &mut self.marks[index];
        let new = *mark != self.stamp;
        *mark = self.stamp;
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A visit counts until `clear`, also when the stamps wrap round.
    #[test]
    fn visits_last_until_cleared() {
        let mut seen = Seen::new(3);
        assert!(seen.insert(1) && !seen.insert(1) && seen.insert(2));
        seen.clear();
        assert!(seen.insert(1));
        seen.stamp = u32::MAX;
        seen.insert(0);
        seen.clear();
        assert_eq!(seen.stamp, 1);
        assert!(seen.insert(0) && seen.insert(1) && seen.insert(2));
        seen.grow(5);
        assert!(seen.insert(4) && !seen.insert(4));
    }
}

//! `datacarto import fides` and `export fides`: fideslang YAML (systems, datasets, privacy
//! declarations) into a new map and out of one, with the report of what has no place.

pub mod export;
pub mod map;
pub mod read;

/// A place in a source file, 1-based.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub col: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// Something the import says about one place of the source: a problem (nothing is
/// written) or a note of the report (an attribute left out, a v1 key migrated).
#[derive(Clone, Debug)]
pub struct Note {
    pub place: Place,
    pub message: String,
    /// The source line, shown under a problem.
    pub line: String,
    pub help: Option<String>,
}

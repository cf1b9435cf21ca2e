//! The CLI integration tests: one binary that runs `datacarto` on maps in temporary folders
//! and on the bundled examples, and snapshots what users see.

mod support;

mod check;
mod determinism;
mod generated;
mod hostile;

//! The CLI integration tests: one binary that runs `datacarto` on maps in temporary folders
//! and on the bundled examples, and snapshots what users see.

// Tests write fixtures and read committed files: the I/O boundary of the crate does not
// apply to them, and their helpers are private to this binary.
#![allow(clippy::disallowed_methods, clippy::print_stderr, unreachable_pub)]

mod support;

mod a11y;
mod check;
mod ci;
mod determinism;
mod dsr;
mod export_fides;
mod export_openlineage;
mod fides;
mod fixtures;
mod french;
mod generated;
mod harden;
mod hostile;
mod interactive;
mod inventory;
mod layers;
mod lineage;
mod lsp;
mod maps;
mod mistakes;
mod realistic;
mod register;
mod scan;
mod serve;
mod site;
mod threagile;

//! datacarto: data cartography and lineage. YAML manifests of stores, fields, flows and
//! purposes are loaded (`load`), resolved into a model (`model`), turned into a lineage graph
//! (`graph`) and checked (`checks`); findings are printed by `diag`. See docs/architecture.md.

pub mod checks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod date;
pub mod diag;
pub mod dsr;
pub mod engine;
pub mod fides;
pub mod graph;
pub mod hash;
pub mod inventory;
pub mod lineage;
pub mod load;
pub mod lsp;
pub mod manifest;
pub mod map;
pub mod model;
pub mod output;
pub mod plan;
pub mod register;
pub mod rules;
pub mod scan;
pub mod serve;
pub mod site;
pub mod source;
#[cfg(test)]
mod strange;
#[doc(hidden)]
pub mod synth;
pub mod text;
pub mod threagile;
pub mod vocab;
pub mod words;

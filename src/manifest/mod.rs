//! The on-disk manifest format, version 1 (docs/manifest.md): serde types whose doc comments
//! are the JSON Schema's descriptions, and `Spanned<T>` wherever a diagnostic needs a place.
//! No behaviour lives here.

pub mod entities;
pub mod enums;
pub mod flow;
pub mod project;
pub mod purpose;
pub mod scan;
pub mod spanned;
pub mod store;
pub mod text;

use schemars::JsonSchema;
use serde::Deserialize;

pub use self::spanned::Spanned;

/// One YAML document of a manifest file. Every key is optional; ids are global across the
/// map, whatever file an entity sits in.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "datacarto manifest")]
pub struct Document {
    /// Teams: owners of stores, flows and purposes.
    pub teams: Option<Vec<entities::Team>>,
    /// Business objectives that purposes serve.
    pub objectives: Option<Vec<entities::Objective>>,
    /// Categories of data subjects, beyond the built-in ones.
    pub subjects: Option<Vec<entities::Subject>>,
    /// Data categories, beyond the built-in fideslang keys.
    pub categories: Option<Vec<entities::Category>>,
    /// Places where data lives, with their fields.
    pub stores: Option<Vec<store::Store>>,
    /// Data moving between stores.
    pub flows: Option<Vec<flow::Flow>>,
    /// Processing activities: why data is used.
    pub purposes: Option<Vec<purpose::Purpose>>,
    /// The glossary: business terms and their definitions, which stores follow (`defines:`).
    pub terms: Option<Vec<entities::Term>>,
}

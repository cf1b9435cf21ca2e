//! One file per rule: its registry entry, its documentation and the findings it makes.

pub mod duplicate_id;
pub mod invalid_suppression;
pub mod schema;
pub mod unknown_reference;
pub mod unreadable_file;
pub mod yaml_syntax;

//! `datacarto schema`: the JSON Schema of the manifest format (or of datacarto.yaml), as
//! committed under docs/schema/.

use std::io::Write;

use super::Status;
use crate::load::shape::schema_of;
use crate::manifest::Document;
use crate::manifest::project::Project;

/// The schema text, as printed and committed.
pub fn text(project: bool) -> String {
    let schema = if project { schema_of::<Project>() } else { schema_of::<Document>() };
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

pub fn run(project: bool) -> anyhow::Result<Status> {
    std::io::stdout().lock().write_all(text(project).as_bytes())?;
    Ok(Status::Clean)
}

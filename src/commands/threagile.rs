//! `datacarto import threagile FILE -o OUT [--categories FILE]`: a Threagile model into a
//! new map, with the import report on stderr and in OUT/IMPORT-REPORT.md. Exit 0 when
//! written, 1 when the model cannot be read (each problem at file:line:col; nothing is
//! written), 2 when a file cannot be read or written.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::Status;
use crate::fides::{Note, Place};
use crate::load::yaml::{self, NodeKind};
use crate::threagile;

pub struct Options {
    pub file: PathBuf,
    pub output: PathBuf,
    /// A YAML mapping from data asset ids to category keys.
    pub categories: Option<PathBuf>,
}

fn place(name: &str, text: &str, offset: u32) -> (Place, String) {
    let before = &text[..(offset as usize).min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let shown = text.lines().nth(line - 1).unwrap_or("").to_owned();
    (Place { file: name.to_owned(), line, col: before[start..].chars().count() + 1 }, shown)
}

/// The categories file: `data-asset-id: category.key` lines. Problems are told at their
/// place; each id's place is kept to report one that names no data asset.
fn categories(
    name: &str,
    text: &str,
    problems: &mut Vec<Note>,
) -> BTreeMap<String, (String, Place)> {
    let mut out = BTreeMap::new();
    let mut problem = |offset: u32, message: String, help: &str| {
        let (place, line) = place(name, text, offset);
        problems.push(Note { place, message, line, help: Some(help.to_owned()) });
    };
    let docs = match yaml::parse(text) {
        Ok(docs) => docs,
        Err(e) => {
            let offset = u32::try_from(e.offset).unwrap_or(u32::MAX);
            problem(
                offset,
                format!("not readable as YAML: {}", e.message),
                "fix the YAML syntax at this place",
            );
            return out;
        }
    };
    for doc in docs.iter().filter(|d| !matches!(d.kind, NodeKind::Null)) {
        let NodeKind::Map(entries) = &doc.kind else {
            problem(
                doc.start,
                "the categories file should be a mapping".to_owned(),
                "write one `data-asset-id: category.key` line per data asset",
            );
            continue;
        };
        for (k, v) in entries {
            match &v.kind {
                NodeKind::Str(c) if !c.trim().is_empty() => {
                    let (at, _) = place(name, text, k.start);
                    out.insert(k.name.to_string(), (c.trim().to_owned(), at));
                }
                other => problem(
                    v.start,
                    format!(
                        "the category of `{}` should be a category key, found {}",
                        k.name,
                        other.describe()
                    ),
                    "write a dotted category key, such as user.contact.email",
                ),
            }
        }
    }
    out
}

pub fn import(options: &Options) -> anyhow::Result<Status> {
    let mut sources = crate::load::read_fides(std::slice::from_ref(&options.file))?;
    let (shown, text) = sources.pop().unwrap_or_default();
    let mut model = threagile::read::read(&shown, &text);
    let mut mapping = BTreeMap::new();
    if let Some(path) = &options.categories {
        for (name, text) in crate::load::read_fides(std::slice::from_ref(path))? {
            mapping = categories(&name, &text, &mut model.problems);
        }
    }
    if !model.problems.is_empty() {
        super::fides::refuse(&model.problems, "the Threagile model")?;
        return Ok(Status::Findings);
    }
    for (id, (_, at)) in &mapping {
        if !model.data_assets.iter().any(|d| d.id == *id) {
            model.notes.push(Note {
                place: at.clone(),
                message: format!("`{id}` is no data asset of the model: its category is not used"),
                line: String::new(),
                help: None,
            });
        }
    }
    let chosen: BTreeMap<String, String> =
        mapping.into_iter().map(|(id, (c, _))| (id, c)).collect();
    let imported = threagile::map::build(&model, &chosen);
    let notes: Vec<&Note> = model.notes.iter().chain(&imported.notes).collect();
    super::fides::write_imported(
        &options.output,
        &imported.files,
        notes,
        "What the Threagile model says that the map has no place for, and what the import guessed or read in a way to check.",
        "Every attribute of the model found its place in the map.",
    )
}

//! `datacarto import threagile FILE -o OUT [--categories FILE]`: a Threagile model into a
//! new map, with the import report on stderr and in OUT/IMPORT-REPORT.md. Exit 0 when
//! written, 1 when the model cannot be read (each problem at file:line:col; nothing is
//! written), 2 when a file cannot be read or written.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use super::Status;
use crate::fides::{Note, Place};
use crate::load::yaml::{self, NodeKind};
use crate::output::{self, Artifact};
use crate::threagile;

pub struct Options {
    pub file: PathBuf,
    pub output: PathBuf,
    /// A YAML mapping from data asset ids to category keys.
    pub categories: Option<PathBuf>,
}

fn line(note: &Note) -> String {
    super::inventory::visible(&format!("{}: {}", note.place, note.message))
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
    let mut err = std::io::stderr().lock();
    if !model.problems.is_empty() {
        for p in &model.problems {
            writeln!(err, "error: {}", line(p))?;
            writeln!(err, "{:>5} | {}", p.place.line, super::inventory::visible(&p.line))?;
            if let Some(help) = &p.help {
                writeln!(err, "  help: {}", super::inventory::visible(help))?;
            }
        }
        let n = model.problems.len();
        writeln!(
            err,
            "error: {n} problem{} in the Threagile model: nothing was written",
            if n == 1 { "" } else { "s" }
        )?;
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
    let mut notes: Vec<&Note> = model.notes.iter().chain(&imported.notes).collect();
    notes.sort_by(|a, b| a.place.cmp(&b.place).then(a.message.cmp(&b.message)));
    notes.dedup_by(|a, b| a.place == b.place && a.message == b.message);
    let mut report = String::from(
        "# Import report\n\nWhat the Threagile model says that the map has no place for, and what the import guessed or read in a way to check.\n\n",
    );
    if notes.is_empty() {
        report.push_str("Every attribute of the model found its place in the map.\n");
    }
    for n in &notes {
        writeln!(err, "note: {}", line(n))?;
        let _ = writeln!(
            report,
            "- {}",
            crate::text::markdown(
                &format!("{}: {}", n.place, n.message),
                crate::text::Markdown::Cell
            )
        );
    }
    let mut artifacts: Vec<Artifact> =
        imported.files.iter().map(|(p, t)| Artifact::new(p.clone(), t.clone())).collect();
    artifacts.push(Artifact::new("IMPORT-REPORT.md".to_owned(), report));
    output::write_new(&options.output, &artifacts)?;
    let mut out = std::io::stdout().lock();
    for path in imported.files.keys() {
        writeln!(out, "wrote {path}")?;
    }
    let n = notes.len();
    writeln!(out, "wrote IMPORT-REPORT.md ({n} note{})", if n == 1 { "" } else { "s" })?;
    Ok(Status::Clean)
}

//! `datacarto import fides SRC... -o OUT`: fideslang YAML files (or folders of them) into a
//! new map, with the import report on stderr and in OUT/IMPORT-REPORT.md. Exit 0 when
//! written, 1 when the fides input cannot be read (each problem at file:line:col; nothing
//! is written), 2 when a file cannot be read or written.
//! `datacarto export fides [DIR] -o OUTDIR`: the map as fideslang YAML, with the export
//! report in OUTDIR/EXPORT-REPORT.md. Exit 0 when written, 2 when it cannot be.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use super::Status;
use crate::fides::{self, Note};
use crate::output::{self, Artifact};

pub struct Options {
    pub sources: Vec<PathBuf>,
    pub output: PathBuf,
}

pub(super) fn line(note: &Note) -> String {
    super::inventory::visible(&format!("{}: {}", note.place, note.message))
}

pub fn import(options: &Options) -> anyhow::Result<Status> {
    let mut source = fides::read::Source::default();
    for (shown, text) in crate::load::read_fides(&options.sources)? {
        fides::read::read(&shown, &text, &mut source);
    }
    if !source.problems.is_empty() {
        refuse(&source.problems, "the fides files")?;
        return Ok(Status::Findings);
    }
    let imported = fides::map::build(&source);
    let notes: Vec<&Note> = source.notes.iter().chain(&imported.notes).collect();
    write_imported(
        &options.output,
        &imported.files,
        notes,
        "What the fides sources say that the map has no place for, or that the import read in a way to check.",
        "Every attribute of the sources found its place in the map.",
    )
}

/// Input an importer cannot read, told at its place with its line and help, on stderr;
/// nothing is written (the caller returns `Status::Findings`).
pub(super) fn refuse(problems: &[Note], what: &str) -> anyhow::Result<()> {
    let mut err = std::io::stderr().lock();
    for p in problems {
        writeln!(err, "error: {}", line(p))?;
        writeln!(err, "{:>5} | {}", p.place.line, super::inventory::visible(&p.line))?;
        if let Some(help) = &p.help {
            writeln!(err, "  help: {}", super::inventory::visible(help))?;
        }
    }
    let n = problems.len();
    writeln!(
        err,
        "error: {n} problem{} in {what}: nothing was written",
        if n == 1 { "" } else { "s" }
    )?;
    Ok(())
}

/// An importer's new map: its files and `IMPORT-REPORT.md` (the notes in place order, each
/// once, also on stderr), written into a new folder; the files named on stdout.
pub(super) fn write_imported(
    output: &std::path::Path,
    files: &std::collections::BTreeMap<String, String>,
    mut notes: Vec<&Note>,
    intro: &str,
    all_placed: &str,
) -> anyhow::Result<Status> {
    notes.sort_by(|a, b| a.place.cmp(&b.place).then(a.message.cmp(&b.message)));
    notes.dedup_by(|a, b| a.place == b.place && a.message == b.message);
    let mut err = std::io::stderr().lock();
    let mut report = format!("# Import report\n\n{intro}\n\n");
    if notes.is_empty() {
        let _ = writeln!(report, "{all_placed}");
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
        files.iter().map(|(p, t)| Artifact::new(p.clone(), t.clone())).collect();
    artifacts.push(Artifact::new("IMPORT-REPORT.md".to_owned(), report));
    output::write_new(output, &artifacts)?;
    let mut out = std::io::stdout().lock();
    for path in files.keys() {
        writeln!(out, "wrote {path}")?;
    }
    let n = notes.len();
    writeln!(out, "wrote IMPORT-REPORT.md ({n} note{})", if n == 1 { "" } else { "s" })?;
    Ok(Status::Clean)
}

pub struct ExportOptions {
    pub dir: PathBuf,
    pub output: PathBuf,
}

/// The rules that read the model cannot change what is exported: only the integrity rules
/// (YAML, schema, references) run, so that a map read only in part is said to be so.
pub(crate) fn integrity_only() -> Vec<(crate::config::Flag, String)> {
    crate::checks::registry::CHECKS
        .iter()
        .map(|(r, _)| (crate::config::Flag::Allow, r.name.to_owned()))
        .collect()
}

pub fn export(options: &ExportOptions) -> anyhow::Result<Status> {
    let compiled = super::compile(
        &options.dir,
        &integrity_only(),
        crate::date::Date::today(),
        &crate::load::LoadOptions::default(),
    )?;
    let exported = fides::export::export(&compiled.model, &compiled.sources);
    let mut report = String::from(
        "# Export report\n\nWhat the map states that fides has no place for (left out), and what fides asks for that the map does not state (left out of the YAML, or written empty where fides requires the key). Each line starts at its place in the map.\n\n",
    );
    let errors = compiled.report.summary.errors;
    if errors > 0 {
        let warning = format!(
            "the map has {errors} error{} in its files (run `datacarto check`): the export holds what could be read",
            if errors == 1 { "" } else { "s" }
        );
        writeln!(std::io::stderr(), "warning: {warning}")?;
        let _ = writeln!(report, "**Warning**: {warning}.\n");
    }
    if exported.report.is_empty() {
        report.push_str("Everything the map states found its place in fides.\n");
    }
    for line in &exported.report {
        let _ = writeln!(report, "- {}", crate::text::markdown(line, crate::text::Markdown::Cell));
    }
    let mut artifacts: Vec<Artifact> =
        exported.files.iter().map(|(p, t)| Artifact::new(p.clone(), t.clone())).collect();
    artifacts.push(Artifact::new("EXPORT-REPORT.md".to_owned(), report));
    output::write_folder(&options.output, &artifacts)?;
    let mut out = std::io::stdout().lock();
    for path in exported.files.keys() {
        writeln!(out, "wrote {path}")?;
    }
    let n = exported.report.len();
    writeln!(out, "wrote EXPORT-REPORT.md ({n} note{})", if n == 1 { "" } else { "s" })?;
    Ok(Status::Clean)
}

//! `datacarto export inventory` and `datacarto import inventory`: the workshop's spreadsheet
//! out of a map, and back into manifests (a new map with `-o`, or edits in place with
//! `--into`). Exit 0 when done, 1 when the inventory has problems (each told at its sheet,
//! row and column; nothing is written), 2 when a file cannot be read or written.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;

use super::Status;
use crate::inventory::export::{self, MapFiles};
use crate::inventory::read::{self, Problem};
use crate::inventory::{encode, import, merge};
use crate::load::{self, LoadOptions};
use crate::manifest::enums::Language;
use crate::output::{self, Artifact};

pub struct ExportOptions {
    pub dir: PathBuf,
    pub output: PathBuf,
    /// `None`: datacarto.yaml's `language`, else English.
    pub lang: Option<Language>,
}

/// The manifests of the map at `dir`, by path relative to its root, and its language.
pub(crate) fn map_files(dir: &std::path::Path) -> anyhow::Result<(MapFiles, Option<Language>)> {
    let loaded = load::load(dir, &LoadOptions::default())?;
    let root = loaded.sources.root.clone();
    let mut files = MapFiles { project: None, manifests: Vec::new() };
    for (id, file) in loaded.sources.files() {
        if Some(id) == loaded.project_file {
            files.project = Some(file.text.clone());
        } else {
            let rel = file.path.strip_prefix(&root).unwrap_or(&file.path);
            files.manifests.push((rel.to_owned(), file.text.clone()));
        }
    }
    Ok((files, loaded.project.language))
}

pub fn export(options: &ExportOptions) -> anyhow::Result<Status> {
    let (files, language) = map_files(&options.dir)?;
    let french = options.lang.or(language) == Some(Language::Fr);
    let inventory = match export::tables(&files) {
        Ok(inventory) => inventory,
        Err(broken) => bail!(
            "{} cannot be read as YAML, and its entities would be missing from the inventory: run `datacarto check` and fix {}",
            broken.join(", "),
            if broken.len() == 1 { "it" } else { "them" }
        ),
    };
    if let Some(problem) = too_long(&inventory) {
        bail!(problem);
    }
    let csv =
        options.output.extension().is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("csv"));
    let bytes = if csv {
        encode::csv(&inventory, french)?
    } else {
        encode::xlsx(&inventory, french)
            .map_err(|e| anyhow::anyhow!("cannot write the workbook: {e}"))?
    };
    output::write_file(&options.output, &bytes)?;
    Ok(Status::Clean)
}

/// A cell Excel would cut: the round trip would lose its end, so the export refuses it.
fn too_long(inventory: &crate::inventory::Inventory) -> Option<String> {
    for table in &inventory.tables {
        for row in &table.rows {
            for (c, cell) in row.iter().enumerate() {
                if cell.chars().count() > encode::MAX_CELL {
                    return Some(format!(
                        "the {} column of a row of the {} sheet holds more than {} characters, more than a spreadsheet cell keeps (id: {})",
                        table.sheet.columns[c].en,
                        table.sheet.en,
                        encode::MAX_CELL,
                        row.get(1).map_or("", String::as_str)
                    ));
                }
            }
        }
    }
    None
}

pub struct ImportOptions {
    pub file: PathBuf,
    /// A new map's folder.
    pub output: Option<PathBuf>,
    /// An existing map to edit in place.
    pub into: Option<PathBuf>,
    pub dry_run: bool,
}

/// Text from a spreadsheet shown on a terminal: control characters (an escape sequence
/// hidden in a sheet name or a cell) are shown as escapes, never sent to the terminal.
pub(crate) fn visible(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() })
        .collect()
}

fn print_problems(file: &str, problems: &[Problem]) -> anyhow::Result<()> {
    let mut err = std::io::stderr().lock();
    for p in problems {
        writeln!(err, "error: {}", visible(&format!("{file}: {}: {}", p.place, p.message)))?;
        if let Some(help) = &p.help {
            writeln!(err, "  help: {}", visible(help))?;
        }
    }
    writeln!(
        err,
        "error: {} problem{} in the inventory: nothing was written",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}

pub fn import(options: &ImportOptions) -> anyhow::Result<Status> {
    let shown = options.file.display().to_string();
    let bytes = load::read_inventory(&options.file)?;
    let read = match read::read(&bytes) {
        Ok(read) => read,
        Err(message) => bail!("{shown}: {message}"),
    };
    let imported = import::entities(&read);
    if !imported.problems.is_empty() {
        print_problems(&shown, &imported.problems)?;
        return Ok(Status::Findings);
    }
    let generated = import::generate(&imported, &read);
    let problems = import::validate(&generated, &read);
    if !problems.is_empty() {
        print_problems(&shown, &problems)?;
        return Ok(Status::Findings);
    }
    let mut out = std::io::stdout().lock();
    // The lists sheet is the export's own: the drop-down values, nothing to import.
    for sheet in read.skipped.iter().filter(|s| !matches!(s.as_str(), "lists" | "listes")) {
        writeln!(
            std::io::stderr(),
            "note: sheet '{sheet}' is not part of the inventory: left out"
        )?;
    }
    let verb =
        |done: &str, would: &str| if options.dry_run { would.to_owned() } else { done.to_owned() };
    match (&options.output, &options.into) {
        (_, Some(map)) => {
            let (files, _) = map_files(map)?;
            let plan = merge::plan(&files, &imported, &read)?;
            for line in &plan.changes {
                writeln!(out, "{}", visible(line))?;
            }
            if plan.files.is_empty() {
                writeln!(out, "the map already says what the inventory says: nothing to change")?;
            } else {
                let n = plan.files.len();
                let plural = if n == 1 { "" } else { "s" };
                writeln!(out, "{} {n} file{plural}", verb("changed", "would change"))?;
            }
            if !options.dry_run {
                for (path, text) in &plan.files {
                    output::write_manifest(map, Path::new(path), text.as_bytes())?;
                }
            }
        }
        (Some(dir), None) => {
            let artifacts: Vec<Artifact> =
                generated.files.iter().map(|(p, t)| Artifact::new(p.clone(), t.clone())).collect();
            for path in generated.files.keys() {
                let count = imported.entities.iter().filter(|e| e.file == *path).count();
                let verb = verb("wrote", "would write");
                if count == 0 {
                    writeln!(out, "{verb} {path} (settings)")?;
                } else {
                    let plural = if count == 1 { "y" } else { "ies" };
                    writeln!(out, "{verb} {path} ({count} entit{plural})")?;
                }
            }
            if !options.dry_run {
                output::write_new(dir, &artifacts)?;
            }
        }
        (None, None) => bail!("give -o OUT (a new map) or --into MAP (edit a map in place)"),
    }
    Ok(Status::Clean)
}

//! `datacarto register [DIR]`: the GDPR record of processing activities derived from the map
//! (docs/register.md). Exit 0 when written; 1 when the controller is missing
//! (`missing-organization`: no register is produced) or, with `--check`, when a mandatory
//! art. 30 cell is empty or part of the map could not be read; 2 for usage problems (xlsx
//! without `-o`, a folder that cannot be read).

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::bail;

use super::{Status, compile};
use crate::checks::registry;
use crate::config::Flag;
use crate::date::Date;
use crate::diag::Report;
use crate::diag::emit::{self, Context, Format as DiagFormat};
use crate::load::LoadOptions;
use crate::manifest::enums::Language;
use crate::output;
use crate::register::{self, Document, Format, Inputs};
use crate::rules::missing_organization;

pub struct Options {
    pub dir: PathBuf,
    pub layout: Document,
    /// `None`: from the extension of `output`, else Markdown.
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    /// `None`: datacarto.yaml's `language`, else the layout's default.
    pub lang: Option<Language>,
    /// Print the coverage report and fail on a mandatory empty cell.
    pub check: bool,
    pub as_of: Date,
}

/// The register shows no finding but the controller's: the rules that read the model are
/// turned off (they cannot change a cell, and some are costly on large maps), and
/// `missing-organization` is an error. The integrity rules (YAML, schema, references) still
/// report while loading, so that a map read only in part is said to be so.
fn flags() -> Vec<(Flag, String)> {
    let mut flags: Vec<(Flag, String)> = registry::CHECKS
        .iter()
        .filter(|(r, _)| r.name != missing_organization::RULE.name)
        .map(|(r, _)| (Flag::Allow, r.name.to_owned()))
        .collect();
    flags.push((Flag::Deny, missing_organization::RULE.name.to_owned()));
    flags
}

/// The format asked for, else the one the extension of `-o` names, else Markdown.
fn format_of(options: &Options) -> Format {
    let by_extension = options.output.as_ref().and_then(|p| p.extension()).and_then(|e| {
        match e.to_string_lossy().to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Md),
            "json" => Some(Format::Json),
            _ => None,
        }
    });
    options.format.or(by_extension).unwrap_or(Format::Md)
}

/// Fills a purpose's missing `created:`/`updated:` with the first and last commit of the
/// file declaring it, when the map is in a git repository (the CNIL fiche's dates); a date
/// written in the map always wins. One `git log` per file.
fn dates_from_git(compiled: &mut super::Compiled) {
    let mut by_file: std::collections::HashMap<crate::source::FileId, Option<(Date, Date)>> =
        std::collections::HashMap::new();
    // Fresh from `compile`: nothing else holds the model, `make_mut` copies nothing.
    for p in &mut std::sync::Arc::make_mut(&mut compiled.model).purposes {
        if p.created.is_some() && p.updated.is_some() {
            continue;
        }
        let sources = &compiled.sources;
        let dates = *by_file.entry(p.span.file).or_insert_with(|| {
            super::git::file_dates(std::path::Path::new(&sources.get(p.span.file).path))
        });
        if let Some((created, updated)) = dates {
            p.created.get_or_insert(created);
            p.updated.get_or_insert(updated);
        }
    }
}

/// Makes the bytes of the document asked for, when they are to be written.
type Bytes<'a> = Box<dyn Fn() -> anyhow::Result<Vec<u8>> + 'a>;

/// A derived table's bytes (its JSON is its own model), coverage report and verdict.
fn derived<'a, M: serde::Serialize + 'a>(
    table: register::table::Table,
    model: M,
    format: Format,
) -> (Bytes<'a>, String, bool) {
    let (report, mandatory) = (table.coverage_text(), table.has_mandatory_gaps());
    let json = move || {
        let mut bytes = serde_json::to_vec_pretty(&model)?;
        bytes.push(b'\n');
        Ok(bytes)
    };
    (Box::new(move || register::encode_table(&table, &json, format)), report, mandatory)
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    let format = format_of(options);
    if !format.is_text() && options.output.is_none() && !options.check {
        bail!("--format xlsx writes a binary file: give the file to write with -o FILE");
    }
    let mut compiled = compile(&options.dir, &flags(), options.as_of, &LoadOptions::default())?;
    dates_from_git(&mut compiled);
    let language = options.lang.unwrap_or_else(|| {
        register::default_language(&compiled.model, options.layout.language_layout())
    });
    let inputs = Inputs {
        model: &compiled.model,
        graph: &compiled.graph,
        config: &compiled.config,
        sources: &compiled.sources,
    };
    let reg = register::build(&inputs, language);

    let mut stderr = std::io::stderr().lock();

    // The register opens with the controller (art. 30(1)(a)): without it, nothing is written.
    if !register::has_controller(&reg) {
        let rule = missing_organization::RULE.name;
        let finding = compiled.report.findings.iter().find(|f| f.rule == rule);
        match finding {
            Some(f) => {
                let report = Report::new(vec![f.clone()], Vec::new(), &compiled.sources);
                let rules = crate::rules::metadata();
                let cx = Context {
                    sources: &compiled.sources,
                    rules: &rules,
                    color: false,
                    show_suppressed: false,
                    origin: Default::default(),
                    language,
                };
                emit::emit(DiagFormat::Human, &report, &cx, &mut stderr)?;
            }
            None => writeln!(
                stderr,
                "error[missing-organization]: the map names no controller: datacarto.yaml has no organization name"
            )?,
        }
        writeln!(stderr, "error: no register without the controller (GDPR art. 30(1)(a))")?;
        return Ok(Status::Findings);
    }

    // Only the integrity rules ran: their errors mean part of the map could not be read.
    let errors = compiled.report.summary.errors;
    if errors > 0 {
        writeln!(
            stderr,
            "warning: the map has {errors} error{} in its files (run `datacarto check`); the register shows what could be read",
            if errors == 1 { "" } else { "s" }
        )?;
    }

    // The document asked for: its bytes, its coverage report and whether a mandatory cell
    // is empty.
    let reg_ref = &reg;
    let (bytes, report, mandatory): (Bytes<'_>, String, bool) = match options.layout {
        Document::Activities(layout) => (
            Box::new(move || register::encode(reg_ref, layout, format)),
            register::coverage_text(&reg),
            reg.has_mandatory_gaps(),
        ),
        Document::Processors => {
            let processors = register::processors::build(&inputs, &reg);
            derived(processors.table(), processors, format)
        }
        Document::Retention => {
            let schedule = register::schedule::build(&inputs, &reg);
            derived(schedule.table(), schedule, format)
        }
    };
    // `--check` alone prints the coverage report only; `-o` writes the register as well.
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let text = match &options.output {
        // `-o -` asks for the register on standard output, xlsx included (`-o - > r.xlsx`).
        Some(path) if super::is_stdout(path) => Some(bytes()?),
        Some(path) => {
            output::write_file(path, &bytes()?)?;
            None
        }
        None if !options.check => Some(bytes()?),
        None => None,
    };
    // The coverage report quotes names from the map, for a terminal or a CI log.
    let coverage = options.check.then(|| crate::text::terminal_lines(&report).into_owned());
    super::stdout_written((|| {
        if let Some(text) = &text {
            out.write_all(text)?;
        }
        if let Some(coverage) = &coverage {
            out.write_all(coverage.as_bytes())?;
        }
        out.flush()
    })())?;
    // An unreadable part of the map makes the register incomplete: CI must not pass it.
    let failed = options.check && (mandatory || errors > 0);
    Ok(if failed { Status::Findings } else { Status::Clean })
}

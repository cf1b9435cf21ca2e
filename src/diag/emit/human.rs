//! `human`: codespan-reporting diagnostics with the source line under each finding, colour
//! on a terminal, and a summary line.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label as CsLabel, Severity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};

use super::{Context, summary_line};
use crate::diag::{Accepted, Finding, Level, Report};
use crate::manifest::enums::Language;
use crate::source::{FileId, SourceMap};
use crate::text;

pub(super) fn emit(report: &Report, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut diagnostics: Vec<_> =
        report.findings.iter().map(|f| to_codespan(f, cx.language)).collect();
    if cx.show_suppressed {
        diagnostics.extend(report.accepted.iter().map(|a| accepted(a, cx.language)));
    }
    let config = Config::default();
    let files = Shown::new(cx.sources, report);
    for diagnostic in &diagnostics {
        if cx.language == Language::Fr {
            // codespan writes the level in English and cannot be told otherwise: the
            // diagnostic is rendered aside and its header's level word replaced.
            let mut rendered = Vec::new();
            render(&mut rendered, cx.color, &config, &files, diagnostic)?;
            out.write_all(french_level(&rendered, diagnostic.severity).as_bytes())?;
        } else {
            render(&mut *out, cx.color, &config, &files, diagnostic)?;
        }
    }
    if report.findings.is_empty() {
        let none = if cx.language == Language::Fr { "aucun constat" } else { "no findings" };
        let colon = crate::words::colon(cx.language);
        writeln!(out, "{none}{colon}{}", summary_line(report, cx.language))
    } else {
        writeln!(out, "{}", summary_line(report, cx.language))
    }
}

fn render(
    out: &mut dyn Write,
    color: bool,
    config: &Config,
    files: &Shown<'_>,
    diagnostic: &Diagnostic<FileId>,
) -> io::Result<()> {
    let result = if color {
        let mut ansi = termcolor::Ansi::new(&mut *out);
        term::emit_to_write_style(&mut ansi, config, files, diagnostic)
    } else {
        term::emit_to_io_write(&mut *out, config, files, diagnostic)
    };
    result.map_err(|e| match e {
        codespan_reporting::files::Error::Io(io) => io,
        other => io::Error::other(other.to_string()),
    })
}

/// A rendered diagnostic with the level word of its header (the first line: `error[rule]:`,
/// after colour codes when coloured) in French: « erreur », « avertissement », « info ». The
/// rule name follows the word at once, so the first `word[` of the line is the level.
fn french_level(rendered: &[u8], severity: Severity) -> String {
    let text = String::from_utf8_lossy(rendered).into_owned();
    let (en, fr) = match severity {
        Severity::Bug | Severity::Error => ("error[", "erreur["),
        Severity::Warning => ("warning[", "avertissement["),
        Severity::Note | Severity::Help => ("note[", "info["),
    };
    let header_end = text.find('\n').unwrap_or(text.len());
    match text[..header_end].find(en) {
        Some(at) => format!("{}{fr}{}", &text[..at], &text[at + en.len()..]),
        None => text,
    }
}

/// The files as the terminal is shown them: names and source lines with control characters
/// replaced (`text::terminal_source` keeps every offset, so spans and lines are the source
/// map's own). Only the files findings point at are copied, and only when they need it.
struct Shown<'a> {
    sources: &'a SourceMap,
    files: Vec<Option<(Cow<'a, str>, Cow<'a, str>)>>,
}

impl<'a> Shown<'a> {
    fn new(sources: &'a SourceMap, report: &Report) -> Shown<'a> {
        let mut files: Vec<Option<(Cow<'a, str>, Cow<'a, str>)>> = vec![None; sources.len()];
        // Accepted risks too: `--show-suppressed` prints them with their `allow:`.
        let findings = report.findings.iter().chain(report.accepted.iter().map(|a| &a.finding));
        let spans = findings.flat_map(|f| f.primary.iter().chain(&f.related).map(|l| l.span));
        let allows = report.accepted.iter().map(|a| a.allow);
        for span in spans.chain(allows) {
            let slot = &mut files[span.file.0 as usize];
            if slot.is_none() {
                let file = sources.get(span.file);
                *slot = Some((text::terminal(&file.path), text::terminal_source(&file.text)));
            }
        }
        Shown { sources, files }
    }

    fn shown(&self, id: FileId) -> Result<&(Cow<'a, str>, Cow<'a, str>), FilesError> {
        self.files.get(id.0 as usize).and_then(Option::as_ref).ok_or(FilesError::FileMissing)
    }
}

impl<'b> Files<'b> for Shown<'_> {
    type FileId = FileId;
    type Name = &'b str;
    type Source = &'b str;

    fn name(&'b self, id: FileId) -> Result<&'b str, FilesError> {
        Ok(&self.shown(id)?.0)
    }

    fn source(&'b self, id: FileId) -> Result<&'b str, FilesError> {
        Ok(&self.shown(id)?.1)
    }

    fn line_index(&'b self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        self.sources.line_index(id, byte_index)
    }

    fn line_range(&'b self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        self.sources.line_range(id, line_index)
    }
}

/// An accepted risk: the finding as a note, with the `allow:` that accepts it and its reason.
fn accepted(a: &Accepted, language: Language) -> Diagnostic<FileId> {
    let mut d = to_codespan(&a.finding, language);
    d.severity = Severity::Note;
    let fr = language == Language::Fr;
    let colon = crate::words::colon(language);
    let (accepted, here) =
        if fr { ("accepté", "accepté ici") } else { ("accepted", "accepted here") };
    let message = text::terminal(a.finding.message.get(language));
    d.message = format!("{accepted} {}{colon}{message}", a.finding.level);
    d.labels.push(CsLabel::secondary(a.allow.file, a.allow.range()).with_message(here));
    let until = a.until.map_or_else(String::new, |u| {
        if fr { format!(" (jusqu'au {u})") } else { format!(" (until {u})") }
    });
    let reason = if fr { "raison" } else { "reason" };
    d.notes.insert(0, format!("{reason}{colon}{}{until}", text::terminal(&a.reason)));
    d
}

fn to_codespan(f: &Finding, language: Language) -> Diagnostic<FileId> {
    let severity = match f.level {
        Level::Error => Severity::Error,
        Level::Warn => Severity::Warning,
        Level::Info => Severity::Note,
    };
    let mut labels = Vec::new();
    if let Some(primary) = &f.primary {
        labels.push(
            CsLabel::primary(primary.span.file, primary.span.range())
                .with_message(text::terminal(primary.message.get(language))),
        );
    }
    for related in &f.related {
        labels.push(
            CsLabel::secondary(related.span.file, related.span.range())
                .with_message(text::terminal(related.message.get(language))),
        );
    }
    let mut notes = Vec::new();
    if let Some(help) = &f.help {
        notes.push(format!(
            "{}{}",
            super::help_prefix(language),
            text::terminal(help.get(language))
        ));
    }
    Diagnostic::new(severity)
        .with_code(f.rule)
        .with_message(text::terminal(f.message.get(language)))
        .with_labels(labels)
        .with_notes(notes)
}

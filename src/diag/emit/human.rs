//! `human`: codespan-reporting diagnostics with the source line under each finding, colour
//! on a terminal, and a summary line.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label as CsLabel, Severity};
use codespan_reporting::term::{self, Config};

use super::{Context, summary_line};
use crate::diag::{Accepted, Finding, Level, Report};
use crate::source::FileId;

pub(super) fn emit(report: &Report, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut diagnostics: Vec<_> = report.findings.iter().map(to_codespan).collect();
    if cx.show_suppressed {
        diagnostics.extend(report.accepted.iter().map(accepted));
    }
    let config = Config::default();
    for diagnostic in &diagnostics {
        let result = if cx.color {
            let mut ansi = termcolor::Ansi::new(&mut *out);
            term::emit_to_write_style(&mut ansi, &config, cx.sources, diagnostic)
        } else {
            term::emit_to_io_write(&mut *out, &config, cx.sources, diagnostic)
        };
        result.map_err(|e| match e {
            codespan_reporting::files::Error::Io(io) => io,
            other => io::Error::other(other.to_string()),
        })?;
    }
    if report.findings.is_empty() {
        writeln!(out, "no findings: {}", summary_line(report))
    } else {
        writeln!(out, "{}", summary_line(report))
    }
}

/// An accepted risk: the finding as a note, with the `allow:` that accepts it and its reason.
fn accepted(a: &Accepted) -> Diagnostic<FileId> {
    let mut d = to_codespan(&a.finding);
    d.severity = Severity::Note;
    d.message = format!("accepted {}: {}", a.finding.level, a.finding.message);
    d.labels.push(CsLabel::secondary(a.allow.file, a.allow.range()).with_message("accepted here"));
    let until = a.until.map_or_else(String::new, |u| format!(" (until {u})"));
    d.notes.insert(0, format!("reason: {}{until}", a.reason));
    d
}

fn to_codespan(f: &Finding) -> Diagnostic<FileId> {
    let severity = match f.level {
        Level::Error => Severity::Error,
        Level::Warn => Severity::Warning,
        Level::Info => Severity::Note,
    };
    let mut labels = Vec::new();
    if let Some(primary) = &f.primary {
        labels.push(
            CsLabel::primary(primary.span.file, primary.span.range())
                .with_message(&primary.message),
        );
    }
    for related in &f.related {
        labels.push(
            CsLabel::secondary(related.span.file, related.span.range())
                .with_message(&related.message),
        );
    }
    let mut notes = Vec::new();
    if let Some(help) = &f.help {
        notes.push(format!("help: {help}"));
    }
    Diagnostic::new(severity)
        .with_code(f.rule)
        .with_message(&f.message)
        .with_labels(labels)
        .with_notes(notes)
}

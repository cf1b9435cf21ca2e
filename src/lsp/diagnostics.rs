//! The findings of `check` as LSP diagnostics, grouped by file: the same findings at the
//! same places (byte spans turned into UTF-16 positions), for every file of the map.

use std::collections::BTreeMap;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Range,
};

use crate::diag::{Finding, Level};
use crate::manifest::enums::Language;
use crate::source::{SourceMap, Span};

/// The diagnostics of each file with findings, by path within the map. A finding with no
/// place (a map without `datacarto.yaml`) goes to the project file when there is one.
pub(super) fn by_file(
    findings: &[Finding],
    sources: &SourceMap,
    project_file: Option<crate::source::FileId>,
    uri_of: &dyn Fn(&str) -> Option<lsp_types::Uri>,
    language: Language,
) -> BTreeMap<String, Vec<Diagnostic>> {
    let mut files: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for finding in findings {
        let span = match (&finding.primary, project_file) {
            (Some(label), _) => label.span,
            (None, Some(file)) => Span::file_start(file),
            (None, None) => continue,
        };
        let related = finding
            .related
            .iter()
            .filter_map(|label| {
                let uri = uri_of(&sources.get(label.span.file).path)?;
                Some(DiagnosticRelatedInformation {
                    location: Location { uri, range: range(sources, label.span) },
                    message: label.message.get(language).to_owned(),
                })
            })
            .collect::<Vec<_>>();
        let mut message = finding.message.get(language).to_owned();
        // The label says what is wrong at the place (`no store has this id`), as `check`
        // prints it under the line.
        if let Some(label) = finding
            .primary
            .as_ref()
            .filter(|l| !l.message.is_empty() && l.message != finding.message)
        {
            message.push_str(&format!(" ({})", label.message.get(language)));
        }
        if let Some(help) = &finding.help {
            message.push('\n');
            message.push_str(&crate::diag::emit::help_prefix(language));
            message.push_str(help.get(language));
        }
        let diagnostic = Diagnostic {
            range: range(sources, span),
            severity: Some(severity(finding.level)),
            code: Some(NumberOrString::String(finding.rule.to_owned())),
            source: Some("datacarto".to_owned()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Diagnostic::default()
        };
        files.entry(sources.get(span.file).path.clone()).or_default().push(diagnostic);
    }
    files
}

/// A span as an LSP range: 0-based lines, columns in UTF-16 code units.
pub(super) fn range(sources: &SourceMap, span: Span) -> Range {
    let file = sources.get(span.file);
    let (line, character) = file.utf16_position(span.start as usize);
    let (end_line, end_character) = file.utf16_position(span.end as usize);
    Range {
        start: Position { line, character },
        end: Position { line: end_line, character: end_character },
    }
}

fn severity(level: Level) -> DiagnosticSeverity {
    match level {
        Level::Error => DiagnosticSeverity::ERROR,
        Level::Warn => DiagnosticSeverity::WARNING,
        Level::Info => DiagnosticSeverity::INFORMATION,
    }
}

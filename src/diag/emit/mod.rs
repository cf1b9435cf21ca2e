//! Output formats of `check`: one file each, all writing the same report in its one order.

mod concise;
mod github;
mod human;
mod json;
mod sarif;

use std::io::{self, Write};

use super::{Finding, Level, Report};
use crate::manifest::enums::Language;
use crate::source::{SourceMap, Span};

/// A format of `check`'s output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

/// What an emitter may say about a rule: the registry's metadata, without the rules.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    pub name: &'static str,
    pub summary: &'static str,
    pub default_level: Level,
    /// What the rule finds, one paragraph of plain text.
    pub description: String,
    /// The rule's page, in Markdown: the text of docs/rules/<rule>.md.
    pub page: String,
    /// The summary in French (`rules --lang fr`).
    pub summary_fr: &'static str,
    /// The page in French, as `explain --lang fr` prints it.
    pub page_fr: String,
}

/// Where the map sits, for the formats that name files by URI (SARIF): the same names
/// whatever folder the command ran from and however the map's folder was spelt.
#[derive(Clone, Debug, Default)]
pub struct Origin {
    /// The map's folder below the base, `/`-separated and ending in `/` (`maps/retail/`);
    /// empty when the map is the base.
    pub map_prefix: String,
    /// The base is the root of the git repository holding the map; else the map's folder.
    pub repository: bool,
    /// The map has a `datacarto.yaml`: findings about the map as a whole point at it.
    pub project_file: bool,
    /// `rule_help_uri` of datacarto.yaml: a link per rule, `{rule}` replaced by its name.
    pub help_uri: Option<String>,
}

/// Everything an emitter needs besides the report.
pub struct Context<'a> {
    pub sources: &'a SourceMap,
    pub rules: &'a [RuleMeta],
    /// ANSI colours (human format only).
    pub color: bool,
    /// List the accepted risks too (human format; JSON and SARIF always carry them).
    pub show_suppressed: bool,
    pub origin: Origin,
    /// The language of the findings' messages, labels and help (the map's `language`, or
    /// `--lang`); ids and order are the same in both.
    pub language: Language,
}

/// "help: " before a finding's help line, in the output's language.
pub(crate) fn help_prefix(language: Language) -> String {
    format!(
        "{}{}",
        if language == Language::Fr { "aide" } else { "help" },
        crate::words::colon(language)
    )
}

pub fn emit(
    format: Format,
    report: &Report,
    cx: &Context<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::emit(report, cx, out),
        Format::Concise => concise::emit(report, cx, out),
        Format::Json => json::emit(report, cx, out),
        Format::Sarif => sarif::emit(report, cx, out),
        Format::Github => github::emit(report, cx, out),
    }
}

/// A place as people read it: 1-based lines and columns (columns in Unicode scalar values).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub(crate) fn place(sources: &SourceMap, span: Span) -> Place<'_> {
    let file = sources.get(span.file);
    let (line, column) = file.line_col(span.start as usize);
    let (end_line, end_column) = file.line_col(span.end as usize);
    Place { path: &file.path, line, column, end_line, end_column }
}

pub(crate) fn primary_place<'a>(f: &Finding, sources: &'a SourceMap) -> Option<Place<'a>> {
    f.primary.as_ref().map(|l| place(sources, l.span))
}

/// "2 errors, 1 warning, 3 infos in 12 files" — the last line of the text formats
/// ("2 erreurs, 1 avertissement, 3 infos dans 12 fichiers").
pub(crate) fn summary_line(report: &Report, language: Language) -> String {
    let s = &report.summary;
    let fr = language == Language::Fr;
    let mut parts = vec![counts(s.errors, s.warnings, s.infos, language)];
    if s.suppressed > 0 {
        let suppressed = if !fr {
            "suppressed"
        } else if s.suppressed == 1 {
            "accepté"
        } else {
            "acceptés"
        };
        parts.push(format!("{} {suppressed}", s.suppressed));
    }
    let within = if fr { "dans" } else { "in" };
    let file = if fr { ("fichier", "fichiers") } else { ("file", "files") };
    format!("{} {within} {}", parts.join(", "), plural(s.files, file.0, file.1, fr))
}

/// A count and its noun: French counts 0 and 1 as singular.
pub(crate) fn plural(n: usize, one: &str, many: &str, fr: bool) -> String {
    let single = n == 1 || (fr && n == 0);
    format!("{n} {}", if single { one } else { many })
}

/// "0 errors, 1 warning, 2 infos" (French: "0 erreur, 1 avertissement, 2 infos"): the
/// words of `check`'s summary, for every command that counts findings (`serve`).
pub(crate) fn counts(errors: usize, warnings: usize, infos: usize, language: Language) -> String {
    let fr = language == Language::Fr;
    let (error, warning, info) = if fr {
        (("erreur", "erreurs"), ("avertissement", "avertissements"), ("info", "infos"))
    } else {
        (("error", "errors"), ("warning", "warnings"), ("info", "infos"))
    };
    [
        plural(errors, error.0, error.1, fr),
        plural(warnings, warning.0, warning.1, fr),
        plural(infos, info.0, info.1, fr),
    ]
    .join(", ")
}

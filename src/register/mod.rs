//! The GDPR record of processing activities (art. 30) derived from the map
//! (docs/register.md). `build` turns the borrowed model, graph and configuration into the row
//! model (`rows`), the one source of truth; `layout` says which cells each layout shows,
//! `cells` what each cell says (its words in English and French: `crate::words::register`), and `encode`
//! writes CSV, XLSX, HTML, Markdown or JSON bytes. Nothing here reads or writes files.

mod build;
mod cache;
pub mod cells;
pub mod coverage;
pub mod encode;
pub mod families;
pub mod layout;
mod lineage;
pub mod processors;
pub mod retention;
pub mod rows;
pub mod schedule;
pub mod table;

use std::fmt::Write as _;

pub use self::encode::{Format, encode, encode_table};
pub use self::layout::Layout;
pub use self::rows::Register;
use crate::config::Config;
use crate::graph::LineageGraph;
use crate::manifest::enums::Language;
use crate::model::Model;
use crate::source::SourceMap;

/// What `datacarto register --layout` writes: the activities in one of their three layouts,
/// or a table derived from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    Activities(Layout),
    /// The processor register (art. 30(2)).
    Processors,
    /// The retention schedule.
    Retention,
}

impl Document {
    /// The layout whose default language the document takes.
    pub fn language_layout(self) -> Layout {
        match self {
            Document::Activities(layout) => layout,
            Document::Processors | Document::Retention => Layout::Art30,
        }
    }
}

/// What the register is derived from: a compiled map.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub model: &'a Model,
    pub graph: &'a LineageGraph,
    /// Rule options (the DPIA large-scale threshold) and the day of the run (adequacy).
    pub config: &'a Config,
    /// To turn spans into `file:line` in the coverage report.
    pub sources: &'a SourceMap,
}

/// The register of a compiled map, in `language`.
pub fn build(inputs: &Inputs<'_>, language: Language) -> Register {
    build::register(inputs, language)
}

/// The language of a register when `--lang` is not given: datacarto.yaml's `language`, else
/// English, except French for the CNIL layout.
pub fn default_language(model: &Model, layout: Layout) -> Language {
    model.language.unwrap_or(match layout {
        Layout::Cnil => Language::Fr,
        Layout::Art30 | Layout::Ico => Language::En,
    })
}

/// Whether the controller is named: without it there is no register (missing-organization).
pub fn has_controller(register: &Register) -> bool {
    register.controller.as_ref().is_some_and(|c| c.name.is_some())
}

/// The coverage report as text, one gap a line, then a summary line.
pub fn coverage_text(register: &Register) -> String {
    let unit = (crate::words::register::L::UnitActivity, crate::words::register::L::UnitActivities);
    coverage_report(&register.coverage, register.rows.len(), unit, register.language)
}

/// Gaps as text, one a line, then "N empty cells (M mandatory) in K <unit>".
fn coverage_report(
    gaps: &[rows::Gap],
    rows: usize,
    unit: (crate::words::register::L, crate::words::register::L),
    lang: Language,
) -> String {
    let mut out = String::new();
    for g in gaps {
        let place = g.at.as_deref().map_or_else(String::new, |a| format!("{a}: "));
        let row = g.row.as_deref().unwrap_or(crate::words::register::L::Header.get(lang));
        let level = if g.mandatory { "error" } else { "warn" };
        let fill = crate::words::register::L::Fix.get(lang);
        let _ = writeln!(
            out,
            "{place}{level}[{row}] {} (art. {}): {} ({fill}: {})",
            g.cell.label, g.article, g.why, g.fix
        );
    }
    let mandatory = gaps.iter().filter(|g| g.mandatory).count();
    let gaps = gaps.len();
    let unit = if (lang == Language::Fr && rows > 1) || (lang == Language::En && rows != 1) {
        unit.1
    } else {
        unit.0
    }
    .get(lang);
    let _ = match lang {
        Language::En => writeln!(
            out,
            "{gaps} empty {} ({mandatory} mandatory) in {rows} {unit}",
            if gaps == 1 { "cell" } else { "cells" },
        ),
        Language::Fr => writeln!(
            out,
            "{gaps} {} ({mandatory} {}) dans {rows} {unit}",
            if gaps > 1 { "cases vides" } else { "case vide" },
            if mandatory > 1 { "obligatoires" } else { "obligatoire" },
        ),
    };
    out
}

#[cfg(test)]
mod journey_tests;
#[cfg(test)]
mod processor_tests;
#[cfg(test)]
mod schedule_tests;
#[cfg(test)]
mod tests;

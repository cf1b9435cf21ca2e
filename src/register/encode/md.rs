//! `--format md`: the controller, the list of activities, one fiche per activity (a table of
//! its cells, by CNIL block in the CNIL layout), the purposes kept apart and the coverage
//! report. Manifest text is escaped so that it cannot break a table or become HTML or a
//! link when the Markdown is rendered.

use std::fmt::Write as _;

use super::{Register, controller_lines, title};
use crate::manifest::enums::Language;
use crate::register::cells;
use crate::register::layout::{Layout, blocks};
use crate::words::register::L;

/// Escapes text for a Markdown table cell or heading; line breaks become `<br>`.
fn escape(text: &str) -> String {
    crate::text::markdown(text, crate::text::Markdown::Cell)
}

pub(super) fn encode(register: &Register, layout: Layout) -> String {
    let lang = register.language;
    let t = |l: L| l.get(lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&title(register)));

    let _ = writeln!(out, "## {}\n", t(L::Controller));
    let _ = writeln!(out, "| {} | {} |\n|---|---|", t(L::Cell), t(L::Value));
    for (label, value) in controller_lines(register) {
        let _ = writeln!(out, "| {} | {} |", escape(&label), escape(&value));
    }

    let _ = writeln!(out, "\n## {}\n", t(L::Contents));
    for (i, row) in register.rows.iter().enumerate() {
        let _ = writeln!(out, "{}. {} ({})", i + 1, escape(&row.name), escape(&row.reference));
    }

    for row in &register.rows {
        let _ = writeln!(out, "\n## {} — {}\n", escape(&row.reference), escape(&row.name));
        let _ = writeln!(out, "| {} | {} |\n|---|---|", t(L::Cell), t(L::Value));
        for (block, columns) in blocks(layout) {
            if let Some(block) = block {
                let _ = writeln!(out, "| **{}** | |", escape(block.get(lang)));
            }
            for c in columns {
                let text = cells::text(c.cell, row, register);
                let _ = writeln!(out, "| {} | {} |", escape(c.title.get(lang)), escape(&text));
            }
        }
    }

    if !register.apart.is_empty() {
        let _ = writeln!(out, "\n## {}\n", t(L::Apart));
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            t(L::Reference),
            t(L::Name),
            t(L::Status),
            t(L::Reason)
        );
        for a in &register.apart {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(&a.reference),
                escape(&a.name),
                escape(&a.status.label),
                escape(&a.reason.label)
            );
        }
    }

    coverage(&mut out, &register.coverage, L::Activity, lang);
    out
}

/// A derived table (processors, retention schedule): the controller, then one fiche per row
/// or one table of every row, then the coverage report.
pub(super) fn encode_table(table: &crate::register::table::Table) -> String {
    let lang = table.language;
    let t = |l: L| l.get(lang);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&table.title));
    let _ = writeln!(out, "## {}\n", t(L::Controller));
    let _ = writeln!(out, "| {} | {} |\n|---|---|", t(L::Cell), t(L::Value));
    for (label, value) in &table.controller {
        let _ = writeln!(out, "| {} | {} |", escape(label), escape(value));
    }
    let _ = writeln!(out, "\n## {}\n", t(table.contents));
    if table.fiches {
        for (i, row) in table.rows.iter().enumerate() {
            let _ = writeln!(out, "{}. {} ({})", i + 1, escape(&row.name), escape(&row.reference));
        }
        for row in &table.rows {
            let _ = writeln!(out, "\n## {} — {}\n", escape(&row.reference), escape(&row.name));
            let _ = writeln!(out, "| {} | {} |\n|---|---|", t(L::Cell), t(L::Value));
            for (title, lines) in table.columns.iter().zip(&row.cells) {
                let _ = writeln!(out, "| {} | {} |", escape(t(*title)), escape(&lines.join("\n")));
            }
        }
    } else {
        let titles: Vec<String> = table.columns.iter().map(|c| escape(t(*c))).collect();
        let _ = writeln!(out, "| {} |", titles.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(titles.len()));
        for row in &table.rows {
            let cells: Vec<String> = row.cells.iter().map(|l| escape(&l.join("\n"))).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    coverage(&mut out, &table.coverage, table.row_title, lang);
    out
}

/// The coverage report: one line per gap, its first column titled `first`.
fn coverage(out: &mut String, gaps: &[crate::register::rows::Gap], first: L, lang: Language) {
    let t = |l: L| l.get(lang);
    let _ = writeln!(out, "\n## {}\n", t(L::CoverageTitle));
    if gaps.is_empty() {
        let _ = writeln!(out, "{}", t(L::CoverageNone));
        return;
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|",
        t(first),
        t(L::Cell),
        t(L::Article),
        t(L::Mandatory),
        t(L::Why),
        t(L::Fix),
        t(L::Where)
    );
    for g in gaps {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            escape(g.row.as_deref().unwrap_or(t(L::Header))),
            escape(&g.cell.label),
            escape(&g.article),
            t(if g.mandatory { L::Yes } else { L::No }),
            escape(&g.why),
            escape(&g.fix),
            escape(g.at.as_deref().unwrap_or(""))
        );
    }
}

//! `--format html`: one printable page. The controller, the list of activities, one fiche per
//! activity (each starts a new printed page), the purposes kept apart and the coverage
//! report, with our own small stylesheet and no script. Every string from the manifests is
//! escaped.

use std::fmt::Write as _;

use super::{Register, controller_lines, title};
use crate::manifest::enums::Language;
use crate::register::cells;
use crate::register::layout::{Layout, blocks};
use crate::text::markup as escape;
use crate::words::register::L;

const CSS: &str = "\
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2430;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 1.5rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:2px solid #2f5d8a;padding-bottom:.2rem}
.ref{color:#5b6675;font-weight:normal;font-size:.85em;margin-left:.4em}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
th,td{border:1px solid #c9d1db;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600}
.fiche th{width:32%}
tr.block th{background:#2f5d8a;color:#fff}
td.empty::after{content:'—';color:#8a94a1}
.mandatory{color:#a61b1b;font-weight:600}
nav ol{padding-left:1.4rem}
.back{margin:0 0 1rem}
a{color:#1f4e79}
@media print{body{margin:0;max-width:none;font-size:11px}nav,.back{display:none}.fiche{break-before:page}tr{break-inside:avoid}a{color:inherit;text-decoration:none}}
";

/// The page up to its title, inside `main` (closed by the caller with the page).
fn page_start(lang: Language, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<main>\n\
         <h1>{title}</h1>\n",
        lang.as_str(),
        title = escape(title)
    )
}

/// A table cell of one value.
fn td1(text: &str) -> String {
    td(std::slice::from_ref(&text.to_owned()))
}

/// A table cell of lines, escaped, joined by `<br>`.
fn td(lines: &[String]) -> String {
    if lines.is_empty() {
        return "<td class=\"empty\"></td>".to_owned();
    }
    let inner: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    format!("<td>{}</td>", inner.join("<br>"))
}

pub(super) fn encode(register: &Register, layout: Layout) -> String {
    let lang = register.language;
    let t = |l: L| l.get(lang);
    let mut out = page_start(lang, &title(register));

    let _ = writeln!(out, "<section class=\"controller\">\n<h2>{}</h2>\n<table>", t(L::Controller));
    for (label, value) in controller_lines(register) {
        let _ = writeln!(out, "<tr><th>{}</th>{}</tr>", escape(&label), td1(&value));
    }
    let _ = writeln!(out, "</table>\n</section>");

    let _ = writeln!(out, "<nav>\n<h2>{}</h2>\n<ol>", t(L::Contents));
    for (i, row) in register.rows.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><a href=\"#activity-{}\">{}</a><span class=\"ref\">{}</span></li>",
            i + 1,
            escape(&row.name),
            escape(&row.reference)
        );
    }
    let _ = writeln!(out, "</ol>\n</nav>");

    for (i, row) in register.rows.iter().enumerate() {
        let _ = writeln!(
            out,
            "<section class=\"fiche\" id=\"activity-{}\">\n<h2>{}<span class=\"ref\">{}</span></h2>\n<table>",
            i + 1,
            escape(&row.name),
            escape(&row.reference)
        );
        for (block, columns) in blocks(layout) {
            if let Some(block) = block {
                let _ = writeln!(
                    out,
                    "<tr class=\"block\"><th colspan=\"2\">{}</th></tr>",
                    escape(block.get(lang))
                );
            }
            for c in columns {
                let lines = cells::lines(c.cell, row, register);
                let _ =
                    writeln!(out, "<tr><th>{}</th>{}</tr>", escape(c.title.get(lang)), td(&lines));
            }
        }
        let _ = writeln!(out, "</table>\n</section>");
    }

    if !register.apart.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"apart\">\n<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t(L::Apart),
            t(L::Reference),
            t(L::Name),
            t(L::Status),
            t(L::Reason)
        );
        for a in &register.apart {
            let _ = writeln!(
                out,
                "<tr>{}{}{}{}</tr>",
                td1(&a.reference),
                td1(&a.name),
                td1(&a.status.label),
                td1(&a.reason.label)
            );
        }
        let _ = writeln!(out, "</table>\n</section>");
    }

    coverage(&mut out, &register.coverage, L::Activity, lang);
    let _ = writeln!(out, "</section>\n</main>\n</body>\n</html>");
    out
}

/// The register's page inside the site: a way back to the site's register page above the
/// title (a standalone register has no site to go back to).
pub(crate) fn with_link_back(page: &str, href: &str, label: &str) -> String {
    let link = format!(
        "<main>\n<p class=\"back\"><a href=\"{}\">{}</a></p>\n",
        escape(href),
        escape(label)
    );
    page.replacen("<main>\n", &link, 1)
}

/// A derived table (processors, retention schedule): the controller, one fiche per row or one
/// table of every row, and the coverage report, on one printable page.
pub(super) fn encode_table(table: &crate::register::table::Table) -> String {
    let lang = table.language;
    let t = |l: L| l.get(lang);
    let mut out = page_start(lang, &table.title);
    let _ = writeln!(out, "<section class=\"controller\">\n<h2>{}</h2>\n<table>", t(L::Controller));
    for (label, value) in &table.controller {
        let _ = writeln!(out, "<tr><th>{}</th>{}</tr>", escape(label), td1(value));
    }
    let _ = writeln!(out, "</table>\n</section>");
    if table.fiches {
        let _ = writeln!(out, "<nav>\n<h2>{}</h2>\n<ol>", t(table.contents));
        for (i, row) in table.rows.iter().enumerate() {
            let _ = writeln!(
                out,
                "<li><a href=\"#row-{}\">{}</a><span class=\"ref\">{}</span></li>",
                i + 1,
                escape(&row.name),
                escape(&row.reference)
            );
        }
        let _ = writeln!(out, "</ol>\n</nav>");
        for (i, row) in table.rows.iter().enumerate() {
            let _ = writeln!(
                out,
                "<section class=\"fiche\" id=\"row-{}\">\n<h2>{}<span class=\"ref\">{}</span></h2>\n<table>",
                i + 1,
                escape(&row.name),
                escape(&row.reference)
            );
            for (title, lines) in table.columns.iter().zip(&row.cells) {
                let _ = writeln!(out, "<tr><th>{}</th>{}</tr>", escape(t(*title)), td(lines));
            }
            let _ = writeln!(out, "</table>\n</section>");
        }
    } else {
        let _ = writeln!(
            out,
            "<section class=\"rows\">\n<h2>{}</h2>\n<table>\n<tr>",
            t(table.contents)
        );
        for c in &table.columns {
            let _ = write!(out, "<th>{}</th>", escape(t(*c)));
        }
        let _ = writeln!(out, "</tr>");
        for row in &table.rows {
            let cells: String = row.cells.iter().map(|l| td(l)).collect();
            let _ = writeln!(out, "<tr>{cells}</tr>");
        }
        let _ = writeln!(out, "</table>\n</section>");
    }
    coverage(&mut out, &table.coverage, table.row_title, lang);
    let _ = writeln!(out, "</section>\n</main>\n</body>\n</html>");
    out
}

/// The coverage section: one row per gap, its first column titled `first`.
fn coverage(out: &mut String, gaps: &[crate::register::rows::Gap], first: L, lang: Language) {
    let t = |l: L| l.get(lang);
    let _ = writeln!(out, "<section class=\"coverage\">\n<h2>{}</h2>", t(L::CoverageTitle));
    if gaps.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", t(L::CoverageNone));
        return;
    }
    let _ = writeln!(
        out,
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(first),
        t(L::Cell),
        t(L::Article),
        t(L::Mandatory),
        t(L::Why),
        t(L::Fix),
        t(L::Where)
    );
    for g in gaps {
        let mandatory = if g.mandatory {
            format!("<td class=\"mandatory\">{}</td>", t(L::Yes))
        } else {
            td1(t(L::No))
        };
        let _ = writeln!(
            out,
            "<tr>{}{}{}{mandatory}{}{}{}</tr>",
            td1(g.row.as_deref().unwrap_or(t(L::Header))),
            td1(&g.cell.label),
            td1(&g.article),
            td1(&g.why),
            td1(&g.fix),
            td(&g.at.iter().cloned().collect::<Vec<_>>())
        );
    }
    let _ = writeln!(out, "</table>");
}

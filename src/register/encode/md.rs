//! `--format md`: the controller, the list of activities, one fiche per activity (a table of
//! its cells, by CNIL block in the CNIL layout), the purposes kept apart and the coverage
//! report. Manifest text is escaped so that it cannot break a table or become HTML or a
//! link when the Markdown is rendered.

use std::fmt::Write as _;

use super::{Register, controller_lines, title, yes_no};
use crate::register::cells;
use crate::register::labels::L;
use crate::register::layout::{Layout, blocks};

/// Escapes text for a Markdown table cell or heading; line breaks become `<br>`.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
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

    let _ = writeln!(out, "\n## {}\n", t(L::CoverageTitle));
    if register.coverage.is_empty() {
        let _ = writeln!(out, "{}", t(L::CoverageNone));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|",
            t(L::Activity),
            t(L::Cell),
            t(L::Article),
            t(L::Mandatory),
            t(L::Why),
            t(L::Fix),
            t(L::Where)
        );
        for g in &register.coverage {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                escape(g.row.as_deref().unwrap_or(t(L::Header))),
                escape(&g.cell.label),
                escape(&g.article),
                yes_no(register, g.mandatory),
                escape(&g.why),
                escape(&g.fix),
                escape(g.at.as_deref().unwrap_or(""))
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nothing in manifest text can open a tag, a link or a new table cell.
    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert(1)</script> & co | [x](y)\nz"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co \\| \\[x\\](y)<br>z"
        );
    }
}

//! `concise`: one line a finding, `file:line:col: level[rule] message (help)`.

use std::io::{self, Write};

use super::{Context, primary_place, summary_line};
use crate::diag::Report;
use crate::text::terminal;

pub(super) fn emit(report: &Report, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        if let Some(p) = primary_place(f, cx.sources) {
            write!(out, "{}:{}:{}: ", terminal(p.path), p.line, p.column)?;
        }
        write!(out, "{}[{}] {}", f.level, f.rule, terminal(f.message.get(cx.language)))?;
        if let Some(help) = &f.help {
            write!(out, " ({})", terminal(help.get(cx.language)))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_line(report, cx.language))
}

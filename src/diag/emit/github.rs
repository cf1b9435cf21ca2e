//! `github`: GitHub Actions workflow commands, one annotation a finding on its file and line.

use std::io::{self, Write};

use super::{Context, help_prefix, primary_place, summary_line};
use crate::diag::{Level, Report};

pub(super) fn emit(report: &Report, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        let command = match f.level {
            Level::Error => "error",
            Level::Warn => "warning",
            Level::Info => "notice",
        };
        let mut properties = Vec::new();
        if let Some(p) = primary_place(f, cx.sources) {
            properties.push(format!("file={}", escape_property(p.path)));
            properties.push(format!("line={}", p.line));
            properties.push(format!("col={}", p.column));
            if p.end_line == p.line {
                properties.push(format!("endColumn={}", p.end_column));
            }
        }
        properties.push(format!("title={}", escape_property(&format!("datacarto {}", f.rule))));
        let mut message = f.message.get(cx.language).to_owned();
        if let Some(help) = &f.help {
            message.push('\n');
            message.push_str(&help_prefix(cx.language));
            message.push_str(help.get(cx.language));
        }
        writeln!(out, "::{command} {}::{}", properties.join(","), escape_data(&message))?;
    }
    writeln!(out, "{}", summary_line(report, cx.language))
}

/// Escaping of a command's message (the GitHub Actions toolkit's `escapeData`), then the
/// other control characters shown as text: the log viewer obeys ESC sequences.
fn escape_data(s: &str) -> String {
    let toolkit = s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    crate::text::terminal(&toolkit).into_owned()
}

/// Escaping of a command's property (`escapeProperty`): also `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line breaks, percent signs, colons and commas cannot end a command early.
    #[test]
    fn escapes() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}

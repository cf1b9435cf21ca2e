//! `json`: the documented, versioned contract CI scripts parse (docs/ci.md).
//! `{"version": 1, "findings": [...], "summary": {...}}`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Context, place};
use crate::diag::{Finding, Level, Report, Summary};

/// The version of the JSON contract; bumped on any incompatible change.
pub(super) const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    /// The accepted risks: findings silenced by an `allow:`, with its reason.
    suppressed: Vec<JsonSuppressed<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    #[serde(flatten)]
    finding: JsonFinding<'a>,
    reason: &'a str,
    until: Option<String>,
    /// Where the `allow:` entry is.
    allow: JsonPlace<'a>,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    id: &'a str,
    rule: &'a str,
    level: Level,
    message: &'a str,
    entity: Option<&'a str>,
    kind: Option<&'a str>,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

pub(super) fn emit(report: &Report, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let findings = report.findings.iter().map(|f| json_finding(f, cx)).collect();
    let suppressed = report
        .accepted
        .iter()
        .map(|a| {
            let p = place(cx.sources, a.allow);
            JsonSuppressed {
                finding: json_finding(&a.finding, cx),
                reason: &a.reason,
                until: a.until.map(|d| d.to_string()),
                allow: JsonPlace { file: p.path, line: p.line, column: p.column },
            }
        })
        .collect();
    let output = Output { version: JSON_VERSION, findings, suppressed, summary: &report.summary };
    serde_json::to_writer_pretty(&mut *out, &output).map_err(io::Error::other)?;
    writeln!(out)
}

fn json_finding<'a>(f: &'a Finding, cx: &Context<'a>) -> JsonFinding<'a> {
    let p = f.primary.as_ref().map(|l| place(cx.sources, l.span));
    JsonFinding {
        id: &f.id,
        rule: f.rule,
        level: f.level,
        message: f.message.get(cx.language),
        entity: f.entity.as_ref().map(|e| e.path.as_str()),
        kind: f.entity.as_ref().map(|e| e.kind.as_str()),
        file: p.as_ref().map(|p| p.path),
        line: p.as_ref().map(|p| p.line),
        column: p.as_ref().map(|p| p.column),
        end_line: p.as_ref().map(|p| p.end_line),
        end_column: p.as_ref().map(|p| p.end_column),
        help: f.help.as_ref().map(|h| h.get(cx.language)),
        related: f
            .related
            .iter()
            .map(|r| {
                let p = place(cx.sources, r.span);
                JsonRelated {
                    file: p.path,
                    line: p.line,
                    column: p.column,
                    message: r.message.get(cx.language),
                }
            })
            .collect(),
    }
}

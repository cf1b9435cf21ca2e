//! `sarif`: SARIF 2.1.0 for code scanning, with `partialFingerprints` from the finding id
//! (stable across edits that do not touch the entity). Columns are Unicode code points, as
//! the run's `columnKind` says.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Context, Place, place};
use crate::diag::{Level, Report};

pub(super) fn emit(report: &Report, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = cx
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.name,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "defaultConfiguration": {"level": sarif_level(r.default_level)},
                "help": {"text": format!("datacarto explain {}", r.name)},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.rule,
                "level": sarif_level(f.level),
                "message": {"text": match &f.help {
                    Some(help) => format!("{}\nhelp: {help}", f.message),
                    None => f.message.clone(),
                }},
                "partialFingerprints": {"datacarto/v1": f.id},
            });
            if let Some(index) = cx.rules.iter().position(|r| r.name == f.rule) {
                result["ruleIndex"] = json!(index);
            }
            if let Some(primary) = &f.primary {
                result["locations"] = json!([location(&place(cx.sources, primary.span), None)]);
            }
            if !f.related.is_empty() {
                let related: Vec<Value> = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut loc = location(&place(cx.sources, r.span), Some(&r.message));
                        loc["id"] = json!(i);
                        loc
                    })
                    .collect();
                result["relatedLocations"] = json!(related);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "datacarto",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

fn location(p: &Place<'_>, message: Option<&str>) -> Value {
    let mut loc = json!({
        "physicalLocation": {
            "artifactLocation": {"uri": p.path},
            "region": {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column.max(p.column),
            },
        },
    });
    if let Some(message) = message {
        loc["message"] = json!({"text": message});
    }
    loc
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
    }
}

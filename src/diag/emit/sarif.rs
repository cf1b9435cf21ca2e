//! `sarif`: SARIF 2.1.0 for code scanning, with `partialFingerprints` from the finding id
//! (stable across edits that do not touch the entity). Columns are Unicode code points, as
//! the run's `columnKind` says. What GitHub's upload accepts is the contract: every result
//! has a location (findings about the map as a whole point at `datacarto.yaml`, or at the
//! map's folder), and every URI is relative to `%SRCROOT%` (the repository's root, else the
//! map's folder), the same whatever folder the command ran from.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Context, Origin, Place, place};
use crate::diag::{Finding, Level, Report};
use crate::manifest::enums::Language;
use crate::source::SourceMap;

/// The base every artifact URI is relative to.
const SRCROOT: &str = "%SRCROOT%";

pub(super) fn emit(report: &Report, cx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = cx
        .rules
        .iter()
        .map(|r| {
            // In French: the French summary (its detailed documentation exists in English
            // only, which the French page says), and the command that prints it in French.
            let (short, full, explain, page) = match cx.language {
                Language::En => {
                    (r.summary.to_owned(), r.description.clone(), String::new(), &r.page)
                }
                Language::Fr => {
                    let mut full: String =
                        r.summary_fr.chars().take(1).flat_map(char::to_uppercase).collect();
                    full.extend(r.summary_fr.chars().skip(1));
                    full.push('.');
                    (r.summary_fr.to_owned(), full, " --lang fr".to_owned(), &r.page_fr)
                }
            };
            let mut rule = json!({
                "id": r.name,
                "name": r.name,
                "shortDescription": {"text": short},
                "fullDescription": {"text": full},
                "defaultConfiguration": {"level": sarif_level(r.default_level)},
                "help": {
                    "text": format!("datacarto explain {}{explain}", r.name),
                    "markdown": page,
                },
            });
            if let Some(template) = &cx.origin.help_uri {
                rule["helpUri"] = json!(template.replace("{rule}", r.name));
            }
            rule
        })
        .collect();
    let mut results: Vec<Value> = report.findings.iter().map(|f| result(f, cx)).collect();
    // Accepted risks are results too, marked suppressed in the source with the `allow:`'s
    // reason: code scanning shows them as dismissed, and an auditor can review them.
    results.extend(report.accepted.iter().map(|a| {
        let mut r = result(&a.finding, cx);
        let p = place(cx.sources, a.allow);
        let mut justification = a.reason.clone();
        if let Some(until) = a.until {
            justification.push_str(&match cx.language {
                Language::En => format!(" (until {until})"),
                Language::Fr => format!(" (jusqu'au {until})"),
            });
        }
        r["suppressions"] = json!([{
            "kind": "inSource",
            "justification": justification,
            "location": location(&uri(&cx.origin, cx.sources, p.path), &p),
        }]);
        r
    }));
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "datacarto",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {SRCROOT: {"description": {"text": if cx.origin.repository {
                "The root of the git repository holding the map."
            } else {
                "The map's folder."
            }}}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
    writeln!(out)
}

fn result(f: &Finding, cx: &Context<'_>) -> Value {
    let mut result = json!({
        "ruleId": f.rule,
        "level": sarif_level(f.level),
        "message": {"text": match &f.help {
            Some(help) => format!(
                "{}\n{}{}",
                f.message.get(cx.language),
                super::help_prefix(cx.language),
                help.get(cx.language)
            ),
            None => f.message.get(cx.language).to_owned(),
        }},
        "partialFingerprints": {"datacarto/v1": f.id},
    });
    if let Some(index) = cx.rules.iter().position(|r| r.name == f.rule) {
        result["ruleIndex"] = json!(index);
    }
    result["locations"] = json!([primary_location(f, cx)]);
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let p = place(cx.sources, r.span);
                let mut loc = location(&uri(&cx.origin, cx.sources, p.path), &p);
                loc["message"] = json!({"text": r.message.get(cx.language)});
                loc["id"] = json!(i);
                loc
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    result
}

/// Where a result is: its primary label; for a finding about the map as a whole, its
/// project file, or the map's folder when it has none (GitHub refuses a whole log when one
/// result has no location).
fn primary_location(f: &Finding, cx: &Context<'_>) -> Value {
    if let Some(primary) = &f.primary {
        let p = place(cx.sources, primary.span);
        return location(&uri(&cx.origin, cx.sources, p.path), &p);
    }
    let target = if cx.origin.project_file {
        format!("{}datacarto.yaml", cx.origin.map_prefix)
    } else if cx.origin.map_prefix.is_empty() {
        "./".to_owned()
    } else {
        cx.origin.map_prefix.clone()
    };
    json!({"physicalLocation": {"artifactLocation": {
        "uri": encode_uri(&target),
        "uriBaseId": SRCROOT,
    }}})
}

/// A file's URI below `%SRCROOT%`: the map's prefix and the path within the map, never the
/// path as the command line spelt it (`/abs/…`, `../…`).
fn uri(origin: &Origin, sources: &SourceMap, path: &str) -> String {
    encode_uri(&format!("{}{}", origin.map_prefix, sources.map_path(path)))
}

/// Percent-encodes what a relative URI reference cannot hold as is (spaces, `%`, `#`, `?`,
/// non-ASCII; `:`, which would read as a scheme), keeping `/` as the separator.
fn encode_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn location(uri: &str, p: &Place<'_>) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri, "uriBaseId": SRCROOT},
            "region": {
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column.max(p.column),
            },
        },
    })
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spaces, `#`, `:` and non-ASCII letters cannot break a URI; `/` stays.
    #[test]
    fn encodes_what_a_uri_cannot_hold() {
        assert_eq!(encode_uri("stores/crm v2#1.yaml"), "stores/crm%20v2%231.yaml");
        assert_eq!(encode_uri("données/é.yaml"), "donn%C3%A9es/%C3%A9.yaml");
        assert_eq!(encode_uri("a:b/c.yaml"), "a%3Ab/c.yaml");
    }
}

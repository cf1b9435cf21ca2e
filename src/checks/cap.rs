//! At most a thousand findings of one rule in one file, as the loader caps its own: a
//! generated or hostile manifest (50 MB of stores) must not make a report of gigabytes. The
//! rest are counted in one more finding of the rule, at the start of the file.

use std::collections::{BTreeMap, HashSet};

use super::registry;
use crate::diag::{Finding, Level, t};
use crate::load::MAX_FINDINGS_PER_FILE;
use crate::source::{FileId, SourceMap, Span};

/// The findings of the model's rules, capped per file and rule; the first ones in file
/// order are kept. Loader findings are capped when loading and pass as they are.
pub(super) fn cap(mut findings: Vec<Finding>, sources: &SourceMap) -> Vec<Finding> {
    let model_rules: HashSet<&str> = registry::CHECKS.iter().map(|(r, _)| r.name).collect();
    // File order decides which are kept, whatever order the rules ran in.
    let place = |f: &Finding| f.primary.as_ref().map(|l| (l.span.file, l.span.start, l.span.end));
    findings.sort_by(|a, b| {
        (place(a), a.rule, &a.key, a.message.as_str()).cmp(&(
            place(b),
            b.rule,
            &b.key,
            b.message.as_str(),
        ))
    });
    let mut seen: BTreeMap<(Option<FileId>, &'static str), (usize, Level)> = BTreeMap::new();
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        if !model_rules.contains(f.rule) {
            kept.push(f);
            continue;
        }
        let count =
            seen.entry((f.primary.as_ref().map(|l| l.span.file), f.rule)).or_insert((0, f.level));
        count.0 += 1;
        if count.0 <= MAX_FINDINGS_PER_FILE {
            kept.push(f);
        } else {
            count.1 = count.1.max(f.level);
        }
    }
    for ((file, rule), (count, level)) in seen {
        if count <= MAX_FINDINGS_PER_FILE {
            continue;
        }
        let more = count - MAX_FINDINGS_PER_FILE;
        let path = file.map_or("", |f| sources.get(f).path.as_str());
        let mut finding = Finding::new(
            rule,
            t!(
                "{more} more {rule} findings in this file are not shown",
                "{more} autres constats {rule} de ce fichier ne sont pas affichés"
            ),
        )
        .key(format!("{path}#more"))
        .help(t!(
            "fix the {MAX_FINDINGS_PER_FILE} shown first, or configure the rule",
            "corrigez d'abord les {MAX_FINDINGS_PER_FILE} affichés, ou configurez la règle"
        ));
        if let Some(file) = file {
            finding = finding.at(Span::file_start(file), "");
        }
        kept.push(Finding { level, ..finding });
    }
    kept
}

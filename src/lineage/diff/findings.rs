//! Findings of two maps matched by id: those that appear, disappear or change level. File
//! paths in ids start with the folder each map was loaded from; they are taken out, so that
//! a finding about `stores/crm.yaml` is the same in two folders or two checkouts.

use std::collections::BTreeMap;

use super::{FindingChanges, FindingRef, LevelChange, Map};
use crate::diag::Finding;

/// A finding id with the map's folder taken out of file paths: `schema:stores/crm.yaml#…`
/// whichever folder or checkout the map was loaded from.
fn relative_id(finding: &Finding, root: &str) -> String {
    let root = root.trim_end_matches('/');
    if root.is_empty() || root == "." {
        return finding.id.clone();
    }
    let prefix = format!("{}:{root}/", finding.rule);
    match finding.id.strip_prefix(&prefix) {
        Some(rest) => format!("{}:{rest}", finding.rule),
        None => finding.id.clone(),
    }
}

pub(super) fn changes(old: &Map<'_>, new: &Map<'_>) -> FindingChanges {
    let index = |map: &Map<'_>| -> BTreeMap<String, FindingRef> {
        map.findings
            .iter()
            .map(|f| {
                let id = relative_id(f, map.root);
                let r = FindingRef {
                    id: id.clone(),
                    rule: f.rule,
                    level: f.level,
                    message: f.message.en.clone(),
                };
                (id, r)
            })
            .collect()
    };
    let mut before = index(old);
    let mut out =
        FindingChanges { added: Vec::new(), removed: Vec::new(), level_changed: Vec::new() };
    for (id, after) in index(new) {
        match before.remove(&id) {
            None => out.added.push(after),
            Some(b) if b.level != after.level => out.level_changed.push(LevelChange {
                id,
                before: b.level,
                after: after.level,
                message: after.message,
            }),
            Some(_) => {}
        }
    }
    out.removed = before.into_values().collect();
    // Errors first, then by id: what a reviewer must act on comes first.
    let order =
        |a: &FindingRef, b: &FindingRef| b.level.cmp(&a.level).then_with(|| a.id.cmp(&b.id));
    out.added.sort_by(order);
    out.removed.sort_by(order);
    out
}

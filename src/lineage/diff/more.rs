//! The structured attributes `diff` compares beyond names and enumerations — erasure,
//! access, quality, definitions, reviews, sub-processors, the scan, suppressions, a
//! purpose's collection plan — each rendered as the one line (or the list items) a reviewer
//! reads. Absent stays absent: an attribute removed shows as "before → nothing", never "no".

use std::borrow::Cow;

use super::attrs::Attr;
use crate::model::{AccessLevel, Collect, Model, Quality, Review, Store, Suppression};

fn owned(value: Option<String>) -> Attr<'static> {
    Attr::One(value.map(Cow::Owned))
}

fn list(items: impl Iterator<Item = String>) -> Attr<'static> {
    Attr::Many(items.map(Cow::Owned).collect())
}

/// `manual: the screen (reason)`.
pub(super) fn erasure(s: &Store) -> Attr<'static> {
    owned(s.erasure.as_ref().map(|e| {
        let mut out = e.method.value.as_str().to_owned();
        if let Some(how) = &e.how {
            out.push_str(&format!(": {}", how.trim()));
        }
        if let Some(reason) = &e.reason {
            out.push_str(&format!(" ({})", reason.trim()));
        }
        out
    }))
}

/// `customer: buyer-12-months`, one per term.
pub(super) fn defines<'m>(model: &'m Model, s: &'m Store) -> Attr<'m> {
    list(s.defines.iter().map(|d| {
        let term = &model.terms[d.term];
        let definition = term.definitions.get(d.definition).map_or("?", |x| x.id.as_str());
        format!("{}: {definition}", term.id)
    }))
}

/// `marketing: write`, one per team.
pub(super) fn access<'m>(model: &'m Model, s: &'m Store) -> Attr<'m> {
    let Some(access) = &s.access else { return Attr::Many(Vec::new()) };
    list(access.teams.iter().map(|(team, level, _)| {
        let level = match level {
            AccessLevel::Read => "read",
            AccessLevel::Write => "write",
            AccessLevel::Admin => "admin",
        };
        format!("{}: {level}", model.team(*team).id)
    }))
}

/// `completeness 0.9, duplicates 0.02, last audit 2026-01-10, every P1Y`.
pub(super) fn quality(q: Option<&Quality>) -> Attr<'static> {
    owned(q.map(|q| {
        let parts: Vec<String> = [
            q.completeness.map(|c| format!("completeness {c}")),
            q.duplicates_rate.as_ref().map(|d| format!("duplicates {}", d.value)),
            q.last_audit.as_ref().map(|d| format!("last audit {}", d.value)),
            q.audit_every.as_ref().map(|e| format!("every {}", e.value)),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(", ")
    }))
}

/// `last 2026-05-12, every P1Y`.
pub(super) fn review(r: Option<&Review>) -> Attr<'static> {
    owned(r.map(|r| {
        let parts: Vec<String> = [
            r.last.as_ref().map(|d| format!("last {}", d.value)),
            r.every.as_ref().map(|e| format!("every {}", e.value)),
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(", ")
    }))
}

/// `Helpora Inc. (US): night support`, one per sub-processor; absent and `[]` differ (not
/// stated, none).
pub(super) fn sub_processors(s: &Store) -> Attr<'static> {
    match &s.sub_processors {
        None => Attr::One(None),
        Some(list) if list.is_empty() => Attr::One(Some(Cow::Borrowed("none"))),
        Some(list) => owned(Some(
            list.iter()
                .map(|sp| {
                    let what = sp.purpose.as_ref().map_or_else(String::new, |p| format!(": {p}"));
                    format!("{} ({}){what}", sp.name, sp.country.value.0)
                })
                .collect::<Vec<_>>()
                .join("; "),
        )),
    }
}

/// `url env:CRM_URL, schema public, tables customers, orders (order_)`.
pub(super) fn scan(s: &Store) -> Attr<'static> {
    owned(s.scan.as_ref().map(|scan| {
        use crate::manifest::scan::ScanTable;
        let tables = scan.tables.as_ref().map(|t| {
            let names: Vec<String> = t
                .iter()
                .map(|t| match &t.value {
                    ScanTable::Name(n) => n.clone(),
                    ScanTable::Prefixed(p) => match &p.prefix {
                        Some(prefix) => format!("{} ({prefix})", p.name),
                        None => p.name.clone(),
                    },
                })
                .collect();
            format!("tables {}", names.join(", "))
        });
        let parts: Vec<String> = [
            scan.url.as_ref().map(|u| format!("url {}", u.value.0)),
            scan.file.as_ref().map(|f| format!("file {}", f.value)),
            scan.schema.as_ref().map(|s| format!("schema {s}")),
            tables,
        ]
        .into_iter()
        .flatten()
        .collect();
        parts.join(", ")
    }))
}

/// `unused-field until 2027-06-30: the reason`, one per suppression.
pub(super) fn allow(allow: &[Suppression]) -> Attr<'static> {
    list(allow.iter().map(|a| {
        let until = a.until.map_or_else(String::new, |d| format!(" until {d}"));
        let reason = a.reason.as_deref().map_or_else(String::new, |r| format!(": {}", r.trim()));
        format!("{}{until}{reason}", a.rule)
    }))
}

/// `user.contact.phone_number: web form (free); yearly campaign (0.40 EUR)`, one per need.
pub(super) fn collect(plan: &[Collect]) -> Attr<'static> {
    list(plan.iter().map(|c| {
        let part = |means: &Option<String>, cost: &Option<String>| match (means, cost) {
            (Some(m), Some(c)) => format!("{m} ({c})"),
            (Some(m), None) => m.clone(),
            (None, Some(c)) => format!("({c})"),
            (None, None) => "-".to_owned(),
        };
        format!(
            "{}: {}; {}",
            c.category.value,
            part(&c.collection, &c.collection_cost),
            part(&c.update, &c.update_cost)
        )
    }))
}

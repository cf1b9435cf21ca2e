//! `quality.html`: the quality audits the map states (`quality:` on stores and fields) —
//! completeness, duplicates, the last audit, the next one due and whether it is past.

use tera::Value;

use super::{Inputs, Site};
use crate::date::Date;
use crate::model::Quality;

fn row(
    today: Date,
    href: String,
    name: &str,
    path: String,
    q: &Quality,
    completeness: Option<f64>,
) -> Value {
    let percent = |x: Option<f64>| x.map(|x| format!("{:.0} %", x * 100.0));
    let due = q.next_due();
    let overdue = due.is_some_and(|d| d < today);
    obj! {
        "href": href, "name": name, "path": path,
        "completeness": percent(completeness.or(q.completeness)),
        "duplicates": percent(q.duplicates_rate.as_ref().map(|d| d.value)),
        "last_audit": q.last_audit.as_ref().map(|d| d.value.to_string()),
        "every": q.audit_every.as_ref().map(|a| a.value.clone()),
        "due": due.map(|d| d.to_string()),
        "overdue": overdue,
    }
}

pub(super) fn page(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let model = inputs.model;
    let today = inputs.config.as_of;
    let mut rows = Vec::new();
    for s in model.store_ids() {
        let store = model.store(s);
        if let Some(q) = &store.quality {
            rows.push(row(
                today,
                format!("stores/{}.html", store.id),
                &store.name,
                store.id.clone(),
                q,
                None,
            ));
        }
        for f in model.fields_of(s) {
            let field = model.field(f);
            if let Some(q) = &field.quality {
                let href = format!("stores/{}.html#field-{}", store.id, field.id);
                let completeness = field.completeness.as_ref().map(|c| c.value);
                rows.push(row(today, href, &field.name, model.field_path(f), q, completeness));
            }
        }
    }
    obj! {"page_title": site.word("quality"), "audits": rows}
}

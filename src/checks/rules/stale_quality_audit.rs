//! `stale-quality-audit`: a store or a field whose next quality audit (`last_audit` +
//! `audit_every`) is past on the run date.

use crate::checks::Context;
use crate::checks::facts::{field_entity, live_stores, store_entity};
use crate::diag::{Entity, Finding, Text, t};
use crate::model::Quality;
use crate::rules::stale_quality_audit::RULE;
use crate::source::Span;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let today = cx.config.as_of;
    for store in live_stores(model) {
        let s = model.store(store);
        let mut audits: Vec<(Entity, Text, &Quality)> = Vec::new();
        if let Some(q) = &s.quality {
            audits.push((
                store_entity(model, store),
                {
                    let id = &s.id;
                    t!("store '{id}'", "de l'outil '{id}'")
                },
                q,
            ));
        }
        for f in model.fields_of(store) {
            if let Some(q) = &model.field(f).quality {
                let path = model.field_path(f);
                audits.push((field_entity(model, f), t!("field '{path}'", "du champ '{path}'"), q));
            }
        }
        for (entity, what, q) in audits {
            let (Some(due), Some(last), Some(every)) =
                (q.next_due(), &q.last_audit, &q.audit_every)
            else {
                continue;
            };
            if due >= today {
                continue;
            }
            out.push(stale(entity, &what, last.value, &every.value, due, last.span));
        }
    }
}

fn stale(
    entity: Entity,
    what: &Text,
    last: crate::date::Date,
    every: &str,
    due: crate::date::Date,
    span: Span,
) -> Finding {
    Finding::new(
        RULE.name,
        t!(
            "the quality of {what} was last audited on {last}; the next audit ({every} later) was due on {due}",
            "la qualité {what} a été auditée pour la dernière fois le {last} ; l'audit suivant ({every} plus tard) était dû le {due}"
        ),
    )
    .entity(entity)
    .at(span, t!("last audit", "dernier audit"))
    .help(t!("audit again, then update 'last_audit' and the figures under 'quality:'", "auditez à nouveau, puis mettez à jour 'last_audit' et les chiffres sous 'quality:'"))
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(store: &str, field: &str) -> String {
        format!(
            "stores:\n  - id: crm\n    quality: {store}\n    fields:\n      - {{id: email, category: user.contact.email, quality: {field}}}\n"
        )
    }

    /// Past due on 2026-11-22 (the tests' day): reported on the store and on the field;
    /// still due later, or with no schedule stated, nothing.
    #[test]
    fn an_audit_past_due_is_reported() {
        let bad = findings_of(
            &map(
                "{last_audit: 2025-01-31, audit_every: P1Y}",
                "{last_audit: 2026-03-01, audit_every: P6M}",
            ),
            "stale-quality-audit",
        );
        assert_eq!(
            bad,
            vec![(Level::Warn, "crm".to_owned()), (Level::Warn, "crm.email".to_owned())]
        );
        let fresh = map(
            "{last_audit: 2026-01-31, audit_every: P1Y}",
            "{last_audit: 2026-06-01, audit_every: P6M}",
        );
        assert!(findings_of(&fresh, "stale-quality-audit").is_empty());
        let unscheduled = map("{last_audit: 2020-01-31}", "{duplicates_rate: 0.2}");
        assert!(findings_of(&unscheduled, "stale-quality-audit").is_empty());
    }
}

//! `processor-review-overdue`: a store whose processor review (`review.last` +
//! `review.every`) is past due on the run date.

use crate::checks::Context;
use crate::checks::facts::{live_stores, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::processor_review_overdue::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let today = cx.config.as_of;
    for store in live_stores(model) {
        let s = model.store(store);
        let Some(review) = &s.review else { continue };
        let (Some(due), Some(last), Some(every)) = (review.next_due(), &review.last, &review.every)
        else {
            continue;
        };
        if due >= today {
            continue;
        }
        let who = s.vendor.as_deref().map_or_else(String::new, |v| format!(" ({v})"));
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "the processor of store '{}'{who} was last reviewed on {}; the next review ({} later) was due on {due}", "le sous-traitant de l'outil '{}'{who} a été revu pour la dernière fois le {} ; la revue suivante ({} plus tard) était due le {due}",
                    s.id, last.value, every.value
                ),
            )
            .entity(store_entity(model, store))
            .at(last.span, t!("last review", "dernière revue"))
            .help(t!("review the processor again, then update 'last' under 'review:'", "revoyez le sous-traitant, puis mettez à jour 'last' sous 'review:'")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(review: &str) -> String {
        format!("stores:\n  - id: mail\n    vendor: Brevo\n    review: {review}\n")
    }

    /// Past due on 2026-11-22 (the tests' day): reported; due later, or with no schedule
    /// stated, nothing.
    #[test]
    fn a_review_past_due_is_reported() {
        let bad = findings_of(&map("{last: 2025-01-31, every: P1Y}"), "processor-review-overdue");
        assert_eq!(bad, vec![(Level::Warn, "mail".to_owned())]);
        for good in ["{last: 2026-01-31, every: P1Y}", "{last: 2020-01-31}", "{every: P1Y}"] {
            assert!(findings_of(&map(good), "processor-review-overdue").is_empty(), "{good}");
        }
    }
}

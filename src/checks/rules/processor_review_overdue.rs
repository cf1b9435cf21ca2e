//! `processor-review-overdue`: a store whose processor review (`review.last` +
//! `review.every`) is past due on the run date.

use crate::checks::Context;
use crate::checks::facts::{live_stores, store_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "processor-review-overdue",
    family: Family::Governance,
    default_level: Level::Warn,
    summary: "a processor whose periodic review is past due (`review.last` + `review.every` before the run date)",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A store (not retired) whose `review:` states both the day of the last review of its
processor and how often the review is due, and whose next review day (`last` + `every`) is
before the run date (`--as-of`, default today).

## Why it matters

A controller uses only processors "providing sufficient guarantees" (GDPR art. 28(1)), and
that is checked again over time: the contract, the hosting countries, the security measures
and the sub-processors change. A review that should have been redone leaves the processor
register describing the vendor as it was, not as it is.

## Example

```yaml
stores:
  - id: newsletter
    vendor: Brevo
    contract: https://contracts.example/brevo-dpa.pdf
    review: {last: 2025-03-01, every: P1Y}
```

## Fix

Review the processor again (contract, countries, sub-processors, security) and update
`review.last` (or change `review.every` if the schedule changed).

## Configuration

None. Without `last` or `every`, the schedule is not stated and nothing is judged.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
                format!(
                    "the processor of store '{}'{who} was last reviewed on {}; the next review ({} later) was due on {due}",
                    s.id, last.value, every.value
                ),
            )
            .entity(store_entity(model, store))
            .at(last.span, "last review")
            .help("review the processor again, then update 'last' under 'review:'"),
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

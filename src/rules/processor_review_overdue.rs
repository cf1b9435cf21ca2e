//! `processor-review-overdue`: a store whose processor review (`review.last` +
//! `review.every`) is past due on the run date.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "processor-review-overdue",
    family: Family::Governance,
    default_level: Level::Warn,
    summary: "a processor whose periodic review is past due (`review.last` + `review.every` before the run date)",
    summary_fr: "un sous-traitant dont la revue périodique est en retard (`review.last` + `review.every` avant la date de l'analyse)",
    options: &[],
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

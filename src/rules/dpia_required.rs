//! `dpia-required`: a purpose meeting two or more DPIA criteria computed from the map, with
//! no assessment done or in progress. The screening is public: the register reuses it.

use crate::diag::Level;
use crate::rules::{Family, Rule, RuleOption};

pub static RULE: Rule = Rule {
    name: "dpia-required",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a purpose meeting two or more DPIA criteria computed from the map, whose `dpia.status` is neither `done` nor `in-progress`",
    summary_fr: "une finalité qui remplit au moins deux critères d'AIPD calculés d'après la cartographie, et dont le `dpia.status` n'est ni `done` ni `in-progress`",
    options: &[RuleOption {
        name: "large_scale_records",
        description: "the number of records from which a store counts as large scale",
        min: 1.0,
        max: 1e15,
        default: 100_000.0,
    }],
    doc: r#"## What it finds

An active purpose using personal data that meets two or more of these criteria, computed from
the map, and whose `dpia.status` is neither `done` nor `in-progress`:

| criterion | met when |
|---|---|
| special-category data | a used field has a special category (art. 9 or art. 10) |
| profiling | `profiling: true` |
| automated decision | `automated_decision: true` |
| large scale | a store holding a used field has `records` ≥ the threshold (default 100,000) |
| combining | the origins of the used personal fields (where the data enters the map, through the lineage) lie in three or more stores, or in an `external` store |
| vulnerable subjects | `child`, `employee`, `patient`, or a subject declared `vulnerable: true` |
| systematic monitoring | a used field in `user.location.precise`, `user.behavior.browsing_history`, `user.behavior.search_history` or `user.device.cookie_id` |

The finding lists the criteria met and why.

## Why it matters

A data protection impact assessment is required for processing likely to result in a high
risk (GDPR art. 35). The EDPB guidelines (WP248 rev.01) list nine criteria; meeting two of
them usually calls for a DPIA.

## Example

```yaml
purposes:
  - id: targeted-ads
    profiling: true
    uses: [crm.email, web.cookie_id]    # cookie_id: systematic monitoring
```

## Fix

Carry out the assessment and record it:

```yaml
    dpia: {status: done, link: https://intranet.example/dpia/targeted-ads}
```

or, if an assessment concluded it is not needed, `status: not-required` with a suppression
that says why.

## Configuration

```yaml
rules:
  dpia-required: {large_scale_records: 500000}
```
"#,
};

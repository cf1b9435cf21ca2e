//! `duplicates-into-referential`: a store whose duplicate rate is over the threshold and
//! whose data flows into the customer master.

use crate::diag::Level;
use crate::rules::{Family, Rule, RuleOption};

pub static RULE: Rule = Rule {
    name: "duplicates-into-referential",
    family: Family::Governance,
    default_level: Level::Warn,
    summary: "a store with a duplicates rate over the threshold (default 0.05) that feeds the customer master",
    summary_fr: "un outil dont le taux de doublons dépasse le seuil (0,05 par défaut) et qui alimente le référentiel client",
    options: &[RuleOption {
        name: "threshold",
        description: "the duplicates rate above which a store feeding the master is reported",
        min: 0.0,
        max: 1.0,
        default: 0.05,
    }],
    doc: r#"## What it finds

A store (not retired, not itself the master) whose `quality.duplicates_rate` is above the
threshold, and from which a path of flows leads to a store marked `referential: true`.

## Why it matters

The customer master exists to hold one record per person. A source that holds the same
person several times feeds it duplicates at every run: merges fail, consents are split
across records, a person who asks to be erased stays in one of their copies.

## Example

```yaml
stores:
  - id: pos
    quality: {duplicates_rate: 0.12, last_audit: 2026-06-30}
flows:
  - {from: pos, to: crm, fields: [email_receipt: email]}
```

## Fix

Deduplicate at the source, or match records on an identifier before they reach the master
(and lower the rate at the next audit).

## Configuration

```yaml
rules:
  duplicates-into-referential: {level: warn, threshold: 0.1}
```

A store without `duplicates_rate` is not judged.
"#,
};

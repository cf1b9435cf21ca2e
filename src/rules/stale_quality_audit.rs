//! `stale-quality-audit`: a store or a field whose next quality audit (`last_audit` +
//! `audit_every`) is past on the run date.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "stale-quality-audit",
    family: Family::Governance,
    default_level: Level::Warn,
    summary: "a store or field whose quality audit is past due (`last_audit` + `audit_every` before the run date)",
    summary_fr: "un outil ou un champ dont l'audit de qualité est en retard (`last_audit` + `audit_every` avant la date de l'analyse)",
    options: &[],
    doc: r#"## What it finds

A store (not retired) or one of its fields whose `quality:` states both the last audit and
how often it is due, and whose next audit day (`last_audit` + `audit_every`) is before the
run date (`--as-of`, default today).

## Why it matters

Completeness and duplicate rates drift: every import, every new form, every merge changes
them. A figure from an audit that should have been redone says what the data was, not what
it is; the map, the register and the collection plan then rest on it. "Faites un audit sur
la qualité", regularly.

## Example

```yaml
stores:
  - id: crm
    quality: {completeness: 0.92, duplicates_rate: 0.03, last_audit: 2024-09-30, audit_every: P1Y}
```

## Fix

Audit again and update `last_audit` and the figures (or change `audit_every` if the
schedule changed).

## Configuration

None. Without `last_audit` or `audit_every`, the schedule is not stated and nothing is
judged.
"#,
};

//! `retention-conflict`: a field kept longer than every purpose that uses it needs.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "retention-conflict",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a field kept longer than the longest retention of the purposes that use it (when both are durations)",
    summary_fr: "un champ conservé plus longtemps que la plus longue conservation des finalités qui l'utilisent (quand les deux sont des durées)",
    options: &[],
    doc: r#"## What it finds

A field whose retention `duration` is longer than the longest `duration` among the active
purposes that use it. The rule speaks only when the field and every purpose using it have a
structured duration (`P3Y`): a retention written as a sentence cannot be compared. Durations
are compared in months (a year is 12 months, a month 30.44 days).

## Why it matters

Data kept beyond what any of its purposes needs has no purpose left: storage limitation (GDPR
art. 5(1)(e)) asks to delete or anonymise it.

## Example

```yaml
      - id: email
        retention: {duration: P10Y}
purposes:
  - {id: newsletter, uses: [crm.email], retention: {duration: P3Y}}
```

## Fix

Shorten the field's retention to the longest purpose's, or add the purpose that needs it
longer (an accounting obligation, for instance).

## Configuration

None.
"#,
};

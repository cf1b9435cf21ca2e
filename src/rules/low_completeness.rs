//! `low-completeness`: a used field filled in too few records.

use crate::diag::Level;
use crate::rules::{Family, Rule, RuleOption};

pub static RULE: Rule = Rule {
    name: "low-completeness",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a used field whose `completeness` is below the threshold (default 0.8)",
    summary_fr: "un champ utilisé dont la `completeness` est sous le seuil (0,8 par défaut)",
    options: &[RuleOption {
        name: "threshold",
        description: "the share of filled records below which a used field is reported",
        min: 0.0,
        max: 1.0,
        default: 0.8,
    }],
    doc: r#"## What it finds

A field that an active purpose uses directly, whose declared `completeness` (the share of
records where it is filled) is below the threshold. Fields without `completeness` are not
reported.

## Why it matters

A purpose built on a field that is empty in a third of the records reaches only part of its
audience, or decides on missing data. Data quality is part of a useful map: the finding says
where to invest in collection or enrichment.

## Example

```yaml
      - {id: phone, category: user.contact.phone_number, completeness: 0.62}
purposes:
  - {id: sms-reminders, uses: [service-desk.phone]}
```

## Fix

Improve the collection (make the field required in a form, enrich it from another store by a
flow), or base the purpose on a field that is filled.

## Configuration

```yaml
rules:
  low-completeness: {level: warn, threshold: 0.9}
```
"#,
};

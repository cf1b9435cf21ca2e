//! `unused-field`: a non-personal field that is not useful.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "unused-field",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a non-personal field that is not useful",
    summary_fr: "un champ non personnel qui n'est pas utile",
    options: &[],
    doc: r#"## What it finds

A field that holds no personal data and is not *useful*: no active purpose uses it, and no
flow carries it, directly or through other stores, to a field that a purpose uses or that
is disclosed to an outside recipient a purpose names (rules.md, "Useful"; docs/manifest.md,
"An outside recipient"). Fields of retired stores are not reported. Personal fields are reported by
`unused-personal-data` instead.

## Why it matters

Every field kept costs: it is synchronised, secured, migrated and explained in every
workshop. The ones no purpose needs are the first to abandon.

## Example

```yaml
stores:
  - id: erp
    fields:
      - {id: fax_number_legacy, category: system.operations}
```

## Fix

Use it in the purpose that needs it (`uses: [erp.fax_number_legacy]`), or stop keeping it.

## Configuration

None.
"#,
};

//! `unsourced-field`: a field marked `source: received` that no flow delivers.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "unsourced-field",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "a field marked `source: received` that no flow delivers: data of unknown origin",
    summary_fr: "un champ marqué `source: received` qu'aucun flux ne livre : une donnée d'origine inconnue",
    options: &[],
    doc: r#"## What it finds

A declared field with `source: received` that no flow of the map delivers.

## Why it matters

The field says its data comes from elsewhere, but the map does not say from where: a flow is
missing from the map, or the data comes from outside it (a purchased file, a partner) and
that origin should be declared — the register's "source of the data" depends on it.

## Example

```yaml
stores:
  - id: crm
    fields:
      - {id: segment, source: received}
# …and no flow carries anything into crm.segment.
```

## Fix

Declare the flow that delivers it (from a partner store if it comes from outside), or correct
`source:` (`collected`, `derived`).

## Configuration

None.
"#,
};

//! `legacy-in-use`: active purposes relying on legacy or retired stores, and flows still
//! touching retired ones.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "legacy-in-use",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "an active purpose uses a field of a `legacy` or `retired` store, or a flow touches a `retired` store",
    summary_fr: "une finalité en cours utilise un champ d'un outil `legacy` ou `retired`, ou un flux touche un outil `retired`",
    options: &[],
    doc: r#"## What it finds

- An active purpose that uses fields of a store whose `status` is `legacy` or `retired` (one
  finding per purpose and store);
- a flow from or to a `retired` store.

## Why it matters

A legacy store is meant to be replaced; a retired one is switched off. Purposes that still
rely on them block the migration, or silently stopped working; a flow to a retired store
delivers data to a system nobody maintains.

## Example

```yaml
stores:
  - {id: old-crm, status: legacy, fields: [{id: email}]}
purposes:
  - {id: newsletter, uses: [old-crm.email]}
```

## Fix

Move the purpose to the store that replaces the legacy one (`uses: [crm.email]`), and stop
flows to retired stores.

## Configuration

None.
"#,
};

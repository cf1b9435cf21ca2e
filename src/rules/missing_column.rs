//! `missing-column`: a declared field that `datacarto scan` did not find in the system.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-column",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a declared field has no column in the scanned system",
    summary_fr: "un champ déclaré n'a aucune colonne dans le système analysé",
    options: &[],
    // Reported by `datacarto scan`, which reads the real system; `check` reads only the map.
    doc: r#"## What it finds

A field declared in a store with a `scan:` whose column the real system does not have: the
column was dropped or renamed, or the field's name differs from the column's. Also a table
listed in `scan.tables` that the system does not have. Reported by `datacarto scan`.

## Why it matters

The map says the store holds data it no longer holds: the register, the maps and the
lineage describe a system that is gone, and a purpose may rely on a field nobody fills.

## Example

```yaml
stores:
  - id: crm
    scan: {file: data/crm.sqlite, tables: [customers]}
    fields: [{id: fax, category: user.contact.fax_number}]
```

with a table `customers(email)`: `fax` is missing.

## Fix

Remove the field (and what uses it), or write `column:` on it when the column has another
name (`column: customers.fax_number`). A field that lives elsewhere than the scanned tables is
silenced on the field: `allow: [{rule: missing-column, reason: "computed in the app"}]`.

## Configuration

None.
"#,
};

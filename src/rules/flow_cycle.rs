//! `flow-cycle`: a field that can travel back to itself through one-way flows.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "flow-cycle",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "a field that can travel back to itself through one-way flows; the cycle is shown",
    summary_fr: "un champ qui peut revenir à lui-même par des flux à sens unique ; le cycle est montré",
    options: &[],
    doc: r#"## What it finds

Fields that can travel back to themselves through **one-way** flows: `crm.email → erp.email →
crm.email`. Each group of fields caught in such loops is reported once, on its first field,
with one cycle shown and its flows as related places. Synchronisations (`direction: both`)
are declared two-way on purpose and are not cycles; they are left out of the search entirely.

## Why it matters

A loop of one-way flows may overwrite data with an older copy of itself, and makes "which
store is the source of truth?" impossible to answer. When both ends really exchange data,
declare it as a synchronisation.

## Example

```yaml
flows:
  - {from: crm, to: erp, fields: [email]}
  - {from: erp, to: crm, fields: [email]}
```

## Fix

Remove the flow that goes back, or replace the pair by one synchronisation:

```yaml
flows:
  - {from: crm, to: erp, fields: [email], direction: both}
```

## Configuration

None.

## Cost

One strongly-connected-components pass over the field graph (Tarjan, linear in fields and
carried fields), then one breadth-first search inside each group found.
"#,
};

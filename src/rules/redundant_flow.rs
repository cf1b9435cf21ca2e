//! `redundant-flow`: a flow whose fields already arrive by another flow (duplicate) or by a
//! path of two or more other flows (bypass).

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "redundant-flow",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a flow whose fields already arrive by another flow (duplicate) or by a path of two or more flows (bypass)",
    summary_fr: "un flux dont les champs arrivent déjà par un autre flux (doublon) ou par un chemin de deux flux ou plus (contournement)",
    options: &[],
    doc: r#"## What it finds

Two kinds of flows whose data arrives anyway:

- **duplicate**: another flow between the same two stores carries every field this one
  carries (the same source field to the same destination field). When two flows carry exactly
  the same fields, the one with the later id is reported. A synchronisation (`direction:
  both`) covers the one-way flows it includes, in either direction.
- **bypass**: every field this flow carries also reaches the same destination field from the
  same source field through a path of two or more *other* flows (`eshop → erp → crm` makes a
  direct `eshop → crm` redundant). The finding shows the path of the first field.

A flow reported as a duplicate is not also reported as a bypass. Flows that carry no field
are left to `unused-flow`.

## Why it matters

Redundant flows copy the same data twice: two jobs to run and secure, two versions of the
truth that can disagree, and a lineage that nobody can read. They are the first to abandon
after unused ones (dbt's "rejoining" and "direct join" problems, for business systems).

## Example

```yaml
flows:
  - {id: eshop-to-crm, from: eshop, to: crm, fields: [email, phone]}
  - {id: eshop-to-crm-nightly, from: eshop, to: crm, fields: [email]}   # duplicate
  - {id: eshop-to-erp, from: eshop, to: erp, fields: [email]}
  - {id: erp-to-crm, from: erp, to: crm, fields: [email]}
```

## Fix

Remove the redundant flow, or keep it and remove the other path if this one is the right
route. When both are needed (a nightly catch-up of a real-time feed), say why with an
`allow:` on the flow.

## Configuration

None.

## Cost

Duplicates: flows are grouped by their pair of stores and compared through an index of the
carried fields, so the work follows the number of carried fields, not the square of the
number of flows. Bypasses: reachability between stores is computed once with bit sets over
the strongly connected components of the store graph (components² / 8 bytes of memory: 0.5 MB
for 2,000 stores); only flows with another route at store level are then checked field by
field, with a breadth-first search that stays inside the stores lying between the flow's two
ends.
"#,
};

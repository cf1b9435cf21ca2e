//! `silo`: a store holding personal data that no path links to the customer master.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "silo",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "when a store is `referential`: a store holding personal data, possibly of the master's people, that no path of the store graph links to it",
    summary_fr: "quand un outil est `referential` : un outil qui détient des données personnelles, peut-être des personnes du référentiel, qu'aucun chemin du graphe des outils ne relie à lui",
    options: &[],
    doc: r#"## What it finds

When the map marks a customer master (`referential: true`), every store (not retired) that
holds personal data and that no path of the store graph links to a referential store: no
chain of flows leads from it to the master, and none leads from the master to it. A store
that feeds the master, or is fed by it, directly or through other stores, is linked. Two
stores that merely send to the same recipient are not linked: nothing of the master reaches
the other. Synchronisations (`direction: both`) count both ways.

Only a store that may hold the master's people is reported. The people of a store are the
`subjects` of the active purposes whose data it holds: purposes that use its fields, or
fields its data flows to, or fields its data comes from. A store whose people the map knows
and shares none with the master (an HR store of `employee`s beside a customer master of
`customer`s and `prospect`s) is not a silo of it. A store no purpose reaches is reported:
nothing says its people are others.

## Why it matters

Customer data outside the master's reach is a silo: its customers are not reconciled with the
golden record, their consents and erasures are not propagated, and the single customer view
misses them.

## Example

```yaml
stores:
  - {id: crm, referential: true, fields: [...]}
  - {id: event-signups, kind: spreadsheet, fields: [{id: email, category: user.contact.email}]}
# …and no flow connects event-signups to crm, even through other stores.
```

## Fix

Declare the flow that brings the store's customers into the master (or that feeds it from
the master), or stop keeping the data.

## Configuration

None. Without a referential store the rule reports nothing (see `no-referential`).
"#,
};

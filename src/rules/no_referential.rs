//! `no-referential`: several stores identify customers and none is the master.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "no-referential",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "two or more stores hold personal data of the same people with an identifier field, and no store is marked `referential`",
    summary_fr: "au moins deux outils détiennent des données personnelles des mêmes personnes avec un champ identifiant, et aucun outil n'est marqué `referential`",
    options: &[],
    doc: r#"## What it finds

A map where two or more stores (not retired) hold personal data with an identifier field,
may hold the same people, and no store is marked `referential: true`.

An identifier field is one marked `identifier: true`, or one a flow feeds from an identifier
(a customer number copied into another store). The people of a store are the `subjects` of
the active purposes whose data it holds (see `silo`); stores whose people are known to
differ — the HR system's employees, the CRM's customers — need no common master. A store no
purpose reaches may hold anyone, and counts.

## Why it matters

When several systems identify customers, one of them should be the customer master (the
*référentiel client unique*) that the others reconcile with. Marking it lets datacarto check
that every store holding customer data is linked to it (`silo`).

## Example

```yaml
stores:
  - {id: crm, fields: [{id: customer_id, identifier: true, category: user.unique_id}]}
  - {id: eshop, fields: [{id: account_id, identifier: true, category: user.unique_id}]}
```

## Fix

```yaml
  - id: crm
    referential: true
```

## Configuration

None.
"#,
};

//! `missing-identifier`: a store holding personal data with no identifier field.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-identifier",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a store holding personal data with no `identifier: true` field",
    summary_fr: "un outil qui détient des données personnelles sans champ `identifier: true`",
    options: &[],
    doc: r#"## What it finds

A store (not retired) that holds personal data but none of whose fields is an identifier:
nothing in it can serve to recognise the same person in another store. A field is an
identifier when it is marked `identifier: true`, or when a flow feeds it from an identifier
(a customer number copied into another store keeps identifying the customer there). The
advice names the store's people (the `subjects` of the purposes whose data it holds).

An application (`kind: application`) keeps no records to reconcile and is not reported.

## Why it matters

A unique customer identifier is what reconciles silos into one customer view (the
*référentiel client unique*): without one, duplicates multiply, access and erasure requests
cannot be served reliably, and the store cannot be joined to the customer master.

## Example

```yaml
stores:
  - id: promo-sheet
    fields:
      - {id: email, category: user.contact.email}
      - {id: name, category: user.name}
```

## Fix

Mark the field that identifies a customer (`identifier: true` on a customer number, or on the
e-mail address when that is the key), or bring the customer id into the store by a flow.

## Configuration

None.
"#,
};

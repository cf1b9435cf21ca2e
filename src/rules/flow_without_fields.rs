//! `flow-without-fields`: a flow whose field list is not stated. It is not judged as useless
//! (nothing says what it carries); the finding asks for the list.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "flow-without-fields",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "a flow that declares no field: what it carries is not stated",
    summary_fr: "un flux qui ne déclare aucun champ : ce qu'il transporte n'est pas renseigné",
    options: &[],
    doc: r#"## What it finds

A flow with no `fields:` (or an empty list): a link between two systems whose content the map
does not state. Imports give such flows (a fides egress, a Threagile communication link), and
so do maps drawn at system level first.

## Why it matters

What a flow carries is what lineage is made of: without the list, the fields at the
destination have no known origin, the flow cannot be judged useful or useless, and the purposes
downstream cannot tell which data travels on it. The flow is still drawn on the map, from its
source to its destination, labelled "fields not stated"; no rule tells you to stop it.

## Example

```yaml
flows:
  - {from: eshop, to: crm, mechanism: api}
```

## Fix

List the fields the flow carries (a field of the source store, optionally renamed at the
destination):

```yaml
  - from: eshop
    to: crm
    fields: [email, {order_total: lifetime_value}]
```

## Configuration

None.
"#,
};

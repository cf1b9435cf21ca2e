//! `undeclared-field`: a flow delivers a field the destination store does not declare.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "undeclared-field",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "a flow delivers a field that the destination store does not declare",
    summary_fr: "un flux livre un champ que l'outil de destination ne déclare pas",
    options: &[],
    doc: r#"## What it finds

A flow carrying a field into a store that does not declare it. datacarto creates the field in
the destination, with the source field's attributes (manifest.md, "Inferred fields"), and says
so here, once per inferred field, at the flow that first delivers it. Not for an application
(`kind: application`): it stores nothing, so what flows into it is what passes through.

## Why it matters

The destination store's owners may not know they hold this data; its category, retention and
completeness there are only guessed from the source.

## Example

```yaml
stores:
  - {id: eshop, fields: [{id: phone, category: user.contact.phone_number}]}
  - {id: crm}
flows:
  - {from: eshop, to: crm, fields: [phone]}
```

## Fix

Declare the field in the destination store, with its own attributes there.

## Configuration

None. Turn it off (`undeclared-field: off`) for maps that declare fields only at their origin.
"#,
};

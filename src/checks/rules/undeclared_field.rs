//! `undeclared-field`: a flow delivers a field the destination store does not declare.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::model::FieldOrigin;

pub static RULE: Rule = Rule {
    name: "undeclared-field",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "a flow delivers a field that the destination store does not declare",
    options: &[],
    check: Some(check),
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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in model.field_ids() {
        let field = model.field(id);
        let FieldOrigin::Inferred { flow, from } = field.origin else { continue };
        // An application declares nothing: what flows carry into it is what it processes.
        if model.store(field.store).is_application() {
            continue;
        }
        let store = &model.store(field.store).id;
        out.push(
            Finding::new(
                RULE.name,
                format!(
                    "flow '{}' delivers '{}' to store '{store}', which does not declare it",
                    model.flow(flow).id,
                    field.id
                ),
            )
            .entity(field_entity(model, id))
            .at(field.span, "delivered here")
            .help(format!(
                "declare '{}' in store '{store}' (it is created from '{}')",
                field.id,
                model.field_path(from)
            )),
        );
    }
}

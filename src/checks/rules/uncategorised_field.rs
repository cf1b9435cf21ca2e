//! `uncategorised-field`: a field without `category`.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::model::FieldOrigin;

pub static RULE: Rule = Rule {
    name: "uncategorised-field",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "a field without `category`",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A declared field with no `category:`. (Fields a flow infers take their source's category and
are reported at the source.)

## Why it matters

The category says what the data is: whether it is personal, whether it is a special category,
which CNIL family the register lists it under, which needs it meets. Without it, datacarto
treats the field as non-personal unless `personal: true` says otherwise.

## Example

```yaml
      - {id: phone}
```

## Fix

```yaml
      - {id: phone, category: user.contact.phone_number}
```

`datacarto schema` and docs/manifest.md list the built-in keys; a map may declare its own.

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in model.field_ids() {
        let field = model.field(id);
        if field.category.is_some() || field.origin != FieldOrigin::Declared {
            continue;
        }
        out.push(
            Finding::new(RULE.name, format!("field '{}' has no category", model.field_path(id)))
                .entity(field_entity(model, id))
                .at(field.span, "")
                .help("add 'category:' with a data category key such as 'user.contact.email'"),
        );
    }
}

//! `unused-field`: a non-personal field that is not useful.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::manifest::enums::StoreStatus;

pub static RULE: Rule = Rule {
    name: "unused-field",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a non-personal field that is not useful",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A field that holds no personal data and is not *useful*: no active purpose uses it, and no
flow carries it, directly or through other stores, to a field that a purpose uses or that
is disclosed to an outside recipient a purpose names (rules.md, "Useful"; docs/manifest.md,
"An outside recipient"). Fields of retired stores are not reported. Personal fields are reported by
`unused-personal-data` instead.

## Why it matters

Every field kept costs: it is synchronised, secured, migrated and explained in every
workshop. The ones no purpose needs are the first to abandon.

## Example

```yaml
stores:
  - id: erp
    fields:
      - {id: fax_number_legacy, category: system.operations}
```

## Fix

Use it in the purpose that needs it (`uses: [erp.fax_number_legacy]`), or stop keeping it.

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    for id in model.field_ids() {
        let field = model.field(id);
        if field.personal
            || graph.is_useful(id)
            || crate::checks::facts::passes_through(model, id)
            || model.store(field.store).status == StoreStatus::Retired
        {
            continue;
        }
        let path = model.field_path(id);
        out.push(
            Finding::new(
                RULE.name,
                format!("field '{path}' is not used: no purpose uses it, here or downstream"),
            )
            .entity(field_entity(model, id))
            .at(field.span, "not used")
            .help("use it in a purpose, or stop keeping it"),
        );
    }
}

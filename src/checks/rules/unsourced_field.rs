//! `unsourced-field`: a field marked `source: received` that no flow delivers.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::manifest::enums::FieldSource;
use crate::model::FieldOrigin;
use petgraph::Direction::Incoming;

pub static RULE: Rule = Rule {
    name: "unsourced-field",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "a field marked `source: received` that no flow delivers: data of unknown origin",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A declared field with `source: received` that no flow of the map delivers.

## Why it matters

The field says its data comes from elsewhere, but the map does not say from where: a flow is
missing from the map, or the data comes from outside it (a purchased file, a partner) and
that origin should be declared — the register's "source of the data" depends on it.

## Example

```yaml
stores:
  - id: crm
    fields:
      - {id: segment, source: received}
# …and no flow carries anything into crm.segment.
```

## Fix

Declare the flow that delivers it (from a partner store if it comes from outside), or correct
`source:` (`collected`, `derived`).

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    for id in model.field_ids() {
        let field = model.field(id);
        if field.source != Some(FieldSource::Received) || field.origin != FieldOrigin::Declared {
            continue;
        }
        if graph
            .fields
            .neighbors_directed(crate::graph::node(id.index()), Incoming)
            .next()
            .is_some()
        {
            continue;
        }
        out.push(
            Finding::new(
                RULE.name,
                format!("field '{}' is received, but no flow delivers it", model.field_path(id)),
            )
            .entity(field_entity(model, id))
            .at(field.span, "source: received, from nowhere")
            .help("declare the flow that delivers it, or correct its 'source'"),
        );
    }
}

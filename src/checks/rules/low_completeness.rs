//! `low-completeness`: a used field filled in too few records.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::checks::registry::{Family, Rule, RuleOption};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "low-completeness",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a used field whose `completeness` is below the threshold (default 0.8)",
    options: &[RuleOption {
        name: "threshold",
        description: "the share of filled records below which a used field is reported",
        min: 0.0,
        max: 1.0,
        default: 0.8,
    }],
    check: Some(check),
    doc: r#"## What it finds

A field that an active purpose uses directly, whose declared `completeness` (the share of
records where it is filled) is below the threshold. Fields without `completeness` are not
reported.

## Why it matters

A purpose built on a field that is empty in a third of the records reaches only part of its
audience, or decides on missing data. Data quality is part of a useful map: the finding says
where to invest in collection or enrichment.

## Example

```yaml
      - {id: phone, category: user.contact.phone_number, completeness: 0.62}
purposes:
  - {id: sms-reminders, uses: [service-desk.phone]}
```

## Fix

Improve the collection (make the field required in a form, enrich it from another store by a
flow), or base the purpose on a field that is filled.

## Configuration

```yaml
rules:
  low-completeness: {level: warn, threshold: 0.9}
```
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    let threshold = cx.config.option(RULE.name, "threshold");
    for id in model.field_ids() {
        let field = model.field(id);
        let Some(completeness) = &field.completeness else { continue };
        // A completeness an application inherits is its source's: judged there, once.
        if crate::checks::facts::passes_through(model, id) {
            continue;
        }
        if completeness.value >= threshold || !graph.is_used(id) {
            continue;
        }
        let users: Vec<String> =
            graph.purposes_using(id).iter().map(|p| model.purpose(*p).id.clone()).collect();
        out.push(
            Finding::new(
                RULE.name,
                format!(
                    "field '{}' is filled in {:.0} % of records, below {:.0} %, and purpose {} uses it",
                    model.field_path(id),
                    completeness.value * 100.0,
                    threshold * 100.0,
                    crate::checks::facts::quoted_list(&users, 3)
                ),
            )
            .entity(field_entity(model, id))
            .at(completeness.span, "completeness")
            .help("improve its collection or enrich it by a flow, or base the purpose on a better-filled field"),
        );
    }
}

//! `unknown-category`: a category or data use key in no vocabulary.

use crate::checks::Context;
use crate::checks::facts::{field_entity, purpose_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Entity, Finding, Level, suggest};
use crate::model::{FieldOrigin, Model};
use crate::source::Span;
use crate::vocab::categories::{CATEGORIES, DATA_USES, is_builtin, is_builtin_use};

pub static RULE: Rule = Rule {
    name: "unknown-category",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a category key in no vocabulary (closest key suggested)",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A data category key — a field's `category`, a purpose's `needs` — that is neither a built-in
key (the fideslang taxonomy, docs/manifest.md) nor declared in the map's `categories:`; and a
purpose's `use` that is not a fideslang data use. The closest known key is suggested.

## Why it matters

An unknown key is usually a typo (`user.contact.e-mail`), and a typo silently changes
meaning: the field is no longer recognised as an e-mail address, a need is never met, a
special category goes unnoticed.

## Example

```yaml
      - {id: email, category: user.contact.mail}
```

## Fix

Use the suggested key, or declare the category:

```yaml
categories:
  - {id: user.loyalty.tier, name: Loyalty tier, parent: user}
```

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let known = |key: &str| is_builtin(key) || model.category(key).is_some();
    for id in model.field_ids() {
        let field = model.field(id);
        let Some(category) = &field.category else { continue };
        if field.origin == FieldOrigin::Declared && !known(&category.value) {
            out.push(unknown(
                model,
                field_entity(model, id),
                "category",
                &category.value,
                category.span,
                false,
            ));
        }
    }
    for purpose in &model.purposes {
        for need in &purpose.needs {
            if !known(&need.value) {
                let finding = unknown(
                    model,
                    purpose_entity(purpose),
                    "category",
                    &need.value,
                    need.span,
                    false,
                );
                out.push(finding.key(format!("{}/{}", purpose.id, need.value)));
            }
        }
        if let Some(data_use) = &purpose.data_use
            && !is_builtin_use(&data_use.value)
        {
            out.push(unknown(
                model,
                purpose_entity(purpose),
                "data use",
                &data_use.value,
                data_use.span,
                true,
            ));
        }
    }
}

fn unknown(
    model: &Model,
    entity: Entity,
    what: &str,
    key: &str,
    span: Span,
    data_use: bool,
) -> Finding {
    let declared: Vec<&str> = model.categories.iter().map(|c| c.key.as_str()).collect();
    let best = if data_use {
        suggest::closest(key, DATA_USES.iter().copied())
    } else {
        suggest::closest(key, CATEGORIES.iter().copied().chain(declared.iter().copied()))
    };
    let help = best.map_or_else(
        || {
            if data_use {
                "use a fideslang data use key".to_owned()
            } else {
                "use a built-in key, or declare the category under 'categories:'".to_owned()
            }
        },
        |b| format!("did you mean '{b}'?"),
    );
    Finding::new(RULE.name, format!("unknown {what} '{key}'"))
        .key(format!("{}/{key}", entity.path))
        .entity(entity)
        .at(span, "in no vocabulary")
        .help(help)
}

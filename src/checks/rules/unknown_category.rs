//! `unknown-category`: a category or data use key in no vocabulary. An unknown category is
//! an error: a misspelt key silently drops the meaning (art. 9 status, personal data) that
//! other rules and the register read from it.

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
    default_level: Level::Error,
    summary: "a category key in no vocabulary (closest key suggested); a data use in none, at warn",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A data category key — a field's `category`, a purpose's `needs` — that is neither a built-in
key (the fideslang taxonomy, docs/manifest.md) nor declared in the map's `categories:`; and a
purpose's `use` that is not a fideslang data use. The closest known key is suggested.

An unknown category key is an **error**; an unknown data use is reported at `warn` (it only
colours the purpose's description and the profiling hint).

## Why it matters

An unknown key is usually a typo (`user.contact.e-mail`), and a typo silently changes
meaning: the field is no longer recognised as an e-mail address, a need is never met, a
special category goes unnoticed. `user.helth_and_medical` is still personal data (it sits
under `user.`) but no longer health data: the art. 9 checks, the DPIA criteria and the
register's special categories all miss it. A CI gate must not pass it.

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

None. To keep a key of your own without declaring it, lower the level
(`rules: {unknown-category: warn}`), knowing what it costs.
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
            out.push(
                unknown(
                    model,
                    purpose_entity(purpose),
                    "data use",
                    &data_use.value,
                    data_use.span,
                    true,
                )
                // A data use only colours the purpose's wording: no rule reads a status
                // from it, so a typo there is a warning.
                .own_level(Level::Warn),
            );
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

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    const MAP: &str = "stores:
  - id: hr
    fields:
      - {id: sick_leave, category: user.helth_and_medical}
purposes:
  - id: payroll
    use: essential.servise
    needs: [user.contact.emial]
    uses: [hr.sick_leave]
";

    /// A misspelt category key (field or need) is an error, a misspelt data use a warning.
    #[test]
    fn a_misspelt_category_is_an_error_and_a_misspelt_use_a_warning() {
        let found = findings_of(MAP, "unknown-category");
        assert_eq!(
            found,
            vec![
                (Level::Error, "hr.sick_leave".to_owned()),
                (Level::Warn, "payroll".to_owned()),
                (Level::Error, "payroll".to_owned()),
            ]
        );
    }
}

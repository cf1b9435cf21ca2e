//! `retention-conflict`: a field kept longer than every purpose that uses it needs.

use crate::checks::Context;
use crate::checks::facts::{duration_months, field_entity, retention_duration};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "retention-conflict",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a field kept longer than the longest retention of the purposes that use it (when both are durations)",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A field whose retention `duration` is longer than the longest `duration` among the active
purposes that use it. The rule speaks only when the field and every purpose using it have a
structured duration (`P3Y`): a retention written as a sentence cannot be compared. Durations
are compared in months (a year is 12 months, a month 30.44 days).

## Why it matters

Data kept beyond what any of its purposes needs has no purpose left: storage limitation (GDPR
art. 5(1)(e)) asks to delete or anonymise it.

## Example

```yaml
      - id: email
        retention: {duration: P10Y}
purposes:
  - {id: newsletter, uses: [crm.email], retention: {duration: P3Y}}
```

## Fix

Shorten the field's retention to the longest purpose's, or add the purpose that needs it
longer (an accounting obligation, for instance).

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    for id in model.field_ids() {
        let field = model.field(id);
        let Some(retention) = &field.retention else { continue };
        // An application keeps nothing: a retention it inherits is judged at its source.
        if model.store(field.store).is_application() {
            continue;
        }
        let Some(kept) = retention_duration(&retention.value).and_then(duration_months) else {
            continue;
        };
        let users = graph.purposes_using(id);
        if users.is_empty() {
            continue;
        }
        let mut longest: Option<(f64, &str, &str)> = None;
        let mut comparable = true;
        for p in users {
            let purpose = model.purpose(*p);
            match purpose.retention.as_ref().and_then(|r| retention_duration(&r.value)) {
                Some(d) => match duration_months(d) {
                    Some(m) if longest.is_none_or(|(l, _, _)| m > l) => {
                        longest = Some((m, d, purpose.id.as_str()))
                    }
                    Some(_) => {}
                    None => comparable = false,
                },
                None => comparable = false,
            }
        }
        let (Some((needed, needed_text, purpose)), true) = (longest, comparable) else { continue };
        if kept <= needed {
            continue;
        }
        let kept_text = retention_duration(&retention.value).unwrap_or_default();
        out.push(
            Finding::new(
                RULE.name,
                format!(
                    "field '{}' is kept {kept_text}, longer than any purpose using it needs (at most {needed_text}, for '{purpose}')",
                    model.field_path(id)
                ),
            )
            .entity(field_entity(model, id))
            .at(retention.span, "kept longer")
            .help("shorten the field's retention, or declare the purpose that needs it longer"),
        );
    }
}

//! `missing-retention`: a purpose using personal data with no retention anywhere.

use crate::checks::Context;
use crate::checks::facts::{personal_uses, purpose_entity, register_purposes};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "missing-retention",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a purpose that uses personal data with no retention on it nor on any used field (art. 5(1)(e), 30(1)(f))",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

An active purpose that uses personal data, has no `retention`, and none of the personal fields
it uses has one either.

## Why it matters

Personal data may be kept no longer than the purpose needs (storage limitation, GDPR art.
5(1)(e)), and the register gives the time limits for erasure where possible (art. 30(1)(f)).
Without any retention, nobody knows when to delete.

## Example

```yaml
purposes:
  - id: loyalty
    uses: [loyalty.points, loyalty.email]
```

## Fix

```yaml
    retention: {duration: P3Y, trigger: end_of_relationship, end_action: delete}
```

or a `retention:` on each field, when periods differ by data.

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in register_purposes(model) {
        let purpose = model.purpose(id);
        if purpose.retention.is_some()
            || personal_uses(model, purpose).any(|f| model.field(f).retention.is_some())
        {
            continue;
        }
        out.push(
            Finding::new(RULE.name, format!("purpose '{}' uses personal data with no retention period", purpose.id))
                .entity(purpose_entity(purpose))
                .at(purpose.span, "")
                .help("add 'retention:' to the purpose (duration, trigger, end action), or to the fields it uses"),
        );
    }
}

//! `missing-subjects`: a purpose using personal data that names no data subjects.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, register_purposes};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "missing-subjects",
    family: Family::Gdpr,
    default_level: Level::Error,
    summary: "a purpose that uses personal data and names no data subjects (art. 30(1)(c))",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

An active purpose that uses personal data and has no `subjects:` (or an empty list).

## Why it matters

The register describes, for each processing, the categories of people whose data it uses
(GDPR art. 30(1)(c)): customers, prospects, employees, children… It also decides DPIA
criteria (vulnerable people).

## Example

```yaml
purposes:
  - id: loyalty
    uses: [loyalty.*]
```

## Fix

```yaml
    subjects: [customer]
```

Built-in subjects: docs/manifest.md; a map may declare its own under `subjects:`.

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in register_purposes(model) {
        let purpose = model.purpose(id);
        if !purpose.subjects.is_empty() {
            continue;
        }
        out.push(
            Finding::new(RULE.name, format!("purpose '{}' uses personal data and names no data subjects", purpose.id))
                .entity(purpose_entity(purpose))
                .at(purpose.span, "")
                .help("add 'subjects:' with the categories of people concerned, such as [customer, prospect]"),
        );
    }
}

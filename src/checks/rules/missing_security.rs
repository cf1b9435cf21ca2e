//! `missing-security`: a store holding personal data with no security measures.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, store_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "missing-security",
    family: Family::Gdpr,
    default_level: Level::Info,
    summary: "a store holding personal data with no `security` measures (art. 30(1)(g))",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A store (not retired) that holds personal data and lists no `security:` measures.

## Why it matters

The register gives a general description of the technical and organisational security
measures (GDPR art. 30(1)(g), art. 32). datacarto derives it from the stores holding each
purpose's data, by CNIL family: access control, traceability, software protection, backup,
encryption, processor control, other.

## Example

```yaml
stores:
  - id: loyalty
    fields: [{id: email, category: user.contact.email}]
```

## Fix

```yaml
    security: [access_control, traceability, backup, encryption]
```

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for store in live_stores(model) {
        let s = model.store(store);
        if !s.security.is_empty() || !holds_personal(model, store) {
            continue;
        }
        out.push(
            Finding::new(RULE.name, format!("store '{}' holds personal data and lists no security measures", s.id))
                .entity(store_entity(model, store))
                .at(s.span, "")
                .help("add 'security:' with the measures in place: access_control, traceability, backup, encryption, …"),
        );
    }
}

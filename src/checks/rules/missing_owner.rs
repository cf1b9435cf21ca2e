//! `missing-owner`: a store or a purpose without `owner`.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, store_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::manifest::enums::{PurposeStatus, StoreStatus};

pub static RULE: Rule = Rule {
    name: "missing-owner",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a store or a purpose without `owner`",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A store or a purpose with no `owner:` team. Retired stores and purposes are not reported. (An
owner naming an unknown team is an `unknown-reference`.)

## Why it matters

Data owners are who answers for a store's content, quality and retention, and who decides a
purpose's data. Without one, nobody fixes the other findings.

## Example

```yaml
stores:
  - id: loyalty
    kind: marketing
```

## Fix

```yaml
    owner: marketing
```

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in model.store_ids() {
        let store = model.store(id);
        if !store.owner_written && store.status != StoreStatus::Retired {
            out.push(
                Finding::new(RULE.name, format!("store '{}' has no owner", store.id))
                    .entity(store_entity(model, id))
                    .at(store.span, "")
                    .help("add 'owner:' with the team that answers for the store"),
            );
        }
    }
    for purpose in &model.purposes {
        if !purpose.owner_written && purpose.status != PurposeStatus::Retired {
            out.push(
                Finding::new(RULE.name, format!("purpose '{}' has no owner", purpose.id))
                    .entity(purpose_entity(purpose))
                    .at(purpose.span, "")
                    .help("add 'owner:' with the team accountable for the purpose"),
            );
        }
    }
}

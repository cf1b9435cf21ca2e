//! `missing-identifier`: a store holding personal data with no identifier field.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, store_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "missing-identifier",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a store holding personal data with no `identifier: true` field",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A store (not retired) that holds personal data but none of whose fields is marked
`identifier: true`: nothing in it can serve to recognise the same customer in another store.

## Why it matters

A unique customer identifier is what reconciles silos into one customer view (the
*référentiel client unique*): without one, duplicates multiply, access and erasure requests
cannot be served reliably, and the store cannot be joined to the customer master.

## Example

```yaml
stores:
  - id: promo-sheet
    fields:
      - {id: email, category: user.contact.email}
      - {id: name, category: user.name}
```

## Fix

Mark the field that identifies a customer (`identifier: true` on a customer number, or on the
e-mail address when that is the key), or bring the customer id into the store by a flow.

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for store in live_stores(model) {
        if !holds_personal(model, store)
            || model.fields_of(store).any(|f| model.field(f).identifier)
        {
            continue;
        }
        let s = model.store(store);
        out.push(
            Finding::new(RULE.name, format!("store '{}' holds personal data but no identifier field", s.id))
                .entity(store_entity(model, store))
                .at(s.span, "")
                .help("mark the field that identifies a customer with 'identifier: true', or bring the customer id by a flow"),
        );
    }
}

//! `no-referential`: several stores identify customers and none is the master.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, quoted_list};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "no-referential",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "two or more stores hold personal data with an identifier field, and no store is marked `referential`",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A map where two or more stores (not retired) hold personal data with an `identifier: true`
field, and no store is marked `referential: true`.

## Why it matters

When several systems identify customers, one of them should be the customer master (the
*référentiel client unique*) that the others reconcile with. Marking it lets datacarto check
that every store holding customer data is linked to it (`silo`).

## Example

```yaml
stores:
  - {id: crm, fields: [{id: customer_id, identifier: true, category: user.unique_id}]}
  - {id: eshop, fields: [{id: account_id, identifier: true, category: user.unique_id}]}
```

## Fix

```yaml
  - id: crm
    referential: true
```

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    if model.stores.iter().any(|s| s.referential) {
        return;
    }
    let identifying: Vec<_> = live_stores(model)
        .filter(|s| {
            holds_personal(model, *s) && model.fields_of(*s).any(|f| model.field(f).identifier)
        })
        .collect();
    if identifying.len() < 2 {
        return;
    }
    let names: Vec<String> = identifying.iter().map(|s| model.store(*s).id.clone()).collect();
    let mut finding = Finding::new(
        RULE.name,
        format!(
            "{} stores identify customers ({}) and none is marked as the customer master",
            names.len(),
            quoted_list(&names, 4)
        ),
    )
    .key("map")
    .help("mark the customer master with 'referential: true'");
    // The first store carries the finding, so that it has a place in a file.
    for (i, s) in identifying.iter().take(5).enumerate() {
        let span = model.store(*s).span;
        finding = if i == 0 {
            finding.at(span, "identifies customers")
        } else {
            finding.related(span, "identifies customers")
        };
    }
    out.push(finding);
}

//! `processor-without-contract`: a processor holding personal data with no contract link.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, store_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "processor-without-contract",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a store with a `vendor` holding personal data, with no `contract` (art. 28)",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A store (not retired) operated by an outside processor (`vendor:`) that holds personal data
and gives no `contract:` link.

## Why it matters

A processor may handle personal data only under a contract that sets out the subject, duration,
nature and purpose of the processing and the processor's obligations (GDPR art. 28(3)). The
register links to it (ICO template, column 7); auditors ask for it first.

## Example

```yaml
stores:
  - id: service-desk
    vendor: HelpCo
    fields: [{id: email, category: user.contact.email}]
```

## Fix

```yaml
    contract: https://intranet.example/dpa/helpco
```

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for store in live_stores(model) {
        let s = model.store(store);
        let Some(vendor) = &s.vendor else { continue };
        if s.contract.is_some() || !holds_personal(model, store) {
            continue;
        }
        out.push(
            Finding::new(RULE.name, format!("store '{}' is run by processor {vendor} and holds personal data, with no contract", s.id))
                .entity(store_entity(model, store))
                .at(s.span, "")
                .help("add 'contract:' with a link to the data processing agreement (GDPR art. 28)"),
        );
    }
}

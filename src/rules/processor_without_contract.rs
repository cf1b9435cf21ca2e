//! `processor-without-contract`: a processor holding personal data with no contract link.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "processor-without-contract",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a store with a `vendor` holding personal data, with no `contract` (art. 28)",
    summary_fr: "un outil avec un `vendor` qui détient des données personnelles, sans `contract` (art. 28)",
    options: &[],
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

//! `processor-without-location`: a store run by a processor, holding personal data, whose
//! hosting country is not stated — so whether its data leaves the EEA cannot be told.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "processor-without-location",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a store with a `vendor` holding personal data, with no `location`: its transfers are unknowable",
    summary_fr: "un outil avec un `vendor` qui détient des données personnelles, sans `location` : ses transferts sont inconnaissables",
    options: &[],
    doc: r#"## What it finds

A store (not retired) operated by an outside processor (`vendor:`) that holds personal data
and does not say where it is hosted (`location:`).

## Why it matters

Processors are where data most often leaves the EEA: SaaS tools hosted in the United States,
support desks in the United Kingdom, sub-processors anywhere. Without `location`,
`transfer-without-safeguard` cannot fire on the flows that feed the store, and the register
can only print "not stated" in its transfers cell (GDPR art. 30(1)(e)): a transfer nobody
knows about is a transfer with no safeguard. In-house stores are not reported — their
location is usually known to the team writing the map, and `register --check` lists the gap.

## Example

```yaml
stores:
  - id: helpdesk
    vendor: Helpora Ltd
    fields:
      - {id: email, category: user.contact.email}
```

## Fix

State the hosting countries (ISO 3166-1 alpha-2), from the processor contract or its list
of sub-processors:

```yaml
    location: [IE, US]
```

## Configuration

None.
"#,
};

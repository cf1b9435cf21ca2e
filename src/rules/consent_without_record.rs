//! `consent-without-record`: consent as basis, with no field holding the proof.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "consent-without-record",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "`legal_basis: consent` without `consent_record`",
    summary_fr: "`legal_basis: consent` sans `consent_record`",
    options: &[],
    doc: r#"## What it finds

An active purpose whose `legal_basis` is `consent` and which names no `consent_record`: the
field holding the proof of each person's consent.

## Why it matters

Where processing rests on consent, the controller must be able to demonstrate that the person
consented (GDPR art. 7(1)); withdrawal must be as easy as giving it (art. 7(3)). The consent
record is also what flows must carry to every store that uses the data.

## Example

```yaml
purposes:
  - id: newsletter
    legal_basis: consent
    uses: [crm.email]
```

## Fix

```yaml
    consent_record: crm.optin_newsletter
```

## Configuration

None.
"#,
};

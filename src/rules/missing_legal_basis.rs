//! `missing-legal-basis`: a purpose using personal data without `legal_basis`.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-legal-basis",
    family: Family::Gdpr,
    default_level: Level::Error,
    summary: "a purpose that uses personal data and has no `legal_basis` (art. 6)",
    summary_fr: "une finalité qui utilise des données personnelles sans `legal_basis` (art. 6)",
    options: &[],
    doc: r#"## What it finds

An active purpose that uses at least one personal field and has no `legal_basis`. Purposes
that use no personal data, and planned or retired ones, are not checked.

## Why it matters

Processing personal data is lawful only on one of the six bases of GDPR art. 6(1): consent,
contract, legal obligation, vital interests, public task, legitimate interests. The basis
decides the rights people have (withdrawal of consent, objection) and what the privacy notice
says.

## Example

```yaml
purposes:
  - id: newsletter
    uses: [crm.email]
```

## Fix

```yaml
    legal_basis: consent
    consent_record: crm.optin_newsletter
```

## Configuration

None.
"#,
};

//! `special-data-without-condition`: special-category data without an art. 9(2) condition,
//! or criminal-offence data without a legal reference.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "special-data-without-condition",
    family: Family::Gdpr,
    default_level: Level::Error,
    summary: "a purpose that uses special-category data (art. 9) without `special_condition`, or criminal-offence data (art. 10) without `legal_reference`",
    summary_fr: "une finalité qui utilise des données sensibles (art. 9) sans `special_condition`, ou des données d'infraction (art. 10) sans `legal_reference`",
    options: &[],
    doc: r#"## What it finds

An active purpose that uses:

- special-category data (GDPR art. 9(1): racial or ethnic origin, political opinions,
  religious or philosophical beliefs, trade-union membership, genetic data, biometric data
  identifying a person, health, sex life or sexual orientation) with no `special_condition`;
- criminal-offence data (art. 10) with no `legal_reference`.

A field's special category comes from `special:` or from its category key (docs/manifest.md).
National identification numbers are flagged in the register but need no art. 9 condition.

## Why it matters

Processing special-category data is forbidden unless one of the ten conditions of art. 9(2)
applies — in addition to an art. 6 basis. Criminal-offence data may be processed only under
official authority or when a law authorises it (art. 10).

## Example

```yaml
purposes:
  - id: allergy-alerts
    legal_basis: consent
    uses: [eshop.allergies]        # category user.health_and_medical
```

## Fix

```yaml
    special_condition: explicit_consent
```

## Configuration

None.
"#,
};

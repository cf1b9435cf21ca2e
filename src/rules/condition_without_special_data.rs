//! `condition-without-special-data`: an art. 9(2) condition on a purpose that uses no
//! special-category data — either a used field hides its special category, or the condition
//! is wrong; the register would print the condition beside "Special categories: No".

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "condition-without-special-data",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a purpose with a `special_condition` (art. 9(2)) that uses no special-category data",
    summary_fr: "une finalité avec une `special_condition` (art. 9(2)) qui n'utilise aucune donnée sensible",
    options: &[],
    doc: r#"## What it finds

An active purpose that declares `special_condition:` but whose used fields hold no
special-category data of art. 9(1) (health, biometric, genetic data, racial or ethnic origin,
political opinions, religious or philosophical beliefs, trade-union membership, sex life or
sexual orientation). Criminal-offence data (art. 10) and national identification numbers do
not call for an art. 9(2) condition.

## Why it matters

The map contradicts itself, and the register would print "Explicit consent" beside "Special
categories: No". Either a used field holds special-category data under a category that does
not say so — the worst case: the art. 9 checks pass on data they should guard — or the
condition is left over and misleads the reader of the register.

## Example

```yaml
purposes:
  - id: allergy-alerts
    special_condition: explicit_consent
    uses: [eshop.allergies]        # category user.content.private
```

## Fix

Give the field its special category (`category: user.health_and_medical`, or
`special: health`), or remove `special_condition:`.

## Configuration

None.
"#,
};

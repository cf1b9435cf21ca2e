//! `condition-without-special-data`: an art. 9(2) condition on a purpose that uses no
//! special-category data — either a used field hides its special category, or the condition
//! is wrong; the register would print the condition beside "Special categories: No".

use crate::checks::Context;
use crate::checks::facts::purpose_entity;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::manifest::enums::SpecialCategory;

pub static RULE: Rule = Rule {
    name: "condition-without-special-data",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a purpose with a `special_condition` (art. 9(2)) that uses no special-category data",
    options: &[],
    check: Some(check),
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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for purpose in model.purposes.iter().filter(|p| p.is_active()) {
        let Some(condition) = purpose.special_condition else { continue };
        let art9 = purpose.uses.iter().any(|f| {
            !matches!(
                model.field(*f).special,
                None | Some(SpecialCategory::CriminalOffences | SpecialCategory::NationalIdNumber)
            )
        });
        if art9 {
            continue;
        }
        out.push(
            Finding::new(
                RULE.name,
                format!(
                    "purpose '{}' states an art. 9(2) condition ({}) but uses no special-category data",
                    purpose.id,
                    condition.as_str()
                ),
            )
            .entity(purpose_entity(purpose))
            .key(format!("{}/art9", purpose.id))
            .at(purpose.span, "")
            .help("give the field that holds special-category data its category (or 'special:'), or remove 'special_condition:'"),
        );
    }
}

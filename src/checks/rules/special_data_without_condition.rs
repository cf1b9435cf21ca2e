//! `special-data-without-condition`: special-category data without an art. 9(2) condition,
//! or criminal-offence data without a legal reference.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, quoted_list};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::manifest::enums::SpecialCategory;

pub static RULE: Rule = Rule {
    name: "special-data-without-condition",
    family: Family::Gdpr,
    default_level: Level::Error,
    summary: "a purpose that uses special-category data (art. 9) without `special_condition`, or criminal-offence data (art. 10) without `legal_reference`",
    options: &[],
    check: Some(check),
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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for purpose in model.purposes.iter().filter(|p| p.is_active()) {
        let mut art9 = Vec::new();
        let mut art10 = Vec::new();
        for f in &purpose.uses {
            match model.field(*f).special {
                Some(SpecialCategory::CriminalOffences) => art10.push(model.field_path(*f)),
                Some(SpecialCategory::NationalIdNumber) | None => {}
                Some(_) => art9.push(model.field_path(*f)),
            }
        }
        if !art9.is_empty() && purpose.special_condition.is_none() {
            out.push(
                Finding::new(
                    RULE.name,
                    format!("purpose '{}' uses special-category data ({}) without an art. 9(2) condition", purpose.id, quoted_list(&art9, 3)),
                )
                .entity(purpose_entity(purpose))
                .key(format!("{}/art9", purpose.id))
                .at(purpose.span, "")
                .help("add 'special_condition:' (explicit_consent, legal_claims, …), or stop using the data"),
            );
        }
        if !art10.is_empty() && purpose.legal_reference.is_none() {
            out.push(
                Finding::new(
                    RULE.name,
                    format!("purpose '{}' uses criminal-offence data ({}) without a legal reference", purpose.id, quoted_list(&art10, 3)),
                )
                .entity(purpose_entity(purpose))
                .key(format!("{}/art10", purpose.id))
                .at(purpose.span, "")
                .help("add 'legal_reference:' naming the law that authorises it (GDPR art. 10), or stop using the data"),
            );
        }
    }
}

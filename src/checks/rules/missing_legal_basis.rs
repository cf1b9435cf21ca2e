//! `missing-legal-basis`: a purpose using personal data without `legal_basis`.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, register_purposes};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "missing-legal-basis",
    family: Family::Gdpr,
    default_level: Level::Error,
    summary: "a purpose that uses personal data and has no `legal_basis` (art. 6)",
    options: &[],
    check: Some(check),
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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in register_purposes(model) {
        let purpose = model.purpose(id);
        if purpose.legal_basis.is_some() {
            continue;
        }
        out.push(
            Finding::new(RULE.name, format!("purpose '{}' uses personal data and has no legal basis", purpose.id))
                .entity(purpose_entity(purpose))
                .at(purpose.span, "")
                .help("add 'legal_basis:' (consent, contract, legal_obligation, vital_interests, public_task or legitimate_interests)"),
        );
    }
}

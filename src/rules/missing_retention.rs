//! `missing-retention`: a purpose using personal data with no retention anywhere.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-retention",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a purpose that uses personal data with no retention on it nor on any used field (art. 5(1)(e), 30(1)(f))",
    summary_fr: "une finalité qui utilise des données personnelles sans durée de conservation, ni sur elle ni sur aucun champ utilisé (art. 5(1)(e), 30(1)(f))",
    options: &[],
    doc: r#"## What it finds

An active purpose that uses personal data, has no `retention`, and none of the personal fields
it uses has one either.

## Why it matters

Personal data may be kept no longer than the purpose needs (storage limitation, GDPR art.
5(1)(e)), and the register gives the time limits for erasure where possible (art. 30(1)(f)).
Without any retention, nobody knows when to delete.

## Example

```yaml
purposes:
  - id: loyalty
    uses: [loyalty.points, loyalty.email]
```

## Fix

```yaml
    retention: {duration: P3Y, trigger: end_of_relationship, end_action: delete}
```

or a `retention:` on each field, when periods differ by data.

## Configuration

None.
"#,
};

//! `missing-legal-reference`: a purpose based on a legal obligation or a public task that
//! names no law.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-legal-reference",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "`legal_basis: legal_obligation` or `public_task` without `legal_reference`",
    summary_fr: "`legal_basis: legal_obligation` ou `public_task` sans `legal_reference`",
    options: &[],
    doc: r#"## What it finds

An active purpose whose `legal_basis` is `legal_obligation` or `public_task` and which does
not name the law it rests on (`legal_reference:`).

## Why it matters

These two bases exist only through a law: GDPR art. 6(3) requires the obligation or the task
to be laid down by Union or member-state law. "Legal obligation" with no law named cannot be
checked by anyone, and is often a basis chosen because it sounds safe. The register prints
the reference beside the basis (ICO column 12).

## Example

```yaml
purposes:
  - id: invoicing
    legal_basis: legal_obligation
```

## Fix

```yaml
    legal_reference: "Code de commerce, art. L123-22 (10-year retention of accounting records)"
```

If no law imposes the processing, the basis is another one (`contract`,
`legitimate_interests`…).

## Configuration

None. A purpose using criminal-offence data without `legal_reference` is reported by
`special-data-without-condition` instead (one missing attribute, one finding).
"#,
};

//! `missing-security`: a store holding personal data with no security measures.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-security",
    family: Family::Gdpr,
    default_level: Level::Info,
    summary: "a store holding personal data with no `security` measures (art. 30(1)(g))",
    summary_fr: "un outil qui détient des données personnelles sans mesures de sécurité (`security`, art. 30(1)(g))",
    options: &[],
    doc: r#"## What it finds

A store (not retired) that holds personal data and lists no `security:` measures.

## Why it matters

The register gives a general description of the technical and organisational security
measures (GDPR art. 30(1)(g), art. 32). datacarto derives it from the stores holding each
purpose's data, by CNIL family: access control, traceability, software protection, backup,
encryption, processor control, other.

## Example

```yaml
stores:
  - id: loyalty
    fields: [{id: email, category: user.contact.email}]
```

## Fix

```yaml
    security: [access_control, traceability, backup, encryption]
```

## Configuration

None.
"#,
};

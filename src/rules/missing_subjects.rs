//! `missing-subjects`: a purpose using personal data that names no data subjects.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-subjects",
    family: Family::Gdpr,
    default_level: Level::Error,
    summary: "a purpose that uses personal data and names no data subjects (art. 30(1)(c))",
    summary_fr: "une finalité qui utilise des données personnelles sans nommer les personnes concernées (art. 30(1)(c))",
    options: &[],
    doc: r#"## What it finds

An active purpose that uses personal data and has no `subjects:` (or an empty list).

## Why it matters

The register describes, for each processing, the categories of people whose data it uses
(GDPR art. 30(1)(c)): customers, prospects, employees, children… It also decides DPIA
criteria (vulnerable people).

## Example

```yaml
purposes:
  - id: loyalty
    uses: [loyalty.*]
```

## Fix

```yaml
    subjects: [customer]
```

Built-in subjects: docs/manifest.md; a map may declare its own under `subjects:`.

## Configuration

None.
"#,
};

//! `missing-owner`: a store or a purpose without `owner`.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-owner",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a store or a purpose without `owner`",
    summary_fr: "un outil ou une finalité sans `owner`",
    options: &[],
    doc: r#"## What it finds

A store or a purpose with no `owner:` team. Retired stores and purposes are not reported. (An
owner naming an unknown team is an `unknown-reference`.)

## Why it matters

Data owners are who answers for a store's content, quality and retention, and who decides a
purpose's data. Without one, nobody fixes the other findings.

## Example

```yaml
stores:
  - id: loyalty
    kind: marketing
```

## Fix

```yaml
    owner: marketing
```

## Configuration

None.
"#,
};

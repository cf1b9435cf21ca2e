//! `unused-zone`: a zone of `zones:` in datacarto.yaml that no store is drawn in.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "unused-zone",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a zone of `zones:` in `datacarto.yaml` that no store is drawn in",
    summary_fr: "une zone de `zones:` dans `datacarto.yaml` dans laquelle aucun outil n'est dessiné",
    options: &[],
    doc: r#"## What it finds

A zone listed in `zones:` of `datacarto.yaml` that holds no store: no store names it in
`zone:`, and no store has one of its `domains`. (A zone emptied because an earlier zone lists
the same domain is reported by `zone-domain-twice` instead.)

## Why it matters

The map draws an empty band, or the stores meant for it land elsewhere: most often a domain
is misspelt (`markting`) or renamed in the manifests but not in `zones:`.

## Example

```yaml
# datacarto.yaml
zones:
  - {name: Customer master, domains: [marketing]}
  - {name: Back office, domains: [finanse]}
```

## Fix

```yaml
zones:
  - {name: Customer master, domains: [marketing]}
  - {name: Back office, domains: [finance]}
```

## Configuration

None.
"#,
};

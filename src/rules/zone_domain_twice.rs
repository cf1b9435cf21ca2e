//! `zone-domain-twice`: a domain listed in two zones of `zones:` in datacarto.yaml.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "zone-domain-twice",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a domain listed in two zones of `zones:` in `datacarto.yaml` (the first wins)",
    summary_fr: "un domaine listé dans deux zones de `zones:` dans `datacarto.yaml` (la première l'emporte)",
    options: &[],
    doc: r#"## What it finds

A domain listed under two zones of `zones:` in `datacarto.yaml`. A store goes in one zone
only: the first zone listing its domain wins, and the later listing does nothing.

## Why it matters

The map does not draw what the file seems to say: the stores of that domain are all in the
first zone, none in the second.

## Example

```yaml
# datacarto.yaml
zones:
  - {name: Customer master, domains: [marketing]}
  - {name: Activation, domains: [marketing, service]}
```

## Fix

Keep the domain in one zone; to draw one store elsewhere, give it its own `zone:`.

```yaml
zones:
  - {name: Customer master, domains: [marketing]}
  - {name: Activation, domains: [service]}
```

## Configuration

None.
"#,
};

//! `orphan-store`: a store no flow touches and whose fields no purpose uses.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "orphan-store",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a store that no flow touches and whose fields no purpose uses: an isolated silo",
    summary_fr: "un outil qu'aucun flux ne touche et dont aucune finalité n'utilise les champs : un silo isolé",
    options: &[],
    doc: r#"## What it finds

A store with no flow in or out, none of whose fields an active purpose uses: nothing enters
it through the map, nothing leaves it, nobody uses what it holds. Retired stores are not
reported (they are switched off by definition).

## Why it matters

An isolated store is either a gap in the map (flows nobody declared) or a silo to abandon:
data kept somewhere nobody looks, still to secure, still subject to access and erasure
requests. Abandoning the data and flows nobody uses is the third job of a data-cartography
practice.

## Example

```yaml
stores:
  - id: promo-2019
    name: Promotion export 2019
    kind: spreadsheet
    fields:
      - {id: email, category: user.contact.email}
```

## Fix

Declare the flows that feed it or read from it, list its fields in the purposes that use
them, or retire it (`status: retired`) and delete the data. If it must stay for a while, say
why:

```yaml
    allow:
      - rule: orphan-store
        reason: Kept read-only until the 2027 audit, then deleted.
        until: 2027-06-30
```

## Configuration

None.
"#,
};

//! `missing-erasure`: a store holding personal data that does not say how one person's data
//! is erased there, or says it cannot be and not why.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-erasure",
    family: Family::Governance,
    default_level: Level::Info,
    summary: "a store holding personal data with no `erasure` method, or `not-possible` with no reason (art. 17)",
    summary_fr: "un outil qui détient des données personnelles sans méthode d'effacement (`erasure`), ou `not-possible` sans motif (art. 17)",
    options: &[],
    doc: r#"## What it finds

A store (not retired) that holds personal data and does not say how one person's data is
erased there (`erasure:`), or says `method: not-possible` without a `reason`.

An application (`kind: application`) keeps nothing to erase and is not reported.

## Why it matters

When someone asks to be forgotten (GDPR art. 17), every store holding their data must be
dealt with within a month. `datacarto dsr --subject ID` lists those stores from the map,
with the key to find the person and the method to erase them; a store whose method is not
stated shows "not stated: add `erasure:`" in the checklist, and whoever handles the request
has to find out, request after request. A store that cannot erase one person must say why
(a legal obligation to keep the data, an append-only archive): that reason is what the
answer to the person quotes.

## Example

```yaml
stores:
  - id: loyalty
    fields: [{id: email, category: user.contact.email}]
```

## Fix

```yaml
    erasure:
      method: api            # api | manual | automatic-retention | not-possible
      how: DELETE /members/{card_number} (runbook https://wiki.example/rgpd/loyalty)
```

or, when the store cannot erase one person:

```yaml
    erasure:
      method: not-possible
      reason: Invoices are kept ten years (Code de commerce art. L123-22); the person is told so.
```

## Configuration

None.
"#,
};

//! `unused-personal-data`: a personal field that is not useful (data minimisation).

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "unused-personal-data",
    family: Family::Cartography,
    default_level: Level::Error,
    summary: "a personal field that is not useful: data kept with no purpose (GDPR art. 5(1)(c))",
    summary_fr: "un champ personnel qui n'est pas utile : une donnée conservée sans finalité (RGPD art. 5(1)(c))",
    options: &[],
    doc: r#"## What it finds

A field holding personal data that is not *useful*: no active purpose uses it, and no flow
carries it, directly or through other stores, to a field that a purpose uses. That includes
a field a flow copies into a store where nobody uses it (the finding then points at the flow
that delivers it). Fields of retired stores are not reported.

What a flow delivers to an outside recipient (`external: true`) that an active purpose names
in `recipients:` is *disclosed* for that purpose: it is not reported, and neither is what
feeds it. What the recipient then does with the data is its own processing, under its own
purposes. Personal data sent to an outside recipient that no purpose names is reported once
per recipient (not once per field), with the advice to name it (docs/manifest.md, "An
outside recipient"); the flows that carry it are then not reported by `unused-flow`.

## Why it matters

Personal data kept with no purpose breaks data minimisation (GDPR art. 5(1)(c)): data must be
"adequate, relevant and limited to what is necessary in relation to the purposes". It is also
data to secure, to find for every access request and to erase on request, for nothing.

## Example

```yaml
stores:
  - id: crm
    fields:
      - {id: birth_date, category: user.demographic.date_of_birth}
# …and no purpose lists crm.birth_date, nor anything it flows to.
```

## Fix

Use it in the purpose that needs it, or stop collecting it and delete what is stored. If a
purpose is coming, declare it with `status: planned` and suppress with a reason and a date:

```yaml
      - id: birth_date
        allow:
          - rule: unused-personal-data
            reason: Birthday campaign planned for Q2 (purpose birthday-offer).
            until: 2027-06-30
```

## Configuration

None.
"#,
};

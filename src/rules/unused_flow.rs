//! `unused-flow`: a flow that carries no field landing on a useful field.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "unused-flow",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a flow that carries no field landing on a useful field: a flow to abandon",
    summary_fr: "un flux qui ne porte aucun champ aboutissant à un champ utile : un flux à abandonner",
    options: &[],
    doc: r#"## What it finds

A flow none of whose carried fields lands on a *useful* field (one a purpose uses, that
feeds one, or that is disclosed to an outside recipient a purpose names in `recipients:`):
whatever it delivers, nobody uses. For a synchronisation (`direction: both`),
either direction counts. A flow that declares no field is not judged: what it carries is not
stated, and `flow-without-fields` asks for the list instead. A flow bringing personal data
to an outside recipient that no purpose names is left to `unused-personal-data`, which
reports the recipient once.

## Why it matters

Every flow is a job to run, monitor, secure and explain; a flow of personal data is also a
disclosure to account for. Flows nobody uses are the cheapest to abandon.

## Example

```yaml
flows:
  - id: crm-to-old-bi
    from: crm
    to: old-bi
    fields: [email, phone]
# …and no purpose uses old-bi's fields.
```

## Fix

Stop the flow, or declare the purpose that uses what it delivers.

## Configuration

None.
"#,
};

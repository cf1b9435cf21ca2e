//! `missing-organization`: no controller identity in datacarto.yaml.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-organization",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "no controller identity in `datacarto.yaml` (art. 30(1)(a)); an error for `register`",
    summary_fr: "aucune identité du responsable du traitement dans `datacarto.yaml` (art. 30(1)(a)) ; une erreur pour `register`",
    options: &[],
    doc: r#"## What it finds

A map whose `datacarto.yaml` has no `organization:` with a `name` (or no `datacarto.yaml`).
`datacarto register` treats it as an error: the register cannot be produced without it.

## Why it matters

The record of processing opens with the name and contact details of the controller, and of
its DPO and representative where there are (GDPR art. 30(1)(a)).

## Example

```yaml
# datacarto.yaml
language: en
```

## Fix

```yaml
organization:
  name: Maison Dupont SAS
  address: 12 rue des Lilas, 69002 Lyon
  country: FR
  email: privacy@maison-dupont.example
  dpo: {name: Claire Martin, email: dpo@maison-dupont.example}
```

## Configuration

None.
"#,
};

//! `missing-organization`: no controller identity in datacarto.yaml.

use crate::checks::Context;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::source::Span;

pub static RULE: Rule = Rule {
    name: "missing-organization",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "no controller identity in `datacarto.yaml` (art. 30(1)(a)); an error for `register`",
    options: &[],
    check: Some(check),
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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let named = model
        .organization
        .as_ref()
        .is_some_and(|o| o.value.name.as_deref().is_some_and(|n| !n.trim().is_empty()));
    if named {
        return;
    }
    let mut finding = Finding::new(RULE.name, "the map names no controller: datacarto.yaml has no organization name")
        .key("organization")
        .help("add 'organization:' with 'name', 'address', 'country', 'email' and 'dpo' to datacarto.yaml");
    if let Some(org) = &model.organization {
        finding = finding.at(org.span, "no 'name'");
    } else if let Some(file) = model.project_file {
        finding = finding.at(Span::file_start(file), "no 'organization:'");
    }
    out.push(finding);
}

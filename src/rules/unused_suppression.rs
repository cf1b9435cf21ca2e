//! `unused-suppression`: an `allow:` that silences nothing (the finding it accepted is gone,
//! or was never there).

use crate::diag::{Entity, Finding, Level, t};
use crate::rules::{Family, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    name: "unused-suppression",
    family: Family::Integrity,
    default_level: Level::Info,
    summary: "an 'allow:' that silences nothing",
    summary_fr: "un « allow: » qui ne suspend rien",
    options: &[],
    doc: r#"## What it finds

An `allow:` entry, with a reason and not expired, whose rule reports nothing on its entity
(nor, on a store, on its fields): the problem it accepted was fixed, or the suppression was
put on the wrong entity. Suppressions of a rule turned off (`rules:` or `-A`) are not
reported.

## Why it matters

An accepted risk is a decision an auditor reviews (`check --show-suppressed`, the site's
"accepted risks" page). A suppression left behind after the fix says a risk is accepted where
there is none, and silences the rule the day the problem comes back, without anyone deciding
it again.

## Example

```yaml
stores:
  - id: crm
    owner: sales      # the owner was added since
    allow:
      - rule: missing-owner
        reason: Owner to be named after the reorganisation.
```

## Fix

Remove the entry, or move it to the entity the finding is about:

```yaml
stores:
  - id: crm
    owner: sales
```
"#,
};

pub fn finding(entity: Entity, rule: &str, span: Span) -> Finding {
    Finding::new(
        RULE.name,
        t!(
            "the suppression of '{rule}' silences nothing",
            "la suppression de '{rule}' ne fait rien taire"
        ),
    )
    .key(format!("{}/{rule}", entity.path))
    .entity(entity)
    .at(span, t!("no finding of this rule here", "aucun constat de cette règle ici"))
    .help(t!(
        "'{rule}' reports nothing on this entity: remove this entry",
        "'{rule}' ne signale rien sur cette entité : retirez cette entrée"
    ))
}

//! `duplicate-id`: two entities of one kind with one id; both places shown.

use crate::diag::{Entity, Finding, Level, t};
use crate::rules::{Family, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    name: "duplicate-id",
    family: Family::Integrity,
    default_level: Level::Error,
    summary: "two entities of one kind with one id; both places shown",
    summary_fr: "deux entités d'un même type avec le même identifiant ; les deux emplacements sont montrés",
    options: &[],
    doc: r#"## What it finds

Two stores, two flows, two purposes, two teams… with the same id, in one file or in two; or
two fields with the same id in one store. Ids are unique per kind: a store and a team may share
one. The first declaration (by file path, then position) is kept; the other is reported and
ignored.

## Why it matters

References are by id. With two entities behind one id, a flow or a purpose could mean either,
and the map would silently merge or drop one of them.

## Example

```yaml
# stores/crm.yaml
stores:
  - id: crm
    name: CRM Salesforce
# stores/legacy.yaml
stores:
  - id: crm
    name: Old CRM
```

## Fix

Rename one of them (`crm-legacy`) and update the references that meant it.

## Configuration

None.
"#,
};

/// `kind` `id` declared at `span` and already at `first`.
pub fn finding(entity: Entity, what: &str, span: Span, first: Span) -> Finding {
    let kind = crate::words::finding::kind(what);
    let (the, again) = (kind.the(), kind.agree("déclaré", "déclarée"));
    let message =
        t!("{what} '{}' is declared twice", "{the} '{}' est {again} deux fois", entity.path);
    Finding::new(RULE.name, message)
        .entity(entity)
        .at(span, t!("declared again here", "déclaré à nouveau ici"))
        .related(first, t!("first declared here", "déclaré une première fois ici"))
        .help(t!(
            "ids are unique per kind of entity: rename one of them",
            "les identifiants sont uniques par sorte d'entité : renommez l'un des deux"
        ))
}

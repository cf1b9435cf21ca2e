//! `unknown-reference`: a reference to a store, field, team, objective, subject, purpose or
//! category that does not exist; the closest existing id suggested.

use crate::diag::{Entity, Finding, Level, Text, suggest, t};
use crate::rules::{Family, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    name: "unknown-reference",
    family: Family::Integrity,
    default_level: Level::Error,
    summary: "a reference to a store, field, team, objective, subject, purpose or category that does not exist",
    summary_fr: "une référence à un outil, un champ, une équipe, un objectif, une personne concernée, une finalité ou une catégorie qui n'existe pas",
    options: &[],
    doc: r#"## What it finds

A reference that names nothing in the map: a flow `from:`/`to:` an unknown store, a flow
carrying a field its source store does not have, a purpose that `uses:` an unknown field, an
`owner:` that is not a team, an `objective:` or a subject that is not declared (nor built in),
a category `parent:` that does not exist. The closest existing id is suggested.

## Why it matters

A dangling reference is a hole in the lineage: the flow or the use it describes cannot be
drawn, checked or put in the register.

## Example

```yaml
flows:
  - from: eshop
    to: crm2
    fields: [email]
```

```text
flows.yaml:3:9: error[unknown-reference] unknown store 'crm2' (did you mean 'crm'?)
```

## Fix

Correct the id, or declare the missing entity.

## Configuration

None. A purpose's `recipients:` may name parties outside the map in free text: they are not
references. Unknown data category keys are reported by `unknown-category`.
"#,
};

/// A reference to an unknown `what` (`store`, `team`…), with a suggestion from `candidates`.
pub fn finding<'a, I>(entity: Entity, what: &str, name: &str, span: Span, candidates: I) -> Finding
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    let kind = crate::words::finding::kind(what);
    let (noun, unknown) = (kind.noun, kind.agree("inconnu", "inconnue"));
    let none = kind.agree("aucun", "aucune");
    let label = t!("no {what} has this id", "{none} {noun} n'a cet identifiant");
    let message = t!("unknown {what} '{name}'", "{noun} {unknown} '{name}'");
    make(entity, message, label, name, span, candidates)
}

/// A reference to a field that `store` does not have.
pub fn field<'a, I>(entity: Entity, store: &str, name: &str, span: Span, candidates: I) -> Finding
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    let message = t!(
        "unknown field '{name}' in store '{store}'",
        "champ inconnu '{name}' dans l'outil '{store}'"
    );
    let label =
        t!("'{store}' has no field with this id", "'{store}' n'a aucun champ de cet identifiant");
    let key = format!("{}->{store}.{name}", entity.path);
    make(entity, message, label, name, span, candidates).key(key)
}

fn make<'a, I>(
    entity: Entity,
    message: Text,
    label: Text,
    name: &str,
    span: Span,
    candidates: I,
) -> Finding
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    let key = format!("{}->{name}", entity.path);
    let help = suggest::closest(name, candidates)
        .map(|c| t!("did you mean '{c}'?", "vouliez-vous dire '{c}' ?"));
    Finding::new(RULE.name, message).entity(entity).key(key).at(span, label).maybe_help(help)
}

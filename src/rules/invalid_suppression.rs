//! `invalid-suppression`: an `allow:` without a reason, naming an unknown rule, or expired.

use crate::date::Date;
use crate::diag::{Entity, Finding, Level, suggest, t};
use crate::rules::{Family, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    name: "invalid-suppression",
    family: Family::Integrity,
    default_level: Level::Error,
    summary: "an 'allow:' without a reason, naming an unknown rule, or expired (then at info)",
    summary_fr: "un « allow: » sans motif, qui nomme une règle inconnue, ou expiré (alors au niveau info)",
    options: &[],
    doc: r#"## What it finds

An `allow:` entry that does not do what it says:

- it has no `reason` (a suppression must say why the finding is accepted);
- its `rule` is not a rule of the catalogue (the closest name is suggested);
- its `until` date has passed: the suppression no longer silences anything, and this finding
  says so at `info` level.

A suppression without a reason, or naming an unknown rule, silences nothing.

## Why it matters

Suppressions are decisions. Without a reason nobody can review them; with a typo in the rule
name they silence nothing and the team believes otherwise; past their date they are promises
not kept.

## Example

```yaml
stores:
  - id: old-crm
    allow:
      - rule: orphan-stor
        until: 2024-01-31
```

## Fix

```yaml
    allow:
      - rule: orphan-store
        reason: Kept read-only until the 2027 audit, then deleted.
        until: 2027-06-30
```

## Configuration

`--as-of DATE` fixes the day suppressions expire against, for reproducible runs.
"#,
};

pub fn missing_reason(entity: Entity, rule: &str, span: Span) -> Finding {
    Finding::new(
        RULE.name,
        t!("the suppression of '{rule}' has no reason", "la suppression de '{rule}' n'a pas de raison"),
    )
        .key(format!("{}/{rule}/reason", entity.path))
        .entity(entity)
        .at(span, t!("this suppression", "cette suppression"))
        .help(t!(
            "add 'reason:' saying why the finding is accepted; until then it silences nothing",
            "ajoutez 'reason:' disant pourquoi le constat est accepté ; d'ici là, elle ne fait rien taire"
        ))
}

pub fn unknown_rule<'a, I>(entity: Entity, rule: &str, span: Span, rules: I) -> Finding
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    let help = suggest::closest(rule, rules).map_or_else(
        || t!("'datacarto rules' lists the rules", "'datacarto rules' liste les règles"),
        |c| t!("did you mean '{c}'?", "vouliez-vous dire '{c}' ?"),
    );
    Finding::new(
        RULE.name,
        t!(
            "the suppression names an unknown rule '{rule}'",
            "la suppression nomme une règle inconnue '{rule}'"
        ),
    )
    .key(format!("{}/{rule}/rule", entity.path))
    .entity(entity)
    .at(span, t!("no rule has this name", "aucune règle ne porte ce nom"))
    .help(help)
}

pub fn expired(entity: Entity, rule: &str, until: Date, span: Span) -> Finding {
    Finding::new(
        RULE.name,
        t!(
            "the suppression of '{rule}' expired on {until}",
            "la suppression de '{rule}' a expiré le {until}"
        ),
    )
    .key(format!("{}/{rule}/until", entity.path))
    .entity(entity)
    .at(span, t!("expired", "expirée"))
    .own_level(Level::Info)
    .help(t!(
        "fix what it silenced, or extend 'until' with a reason that still holds",
        "corrigez ce qu'elle faisait taire, ou prolongez 'until' avec une raison toujours valable"
    ))
}

//! `yaml-syntax`: a manifest that is not valid YAML (or not text at all), at the exact position.

use crate::diag::{Entity, EntityKind, Finding, Level, Text, t};
use crate::rules::{Family, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    name: "yaml-syntax",
    family: Family::Integrity,
    default_level: Level::Error,
    summary: "a file that is not valid YAML, at the exact position",
    summary_fr: "un fichier qui n'est pas du YAML valide, à la position exacte",
    options: &[],
    doc: r#"## What it finds

A manifest file that the YAML parser rejects: a syntax error (an unclosed bracket, a tab used
for indentation, a key repeated in one mapping), a file that is not UTF-8 text (a binary file
named `.yaml`), or a file that breaks one of the loader's limits (an alias bomb, nesting deeper
than 64 levels).

## Why it matters

Nothing in the file can be read, so every entity it declares is missing from the map and the
references to them fail too. The rest of the map is still checked.

## Example

```yaml
stores:
  - id: crm
    fields: [email, phone
```

## Fix

Correct the syntax at the position shown. Indent with spaces, never tabs. Quote values that
contain `: ` or start with a YAML indicator (`*`, `&`, `!`, `%`, `@`, `` ` ``).

## Configuration

None. The loader's limits are in `docs/manifest.md`.
"#,
};

/// A YAML error in `path` at `span`.
pub fn finding(path: &str, span: Span, message: impl Into<Text>) -> Finding {
    Finding::new(RULE.name, message)
        .entity(Entity::new(EntityKind::File, path))
        .at(span, t!("here", "ici"))
}

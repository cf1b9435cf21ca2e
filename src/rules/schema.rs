//! `schema`: what the manifest format does not allow: unknown keys, wrong types, values
//! outside an enumeration, broken id syntax, values out of range.

use crate::diag::{Entity, EntityKind, Finding, Level, Text};
use crate::rules::{Family, Rule};
use crate::source::Span;

pub static RULE: Rule = Rule {
    name: "schema",
    family: Family::Integrity,
    default_level: Level::Error,
    summary: "an unknown key, a wrong type, a value outside its enumeration, a broken id, a value out of range",
    summary_fr: "une clé inconnue, un mauvais type, une valeur hors de son énumération, un identifiant mal formé, une valeur hors limites",
    options: &[],
    doc: r#"## What it finds

Every place where a manifest does not follow the format (`docs/manifest.md`, and the JSON
Schema printed by `datacarto schema`):

- an unknown key, with the closest known key suggested (`nmae` → `name`);
- a value of the wrong type (`fields: email` where a list is expected, `external: yes` where
  `true` or `false` is expected: in YAML 1.2 `yes` is text);
- a value outside its enumeration, with the closest value suggested (`kind: ecomerce`);
- an id that breaks the id syntax (`CRM`: ids are lower case letters, digits, `_` and `-`);
- a value out of range (`completeness: 94`: completeness is a share between 0 and 1), or a
  whole number too large to hold (`records: 18446744073709551616`);
- a bare number or boolean where a sentence is expected (`retention: 2024`), and a mapping
  written as one of its values (`dpia: done` → `dpia: {status: done}`);
- a country that is not an ISO 3166-1 alpha-2 code (`UK` → `GB`, `EU`, `XX`, `France` → `FR`);
- a required key missing (a flow without `to`).

Each problem is one finding, at the value: the value is left out and the rest of its entity
loads, so no other finding follows from it (no "unknown store", no "unused" field, and no
rule reporting the attribute as missing). An id that breaks the syntax is read as its
closest valid spelling until it is fixed, so that references to it still resolve.

## Why it matters

A misspelt key is silently ignored by most YAML tools, and the map then says less than its
authors think. datacarto reports every such problem, in every file, in one run.

## Example

```yaml
stores:
  - id: CRM
    kind: ecomerce
    fields:
      - id: email
        completness: 0.94
```

## Fix

```yaml
stores:
  - id: crm
    kind: ecommerce
    fields:
      - id: email
        completeness: 0.94
```

## Configuration

None. Point your editor at `datacarto schema` to see these problems while typing.
"#,
};

/// A schema problem at `span`; `path` locates it in its file (`stores[crm].kind`).
pub fn finding(
    file: &str,
    path: &str,
    span: Span,
    message: impl Into<Text>,
    help: Option<impl Into<Text>>,
) -> Finding {
    let key = if path.is_empty() { file.to_owned() } else { format!("{file}#{path}") };
    Finding::new(RULE.name, message)
        .entity(Entity::new(EntityKind::File, file))
        .key(key)
        .at(span, "")
        .maybe_help(help)
}

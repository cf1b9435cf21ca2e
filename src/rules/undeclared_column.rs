//! `undeclared-column`: `datacarto scan` found a column the store does not declare.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "undeclared-column",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a scanned system has a column its store does not declare",
    summary_fr: "un système analysé a une colonne que son outil ne déclare pas",
    options: &[],
    // Reported by `datacarto scan`, which reads the real system; `check` reads only the map.
    doc: r#"## What it finds

A column of the real system behind a store (a database table, a spreadsheet's header row)
that no field of the store declares. Reported by `datacarto scan`, for the stores with a
`scan:`, with the category the column's name suggests (`email`, `courriel`, `date_naissance`,
`iban`, `nir`…) and whether that category is personal or special data. The guess comes from
the name only: it is a lead to check, not a fact. With `--sample N`, the guess is tested on
up to N values (e-mail, phone, IBAN and card checksums, French NIR) and the finding says how
many matched; no value is ever shown.

## Why it matters

Mapping work often finds data the company did not know it stored. A column the map does not
know has no purpose, no retention and no place in the register: if it holds personal data,
the record of processing is incomplete.

## Example

```yaml
stores:
  - id: crm
    scan: {file: data/crm.sqlite, tables: [customers]}
    fields: [{id: email, category: user.contact.email}]
```

with a table `customers(email, iban)`: `iban` is undeclared, and looks like a bank account.

## Fix

Declare the column as a field of the store (its id is the column name in lower case, words
joined by `_`; or write `column:` on the field when they differ), with its category. A column
the map deliberately leaves out is silenced on the store:
`allow: [{rule: undeclared-column, reason: "technical columns"}]`.

## Configuration

None. Raise it to an error in CI (`-D undeclared-column`) to block a change that adds
columns the map does not know.
"#,
};

//! `missing-data`: a purpose needs a category that none of its used fields covers.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "missing-data",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a purpose needs a category that none of its used fields covers: data to collect",
    summary_fr: "une finalité a besoin d'une catégorie qu'aucun des champs qu'elle utilise ne couvre : une donnée à collecter",
    options: &[],
    doc: r#"## What it finds

A purpose whose `needs:` lists a data category that none of the fields it `uses` covers. A
need is covered by a field of that category or below it (`user.contact` is covered by
`user.contact.email`), through dotted keys or a declared category's `parent`. Active and
planned purposes are checked (a planned purpose is where the collection plan matters most);
retired ones are not.

## Why it matters

This is the collection plan: the data a use case needs and the map does not have yet. Each
finding is a field to collect (or to find in another store and bring by a flow) before the
purpose can work.

## Example

```yaml
purposes:
  - id: birthday-offer
    uses: [crm.email, crm.first_name]
    needs: [user.contact.email, user.demographic.date_of_birth]
```

## Fix

Collect the data (a field with that category in a store the purpose uses) and list it in
`uses`, or take the need out if the purpose does without it.

## Configuration

None.
"#,
};

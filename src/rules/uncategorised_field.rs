//! `uncategorised-field`: a field without `category`.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "uncategorised-field",
    family: Family::Cartography,
    default_level: Level::Info,
    summary: "a field without `category`",
    summary_fr: "un champ sans `category`",
    options: &[],
    doc: r#"## What it finds

A declared field with no `category:`. (Fields a flow infers take their source's category and
are reported at the source.)

## Why it matters

The category says what the data is: whether it is personal, whether it is a special category,
which CNIL family the register lists it under, which needs it meets. Without it, datacarto
treats the field as non-personal unless `personal: true` says otherwise.

## Example

```yaml
      - {id: phone}
```

## Fix

```yaml
      - {id: phone, category: user.contact.phone_number}
```

`datacarto schema` and docs/manifest.md list the built-in keys; a map may declare its own.

## Configuration

None.
"#,
};

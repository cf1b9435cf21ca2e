//! `owner-without-access`: an active purpose whose owner team has no access to a store whose
//! data the purpose uses, according to the store's `access:`.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "owner-without-access",
    family: Family::Governance,
    default_level: Level::Warn,
    summary: "a purpose whose owner team cannot read data it uses (per the stores' `access`)",
    summary_fr: "une finalité dont l'équipe responsable ne peut pas lire les données qu'elle utilise (d'après l'`access` des outils)",
    options: &[],
    doc: r#"## What it finds

An active purpose with an `owner` that uses fields of a store whose `access:` gives that
team nothing (neither `read`, `write` nor `admin`). One finding per purpose, listing the
stores.

## Why it matters

Either the access list is out of date (the team reads the data through an account nobody
declared: an access review will not see it), or the purpose's owner is not who runs it.
Both make the map say something the systems do not do.

## Example

```yaml
stores:
  - id: emailing
    access: {admin: [it]}
purposes:
  - id: newsletter
    owner: marketing
    uses: [emailing.*]
```

## Fix

Add the owner team to the store's `access:` (usually `read` or `write`), or correct the
purpose's `owner`.

## Configuration

None. A store without `access:` is not judged: who can read it is not stated.
"#,
};

//! `unknown-category`: a category or data use key in no vocabulary. An unknown category is
//! an error: a misspelt key silently drops the meaning (art. 9 status, personal data) that
//! other rules and the register read from it.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "unknown-category",
    family: Family::Cartography,
    default_level: Level::Error,
    summary: "a category key in no vocabulary (closest key suggested); a data use in none, at warn",
    summary_fr: "une clé de catégorie qui n'est dans aucun vocabulaire (la clé la plus proche est suggérée) ; un usage des données dans aucun, au niveau warn",
    options: &[],
    doc: r#"## What it finds

A data category key — a field's `category`, a purpose's `needs` — that is neither a built-in
key (the fideslang taxonomy, docs/manifest.md) nor declared in the map's `categories:`; and a
purpose's `use` that is not a fideslang data use. The closest known key is suggested.

An unknown category key is an **error**; an unknown data use is reported at `warn` (it only
colours the purpose's description and the profiling hint).

## Why it matters

An unknown key is usually a typo (`user.contact.e-mail`), and a typo silently changes
meaning: the field is no longer recognised as an e-mail address, a need is never met, a
special category goes unnoticed. `user.helth_and_medical` is still personal data (it sits
under `user.`) but no longer health data: the art. 9 checks, the DPIA criteria and the
register's special categories all miss it. A CI gate must not pass it.

## Example

```yaml
      - {id: email, category: user.contact.mail}
```

## Fix

Use the suggested key, or declare the category:

```yaml
categories:
  - {id: user.loyalty.tier, name: Loyalty tier, parent: user}
```

## Configuration

None. To keep a key of your own without declaring it, lower the level
(`rules: {unknown-category: warn}`), knowing what it costs.
"#,
};

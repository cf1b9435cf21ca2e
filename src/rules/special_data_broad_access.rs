//! `special-data-broad-access`: a store of special-category data that more teams can read
//! than the configured maximum.

use crate::diag::Level;
use crate::rules::{Family, Rule, RuleOption};

pub static RULE: Rule = Rule {
    name: "special-data-broad-access",
    family: Family::Governance,
    default_level: Level::Warn,
    summary: "a store of special-category data (art. 9) readable by more teams than the maximum (default 2)",
    summary_fr: "un outil de données sensibles (art. 9) lisible par plus d'équipes que le maximum (2 par défaut)",
    options: &[RuleOption {
        name: "max_teams",
        description: "the most teams that may read a store of special-category data",
        min: 1.0,
        max: 1000.0,
        default: 2.0,
    }],
    doc: r#"## What it finds

A store (not retired) holding special-category data (health, biometrics, religion… GDPR
art. 9), criminal-offence data or national identification numbers, whose `access:` lets more
teams read it (`read`, `write` or `admin`) than `max_teams`.

## Why it matters

Not everyone needs everything: access to the most sensitive data is limited to the teams
whose work needs it (art. 5(1)(f), art. 32, and the CNIL's guidance on access
authorisations). A store of health data readable by marketing, sales and support is a
breach waiting to happen, and a DPIA finding.

## Example

```yaml
stores:
  - id: pms
    access: {read: [marketing, sales, support], admin: [it]}
    fields:
      - {id: clinical_notes, category: user.health_and_medical}
```

## Fix

Remove the teams that do not need to read the store, or give them a view without the
special-category fields (another store in the map):

```yaml
    access: {write: [care], admin: [it]}
```

## Configuration

```yaml
rules:
  special-data-broad-access: {level: warn, max_teams: 3}
```

A store without `access:` is not judged: who can read it is not stated.
"#,
};

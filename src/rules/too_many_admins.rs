//! `too-many-admins`: a store of personal data administered by more teams than the maximum.

use crate::diag::Level;
use crate::rules::{Family, Rule, RuleOption};

pub static RULE: Rule = Rule {
    name: "too-many-admins",
    family: Family::Governance,
    default_level: Level::Warn,
    summary: "a store of personal data administered by more teams than the maximum (default 2)",
    summary_fr: "un outil de données personnelles administré par plus d'équipes que le maximum (2 par défaut)",
    options: &[RuleOption {
        name: "max_teams",
        description: "the most teams that may administer a store of personal data",
        min: 1.0,
        max: 1000.0,
        default: 2.0,
    }],
    doc: r#"## What it finds

A store (not retired) holding personal data whose `access:` gives `admin` to more teams
than `max_teams`.

## Why it matters

Administrators manage users and rights, export everything and delete at will. Each team
holding that power is one more place where an account can be misused or compromised, and
one more team to ask when an access review or a rights request needs an answer.

## Example

```yaml
stores:
  - id: crm
    access: {admin: [it, sales, marketing]}
```

## Fix

Keep administration with the team that runs the store (and perhaps IT); give the others
`write` or `read`.

## Configuration

```yaml
rules:
  too-many-admins: {level: warn, max_teams: 1}
```

A store without `access:` is not judged: who administers it is not stated.
"#,
};

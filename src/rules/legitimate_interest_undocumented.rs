//! `legitimate-interest-undocumented`: legitimate interests as basis, with no interest named.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "legitimate-interest-undocumented",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "`legal_basis: legitimate_interests` without `legitimate_interest`",
    summary_fr: "`legal_basis: legitimate_interests` sans `legitimate_interest`",
    options: &[],
    doc: r#"## What it finds

An active purpose whose `legal_basis` is `legitimate_interests` and which does not say what
the interest is (`legitimate_interest:`).

## Why it matters

Legitimate interests (GDPR art. 6(1)(f)) is a balance: the interest pursued, weighed against
the people's interests and rights. The interest must be stated (privacy notice, art. 13(1)(d);
ICO register column 14), and the balancing test documented (`lia:`).

## Example

```yaml
purposes:
  - id: analytics
    legal_basis: legitimate_interests
```

## Fix

```yaml
    legitimate_interest: Measure sales by shop and product to plan stock.
    lia: https://intranet.example/lia/analytics
```

## Configuration

None.
"#,
};

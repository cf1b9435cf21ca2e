//! `legitimate-interest-undocumented`: legitimate interests as basis, with no interest named.

use crate::checks::Context;
use crate::checks::facts::purpose_entity;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::manifest::enums::LegalBasis;

pub static RULE: Rule = Rule {
    name: "legitimate-interest-undocumented",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "`legal_basis: legitimate_interests` without `legitimate_interest`",
    options: &[],
    check: Some(check),
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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for purpose in cx.model.purposes.iter().filter(|p| p.is_active()) {
        let Some(basis) = &purpose.legal_basis else { continue };
        if basis.value != LegalBasis::LegitimateInterests || purpose.legitimate_interest.is_some() {
            continue;
        }
        out.push(
            Finding::new(RULE.name, format!("purpose '{}' relies on legitimate interests without saying which", purpose.id))
                .entity(purpose_entity(purpose))
                .at(basis.span, "legitimate_interests")
                .help("add 'legitimate_interest:' stating the interest, and 'lia:' linking the balancing test"),
        );
    }
}

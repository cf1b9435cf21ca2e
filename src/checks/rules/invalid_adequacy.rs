//! `invalid-adequacy`: `transfer.mechanism: adequacy` to a country with no valid decision.

use crate::checks::Context;
use crate::checks::facts::outside_eea;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Entity, EntityKind, Finding, Level};
use crate::manifest::enums::{Direction, TransferMechanism};
use crate::vocab::tables;

pub static RULE: Rule = Rule {
    name: "invalid-adequacy",
    family: Family::Gdpr,
    default_level: Level::Error,
    summary: "`transfer.mechanism: adequacy` to a country without a valid adequacy decision on the run date",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A flow declaring `transfer: {mechanism: adequacy}` into a store hosted in a country outside the
EEA that has no adequacy decision valid on the day of the run (`--as-of`, default today). For
a synchronisation, both ends count.

The decisions datacarto knows, with their dates (reviewed 2026-11-22): Andorra, Argentina,
Canada (commercial organisations under PIPEDA), the Faroe Islands, Guernsey, Israel, the Isle
of Man, Japan (private sector), Jersey, New Zealand, the Republic of Korea, Switzerland, the
United Kingdom (until 2031-12-27), Uruguay, the United States (only for organisations
certified under the EU–US Data Privacy Framework), Brazil (from 2026-01-26), and the
European Patent Organisation. A decision limited in scope is accepted: check that the
recipient is within it (for the US, on the Data Privacy Framework list), and say so in
`reference`.

## Why it matters

Adequacy is the simplest transfer tool, but only where the Commission has decided it, and
only while the decision stands. A transfer declared "adequate" to any other country has no
safeguard at all.

## Example

```yaml
stores:
  - {id: support-desk, location: IN}
flows:
  - from: crm
    to: support-desk
    fields: [email]
    transfer: {mechanism: adequacy}
```

## Fix

Use the safeguard really in place (`scc_commission` with the reference of the signed
clauses, `bcr`), or host the data in the EEA or an adequate country.

## Configuration

`--as-of DATE` decides which decisions are valid.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for flow in &model.flows {
        let Some(transfer) = &flow.transfer else { continue };
        if transfer.mechanism.value != TransferMechanism::Adequacy {
            continue;
        }
        let mut ends = vec![flow.to];
        if flow.direction == Direction::Both && flow.from != flow.to {
            ends.push(flow.from);
        }
        for end in ends {
            for country in outside_eea(model, end) {
                if tables::adequacy_on(country, cx.config.as_of).is_some() {
                    continue;
                }
                let name = tables::country(country).map_or(country, |c| c.label.en);
                out.push(
                    Finding::new(
                        RULE.name,
                        format!(
                            "flow '{}' relies on adequacy, but {name} ({country}) has no adequacy decision valid on {}",
                            flow.id, cx.config.as_of
                        ),
                    )
                    .entity(Entity::new(EntityKind::Flow, flow.id.as_str()))
                    .key(format!("{}->{country}", flow.id))
                    .at(transfer.mechanism.span, "adequacy")
                    .related(model.store(end).span, format!("hosted in {country}"))
                    .help("declare the safeguard really in place (scc_commission, bcr, …), or host the data elsewhere"),
                );
            }
        }
    }
}

//! `invalid-adequacy`: `transfer.mechanism: adequacy` to a country with no valid decision.

use crate::checks::Context;
use crate::checks::facts::outside_eea;
use crate::diag::{Entity, EntityKind, Finding, t};
use crate::manifest::enums::{Direction, TransferMechanism};
use crate::rules::invalid_adequacy::RULE;
use crate::vocab::tables;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
                        t!(
                            "flow '{}' relies on adequacy, but {name} ({country}) has no adequacy decision valid on {}", "le flux '{}' repose sur l'adéquation, mais {name} ({country}) n'a pas de décision d'adéquation valide au {}",
                            flow.id, cx.config.as_of
                        ),
                    )
                    .entity(Entity::new(EntityKind::Flow, flow.id.as_str()))
                    .key(format!("{}->{country}", flow.id))
                    .at(transfer.mechanism.span, t!("adequacy", "adéquation"))
                    .related(model.store(end).span, t!("hosted in {country}", "hébergé en {country}"))
                    .help(t!("declare the safeguard really in place (scc_commission, bcr, …), or host the data elsewhere", "déclarez la garantie réellement en place (scc_commission, bcr, …), ou hébergez les données ailleurs")),
                );
            }
        }
    }
}

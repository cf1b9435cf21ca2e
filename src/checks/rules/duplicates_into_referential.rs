//! `duplicates-into-referential`: a store whose duplicate rate is over the threshold and
//! whose data flows into the customer master.

use petgraph::algo::has_path_connecting;

use crate::checks::Context;
use crate::checks::facts::{live_stores, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::graph::node;
use crate::rules::duplicates_into_referential::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let threshold = cx.config.option(RULE.name, "threshold");
    let masters: Vec<_> = model.store_ids().filter(|s| model.store(*s).referential).collect();
    if masters.is_empty() {
        return;
    }
    for store in live_stores(model) {
        let s = model.store(store);
        let Some(rate) = s.quality.as_ref().and_then(|q| q.duplicates_rate.as_ref()) else {
            continue;
        };
        if s.referential || rate.value <= threshold {
            continue;
        }
        let from = node(store.index());
        let fed: Vec<&str> = masters
            .iter()
            .filter(|m| has_path_connecting(&cx.graph.stores, from, node(m.index()), None))
            .map(|m| model.store(*m).id.as_str())
            .collect();
        let Some(master) = fed.first() else { continue };
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "store '{}' holds {:.0} % duplicate records (over {:.0} %) and its data flows into the customer master '{master}'", "l'outil '{}' contient {:.0} % d'enregistrements en doublon (plus de {:.0} %) et ses données alimentent le référentiel client '{master}'",
                    s.id,
                    rate.value * 100.0,
                    threshold * 100.0
                ),
            )
            .entity(store_entity(model, store))
            .at(rate.span, t!("duplicates rate", "taux de doublons"))
            .help(t!("deduplicate at the source, or match records on an identifier before they reach the master", "dédoublonnez à la source, ou rapprochez les enregistrements sur un identifiant avant qu'ils n'atteignent le référentiel")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(rate: &str, flow: bool) -> String {
        let flows = if flow {
            "flows:\n  - {from: pos, to: shop}\n  - {from: shop, to: crm}\n"
        } else {
            ""
        };
        format!(
            "stores:\n  - id: crm\n    referential: true\n  - id: shop\n  - id: pos\n    quality: {{duplicates_rate: {rate}}}\n{flows}"
        )
    }

    /// Over the threshold and reaching the master through another store: reported; under
    /// it, or not feeding the master, not.
    #[test]
    fn duplicates_that_reach_the_master_are_reported() {
        let bad = findings_of(&map("0.12", true), "duplicates-into-referential");
        assert_eq!(bad, vec![(Level::Warn, "pos".to_owned())]);
        assert!(findings_of(&map("0.02", true), "duplicates-into-referential").is_empty());
        assert!(findings_of(&map("0.12", false), "duplicates-into-referential").is_empty());
    }
}

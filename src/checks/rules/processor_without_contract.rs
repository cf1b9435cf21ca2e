//! `processor-without-contract`: a processor holding personal data with no contract link.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::processor_without_contract::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for store in live_stores(model) {
        let s = model.store(store);
        let Some(vendor) = &s.vendor else { continue };
        if s.contract.is_some() || !holds_personal(model, store) {
            continue;
        }
        out.push(
            Finding::new(RULE.name, t!("store '{}' is run by processor {vendor} and holds personal data, with no contract", "l'outil '{}' est opéré par le sous-traitant {vendor} et contient des données personnelles, sans contrat", s.id))
                .entity(store_entity(model, store))
                .at(s.span, "")
                .help(t!("add 'contract:' with a link to the data processing agreement (GDPR art. 28)", "ajoutez 'contract:' avec un lien vers le contrat de sous-traitance (RGPD art. 28)")),
        );
    }
}

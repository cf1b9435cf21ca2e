//! `missing-security`: a store holding personal data with no security measures.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::missing_security::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for store in live_stores(model) {
        let s = model.store(store);
        if !s.security.is_empty() || !holds_personal(model, store) {
            continue;
        }
        out.push(
            Finding::new(RULE.name, t!("store '{}' holds personal data and lists no security measures", "l'outil '{}' contient des données personnelles et ne liste aucune mesure de sécurité", s.id))
                .entity(store_entity(model, store))
                .at(s.span, "")
                .help(t!("add 'security:' with the measures in place: access_control, traceability, backup, encryption, …", "ajoutez 'security:' avec les mesures en place : access_control, traceability, backup, encryption, …")),
        );
    }
}

//! `processor-without-contract`: a processor holding personal data with no contract link.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, store_entity};
use crate::diag::Finding;
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
            Finding::new(RULE.name, format!("store '{}' is run by processor {vendor} and holds personal data, with no contract", s.id))
                .entity(store_entity(model, store))
                .at(s.span, "")
                .help("add 'contract:' with a link to the data processing agreement (GDPR art. 28)"),
        );
    }
}

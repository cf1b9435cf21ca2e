//! `missing-owner`: a store or a purpose without `owner`.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, store_entity};
use crate::diag::Finding;
use crate::manifest::enums::{PurposeStatus, StoreStatus};
use crate::rules::missing_owner::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in model.store_ids() {
        let store = model.store(id);
        if !store.owner_written && store.status != StoreStatus::Retired {
            out.push(
                Finding::new(RULE.name, format!("store '{}' has no owner", store.id))
                    .entity(store_entity(model, id))
                    .at(store.span, "")
                    .help("add 'owner:' with the team that answers for the store"),
            );
        }
    }
    for purpose in &model.purposes {
        if !purpose.owner_written && purpose.status != PurposeStatus::Retired {
            out.push(
                Finding::new(RULE.name, format!("purpose '{}' has no owner", purpose.id))
                    .entity(purpose_entity(purpose))
                    .at(purpose.span, "")
                    .help("add 'owner:' with the team accountable for the purpose"),
            );
        }
    }
}

//! `missing-owner`: a store or a purpose without `owner`.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::{PurposeStatus, StoreStatus};
use crate::rules::missing_owner::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in model.store_ids() {
        let store = model.store(id);
        if !store.owner_written && store.status != StoreStatus::Retired {
            out.push(
                Finding::new(
                    RULE.name,
                    t!("store '{}' has no owner", "l'outil '{}' n'a pas de responsable", store.id),
                )
                .entity(store_entity(model, id))
                .at(store.span, "")
                .help(t!(
                    "add 'owner:' with the team that answers for the store",
                    "ajoutez 'owner:' avec l'équipe qui répond de l'outil"
                )),
            );
        }
    }
    for purpose in &model.purposes {
        if !purpose.owner_written && purpose.status != PurposeStatus::Retired {
            out.push(
                Finding::new(
                    RULE.name,
                    t!(
                        "purpose '{}' has no owner",
                        "la finalité '{}' n'a pas de responsable",
                        purpose.id
                    ),
                )
                .entity(purpose_entity(purpose))
                .at(purpose.span, "")
                .help(t!(
                    "add 'owner:' with the team accountable for the purpose",
                    "ajoutez 'owner:' avec l'équipe responsable de la finalité"
                )),
            );
        }
    }
}

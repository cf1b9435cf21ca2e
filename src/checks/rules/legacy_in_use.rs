//! `legacy-in-use`: active purposes relying on legacy or retired stores, and flows still
//! touching retired ones.

use std::collections::BTreeSet;

use crate::checks::Context;
use crate::checks::facts::purpose_entity;
use crate::diag::{Entity, EntityKind, Finding, t};
use crate::manifest::enums::StoreStatus;
use crate::rules::legacy_in_use::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for purpose in model.purposes.iter().filter(|p| p.is_active()) {
        let stores: BTreeSet<_> = purpose.uses.iter().map(|f| model.field(*f).store).collect();
        for store in stores {
            let s = model.store(store);
            if !matches!(s.status, StoreStatus::Legacy | StoreStatus::Retired) {
                continue;
            }
            out.push(
                Finding::new(
                    RULE.name,
                    t!(
                        "purpose '{}' uses fields of {} store '{}'",
                        "la finalité '{}' utilise des champs de l'outil {} '{}'",
                        purpose.id,
                        s.status,
                        s.id
                    ),
                )
                .entity(purpose_entity(purpose))
                .key(format!("{}->{}", purpose.id, s.id))
                .at(purpose.span, "")
                .related(s.span, t!("status: {}", "statut : {}", s.status))
                .help(t!(
                    "move the purpose to the store that replaces it",
                    "déplacez la finalité vers l'outil qui remplace celui-ci"
                )),
            );
        }
    }
    for flow in &model.flows {
        for end in [flow.from, flow.to] {
            let s = model.store(end);
            if s.status != StoreStatus::Retired {
                continue;
            }
            out.push(
                Finding::new(
                    RULE.name,
                    t!(
                        "flow '{}' touches retired store '{}'",
                        "le flux '{}' touche l'outil retiré '{}'",
                        flow.id,
                        s.id
                    ),
                )
                .entity(Entity::new(EntityKind::Flow, flow.id.as_str()))
                .key(format!("{}->{}", flow.id, s.id))
                .at(flow.span, "")
                .related(s.span, t!("status: retired", "statut : retiré"))
                .help(t!(
                    "stop the flow, or reconnect it to the store that replaced it",
                    "arrêtez le flux, ou reconnectez-le à l'outil qui l'a remplacé"
                )),
            );
            if flow.from == flow.to {
                break;
            }
        }
    }
}

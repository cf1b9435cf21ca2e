//! `legacy-in-use`: active purposes relying on legacy or retired stores, and flows still
//! touching retired ones.

use std::collections::BTreeSet;

use crate::checks::Context;
use crate::checks::facts::purpose_entity;
use crate::diag::{Entity, EntityKind, Finding};
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
                    format!(
                        "purpose '{}' uses fields of {} store '{}'",
                        purpose.id, s.status, s.id
                    ),
                )
                .entity(purpose_entity(purpose))
                .key(format!("{}->{}", purpose.id, s.id))
                .at(purpose.span, "")
                .related(s.span, format!("status: {}", s.status))
                .help("move the purpose to the store that replaces it"),
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
                    format!("flow '{}' touches retired store '{}'", flow.id, s.id),
                )
                .entity(Entity::new(EntityKind::Flow, flow.id.as_str()))
                .key(format!("{}->{}", flow.id, s.id))
                .at(flow.span, "")
                .related(s.span, "status: retired")
                .help("stop the flow, or reconnect it to the store that replaced it"),
            );
            if flow.from == flow.to {
                break;
            }
        }
    }
}

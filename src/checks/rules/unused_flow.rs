//! `unused-flow`: a flow that carries no field landing on a useful field.

use crate::checks::Context;
use crate::checks::rules::unused_personal_data::sent_to_outside_recipient;
use crate::diag::{Entity, EntityKind, Finding, t};
use crate::manifest::enums::StoreStatus;
use crate::rules::unused_flow::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in model.flow_ids() {
        let flow = model.flow(id);
        // No field list is "not stated", not "carries nothing": `flow-without-fields` asks
        // for it, and nobody is told to stop a flow whose content is unknown.
        if flow.fields.is_empty() || cx.graph.is_flow_useful(model, id) {
            continue;
        }
        // Personal data sent to an outside recipient no purpose names: `unused-personal-data`
        // reports the recipient once, and this flow is part of that one mistake.
        let to = model.store(flow.to);
        if to.status != StoreStatus::Retired
            && flow.fields.iter().any(|c| {
                model.field(c.target).personal
                    && sent_to_outside_recipient(model, cx.graph, c.target)
            })
        {
            continue;
        }
        let message = t!(
            "flow '{}' carries nothing anyone uses: none of its fields lands on a useful field",
            "le flux '{}' ne transporte rien d'utilisé : aucun de ses champs n'aboutit à un champ utile",
            flow.id
        );
        let help = if to.external {
            t!(
                "name '{}' in the 'recipients:' of the purpose the data is sent for, or stop the flow",
                "nommez '{}' dans les 'recipients:' de la finalité pour laquelle les données sont envoyées, ou arrêtez le flux",
                to.id
            )
        } else {
            t!(
                "stop the flow, or use what it delivers in a purpose",
                "arrêtez le flux, ou utilisez ce qu'il livre dans une finalité"
            )
        };
        out.push(
            Finding::new(RULE.name, message)
                .entity(Entity::new(EntityKind::Flow, flow.id.as_str()))
                .at(flow.span, "")
                .help(help),
        );
    }
}

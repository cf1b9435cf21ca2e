//! `unsourced-field`: a field marked `source: received` that no flow delivers.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::FieldSource;
use crate::model::FieldOrigin;
use crate::rules::unsourced_field::RULE;
use petgraph::Direction::Incoming;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    for id in model.field_ids() {
        let field = model.field(id);
        if field.source != Some(FieldSource::Received) || field.origin != FieldOrigin::Declared {
            continue;
        }
        if graph
            .fields
            .neighbors_directed(crate::graph::node(id.index()), Incoming)
            .next()
            .is_some()
        {
            continue;
        }
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "field '{}' is received, but no flow delivers it",
                    "le champ '{}' est reçu, mais aucun flux ne le livre",
                    model.field_path(id)
                ),
            )
            .entity(field_entity(model, id))
            .at(field.span, t!("source: received, from nowhere", "source : reçu, de nulle part"))
            .help(t!(
                "declare the flow that delivers it, or correct its 'source'",
                "déclarez le flux qui le livre, ou corrigez sa 'source'"
            )),
        );
    }
}

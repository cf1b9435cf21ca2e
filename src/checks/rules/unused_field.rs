//! `unused-field`: a non-personal field that is not useful.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::diag::Finding;
use crate::manifest::enums::StoreStatus;
use crate::rules::unused_field::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    for id in model.field_ids() {
        let field = model.field(id);
        if field.personal
            || graph.is_useful(id)
            || crate::checks::facts::passes_through(model, id)
            || model.store(field.store).status == StoreStatus::Retired
        {
            continue;
        }
        let path = model.field_path(id);
        out.push(
            Finding::new(
                RULE.name,
                format!("field '{path}' is not used: no purpose uses it, here or downstream"),
            )
            .entity(field_entity(model, id))
            .at(field.span, "not used")
            .help("use it in a purpose, or stop keeping it"),
        );
    }
}

//! `unused-field`: a non-personal field that is not useful.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::diag::Finding;
use crate::diag::t;
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
                t!("field '{path}' is not used: no purpose uses it, here or downstream", "le champ '{path}' n'est pas utilisé : aucune finalité ne l'utilise, ici ni en aval"),
            )
            .entity(field_entity(model, id))
            .at(field.span, t!("not used", "non utilisé"))
            .help(t!("use it in a purpose, or stop keeping it", "utilisez-le dans une finalité, ou cessez de le conserver")),
        );
    }
}

//! `undeclared-field`: a flow delivers a field the destination store does not declare.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::diag::Finding;
use crate::diag::t;
use crate::model::FieldOrigin;
use crate::rules::undeclared_field::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in model.field_ids() {
        let field = model.field(id);
        let FieldOrigin::Inferred { flow, from } = field.origin else { continue };
        // An application declares nothing: what flows carry into it is what it processes.
        if model.store(field.store).is_application() {
            continue;
        }
        let store = &model.store(field.store).id;
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "flow '{}' delivers '{}' to store '{store}', which does not declare it",
                    "le flux '{}' livre '{}' à l'outil '{store}', qui ne le déclare pas",
                    model.flow(flow).id,
                    field.id
                ),
            )
            .entity(field_entity(model, id))
            .at(field.span, t!("delivered here", "livré ici"))
            .help(t!(
                "declare '{}' in store '{store}' (it is created from '{}')",
                "déclarez '{}' dans l'outil '{store}' (il est créé à partir de '{}')",
                field.id,
                model.field_path(from)
            )),
        );
    }
}

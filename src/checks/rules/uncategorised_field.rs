//! `uncategorised-field`: a field without `category`.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::diag::Finding;
use crate::model::FieldOrigin;
use crate::rules::uncategorised_field::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in model.field_ids() {
        let field = model.field(id);
        if field.category.is_some() || field.origin != FieldOrigin::Declared {
            continue;
        }
        out.push(
            Finding::new(RULE.name, format!("field '{}' has no category", model.field_path(id)))
                .entity(field_entity(model, id))
                .at(field.span, "")
                .help("add 'category:' with a data category key such as 'user.contact.email'"),
        );
    }
}

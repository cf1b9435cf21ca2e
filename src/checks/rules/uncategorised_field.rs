//! `uncategorised-field`: a field without `category`.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::diag::Finding;
use crate::diag::t;
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
            Finding::new(RULE.name, t!("field '{}' has no category", "le champ '{}' n'a pas de catégorie", model.field_path(id)))
                .entity(field_entity(model, id))
                .at(field.span, "")
                .help(t!("add 'category:' with a data category key such as 'user.contact.email'", "ajoutez 'category:' avec une clé de catégorie de données comme 'user.contact.email'")),
        );
    }
}

//! `missing-subjects`: a purpose using personal data that names no data subjects.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, register_purposes};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::missing_subjects::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in register_purposes(model) {
        let purpose = model.purpose(id);
        if !purpose.subjects.is_empty() {
            continue;
        }
        out.push(
            Finding::new(RULE.name, t!("purpose '{}' uses personal data and names no data subjects", "la finalité '{}' utilise des données personnelles et ne nomme aucune personne concernée", purpose.id))
                .entity(purpose_entity(purpose))
                .at(purpose.span, "")
                .help(t!("add 'subjects:' with the categories of people concerned, such as [customer, prospect]", "ajoutez 'subjects:' avec les catégories de personnes concernées, par exemple [customer, prospect]")),
        );
    }
}

//! `missing-subjects`: a purpose using personal data that names no data subjects.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, register_purposes};
use crate::diag::Finding;
use crate::rules::missing_subjects::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in register_purposes(model) {
        let purpose = model.purpose(id);
        if !purpose.subjects.is_empty() {
            continue;
        }
        out.push(
            Finding::new(RULE.name, format!("purpose '{}' uses personal data and names no data subjects", purpose.id))
                .entity(purpose_entity(purpose))
                .at(purpose.span, "")
                .help("add 'subjects:' with the categories of people concerned, such as [customer, prospect]"),
        );
    }
}

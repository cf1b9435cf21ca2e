//! `missing-legal-basis`: a purpose using personal data without `legal_basis`.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, register_purposes};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::missing_legal_basis::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in register_purposes(model) {
        let purpose = model.purpose(id);
        if purpose.legal_basis.is_some() {
            continue;
        }
        out.push(
            Finding::new(RULE.name, t!("purpose '{}' uses personal data and has no legal basis", "la finalité '{}' utilise des données personnelles et n'a pas de base légale", purpose.id))
                .entity(purpose_entity(purpose))
                .at(purpose.span, "")
                .help(t!("add 'legal_basis:' (consent, contract, legal_obligation, vital_interests, public_task or legitimate_interests)", "ajoutez 'legal_basis:' (consent, contract, legal_obligation, vital_interests, public_task ou legitimate_interests)")),
        );
    }
}

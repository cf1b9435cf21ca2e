//! `missing-retention`: a purpose using personal data with no retention anywhere.

use crate::checks::Context;
use crate::checks::facts::{personal_uses, purpose_entity, register_purposes};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::missing_retention::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for id in register_purposes(model) {
        let purpose = model.purpose(id);
        if purpose.retention.is_some()
            || personal_uses(model, purpose).any(|f| model.field(f).retention.is_some())
        {
            continue;
        }
        out.push(
            Finding::new(RULE.name, t!("purpose '{}' uses personal data with no retention period", "la finalité '{}' utilise des données personnelles sans durée de conservation", purpose.id))
                .entity(purpose_entity(purpose))
                .at(purpose.span, "")
                .help(t!("add 'retention:' to the purpose (duration, trigger, end action), or to the fields it uses", "ajoutez 'retention:' à la finalité (durée, déclencheur, action finale), ou aux champs qu'elle utilise")),
        );
    }
}

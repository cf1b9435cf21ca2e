//! `condition-without-special-data`: an art. 9(2) condition on a purpose that uses no
//! special-category data — either a used field hides its special category, or the condition
//! is wrong; the register would print the condition beside "Special categories: No".

use crate::checks::Context;
use crate::checks::facts::purpose_entity;
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::SpecialCategory;
use crate::rules::condition_without_special_data::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for purpose in model.purposes.iter().filter(|p| p.is_active()) {
        let Some(condition) = purpose.special_condition else { continue };
        let art9 = purpose.uses.iter().any(|f| {
            !matches!(
                model.field(*f).special,
                None | Some(SpecialCategory::CriminalOffences | SpecialCategory::NationalIdNumber)
            )
        });
        if art9 {
            continue;
        }
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "purpose '{}' states an art. 9(2) condition ({}) but uses no special-category data", "la finalité '{}' invoque une condition de l'art. 9(2) ({}) mais n'utilise aucune donnée sensible",
                    purpose.id,
                    condition.as_str()
                ),
            )
            .entity(purpose_entity(purpose))
            .key(format!("{}/art9", purpose.id))
            .at(purpose.span, "")
            .help(t!("give the field that holds special-category data its category (or 'special:'), or remove 'special_condition:'", "donnez au champ qui contient les données sensibles sa catégorie (ou 'special:'), ou retirez 'special_condition:'")),
        );
    }
}

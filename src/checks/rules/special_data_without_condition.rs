//! `special-data-without-condition`: special-category data without an art. 9(2) condition,
//! or criminal-offence data without a legal reference.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, quoted_list};
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::SpecialCategory;
use crate::rules::special_data_without_condition::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for purpose in model.purposes.iter().filter(|p| p.is_active()) {
        let mut art9 = Vec::new();
        let mut art10 = Vec::new();
        for f in &purpose.uses {
            match model.field(*f).special {
                Some(SpecialCategory::CriminalOffences) => art10.push(model.field_path(*f)),
                Some(SpecialCategory::NationalIdNumber) | None => {}
                Some(_) => art9.push(model.field_path(*f)),
            }
        }
        if !art9.is_empty() && purpose.special_condition.is_none() {
            out.push(
                Finding::new(
                    RULE.name,
                    t!("purpose '{}' uses special-category data ({}) without an art. 9(2) condition", "la finalité '{}' utilise des données sensibles ({}) sans condition de l'art. 9(2)", purpose.id, quoted_list(&art9, 3)),
                )
                .entity(purpose_entity(purpose))
                .key(format!("{}/art9", purpose.id))
                .at(purpose.span, "")
                .help(t!("add 'special_condition:' (explicit_consent, legal_claims, …), or stop using the data", "ajoutez 'special_condition:' (explicit_consent, legal_claims, …), ou cessez d'utiliser les données")),
            );
        }
        if !art10.is_empty() && purpose.legal_reference.is_none() {
            out.push(
                Finding::new(
                    RULE.name,
                    t!("purpose '{}' uses criminal-offence data ({}) without a legal reference", "la finalité '{}' utilise des données d'infraction ({}) sans référence légale", purpose.id, quoted_list(&art10, 3)),
                )
                .entity(purpose_entity(purpose))
                .key(format!("{}/art10", purpose.id))
                .at(purpose.span, "")
                .help(t!("add 'legal_reference:' naming the law that authorises it (GDPR art. 10), or stop using the data", "ajoutez 'legal_reference:' nommant le texte qui l'autorise (RGPD art. 10), ou cessez d'utiliser les données")),
            );
        }
    }
}

//! `missing-data`: a purpose needs a category that none of its used fields covers.

use crate::checks::Context;
use crate::checks::facts::{category_covers, purpose_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::PurposeStatus;
use crate::rules::missing_data::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for purpose in &model.purposes {
        if purpose.status == PurposeStatus::Retired {
            continue;
        }
        for need in &purpose.needs {
            let covered = purpose.uses.iter().any(|f| {
                model
                    .field(*f)
                    .category
                    .as_ref()
                    .is_some_and(|c| category_covers(model, &need.value, &c.value))
            });
            if covered {
                continue;
            }
            out.push(
                Finding::new(
                    RULE.name,
                    t!("purpose '{}' needs '{}' but uses no field of that category: data to collect", "la finalité '{}' a besoin de '{}' mais n'utilise aucun champ de cette catégorie : donnée à collecter", purpose.id, need.value),
                )
                .entity(purpose_entity(purpose))
                .key(format!("{}/{}", purpose.id, need.value))
                .at(need.span, t!("needed, not used", "nécessaire, non utilisé"))
                .help(t!("collect a field of category '{}' and list it in 'uses', or drop the need", "collectez un champ de catégorie '{}' et listez-le dans 'uses', ou retirez le besoin", need.value)),
            );
        }
    }
}

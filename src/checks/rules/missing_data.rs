//! `missing-data`: a purpose needs a category that none of its used fields covers.

use crate::checks::Context;
use crate::checks::facts::{category_covers, purpose_entity};
use crate::diag::Finding;
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
                    format!("purpose '{}' needs '{}' but uses no field of that category: data to collect", purpose.id, need.value),
                )
                .entity(purpose_entity(purpose))
                .key(format!("{}/{}", purpose.id, need.value))
                .at(need.span, "needed, not used")
                .help(format!("collect a field of category '{}' and list it in 'uses', or drop the need", need.value)),
            );
        }
    }
}

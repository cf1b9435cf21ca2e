//! `missing-erasure`: a store holding personal data that does not say how one person's data
//! is erased there, or says it cannot be and not why.

use crate::checks::Context;
use crate::checks::facts::{keeps_personal, live_stores, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::ErasureMethod;
use crate::rules::missing_erasure::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for store in live_stores(model) {
        let s = model.store(store);
        if !keeps_personal(model, store) {
            continue;
        }
        let finding = match &s.erasure {
            None => Finding::new(
                RULE.name,
                t!("store '{}' holds personal data but how to erase one person's data there is not stated", "l'outil '{}' contient des données personnelles mais la façon d'y effacer les données d'une personne n'est pas renseignée", s.id),
            )
            .at(s.span, t!("erasure not stated", "effacement non renseigné"))
            .help(t!("add 'erasure:' with its method: api, manual, automatic-retention or not-possible (with a reason)", "ajoutez 'erasure:' avec sa méthode : api, manual, automatic-retention ou not-possible (avec une raison)")),
            Some(e) if e.method.value == ErasureMethod::NotPossible && e.reason.is_none() => {
                Finding::new(
                    RULE.name,
                    t!("store '{}' cannot erase one person's data, and the reason is not stated", "l'outil '{}' ne peut pas effacer les données d'une personne, et la raison n'est pas renseignée", s.id),
                )
                .at(e.method.span, t!("no reason", "raison non renseignée"))
                .help(t!("add 'reason:' under 'erasure:': why the data cannot be erased (the answer to the person quotes it)", "ajoutez 'reason:' sous 'erasure:' : pourquoi les données ne peuvent être effacées (la réponse à la personne la cite)"))
            }
            Some(_) => continue,
        };
        out.push(finding.entity(store_entity(model, store)));
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(store: &str) -> String {
        format!(
            "stores:\n  - id: loyalty\n{store}    fields: [{{id: email, category: user.contact.email}}]\n  - id: stock\n    fields: [{{id: sku, personal: false}}]\n"
        )
    }

    /// A store of personal data without `erasure:` is reported; a non-personal one is not.
    #[test]
    fn a_store_of_personal_data_says_how_to_erase() {
        let bad = findings_of(&map(""), "missing-erasure");
        assert_eq!(bad, vec![(Level::Info, "loyalty".to_owned())]);
        for method in ["api", "manual", "automatic-retention"] {
            let good = map(&format!("    erasure: {{method: {method}}}\n"));
            assert!(findings_of(&good, "missing-erasure").is_empty(), "{method}");
        }
    }

    /// `not-possible` needs its reason; with one it is a stated fact, not a gap.
    #[test]
    fn not_possible_says_why() {
        let bare = map("    erasure: {method: not-possible}\n");
        assert_eq!(
            findings_of(&bare, "missing-erasure"),
            vec![(Level::Info, "loyalty".to_owned())]
        );
        let why = map("    erasure: {method: not-possible, reason: kept ten years by law}\n");
        assert!(findings_of(&why, "missing-erasure").is_empty());
    }

    /// A retired store is switched off: nothing to erase on request there.
    #[test]
    fn a_retired_store_is_left_alone() {
        let retired = map("    status: retired\n");
        assert!(findings_of(&retired, "missing-erasure").is_empty());
    }
}

//! `missing-legal-reference`: a purpose based on a legal obligation or a public task that
//! names no law.

use crate::checks::Context;
use crate::checks::facts::purpose_entity;
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::{LegalBasis, SpecialCategory};
use crate::rules::missing_legal_reference::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for purpose in model.purposes.iter().filter(|p| p.is_active()) {
        let Some(basis) = &purpose.legal_basis else { continue };
        let word = match basis.value {
            LegalBasis::LegalObligation => "a legal obligation",
            LegalBasis::PublicTask => "a public task",
            _ => continue,
        };
        if purpose.legal_reference.is_some() {
            continue;
        }
        let criminal = purpose
            .uses
            .iter()
            .any(|f| model.field(*f).special == Some(SpecialCategory::CriminalOffences));
        if criminal {
            continue;
        }
        out.push(
            Finding::new(
                RULE.name,
                t!("purpose '{}' relies on {word} but names no law (legal reference not stated)", "la finalité '{}' repose sur {word} mais ne nomme aucun texte (référence légale non renseignée)", purpose.id),
            )
            .entity(purpose_entity(purpose))
            .at(basis.span, basis.value.as_str())
            .help(t!("add 'legal_reference:' naming the law that imposes the processing (GDPR art. 6(3)), or choose the basis that fits", "ajoutez 'legal_reference:' nommant le texte qui impose le traitement (RGPD art. 6(3)), ou choisissez la base qui convient")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn purpose(basis: &str, reference: &str) -> String {
        format!(
            "stores:\n  - id: erp\n    fields: [{{id: name, category: user.name}}]\npurposes:\n  - id: invoicing\n    legal_basis: {basis}\n{reference}    subjects: [customer]\n    uses: [erp.name]\n"
        )
    }

    /// A legal obligation or a public task with no law named is flagged; with one, or on
    /// another basis, it is not.
    #[test]
    fn a_legal_obligation_names_its_law() {
        let bad = findings_of(&purpose("legal_obligation", ""), "missing-legal-reference");
        assert_eq!(bad, vec![(Level::Warn, "invoicing".to_owned())]);
        let task = findings_of(&purpose("public_task", ""), "missing-legal-reference");
        assert_eq!(task.len(), 1);
        let good = purpose("legal_obligation", "    legal_reference: Code de commerce L123-22\n");
        assert!(findings_of(&good, "missing-legal-reference").is_empty());
        assert!(findings_of(&purpose("contract", ""), "missing-legal-reference").is_empty());
    }
}

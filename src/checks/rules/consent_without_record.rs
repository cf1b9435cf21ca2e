//! `consent-without-record`: consent as basis, with no field holding the proof.

use crate::checks::Context;
use crate::checks::facts::purpose_entity;
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::LegalBasis;
use crate::rules::consent_without_record::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for purpose in cx.model.purposes.iter().filter(|p| p.is_active()) {
        let Some(basis) = &purpose.legal_basis else { continue };
        if basis.value != LegalBasis::Consent || purpose.consent_record.is_some() {
            continue;
        }
        out.push(
            Finding::new(RULE.name, t!("purpose '{}' relies on consent with no record of it", "la finalité '{}' repose sur le consentement sans preuve de celui-ci", purpose.id))
                .entity(purpose_entity(purpose))
                .at(basis.span, t!("consent", "consentement"))
                .help(t!("add 'consent_record:' naming the field that holds the proof of consent ('store.field')", "ajoutez 'consent_record:' nommant le champ qui conserve la preuve du consentement ('store.field')")),
        );
    }
}

//! `legitimate-interest-undocumented`: legitimate interests as basis, with no interest named.

use crate::checks::Context;
use crate::checks::facts::purpose_entity;
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::LegalBasis;
use crate::rules::legitimate_interest_undocumented::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for purpose in cx.model.purposes.iter().filter(|p| p.is_active()) {
        let Some(basis) = &purpose.legal_basis else { continue };
        if basis.value != LegalBasis::LegitimateInterests || purpose.legitimate_interest.is_some() {
            continue;
        }
        out.push(
            Finding::new(RULE.name, t!("purpose '{}' relies on legitimate interests without saying which", "la finalité '{}' repose sur l'intérêt légitime sans dire lequel", purpose.id))
                .entity(purpose_entity(purpose))
                .at(basis.span, t!("legitimate_interests", "intérêt légitime"))
                .help(t!("add 'legitimate_interest:' stating the interest, and 'lia:' linking the balancing test", "ajoutez 'legitimate_interest:' énonçant l'intérêt, et 'lia:' liant le test de mise en balance")),
        );
    }
}

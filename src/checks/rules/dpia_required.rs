//! `dpia-required`: a purpose meeting two or more DPIA criteria computed from the map, with
//! no assessment done or in progress. The screening itself is `checks::dpia`, which the
//! register shares.

use crate::checks::Context;
use crate::checks::dpia::{Entries, criteria_from};
use crate::checks::facts::{purpose_entity, register_purposes};
use crate::diag::Finding;
use crate::diag::t;
use crate::manifest::enums::DpiaStatus;
use crate::rules::dpia_required::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let threshold = cx.config.option(RULE.name, "large_scale_records");
    // Where each purpose's data enters the map, for all of them in one pass (not a walk
    // upstream per purpose).
    let entries = Entries::new(model, cx.graph);
    for id in register_purposes(model) {
        let purpose = model.purpose(id);
        if matches!(purpose.dpia_status, Some(DpiaStatus::Done | DpiaStatus::InProgress)) {
            continue;
        }
        let met = criteria_from(model, id, threshold, &entries.of(model, id));
        if met.len() < 2 {
            continue;
        }
        // The list in each language: the criteria's words and the "and" between them.
        let fr = crate::manifest::enums::Language::Fr;
        let en_parts: Vec<&str> = met.iter().map(|c| c.evidence.en.as_str()).collect();
        let fr_parts: Vec<&str> = met.iter().map(|c| c.evidence.get(fr)).collect();
        let evidence = crate::diag::Text::new(
            crate::checks::facts::and_list(&en_parts).en,
            crate::checks::facts::and_list(&fr_parts).get(fr),
        );
        out.push(
            Finding::new(
                RULE.name,
                t!("purpose '{}' meets {} DPIA criteria: {}", "la finalité '{}' remplit {} critères d'AIPD : {}", purpose.id, met.len(), evidence),
            )
            .entity(purpose_entity(purpose))
            .at(purpose.span, "")
            .help(crate::diag::Text::new("carry out a data protection impact assessment (GDPR art. 35) and record it: 'dpia: {status: done, link: …}'", "menez une analyse d'impact relative à la protection des données (RGPD art. 35) et consignez-la : 'dpia: {status: done, link: …}'")),
        );
    }
}

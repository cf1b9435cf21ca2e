//! `unused-zone`: a zone of `zones:` in datacarto.yaml that no store is drawn in.

use std::collections::BTreeSet;

use crate::checks::Context;
use crate::diag::{Finding, suggest, t};
use crate::rules::unused_zone::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let used: BTreeSet<&str> = model.stores.iter().filter_map(|s| s.zone.as_deref()).collect();
    let domains: BTreeSet<&str> = model.stores.iter().filter_map(|s| s.domain.as_deref()).collect();
    for zone in &model.zone_list {
        // A zone emptied by an earlier zone listing the same domain is `zone-domain-twice`'s
        // finding: one mistake, one finding.
        let listed_elsewhere =
            zone.domains.iter().flatten().any(|d| domains.contains(d.value.as_str()));
        if used.contains(zone.name.value.as_str()) || listed_elsewhere {
            continue;
        }
        let name = &zone.name.value;
        let mut finding = Finding::new(
            RULE.name,
            t!(
                "zone '{name}' holds no store: no store is in its domains nor names it in 'zone:'", "la zone '{name}' ne contient aucun outil : aucun outil n'est dans ses domaines ni ne la nomme dans 'zone:'"
            ),
        )
        .key(format!("zones.{name}"))
        .at(zone.name.span, t!("no store drawn here", "aucun outil dessiné ici"));
        // A misspelt domain is the usual cause: point at it, with the closest real one.
        let mut help = None;
        for domain in zone.domains.iter().flatten() {
            if domains.contains(domain.value.as_str()) {
                continue;
            }
            finding = finding
                .related(domain.span, t!("no store has this domain", "aucun outil n'a ce domaine"));
            if help.is_none() {
                help = suggest::closest(&domain.value, domains.iter().copied()).map(|c| {
                    let domain = &domain.value;
                    t!(
                        "no store has domain '{domain}': did you mean '{c}'?",
                        "aucun outil n'a le domaine '{domain}' : vouliez-vous dire '{c}' ?"
                    )
                });
            }
        }
        out.push(finding.help(help.unwrap_or_else(|| {
            t!(
                "remove zone '{name}' from zones:, or give its stores `zone: {name}`",
                "retirez la zone '{name}' de zones:, ou donnez à ses outils `zone: {name}`"
            )
        })));
    }
}

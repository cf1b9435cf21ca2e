//! `zone-domain-twice`: a domain listed in two zones of `zones:` in datacarto.yaml.

use std::collections::BTreeMap;

use crate::checks::Context;
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::zone_domain_twice::RULE;
use crate::source::Span;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut first: BTreeMap<&str, (&str, Span)> = BTreeMap::new();
    for zone in &cx.model.zone_list {
        for domain in zone.domains.iter().flatten() {
            let Some(&(winner, span)) = first.get(domain.value.as_str()) else {
                first.insert(&domain.value, (&zone.name.value, domain.span));
                continue;
            };
            let (d, z) = (&domain.value, &zone.name.value);
            let message = if winner == z {
                t!(
                    "domain '{d}' is listed twice in zone '{z}'",
                    "le domaine '{d}' est listé deux fois dans la zone '{z}'"
                )
            } else {
                t!(
                    "domain '{d}' is listed in zones '{winner}' and '{z}': its stores are drawn in '{winner}', the first",
                    "le domaine '{d}' est listé dans les zones '{winner}' et '{z}' : ses outils sont dessinés dans '{winner}', la première"
                )
            };
            out.push(
                Finding::new(RULE.name, message)
                    .key(format!("zones.{z}.domains.{d}"))
                    .at(domain.span, t!("ignored: an earlier zone lists this domain", "ignoré : une zone précédente liste ce domaine"))
                    .related(span, t!("this listing wins", "cette mention l'emporte"))
                    .help(t!(
                        "remove '{d}' from zone '{z}'; to draw one store in '{z}', give it `zone: {z}`", "retirez '{d}' de la zone '{z}' ; pour dessiner un outil dans '{z}', donnez-lui `zone: {z}`"
                    )),
            );
        }
    }
}

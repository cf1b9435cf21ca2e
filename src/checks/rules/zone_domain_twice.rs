//! `zone-domain-twice`: a domain listed in two zones of `zones:` in datacarto.yaml.

use std::collections::BTreeMap;

use crate::checks::Context;
use crate::diag::Finding;
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
                format!("domain '{d}' is listed twice in zone '{z}'")
            } else {
                format!(
                    "domain '{d}' is listed in zones '{winner}' and '{z}': its stores are drawn in '{winner}', the first"
                )
            };
            out.push(
                Finding::new(RULE.name, message)
                    .key(format!("zones.{z}.domains.{d}"))
                    .at(domain.span, "ignored: an earlier zone lists this domain")
                    .related(span, "this listing wins")
                    .help(format!(
                        "remove '{d}' from zone '{z}'; to draw one store in '{z}', give it `zone: {z}`"
                    )),
            );
        }
    }
}

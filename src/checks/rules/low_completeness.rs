//! `low-completeness`: a used field filled in too few records.

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::low_completeness::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    let threshold = cx.config.option(RULE.name, "threshold");
    for id in model.field_ids() {
        let field = model.field(id);
        let Some(completeness) = &field.completeness else { continue };
        // A completeness an application inherits is its source's: judged there, once.
        if crate::checks::facts::passes_through(model, id) {
            continue;
        }
        if completeness.value >= threshold || !graph.is_used(id) {
            continue;
        }
        let users: Vec<String> =
            graph.purposes_using(id).iter().map(|p| model.purpose(*p).id.clone()).collect();
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "field '{}' is filled in {:.0} % of records, below {:.0} %, and purpose {} uses it", "le champ '{}' est rempli dans {:.0} % des enregistrements, sous {:.0} %, et la finalité {} l'utilise",
                    model.field_path(id),
                    completeness.value * 100.0,
                    threshold * 100.0,
                    crate::checks::facts::quoted_list(&users, 3)
                ),
            )
            .entity(field_entity(model, id))
            .at(completeness.span, t!("completeness", "complétude"))
            .help(t!("improve its collection or enrich it by a flow, or base the purpose on a better-filled field", "améliorez sa collecte ou enrichissez-le par un flux, ou fondez la finalité sur un champ mieux rempli")),
        );
    }
}

//! `retention-conflict`: a field kept longer than every purpose that uses it needs.

use crate::checks::Context;
use crate::checks::facts::{duration_months, field_entity, retention_duration};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::retention_conflict::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    for id in model.field_ids() {
        let field = model.field(id);
        let Some(retention) = &field.retention else { continue };
        // An application keeps nothing: a retention it inherits is judged at its source.
        if model.store(field.store).is_application() {
            continue;
        }
        let Some(kept) = retention_duration(&retention.value).and_then(duration_months) else {
            continue;
        };
        let users = graph.purposes_using(id);
        if users.is_empty() {
            continue;
        }
        let mut longest: Option<(f64, &str, &str)> = None;
        let mut comparable = true;
        for p in users {
            let purpose = model.purpose(*p);
            match purpose.retention.as_ref().and_then(|r| retention_duration(&r.value)) {
                Some(d) => match duration_months(d) {
                    Some(m) if longest.is_none_or(|(l, _, _)| m > l) => {
                        longest = Some((m, d, purpose.id.as_str()))
                    }
                    Some(_) => {}
                    None => comparable = false,
                },
                None => comparable = false,
            }
        }
        let (Some((needed, needed_text, purpose)), true) = (longest, comparable) else { continue };
        if kept <= needed {
            continue;
        }
        let kept_text = retention_duration(&retention.value).unwrap_or_default();
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "field '{}' is kept {kept_text}, longer than any purpose using it needs (at most {needed_text}, for '{purpose}')", "le champ '{}' est conservé {kept_text}, plus longtemps qu'aucune finalité qui l'utilise n'en a besoin (au plus {needed_text}, pour '{purpose}')",
                    model.field_path(id)
                ),
            )
            .entity(field_entity(model, id))
            .at(retention.span, t!("kept longer", "conservé plus longtemps"))
            .help(t!("shorten the field's retention, or declare the purpose that needs it longer", "raccourcissez la conservation du champ, ou déclarez la finalité qui en a besoin plus longtemps")),
        );
    }
}

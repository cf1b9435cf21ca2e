//! `special-data-broad-access`: a store of special-category data that more teams can read
//! than the configured maximum.

use crate::checks::Context;
use crate::checks::facts::{live_stores, quoted_list, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::model::AccessLevel;
use crate::rules::special_data_broad_access::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let max = cx.config.option(RULE.name, "max_teams");
    for store in live_stores(model) {
        let s = model.store(store);
        let Some(access) = &s.access else { continue };
        if !model.fields_of(store).any(|f| model.field(f).special.is_some()) {
            continue;
        }
        let readers: Vec<String> =
            access.with(AccessLevel::Read).map(|t| model.team(t).id.clone()).collect();
        if (readers.len() as f64) <= max {
            continue;
        }
        // The first team the file names: where the access list starts.
        let span = access.teams.iter().map(|t| t.2).min_by_key(|t| t.start).unwrap_or(s.span);
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "store '{}' holds special-category data and {} teams can read it: {} (at most {max})", "l'outil '{}' contient des données sensibles et {} équipes peuvent les lire : {} (au plus {max})",
                    s.id,
                    readers.len(),
                    quoted_list(&readers, 8)
                ),
            )
            .entity(store_entity(model, store))
            .at(span, t!("read access", "accès en lecture"))
            .help(t!("keep read access to the teams whose work needs this data, or give the others a store without the special-category fields", "réservez l'accès en lecture aux équipes dont le travail requiert ces données, ou donnez aux autres un outil sans les champs sensibles")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(access: &str) -> String {
        format!(
            "teams: [{{id: a}}, {{id: b}}, {{id: c}}]\nstores:\n  - id: pms\n    access: {access}\n    fields: [{{id: notes, category: user.health_and_medical}}]\n  - id: crm\n    access: {access}\n    fields: [{{id: email, category: user.contact.email}}]\n"
        )
    }

    /// Three readers of health data (write and admin read too) is one too many; two is not;
    /// a store of ordinary personal data is not judged.
    #[test]
    fn special_data_is_read_by_few_teams() {
        let bad =
            findings_of(&map("{read: [a], write: [b], admin: [c]}"), "special-data-broad-access");
        assert_eq!(bad, vec![(Level::Warn, "pms".to_owned())]);
        let good = map("{read: [a], admin: [c]}");
        assert!(findings_of(&good, "special-data-broad-access").is_empty());
    }
}

//! `too-many-admins`: a store of personal data administered by more teams than the maximum.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, quoted_list, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::model::AccessLevel;
use crate::rules::too_many_admins::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let max = cx.config.option(RULE.name, "max_teams");
    for store in live_stores(model) {
        let s = model.store(store);
        let Some(access) = &s.access else { continue };
        let admins: Vec<String> =
            access.with(AccessLevel::Admin).map(|t| model.team(t).id.clone()).collect();
        if (admins.len() as f64) <= max || !holds_personal(model, store) {
            continue;
        }
        // The first administering team the file names.
        let admin_spans = access.teams.iter().filter(|t| t.1 == AccessLevel::Admin).map(|t| t.2);
        let span = admin_spans.min_by_key(|t| t.start).unwrap_or(s.span);
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "store '{}' holds personal data and {} teams administer it: {} (at most {max})", "l'outil '{}' contient des données personnelles et {} équipes l'administrent : {} (au plus {max})",
                    s.id,
                    admins.len(),
                    quoted_list(&admins, 8)
                ),
            )
            .entity(store_entity(model, store))
            .at(span, t!("admin access", "accès admin"))
            .help(
                t!("keep 'admin' with the team that runs the store; give the others 'write' or 'read'", "laissez 'admin' à l'équipe qui opère l'outil ; donnez aux autres 'write' ou 'read'"),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(access: &str) -> String {
        format!(
            "teams: [{{id: a}}, {{id: b}}, {{id: c}}]\nstores:\n  - id: crm\n    access: {access}\n    fields: [{{id: email, category: user.contact.email}}]\n"
        )
    }

    /// Three administering teams is one too many; two is not.
    #[test]
    fn few_teams_administer() {
        let bad = findings_of(&map("{admin: [a, b, c]}"), "too-many-admins");
        assert_eq!(bad, vec![(Level::Warn, "crm".to_owned())]);
        assert!(findings_of(&map("{admin: [a, b], read: [c]}"), "too-many-admins").is_empty());
    }
}

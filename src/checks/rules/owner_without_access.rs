//! `owner-without-access`: an active purpose whose owner team has no access to a store whose
//! data the purpose uses, according to the store's `access:`.

use crate::checks::Context;
use crate::checks::facts::{purpose_entity, quoted_list};
use crate::diag::Finding;
use crate::diag::t;
use crate::model::StoreId;
use crate::rules::owner_without_access::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for p in model.purpose_ids() {
        let purpose = model.purpose(p);
        let Some(owner) = purpose.owner else { continue };
        if !purpose.is_active() {
            continue;
        }
        let mut stores: Vec<StoreId> = purpose.uses.iter().map(|f| model.field(*f).store).collect();
        stores.sort_unstable();
        stores.dedup();
        let denied: Vec<String> = stores
            .into_iter()
            .filter(|s| model.store(*s).access.as_ref().is_some_and(|a| a.level(owner).is_none()))
            .map(|s| model.store(s).id.clone())
            .collect();
        if denied.is_empty() {
            continue;
        }
        let team = &model.team(owner).id;
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "purpose '{}' is owned by team '{team}', which has no access to {} whose data it uses", "la finalité '{}' a pour responsable l'équipe '{team}', qui n'a pas accès à {} dont elle utilise les données",
                    purpose.id,
                    quoted_list(&denied, 8)
                ),
            )
            .entity(purpose_entity(purpose))
            .at(purpose.span, "")
            .help(t!("add '{team}' to 'access:' of those stores (read or write), or correct the purpose's 'owner'", "ajoutez '{team}' à 'access:' de ces outils (read ou write), ou corrigez le 'owner' de la finalité")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(access: &str) -> String {
        format!(
            "teams: [{{id: marketing}}, {{id: it}}]\nstores:\n  - id: emailing\n{access}    fields: [{{id: email, category: user.contact.email}}]\npurposes:\n  - {{id: newsletter, owner: marketing, uses: [emailing.email]}}\n"
        )
    }

    /// An owner absent from the access list is reported; present at any level, or with no
    /// access list at all (not stated), it is not.
    #[test]
    fn the_owner_reads_what_the_purpose_uses() {
        let bad = findings_of(&map("    access: {admin: [it]}\n"), "owner-without-access");
        assert_eq!(bad, vec![(Level::Warn, "newsletter".to_owned())]);
        let good = map("    access: {read: [marketing], admin: [it]}\n");
        assert!(findings_of(&good, "owner-without-access").is_empty());
        assert!(findings_of(&map(""), "owner-without-access").is_empty());
    }
}

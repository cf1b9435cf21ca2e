//! `missing-identifier`: a store holding personal data with no identifier field.

use crate::checks::Context;
use crate::checks::facts::{keeps_personal, live_stores, quoted_list, store_entity};
use crate::checks::people::{StoreSubjects, has_identifier, identifiers};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::missing_identifier::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    // Inherited identifiers and people cost a walk of the lineage: only made for a store
    // that declares no identifier itself.
    let mut ids = None;
    let mut subjects = None;
    for store in live_stores(model) {
        if !keeps_personal(model, store)
            || model.fields_of(store).any(|f| model.field(f).identifier)
        {
            continue;
        }
        let ids = ids.get_or_insert_with(|| identifiers(model, cx.graph));
        if has_identifier(model, ids, store) {
            continue;
        }
        let s = model.store(store);
        let subjects = subjects.get_or_insert_with(|| StoreSubjects::compute(model, cx.graph));
        let people = StoreSubjects::names(model, subjects.of(store));
        let whom = if people.is_empty() {
            t!("a person", "une personne")
        } else {
            t!("each person ({})", "chaque personne ({})", quoted_list(&people, 4))
        };
        out.push(
            Finding::new(RULE.name, t!("store '{}' holds personal data but no identifier field", "l'outil '{}' contient des données personnelles mais aucun champ identifiant", s.id))
                .entity(store_entity(model, store))
                .at(s.span, "")
                .help(t!("mark the field that identifies {whom} with 'identifier: true', or bring their identifier by a flow", "marquez le champ qui identifie {whom} avec 'identifier: true', ou apportez leur identifiant par un flux")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    const MAP: &str = "stores:
  - id: crm
    fields: [{id: customer_id, category: user.unique_id, identifier: true}]
  - id: shop
    fields: [{id: account, category: user.unique_id}, {id: email, category: user.contact.email}]
  - id: sheet
    fields: [{id: email, category: user.contact.email}]
flows:
  - {from: crm, to: shop, fields: [{customer_id: account}]}
purposes:
  - {id: sales, subjects: [customer], uses: [crm.customer_id, shop.account, shop.email, sheet.email]}
";

    /// A declared field fed from an identifier inherits the flag: its store is not
    /// reported; a store with no identifier at all is.
    #[test]
    fn a_field_fed_from_an_identifier_identifies() {
        assert_eq!(findings_of(MAP, "missing-identifier"), vec![(Level::Warn, "sheet".to_owned())]);
    }
}

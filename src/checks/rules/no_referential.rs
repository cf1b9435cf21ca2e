//! `no-referential`: several stores identify customers and none is the master.

use crate::checks::Context;
use crate::checks::facts::{keeps_personal, live_stores, quoted_list};
use crate::checks::people::{StoreSubjects, has_identifier, identifiers};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::no_referential::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    if model.stores.iter().any(|s| s.referential) {
        return;
    }
    let ids = identifiers(model, cx.graph);
    let identifying: Vec<_> = live_stores(model)
        .filter(|s| keeps_personal(model, *s) && has_identifier(model, &ids, *s))
        .collect();
    if identifying.len() < 2 {
        return;
    }
    // Keep the stores that may hold the same people as another one: a master reconciles
    // records of one kind of people, not the staff with the customers.
    let subjects = StoreSubjects::compute(model, cx.graph);
    let mut counts = vec![0usize; model.subjects.len()];
    let mut unknown = 0;
    for s in &identifying {
        let names = StoreSubjects::names(model, subjects.of(*s));
        if names.is_empty() {
            unknown += 1;
        }
        for (i, subject) in model.subjects.iter().enumerate() {
            if names.contains(&subject.id) {
                counts[i] += 1;
            }
        }
    }
    let shared: Vec<String> = model
        .subjects
        .iter()
        .zip(&counts)
        .filter(|(_, n)| **n >= 2)
        .map(|(s, _)| s.id.clone())
        .collect();
    let reconcilable: Vec<_> = identifying
        .iter()
        .copied()
        .filter(|s| {
            // A store of unknown people may share them with any other, and any other with
            // it: nothing says its people are others.
            let names = StoreSubjects::names(model, subjects.of(*s));
            unknown >= 1 || names.iter().any(|n| shared.contains(n))
        })
        .collect();
    if reconcilable.len() < 2 {
        return;
    }
    let names: Vec<String> = reconcilable.iter().map(|s| model.store(*s).id.clone()).collect();
    let people = if shared.is_empty() {
        t!("people", "des personnes")
    } else {
        t!("the same people ({})", "les mêmes personnes ({})", quoted_list(&shared, 4))
    };
    let mut finding = Finding::new(
        RULE.name,
        t!(
            "{} stores identify {people}: {}, and none is marked as their master",
            "{} outils identifient {people} : {}, et aucun n'est marqué comme leur référentiel",
            names.len(),
            quoted_list(&names, 4)
        ),
    )
    .key("map")
    .help(t!(
        "mark the customer master with 'referential: true'",
        "marquez le référentiel client avec 'referential: true'"
    ));
    // The first store carries the finding, so that it has a place in a file.
    for (i, s) in reconcilable.iter().take(5).enumerate() {
        let span = model.store(*s).span;
        finding = if i == 0 {
            finding.at(span, t!("identifies people", "identifie des personnes"))
        } else {
            finding.related(span, t!("identifies people", "identifie des personnes"))
        };
    }
    out.push(finding);
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;

    fn map(shop_subjects: &str) -> String {
        format!(
            "stores:
  - id: crm
    fields: [{{id: customer_id, category: user.unique_id, identifier: true}}]
  - id: hr
    fields: [{{id: employee_id, category: user.unique_id, identifier: true}}]
  - id: shop
    fields: [{{id: account, category: user.unique_id}}]
flows:
  - {{from: crm, to: shop, fields: [{{customer_id: account}}]}}
purposes:
  - {{id: sales, subjects: [customer], uses: [crm.customer_id]}}
  - {{id: payroll, subjects: [employee], uses: [hr.employee_id]}}
  - {{id: shop, subjects: [{shop_subjects}], uses: [shop.account]}}
"
        )
    }

    /// Stores of different people (customers, staff) need no common master; two stores of
    /// customers do, and an identifier fed from an identifier counts as one.
    #[test]
    fn only_stores_of_the_same_people_need_a_master() {
        // The shop's account is fed from the CRM's customer id: an identifier too.
        assert_eq!(findings_of(&map("customer"), "no-referential").len(), 1);
        let without_shop = "stores:
  - id: crm
    fields: [{id: customer_id, category: user.unique_id, identifier: true}]
  - id: hr
    fields: [{id: employee_id, category: user.unique_id, identifier: true}]
purposes:
  - {id: sales, subjects: [customer], uses: [crm.customer_id]}
  - {id: payroll, subjects: [employee], uses: [hr.employee_id]}
";
        assert!(findings_of(without_shop, "no-referential").is_empty());
    }
}

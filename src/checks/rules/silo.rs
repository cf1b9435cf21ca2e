//! `silo`: a store holding personal data that no path links to the customer master.

use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::NodeIndex;

use crate::checks::Context;
use crate::checks::facts::{keeps_personal, live_stores, quoted_list, store_entity};
use crate::checks::people::StoreSubjects;
use crate::diag::t;
use crate::diag::{Finding, Text};
use crate::rules::silo::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let referentials: Vec<_> = model.store_ids().filter(|s| model.store(*s).referential).collect();
    if referentials.is_empty() {
        return;
    }
    // Linked: a directed path to a referential (it feeds the master) or from one (the
    // master feeds it). Two walks over the store graph.
    let mut linked = vec![false; model.stores.len()];
    for direction in [Incoming, Outgoing] {
        let mut stack: Vec<NodeIndex> =
            referentials.iter().map(|r| crate::graph::node(r.index())).collect();
        let mut seen = vec![false; model.stores.len()];
        while let Some(n) = stack.pop() {
            for m in cx.graph.stores.neighbors_directed(n, direction) {
                if !seen[m.index()] {
                    seen[m.index()] = true;
                    linked[m.index()] = true;
                    stack.push(m);
                }
            }
        }
    }
    let linked = |s: usize| linked[s];
    let mut subjects = None;
    for store in live_stores(model) {
        if model.store(store).referential || linked(store.index()) || !keeps_personal(model, store)
        {
            continue;
        }
        // Only the master's people can be missing from it: a store whose people the map
        // knows to be others (the staff, beside a customer master) is no silo of it.
        let subjects = subjects.get_or_insert_with(|| {
            let all = StoreSubjects::compute(model, cx.graph);
            let master = all.union(&referentials);
            (all, master)
        });
        let (all, master) = &*subjects;
        if !StoreSubjects::may_share(all.of(store), master) {
            continue;
        }
        let s = model.store(store);
        let masters: Vec<String> =
            referentials.iter().map(|r| model.store(*r).id.clone()).collect();
        let shared: Vec<u64> = all.of(store).iter().zip(master).map(|(a, b)| a & b).collect();
        let shared = StoreSubjects::names(model, &shared);
        let about = if shared.is_empty() {
            Text::default()
        } else {
            t!(" about {}", " au sujet de {}", quoted_list(&shared, 4))
        };
        let mut finding = Finding::new(
            RULE.name,
            t!("store '{}' holds personal data{about} that no flow links to the customer master {}", "l'outil '{}' contient des données personnelles{about} qu'aucun flux ne relie au référentiel client {}", s.id, quoted_list(&masters, 3)),
        )
        .entity(store_entity(model, store))
        .at(s.span, t!("not linked to the referential", "non relié au référentiel"))
        .help(t!("declare the flow that reconciles its customers with the master, or stop keeping the data", "déclarez le flux qui rapproche ses clients du référentiel, ou cessez de conserver les données"));
        for r in &referentials {
            finding = finding
                .related(model.store(*r).span, t!("the customer master", "le référentiel client"));
        }
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(payroll_subjects: &str) -> String {
        format!(
            "stores:
  - id: crm
    referential: true
    fields: [{{id: email, category: user.contact.email, identifier: true}}]
  - id: hr
    fields: [{{id: employee_id, category: user.unique_id, identifier: true}}]
  - id: signups
    fields: [{{id: email, category: user.contact.email, identifier: true}}]
purposes:
  - {{id: newsletter, subjects: [customer, prospect], uses: [crm.email]}}
  - {{id: payroll, subjects: [{payroll_subjects}], uses: [hr.employee_id]}}
"
        )
    }

    /// An HR store of employees is no silo of a customer master; a store of customers is,
    /// and so is a store whose people nothing states.
    #[test]
    fn a_store_of_other_people_is_no_silo_of_the_master() {
        let found = findings_of(&map("employee"), "silo");
        assert_eq!(found, vec![(Level::Warn, "signups".to_owned())]);
        let customers = findings_of(&map("employee, customer"), "silo");
        assert_eq!(
            customers,
            vec![(Level::Warn, "hr".to_owned()), (Level::Warn, "signups".to_owned())]
        );
    }
}

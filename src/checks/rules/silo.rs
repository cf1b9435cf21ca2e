//! `silo`: a store holding personal data that no path links to the customer master.

use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::NodeIndex;

use crate::checks::Context;
use crate::checks::facts::{keeps_personal, live_stores, quoted_list, store_entity};
use crate::checks::people::StoreSubjects;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "silo",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "when a store is `referential`: a store holding personal data, possibly of the master's people, that no path of the store graph links to it",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

When the map marks a customer master (`referential: true`), every store (not retired) that
holds personal data and that no path of the store graph links to a referential store: no
chain of flows leads from it to the master, and none leads from the master to it. A store
that feeds the master, or is fed by it, directly or through other stores, is linked. Two
stores that merely send to the same recipient are not linked: nothing of the master reaches
the other. Synchronisations (`direction: both`) count both ways.

Only a store that may hold the master's people is reported. The people of a store are the
`subjects` of the active purposes whose data it holds: purposes that use its fields, or
fields its data flows to, or fields its data comes from. A store whose people the map knows
and shares none with the master (an HR store of `employee`s beside a customer master of
`customer`s and `prospect`s) is not a silo of it. A store no purpose reaches is reported:
nothing says its people are others.

## Why it matters

Customer data outside the master's reach is a silo: its customers are not reconciled with the
golden record, their consents and erasures are not propagated, and the single customer view
misses them.

## Example

```yaml
stores:
  - {id: crm, referential: true, fields: [...]}
  - {id: event-signups, kind: spreadsheet, fields: [{id: email, category: user.contact.email}]}
# …and no flow connects event-signups to crm, even through other stores.
```

## Fix

Declare the flow that brings the store's customers into the master (or that feeds it from
the master), or stop keeping the data.

## Configuration

None. Without a referential store the rule reports nothing (see `no-referential`).
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
            String::new()
        } else {
            format!(" about {}", quoted_list(&shared, 4))
        };
        let mut finding = Finding::new(
            RULE.name,
            format!("store '{}' holds personal data{about} that no flow links to the customer master {}", s.id, quoted_list(&masters, 3)),
        )
        .entity(store_entity(model, store))
        .at(s.span, "not linked to the referential")
        .help("declare the flow that reconciles its customers with the master, or stop keeping the data");
        for r in &referentials {
            finding = finding.related(model.store(*r).span, "the customer master");
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

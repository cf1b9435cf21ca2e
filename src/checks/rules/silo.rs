//! `silo`: a store holding personal data that no path links to the customer master.

use petgraph::Direction::{Incoming, Outgoing};
use petgraph::graph::NodeIndex;

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, store_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "silo",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "when a store is `referential`: a store holding personal data that no path of the store graph links to it",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

When the map marks a customer master (`referential: true`), every store (not retired) that
holds personal data and that no path of the store graph links to a referential store: no
chain of flows leads from it to the master, and none leads from the master to it. A store
that feeds the master, or is fed by it, directly or through other stores, is linked. Two
stores that merely send to the same recipient are not linked: nothing of the master reaches
the other. Synchronisations (`direction: both`) count both ways.

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
    for store in live_stores(model) {
        if model.store(store).referential || linked(store.index()) || !holds_personal(model, store)
        {
            continue;
        }
        let s = model.store(store);
        let masters: Vec<String> =
            referentials.iter().map(|r| model.store(*r).id.clone()).collect();
        let mut finding = Finding::new(
            RULE.name,
            format!("store '{}' holds personal data that no flow links to the customer master {}", s.id, crate::checks::facts::quoted_list(&masters, 3)),
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

//! `orphan-store`: a store no flow touches and whose fields no purpose uses.

use crate::checks::Context;
use crate::checks::facts::{live_stores, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::orphan_store::RULE;
use petgraph::Direction::{Incoming, Outgoing};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    for store in live_stores(model) {
        let node = crate::graph::node(store.index());
        let touched = graph.stores.neighbors_directed(node, Incoming).next().is_some()
            || graph.stores.neighbors_directed(node, Outgoing).next().is_some();
        let used = model.fields_of(store).any(|f| graph.is_used(f));
        if touched || used {
            continue;
        }
        let s = model.store(store);
        out.push(
            Finding::new(RULE.name, t!("store '{}' is an isolated silo: no flow touches it and no purpose uses its fields", "l'outil '{}' est un silo isolé : aucun flux ne le touche et aucune finalité n'utilise ses champs", s.id))
                .entity(store_entity(model, store))
                .at(s.span, t!("no flow in or out, no use", "aucun flux entrant ni sortant, aucun usage"))
                .help(t!("declare the flows that feed or read it, use its fields in a purpose, or retire it", "déclarez les flux qui l'alimentent ou le lisent, utilisez ses champs dans une finalité, ou retirez-le")),
        );
    }
}

//! `orphan-store`: a store no flow touches and whose fields no purpose uses.

use crate::checks::Context;
use crate::checks::facts::{live_stores, store_entity};
use crate::diag::Finding;
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
            Finding::new(RULE.name, format!("store '{}' is an isolated silo: no flow touches it and no purpose uses its fields", s.id))
                .entity(store_entity(model, store))
                .at(s.span, "no flow in or out, no use")
                .help("declare the flows that feed or read it, use its fields in a purpose, or retire it"),
        );
    }
}

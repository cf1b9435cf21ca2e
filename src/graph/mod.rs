//! The lineage graph of rules.md, built once from `&Model`: the field graph (an edge per
//! carried field, both ways for `direction: both`) and the store graph (an edge per flow),
//! with *used*, *useful* and the strongly connected components precomputed. Every query
//! returns sorted results and costs at most one pass over what it visits.

mod origins;
mod paths;
mod seen;

use petgraph::Direction::{Incoming, Outgoing};
use petgraph::algo::TarjanScc;
use petgraph::graph::{DiGraph, NodeIndex};

pub use self::origins::{Capped, GroupRows, OriginStores};
pub use self::paths::{Hop, Reached};
pub use self::seen::Seen;
use crate::manifest::enums::Direction;
use crate::model::{FieldId, FlowId, Model, PurposeId, Recipient, StoreId};

/// An edge of the field graph: the flow that carries the data, and whether it is the
/// reverse direction of a `direction: both` synchronisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FieldEdge {
    pub flow: FlowId,
    pub reverse: bool,
}

/// An edge of the store graph.
pub type StoreEdge = FieldEdge;

#[derive(Debug)]
pub struct LineageGraph {
    /// Node `i` is `FieldId(i)`.
    pub fields: DiGraph<FieldId, FieldEdge>,
    /// Node `i` is `StoreId(i)`.
    pub stores: DiGraph<StoreId, StoreEdge>,
    used: Vec<bool>,
    /// Delivered to an outside recipient that an active purpose names (see `is_disclosed`).
    disclosed: Vec<bool>,
    useful: Vec<bool>,
    /// The strongly connected component of each field.
    component: Vec<u32>,
    /// Whether a component has no edge coming in from another one.
    source_component: Vec<bool>,
    /// Purposes using each field (CSR: `users[user_start[f]..user_start[f + 1]]`).
    user_start: Vec<u32>,
    users: Vec<PurposeId>,
}

pub fn node(index: usize) -> NodeIndex {
    NodeIndex::new(index)
}

impl LineageGraph {
    pub fn build(model: &Model) -> LineageGraph {
        let edge_count: usize = model.flows.iter().map(|f| f.fields.len()).sum();
        let mut fields = DiGraph::with_capacity(model.fields.len(), edge_count);
        for id in model.field_ids() {
            fields.add_node(id);
        }
        let mut stores = DiGraph::with_capacity(model.stores.len(), model.flows.len());
        for id in model.store_ids() {
            stores.add_node(id);
        }
        for id in model.flow_ids() {
            let flow = model.flow(id);
            let both = flow.direction == Direction::Both;
            let (from, to) = (node(flow.from.index()), node(flow.to.index()));
            stores.add_edge(from, to, FieldEdge { flow: id, reverse: false });
            if both {
                stores.add_edge(to, from, FieldEdge { flow: id, reverse: true });
            }
            for carried in &flow.fields {
                let (s, t) = (node(carried.source.index()), node(carried.target.index()));
                fields.add_edge(s, t, FieldEdge { flow: id, reverse: false });
                if both {
                    fields.add_edge(t, s, FieldEdge { flow: id, reverse: true });
                }
            }
        }

        let (user_start, users) = purposes_by_field(model);
        let used: Vec<bool> =
            (0..model.fields.len()).map(|f| user_start[f] < user_start[f + 1]).collect();
        let disclosed = disclosed_fields(model);
        let roots: Vec<bool> = used.iter().zip(&disclosed).map(|(u, d)| *u || *d).collect();
        let useful = reverse_reach(&fields, &roots);
        let (component, source_component) = components(&fields);
        LineageGraph {
            fields,
            stores,
            used,
            disclosed,
            useful,
            component,
            source_component,
            user_start,
            users,
        }
    }

    /// Used: an active purpose lists the field in `uses` (`store.*` counts).
    pub fn is_used(&self, field: FieldId) -> bool {
        self.used[field.index()]
    }

    /// Disclosed: a flow delivers it to an `external` store (an outside controller or
    /// recipient) that an active purpose names in `recipients`. Sending it there is that
    /// purpose's processing; what the recipient then does with it is the recipient's.
    pub fn is_disclosed(&self, field: FieldId) -> bool {
        self.disclosed[field.index()]
    }

    /// Useful: used, disclosed, or a useful field is reachable from it.
    pub fn is_useful(&self, field: FieldId) -> bool {
        self.useful[field.index()]
    }

    /// Useful flow: at least one field it carries lands on a useful field (for a
    /// synchronisation, in either direction).
    pub fn is_flow_useful(&self, model: &Model, flow: FlowId) -> bool {
        let f = model.flow(flow);
        let both = f.direction == Direction::Both;
        f.fields.iter().any(|c| self.is_useful(c.target) || (both && self.is_useful(c.source)))
    }

    /// The flows that leave or reach a store, sorted, each once: from its edges in the store
    /// graph, not a pass over every flow of the map.
    pub fn flows_touching(&self, store: StoreId) -> Vec<FlowId> {
        let n = node(store.index());
        let mut flows: Vec<FlowId> = self
            .stores
            .edges_directed(n, Outgoing)
            .chain(self.stores.edges_directed(n, Incoming))
            .map(|e| e.weight().flow)
            .collect();
        flows.sort_unstable();
        flows.dedup();
        flows
    }

    /// The active purposes that use the field directly, sorted.
    pub fn purposes_using(&self, field: FieldId) -> &[PurposeId] {
        let i = field.index();
        &self.users[self.user_start[i] as usize..self.user_start[i + 1] as usize]
    }

    /// The origins of a field: the fields upstream of it (itself included) that no flow
    /// feeds. Inside a synchronisation or a loop, every field of a group that nothing
    /// outside the group feeds is an origin. Sorted.
    pub fn origins(&self, field: FieldId) -> Vec<FieldId> {
        self.origins_of(&[field])
    }

    /// Whether a field is an origin: nothing outside its group (itself, or the loop or
    /// synchronisation it belongs to) feeds it. Constant time: `origins` of many fields at
    /// once is one walk upstream filtered by this.
    pub fn is_origin(&self, field: FieldId) -> bool {
        self.source_component[self.component[field.index()] as usize]
    }

    /// The origins of several fields at once (the union of their `origins`), in one walk
    /// upstream that costs what it visits. Sorted.
    pub fn origins_of(&self, fields: &[FieldId]) -> Vec<FieldId> {
        let mut origins = self.upstream_of(fields);
        origins.retain(|f| self.is_origin(*f));
        origins
    }

    /// Walks upstream of `fields` (themselves included) and stops as soon as `stop` says so
    /// for a field reached: whether it did. For questions that need not the whole cone.
    pub fn upstream_until(
        &self,
        fields: &[FieldId],
        mut stop: impl FnMut(FieldId) -> bool,
    ) -> bool {
        paths::with_seen(self.fields.node_count(), |seen| {
            let mut stack: Vec<NodeIndex> =
                fields.iter().filter(|f| seen.insert(f.index())).map(|f| node(f.index())).collect();
            while let Some(n) = stack.pop() {
                if stop(FieldId::new(n.index())) {
                    return true;
                }
                for m in self.fields.neighbors_directed(n, Incoming) {
                    if seen.insert(m.index()) {
                        stack.push(m);
                    }
                }
            }
            false
        })
    }

    /// The fields themselves and every field upstream of any of them, in one walk that
    /// costs what it visits (the union of their `upstream`, without distances). Sorted.
    pub fn upstream_of(&self, fields: &[FieldId]) -> Vec<FieldId> {
        let mut reached = Vec::new();
        self.upstream_until(fields, |f| {
            reached.push(f);
            false
        });
        reached.sort_unstable();
        reached
    }

    /// Fields the data of `field` comes from, with their distance; `depth` bounds it.
    pub fn upstream(&self, field: FieldId, depth: Option<usize>) -> Vec<Reached> {
        let mut reached = paths::reach(&self.fields, field, Incoming, depth);
        reached.retain(|r| r.field != field);
        reached
    }

    /// Fields the data of `field` goes to, with their distance; `depth` bounds it.
    pub fn downstream(&self, field: FieldId, depth: Option<usize>) -> Vec<Reached> {
        let mut reached = paths::reach(&self.fields, field, Outgoing, depth);
        reached.retain(|r| r.field != field);
        reached
    }

    /// One shortest path of flows from `a` to `b`, hop by hop.
    pub fn path(&self, a: FieldId, b: FieldId) -> Option<Vec<Hop>> {
        paths::shortest(&self.fields, a, b)
    }

    /// Simple paths from `a` to `b`, shortest first, at most `limit` of them.
    pub fn paths(&self, a: FieldId, b: FieldId, limit: usize) -> Vec<Vec<Hop>> {
        paths::simple_paths(&self.fields, a, b, limit)
    }

    /// Whether two fields lie on one cycle of the field graph (one-way or synchronised).
    pub fn same_component(&self, a: FieldId, b: FieldId) -> bool {
        self.component_of(a) == self.component_of(b)
    }

    /// The group of a field (its strongly connected component): equal for two fields of one
    /// loop or synchronisation.
    pub fn component_of(&self, field: FieldId) -> u32 {
        self.component[field.index()]
    }

    /// For each field, whether it lies on a cycle of the field graph through any flows: its
    /// group holds other fields, or a flow carries it into itself. A cycle through some of
    /// the flows only (one-way ones) lies within these fields.
    pub fn on_cycles(&self) -> Vec<bool> {
        let mut size = vec![0u32; self.source_component.len()];
        for c in &self.component {
            size[*c as usize] += 1;
        }
        let mut on = self.component.iter().map(|c| size[*c as usize] > 1).collect::<Vec<_>>();
        for e in self.fields.raw_edges() {
            if e.source() == e.target() {
                on[e.source().index()] = true;
            }
        }
        on
    }
}

/// Active purposes per field, as compressed rows.
fn purposes_by_field(model: &Model) -> (Vec<u32>, Vec<PurposeId>) {
    let mut counts = vec![0u32; model.fields.len() + 1];
    let active = || model.purpose_ids().filter(|p| model.purpose(*p).is_active());
    for p in active() {
        for f in &model.purpose(p).uses {
            counts[f.index() + 1] += 1;
        }
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    let mut users = vec![PurposeId::new(0); counts[model.fields.len()] as usize];
    let mut next = counts.clone();
    // Purposes come in id order, so each row is sorted.
    for p in active() {
        for f in &model.purpose(p).uses {
            users[next[f.index()] as usize] = p;
            next[f.index()] += 1;
        }
    }
    (counts, users)
}

/// The fields flows deliver to an `external` store named in an active purpose's
/// `recipients`, or deliver for an active purpose the flow names in `purposes:`.
fn disclosed_fields(model: &Model) -> Vec<bool> {
    let mut named = vec![false; model.stores.len()];
    for purpose in model.purposes.iter().filter(|p| p.is_active()) {
        for r in &purpose.recipients {
            if let Recipient::Store(s) = r
                && model.store(*s).external
            {
                named[s.index()] = true;
            }
        }
    }
    let mut disclosed = vec![false; model.fields.len()];
    for flow in &model.flows {
        // A flow that names an active purpose (`purposes:`) delivers data that purpose uses,
        // wherever it lands: the register puts the flow on that purpose's journey.
        let serves = flow.purposes.iter().any(|p| model.purpose(*p).is_active());
        for c in &flow.fields {
            if serves || named[flow.to.index()] {
                disclosed[c.target.index()] = true;
            }
            if flow.direction == Direction::Both && (serves || named[flow.from.index()]) {
                disclosed[c.source.index()] = true;
            }
        }
    }
    disclosed
}

/// Every node from which a marked node is reachable (marked ones included).
fn reverse_reach(graph: &DiGraph<FieldId, FieldEdge>, marked: &[bool]) -> Vec<bool> {
    let mut seen = marked.to_vec();
    let mut stack: Vec<NodeIndex> = (0..marked.len()).filter(|&i| marked[i]).map(node).collect();
    while let Some(n) = stack.pop() {
        for m in graph.neighbors_directed(n, Incoming) {
            if !seen[m.index()] {
                seen[m.index()] = true;
                stack.push(m);
            }
        }
    }
    seen
}

/// Strongly connected components, and which of them nothing outside feeds.
fn components(graph: &DiGraph<FieldId, FieldEdge>) -> (Vec<u32>, Vec<bool>) {
    // Numbered in Tarjan's order without a vector per component: a map of 500,000 fields
    // has about as many components, nearly all of one field.
    let mut component = vec![0u32; graph.node_count()];
    let mut count = 0u32;
    TarjanScc::new().run(graph, |members: &[NodeIndex]| {
        for n in members {
            component[n.index()] = count;
        }
        count += 1;
    });
    let mut source = vec![true; count as usize];
    for e in graph.raw_edges() {
        let (a, b) = (component[e.source().index()], component[e.target().index()]);
        if a != b {
            source[b as usize] = false;
        }
    }
    (component, source)
}

#[cfg(test)]
mod tests;

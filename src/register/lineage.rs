//! The lineage walks behind the derived cells: where the used data goes (locations,
//! recipients, transfers) and where it enters the map (sources).
//!
//! Every purpose of a densely connected map may reach most of it, so the walks run on the
//! condensation of the field graph, made once per register: one node per strongly connected
//! group of fields (a loop or a synchronisation; a lone field otherwise), with the stores its
//! fields lie in, the flows leaving it for stores outside the EEA, and, for groups nothing
//! feeds, the stores and `collection` texts of their fields (the origins). A row walks the
//! groups reachable from its used fields, marking visits with per-row stamps in arrays
//! reused across rows: it costs what it visits, and a loop of a thousand fields is one step.

use petgraph::algo::tarjan_scc;

use crate::checks::facts::outside_eea;
use crate::graph::{LineageGraph, Seen};
use crate::model::{FieldId, FlowId, Model, StoreId};

/// What the data of a row's used fields reaches.
#[derive(Debug, Default)]
pub(super) struct Reach {
    /// Every store holding a used field or a copy of one, with whether it holds a used field
    /// itself; sorted.
    pub(super) stores: Vec<(StoreId, bool)>,
    /// Flows that carry the data into a store hosted outside the EEA, with that store:
    /// sorted, unique. (Only those stores can make a transfer.)
    pub(super) into_outside: Vec<(StoreId, FlowId)>,
    /// Flows leaving a used field for another store (one hop), with that store: the
    /// recipients. Sorted, unique.
    pub(super) direct: Vec<(StoreId, FlowId)>,
    /// Flows delivering a used field from another store, with the used field's store: the
    /// stores that receive used fields by a flow are recipients too. Sorted, unique.
    pub(super) into_used: Vec<(StoreId, FlowId)>,
}

/// Where the data of a row's used fields enters the map.
#[derive(Debug, Default)]
pub(super) struct Origins {
    /// The stores of the origin fields, sorted.
    pub(super) stores: Vec<StoreId>,
    /// (store, field) of the origin fields that have a `collection` text, sorted.
    pub(super) collected: Vec<(StoreId, FieldId)>,
}

/// Pairs in compressed rows: row `i` is `items[start[i]..start[i + 1]]`, sorted, unique.
struct Csr {
    start: Vec<u32>,
    items: Vec<(u32, u32)>,
}

impl Csr {
    fn build(n: usize, pairs: impl Iterator<Item = (usize, (u32, u32))> + Clone) -> Csr {
        let mut start = vec![0u32; n + 1];
        for (row, _) in pairs.clone() {
            start[row + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut items = vec![(0u32, 0u32); start[n] as usize];
        for (row, item) in pairs {
            items[next[row] as usize] = item;
            next[row] += 1;
        }
        // Sort and deduplicate each row in place, compacting the array.
        let mut write = 0usize;
        let mut new_start = vec![0u32; n + 1];
        for i in 0..n {
            let (a, b) = (start[i] as usize, start[i + 1] as usize);
            items[a..b].sort_unstable();
            let row_start = write;
            for k in a..b {
                if write == row_start || items[write - 1] != items[k] {
                    items[write] = items[k];
                    write += 1;
                }
            }
            new_start[i + 1] = write as u32;
        }
        items.truncate(write);
        Csr { start: new_start, items }
    }

    fn row(&self, i: u32) -> &[(u32, u32)] {
        &self.items[self.start[i as usize] as usize..self.start[i as usize + 1] as usize]
    }
}

/// The condensation of the field graph: built once per register, shared by the walkers.
pub(super) struct Condensation {
    store_of: Vec<u32>,
    /// The group of each field.
    group_of: Vec<u32>,
    /// Each group's successor and predecessor groups: `(group, 0)`.
    succ: Csr,
    pred: Csr,
    /// Each group's stores: `(store, 0)`.
    stores: Csr,
    /// Each group's flows into stores outside the EEA: `(store, flow)`.
    outside: Csr,
    /// For groups nothing feeds: `(store, field with a collection text or u32::MAX)`.
    origins: Csr,
    /// Field-level edges of used fields, for the one-hop recipients: `(other field, flow)`.
    out: Csr,
    into: Csr,
    group_count: usize,
    store_count: usize,
}

/// The reusable state of the walks, one per worker: visit marks over a shared condensation.
pub(super) struct Walker<'c> {
    c: &'c Condensation,
    groups: Seen,
    /// Stores met by the last walk (`downstream`).
    stores: Seen,
}

const NONE: u32 = u32::MAX;

impl Condensation {
    pub(super) fn new(model: &Model, graph: &LineageGraph) -> Condensation {
        let n = model.fields.len();
        let store_of: Vec<u32> = model.fields.iter().map(|f| f.store.index() as u32).collect();
        let outside_store: Vec<bool> =
            model.store_ids().map(|s| !outside_eea(model, s).is_empty()).collect();
        let groups = tarjan_scc(&graph.fields);
        let mut group_of = vec![0u32; n];
        for (g, members) in groups.iter().enumerate() {
            for m in members {
                group_of[m.index()] = g as u32;
            }
        }
        let g_count = groups.len();
        let edges = graph.fields.raw_edges();
        let ends = |e: &petgraph::graph::Edge<_>| (e.source().index(), e.target().index());
        let cross = edges.iter().filter_map(|e| {
            let (s, t) = ends(e);
            (group_of[s] != group_of[t]).then_some((group_of[s], group_of[t]))
        });
        let succ = Csr::build(g_count, cross.clone().map(|(a, b)| (a as usize, (b, 0))));
        let pred = Csr::build(g_count, cross.map(|(a, b)| (b as usize, (a, 0))));
        let stores = Csr::build(g_count, (0..n).map(|f| (group_of[f] as usize, (store_of[f], 0))));
        let outside = Csr::build(
            g_count,
            edges.iter().filter_map(|e| {
                let (s, t) = ends(e);
                let to = store_of[t];
                (store_of[s] != to && outside_store[to as usize])
                    .then(|| (group_of[s] as usize, (to, e.weight.flow.index() as u32)))
            }),
        );
        let source: Vec<bool> = (0..g_count).map(|g| pred.row(g as u32).is_empty()).collect();
        let origins = Csr::build(
            g_count,
            (0..n).filter(|&f| source[group_of[f] as usize]).map(|f| {
                let collected =
                    model.fields[f].collection.as_ref().is_some_and(|c| !c.trim().is_empty());
                (group_of[f] as usize, (store_of[f], if collected { f as u32 } else { NONE }))
            }),
        );
        let flow =
            |e: &petgraph::graph::Edge<crate::graph::FieldEdge>| e.weight.flow.index() as u32;
        let out = Csr::build(n, edges.iter().map(|e| (ends(e).0, (ends(e).1 as u32, flow(e)))));
        let into = Csr::build(n, edges.iter().map(|e| (ends(e).1, (ends(e).0 as u32, flow(e)))));
        Condensation {
            store_of,
            group_of,
            succ,
            pred,
            stores,
            outside,
            origins,
            out,
            into,
            group_count: g_count,
            store_count: model.stores.len(),
        }
    }

    /// Whether a field is an origin (its group has no predecessor).
    pub(super) fn is_origin(&self, f: FieldId) -> bool {
        self.pred.row(self.group_of[f.index()]).is_empty()
    }
}

impl<'c> Walker<'c> {
    pub(super) fn new(c: &'c Condensation) -> Walker<'c> {
        Walker { c, groups: Seen::new(c.group_count), stores: Seen::new(c.store_count) }
    }

    /// The groups reachable from the groups of `used` through `next` (themselves included).
    fn walk(&mut self, used: &[FieldId], upstream: bool) -> Vec<u32> {
        self.groups.clear();
        self.stores.clear();
        let mut stack: Vec<u32> = Vec::new();
        for f in used {
            let g = self.c.group_of[f.index()];
            if self.groups.insert(g as usize) {
                stack.push(g);
            }
        }
        let mut visited = Vec::new();
        while let Some(g) = stack.pop() {
            visited.push(g);
            let next = if upstream { &self.c.pred } else { &self.c.succ };
            for &(h, _) in next.row(g) {
                if self.groups.insert(h as usize) {
                    stack.push(h);
                }
            }
        }
        visited
    }

    /// Where the data of `used` (sorted) goes.
    pub(super) fn downstream(&mut self, used: &[FieldId]) -> Reach {
        let visited = self.walk(used, false);
        let mut reach = Reach::default();
        let mut stores: Vec<(StoreId, bool)> = Vec::new();
        for f in used {
            let s = self.c.store_of[f.index()];
            if self.stores.insert(s as usize) {
                stores.push((StoreId::new(s as usize), true));
            }
            let f = f.index() as u32;
            for &(from, flow) in self.c.into.row(f) {
                if self.c.store_of[from as usize] != s {
                    reach.into_used.push((StoreId::new(s as usize), FlowId::new(flow as usize)));
                }
            }
            for &(to, flow) in self.c.out.row(f) {
                let to = self.c.store_of[to as usize];
                if to != s {
                    reach.direct.push((StoreId::new(to as usize), FlowId::new(flow as usize)));
                }
            }
        }
        for g in visited {
            for &(s, _) in self.c.stores.row(g) {
                if self.stores.insert(s as usize) {
                    stores.push((StoreId::new(s as usize), false));
                }
            }
            reach.into_outside.extend(
                self.c
                    .outside
                    .row(g)
                    .iter()
                    .map(|&(s, flow)| (StoreId::new(s as usize), FlowId::new(flow as usize))),
            );
        }
        stores.sort_unstable();
        reach.stores = stores;
        for list in [&mut reach.into_outside, &mut reach.direct, &mut reach.into_used] {
            list.sort_unstable();
            list.dedup();
        }
        reach
    }

    /// Where the data of `used` enters the map: the stores and collected fields of the
    /// union of their `LineageGraph::origins`.
    pub(super) fn origins(&mut self, used: &[FieldId]) -> Origins {
        let visited = self.walk(used, true);
        let mut out = Origins::default();
        for g in visited {
            for &(s, f) in self.c.origins.row(g) {
                out.stores.push(StoreId::new(s as usize));
                if f != NONE {
                    out.collected.push((StoreId::new(s as usize), FieldId::new(f as usize)));
                }
            }
        }
        out.stores.sort_unstable();
        out.stores.dedup();
        out.collected.sort_unstable();
        out
    }

    pub(super) fn condensation(&self) -> &'c Condensation {
        self.c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows come back sorted and without repeats, whatever the input order.
    #[test]
    fn csr_rows() {
        let pairs = [(1usize, (3u32, 7u32)), (0, (2, 1)), (1, (0, 9)), (1, (3, 7)), (1, (2, 4))];
        let csr = Csr::build(4, pairs.iter().copied());
        assert_eq!(csr.row(0), &[(2, 1)]);
        assert_eq!(csr.row(1), &[(0, 9), (2, 4), (3, 7)]);
        assert!(csr.row(2).is_empty() && csr.row(3).is_empty());
    }
}

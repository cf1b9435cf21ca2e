//! The lineage walks behind the derived cells: a row's *journey* (docs/register.md, "A
//! processing activity is the journey of its own data") — the stores and flows by which the
//! used fields' data arrives where the purpose uses it — and where that data enters the map.
//!
//! Every purpose of a densely connected map may reach most of it, so the walk runs on the
//! condensation of the field graph, made once per register: one node per strongly connected
//! group of fields (a loop or a synchronisation; a lone field otherwise), with the stores its
//! fields lie in, the flows coming into it from another store, and, for groups nothing
//! feeds, the stores and `collection` texts of their fields (the origins). A row walks the
//! groups upstream of its used fields, marking visits with per-row stamps in arrays reused
//! across rows: it costs what it visits, and a loop of a thousand fields is one step. Every
//! edge into a visited group comes from a visited group, so the flows into visited groups
//! are exactly the journey's flows; flows leaving it (onward copies) are never looked at.

use petgraph::algo::tarjan_scc;

use crate::graph::{LineageGraph, Seen};
use crate::model::{FieldId, FlowId, Model, StoreId};

/// The journey of a row's used fields.
#[derive(Debug, Default)]
pub(super) struct Journey {
    /// Every store of the journey, with whether it holds a used field itself; sorted.
    pub(super) stores: Vec<(StoreId, bool)>,
    /// The flows that bring the data into a store of the journey from another store, with
    /// that store (the flows named in the row's `purposes:` too): sorted, unique.
    pub(super) into: Vec<(StoreId, FlowId)>,
    /// Where the data enters the map.
    pub(super) origins: Origins,
    /// The stores the data is collected in directly: they hold a field of the journey that
    /// no flow feeds at all. Sorted, unique.
    pub(super) direct: Vec<StoreId>,
}

impl Journey {
    /// The flows bringing the data into `store`.
    pub(super) fn flows_into(&self, store: StoreId) -> impl Iterator<Item = FlowId> + '_ {
        let start = self.into.partition_point(|(t, _)| *t < store);
        let end = self.into.partition_point(|(t, _)| *t <= store);
        self.into[start..end].iter().map(|(_, f)| *f)
    }
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
    /// Each group's predecessor groups: `(group, 0)`.
    pred: Csr,
    /// Each group's stores: `(store, 0)`.
    stores: Csr,
    /// Each group's flows coming from another store: `(store of the destination, flow)`.
    into: Csr,
    /// For groups nothing feeds: `(store, field with a collection text or u32::MAX)`.
    origins: Csr,
    /// Whether a group is one field no edge reaches (the data is collected there).
    root: Vec<bool>,
    group_count: usize,
    store_count: usize,
}

/// The reusable state of the walks, one per worker: visit marks over a shared condensation.
pub(super) struct Walker<'c> {
    c: &'c Condensation,
    groups: Seen,
    /// Stores met by the last walk.
    stores: Seen,
}

const NONE: u32 = u32::MAX;

impl Condensation {
    pub(super) fn new(model: &Model, graph: &LineageGraph) -> Condensation {
        let n = model.fields.len();
        let store_of: Vec<u32> = model.fields.iter().map(|f| f.store.index() as u32).collect();
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
        let pred = Csr::build(g_count, cross.map(|(a, b)| (b as usize, (a, 0))));
        let stores = Csr::build(g_count, (0..n).map(|f| (group_of[f] as usize, (store_of[f], 0))));
        // Keyed by the destination's group: the flows a walk upstream meets are those into
        // the groups it visits.
        let into = Csr::build(
            g_count,
            edges.iter().filter_map(|e| {
                let (s, t) = ends(e);
                let to = store_of[t];
                (store_of[s] != to)
                    .then(|| (group_of[t] as usize, (to, e.weight.flow.index() as u32)))
            }),
        );
        let source: Vec<bool> = (0..g_count).map(|g| pred.row(g as u32).is_empty()).collect();
        let origins = Csr::build(
            g_count,
            (0..n).filter(|&f| source[group_of[f] as usize]).map(|f| {
                let collected = model.fields[f].collection().is_some_and(|c| !c.trim().is_empty());
                (group_of[f] as usize, (store_of[f], if collected { f as u32 } else { NONE }))
            }),
        );
        let root: Vec<bool> = groups
            .iter()
            .map(|members| {
                let f = members[0];
                members.len() == 1
                    && graph
                        .fields
                        .neighbors_directed(f, petgraph::Direction::Incoming)
                        .next()
                        .is_none()
            })
            .collect();
        Condensation {
            store_of,
            group_of,
            pred,
            stores,
            into,
            origins,
            root,
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

    /// The groups upstream of the groups of `used` (themselves included).
    fn upstream(&mut self, used: &[FieldId]) -> Vec<u32> {
        self.groups.clear();
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
            for &(h, _) in self.c.pred.row(g) {
                if self.groups.insert(h as usize) {
                    stack.push(h);
                }
            }
        }
        visited
    }

    /// The journey of `used`, with `joined`: the flows that name the row's purpose in their
    /// `purposes:`, each with the store it brings into the journey (its destination; both
    /// ends for a synchronisation).
    pub(super) fn journey(&mut self, used: &[FieldId], joined: &[(FlowId, StoreId)]) -> Journey {
        let visited = self.upstream(used);
        self.stores.clear();
        let mut journey = Journey::default();
        let mut stores: Vec<(StoreId, bool)> = Vec::new();
        for f in used {
            let s = self.c.store_of[f.index()];
            if self.stores.insert(s as usize) {
                stores.push((StoreId::new(s as usize), true));
            }
        }
        let origins = &mut journey.origins;
        for &g in &visited {
            for &(s, _) in self.c.stores.row(g) {
                if self.stores.insert(s as usize) {
                    stores.push((StoreId::new(s as usize), false));
                }
            }
            journey.into.extend(
                self.c
                    .into
                    .row(g)
                    .iter()
                    .map(|&(s, flow)| (StoreId::new(s as usize), FlowId::new(flow as usize))),
            );
            if self.c.root[g as usize] {
                journey
                    .direct
                    .extend(self.c.stores.row(g).iter().map(|&(s, _)| StoreId::new(s as usize)));
            }
            for &(s, f) in self.c.origins.row(g) {
                origins.stores.push(StoreId::new(s as usize));
                if f != NONE {
                    origins.collected.push((StoreId::new(s as usize), FieldId::new(f as usize)));
                }
            }
        }
        for &(flow, s) in joined {
            if self.stores.insert(s.index()) {
                stores.push((s, false));
            }
            journey.into.push((s, flow));
        }
        stores.sort_unstable();
        journey.stores = stores;
        journey.into.sort_unstable();
        journey.into.dedup();
        journey.direct.sort_unstable();
        journey.direct.dedup();
        origins.stores.sort_unstable();
        origins.stores.dedup();
        origins.collected.sort_unstable();
        journey
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

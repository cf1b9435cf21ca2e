//! Where the data reaching each group of fields enters the map, for every group at once: the
//! few smallest stores of its origins, capped. One pass over the groups (strongly connected
//! components) in topological order, each merging its predecessors' short lists, so that a
//! question asked for every purpose costs what the graph is, not purposes × cones.

use petgraph::visit::EdgeRef as _;

use super::LineageGraph;
use crate::model::{FieldId, Model, StoreId};

/// The stores of the origins upstream of each group, the `cap` smallest ids kept.
#[derive(Debug)]
pub struct OriginStores {
    cap: usize,
    /// `cap` slots per group; the first `len[c]` are used, sorted.
    stores: Vec<StoreId>,
    len: Vec<u8>,
    /// More stores than `cap` enter upstream of the group.
    more: Vec<bool>,
}

/// A capped, sorted list of stores: the `cap` smallest of a set, and whether the set is larger.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Capped {
    pub stores: Vec<StoreId>,
    pub more: bool,
}

impl Capped {
    /// Adds the stores of `other`, keeping the `cap` smallest: the smallest of a union are
    /// among the smallest of its parts, so a capped union is exact.
    pub fn merge(&mut self, other: &[StoreId], other_more: bool, cap: usize) {
        self.merge_with(other, other_more, cap, &mut Vec::new());
    }

    /// `merge`, building the union in `merged` (left holding the previous list): a caller
    /// merging for every group of a large map reuses one buffer instead of allocating.
    fn merge_with(
        &mut self,
        other: &[StoreId],
        other_more: bool,
        cap: usize,
        merged: &mut Vec<StoreId>,
    ) {
        self.more |= other_more;
        if other.is_empty() {
            return;
        }
        merged.clear();
        merged.reserve((self.stores.len() + other.len()).min(cap + 1));
        let (mut i, mut j) = (0, 0);
        while merged.len() <= cap && (i < self.stores.len() || j < other.len()) {
            let next = match (self.stores.get(i), other.get(j)) {
                (Some(a), Some(b)) if a == b => {
                    i += 1;
                    j += 1;
                    *a
                }
                (Some(a), Some(b)) if a < b => {
                    i += 1;
                    *a
                }
                (Some(_), Some(b)) | (None, Some(b)) => {
                    j += 1;
                    *b
                }
                (Some(a), None) => {
                    i += 1;
                    *a
                }
                (None, None) => break,
            };
            merged.push(next);
        }
        if merged.len() > cap || i < self.stores.len() || j < other.len() {
            self.more = true;
        }
        merged.truncate(cap);
        std::mem::swap(&mut self.stores, merged);
    }
}

/// The groups of a lineage graph as [`OriginStores`] reads them: the members of each group
/// and the groups feeding each group, as compressed rows. Made once when several lists are
/// built (the DPIA rule builds two: a pass over every field and every edge each).
pub struct GroupRows {
    members: Rows,
    feeders: Rows,
}

impl GroupRows {
    pub fn new(graph: &LineageGraph) -> GroupRows {
        let groups = graph.source_component.len();
        let members = rows(groups, (0..graph.component.len()).map(|f| (graph.component[f], f)));
        let edges = graph.fields.edge_references().filter_map(|e| {
            let (a, b) = (graph.component[e.source().index()], graph.component[e.target().index()]);
            (a != b).then_some((b, a as usize))
        });
        GroupRows { members, feeders: rows(groups, edges) }
    }
}

impl OriginStores {
    /// The origin stores of every group of `graph` (whose `rows` are given), keeping the
    /// stores `keep` accepts, at most `cap` (≤ 255) a group.
    pub fn build(
        rows: &GroupRows,
        graph: &LineageGraph,
        model: &Model,
        cap: usize,
        keep: impl Fn(StoreId) -> bool,
    ) -> OriginStores {
        let cap = cap.min(usize::from(u8::MAX));
        let groups = graph.source_component.len();
        let (members, feeders) = (&rows.members, &rows.feeders);
        let mut out = OriginStores {
            cap,
            stores: vec![StoreId::new(0); groups * cap],
            len: vec![0; groups],
            more: vec![false; groups],
        };
        // Tarjan's order is reverse topological: a group's feeders have larger numbers.
        // Buffers reused from group to group: a map of 500,000 fields has about as many.
        let (mut list, mut own, mut scratch) = (Capped::default(), Vec::new(), Vec::new());
        for c in (0..groups).rev() {
            list.stores.clear();
            list.more = false;
            if graph.source_component[c] {
                own.clear();
                own.extend(
                    members
                        .row(c)
                        .iter()
                        .map(|f| model.field(FieldId::new(*f)).store)
                        .filter(|s| keep(*s)),
                );
                own.sort_unstable();
                own.dedup();
                list.merge_with(&own, false, cap, &mut scratch);
            } else {
                for feeder in feeders.row(c) {
                    debug_assert!(*feeder > c, "feeders come first in Tarjan's order");
                    list.merge_with(out.row(*feeder), out.more[*feeder], cap, &mut scratch);
                }
            }
            out.len[c] = list.stores.len() as u8;
            out.more[c] = list.more;
            out.stores[c * cap..c * cap + list.stores.len()].copy_from_slice(&list.stores);
        }
        out
    }

    fn row(&self, group: usize) -> &[StoreId] {
        &self.stores[group * self.cap..group * self.cap + usize::from(self.len[group])]
    }

    /// The origin stores upstream of any of `fields` (themselves included), capped.
    pub fn of(&self, graph: &LineageGraph, fields: &[FieldId]) -> Capped {
        let mut list = Capped::default();
        let mut groups: Vec<usize> =
            fields.iter().map(|f| graph.component[f.index()] as usize).collect();
        groups.sort_unstable();
        groups.dedup();
        for g in groups {
            list.merge(self.row(g), self.more[g], self.cap);
        }
        list
    }
}

/// Compressed rows of `(row, value)` pairs, each row sorted and without repeats.
struct Rows {
    start: Vec<usize>,
    values: Vec<usize>,
}

impl Rows {
    fn row(&self, r: usize) -> &[usize] {
        &self.values[self.start[r]..self.start[r + 1]]
    }
}

fn rows(count: usize, pairs: impl Iterator<Item = (u32, usize)>) -> Rows {
    // Placed by counting, not by sorting every pair: a map of 500,000 fields has about as
    // many pairs, and its rows hold one or a few values each.
    let pairs: Vec<(u32, usize)> = pairs.collect();
    let mut start = vec![0; count + 1];
    for (r, _) in &pairs {
        start[*r as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut next = start.clone();
    let mut values = vec![0; pairs.len()];
    for (r, v) in pairs {
        values[next[r as usize]] = v;
        next[r as usize] += 1;
    }
    // Each row sorted and without repeats, moved left over the repeats dropped.
    let mut kept = 0;
    let mut row_start = Vec::with_capacity(count + 1);
    row_start.push(0);
    for r in 0..count {
        let row = &mut values[start[r]..start[r + 1]];
        row.sort_unstable();
        for i in start[r]..start[r + 1] {
            if i == start[r] || values[i] != values[i - 1] {
                values[kept] = values[i];
                kept += 1;
            }
        }
        row_start.push(kept);
    }
    values.truncate(kept);
    Rows { start: row_start, values }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[usize]) -> Vec<StoreId> {
        v.iter().map(|i| StoreId::new(*i)).collect()
    }

    /// Rows hold their values sorted and without repeats, whatever order the pairs came in.
    #[test]
    fn rows_are_sorted_and_without_repeats() {
        let pairs = [(2, 7), (0, 3), (2, 1), (0, 3), (2, 7), (0, 1), (3, 0)];
        let r = rows(4, pairs.into_iter());
        assert_eq!(r.row(0), &[1, 3]);
        assert_eq!(r.row(1), &[] as &[usize]);
        assert_eq!(r.row(2), &[1, 7]);
        assert_eq!(r.row(3), &[0]);
        assert_eq!(r.values.len(), 5);
    }

    /// A capped union keeps the smallest ids and says when it dropped some.
    #[test]
    fn capped_merge() {
        let mut c = Capped::default();
        c.merge(&ids(&[3, 5]), false, 3);
        c.merge(&ids(&[1, 5, 9]), false, 3);
        assert_eq!(c, Capped { stores: ids(&[1, 3, 5]), more: true });
        let mut d = Capped::default();
        d.merge(&ids(&[2, 4]), false, 3);
        d.merge(&ids(&[4]), false, 3);
        assert_eq!(d, Capped { stores: ids(&[2, 4]), more: false });
        d.merge(&[], true, 3);
        assert!(d.more, "a capped part makes the whole capped");
    }
}

//! Walks of the field graph: breadth-first reach with distances, shortest paths and a
//! bounded enumeration of simple paths. Results are sorted, never in petgraph's edge order.

use std::collections::{HashMap, HashSet, VecDeque};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use super::{FieldEdge, Seen, node};
use crate::model::{FieldId, FlowId};

/// A field reached by a walk, `depth` flows away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reached {
    pub depth: usize,
    pub field: FieldId,
}

/// One step of a path: `from` → `to` through `flow`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hop {
    pub from: FieldId,
    pub to: FieldId,
    pub flow: FlowId,
    pub reverse: bool,
}

/// Every field reachable from `start` in `direction` (itself at depth 0), sorted by depth
/// then field.
pub(super) fn reach(
    graph: &DiGraph<FieldId, FieldEdge>,
    start: FieldId,
    direction: Direction,
    max_depth: Option<usize>,
) -> Vec<Reached> {
    with_seen(graph.node_count(), |seen| {
        seen.insert(start.index());
        let mut queue = VecDeque::from([(node(start.index()), 0usize)]);
        let mut out = vec![Reached { depth: 0, field: start }];
        while let Some((n, d)) = queue.pop_front() {
            if max_depth.is_some_and(|m| d >= m) {
                continue;
            }
            for m in graph.neighbors_directed(n, direction) {
                if seen.insert(m.index()) {
                    out.push(Reached { depth: d + 1, field: FieldId::new(m.index()) });
                    queue.push_back((m, d + 1));
                }
            }
        }
        out.sort_unstable();
        out
    })
}

thread_local! {
    /// The marks of the walks of a thread, reused by each: queries are many (a site asks
    /// tens of thousands).
    static SEEN: std::cell::RefCell<Seen> = const { std::cell::RefCell::new(Seen::empty()) };
}

/// Runs `walk` with an empty `Seen` for a graph of `nodes` nodes.
pub(super) fn with_seen<T>(nodes: usize, walk: impl FnOnce(&mut Seen) -> T) -> T {
    SEEN.with(|cell| match cell.try_borrow_mut() {
        Ok(mut seen) => {
            seen.grow(nodes);
            seen.clear();
            walk(&mut seen)
        }
        // A walk inside a walk (not done today): its own marks.
        Err(_) => walk(&mut Seen::new(nodes)),
    })
}

fn hops_of(graph: &DiGraph<FieldId, FieldEdge>, n: NodeIndex) -> Vec<(NodeIndex, FieldEdge)> {
    let mut next: Vec<(NodeIndex, FieldEdge)> =
        graph.edges(n).map(|e| (e.target(), *e.weight())).collect();
    // petgraph lists edges newest first; sort so that ties break the same way every run.
    next.sort_unstable_by_key(|(t, w)| (w.flow, t.index(), w.reverse));
    next
}

/// A shortest path from `a` to `b` (breadth-first; ties broken by flow id then field).
pub(super) fn shortest(
    graph: &DiGraph<FieldId, FieldEdge>,
    a: FieldId,
    b: FieldId,
) -> Option<Vec<Hop>> {
    if a == b {
        return Some(Vec::new());
    }
    let mut parent: HashMap<usize, (NodeIndex, FieldEdge)> = HashMap::new();
    let mut queue = VecDeque::from([node(a.index())]);
    while let Some(n) = queue.pop_front() {
        for (m, edge) in hops_of(graph, n) {
            if m.index() == a.index() || parent.contains_key(&m.index()) {
                continue;
            }
            parent.insert(m.index(), (n, edge));
            if m.index() == b.index() {
                let mut hops = Vec::new();
                let mut cur = m;
                while let Some(&(p, e)) = parent.get(&cur.index()) {
                    hops.push(Hop {
                        from: FieldId::new(p.index()),
                        to: FieldId::new(cur.index()),
                        flow: e.flow,
                        reverse: e.reverse,
                    });
                    cur = p;
                }
                hops.reverse();
                return Some(hops);
            }
            queue.push_back(m);
        }
    }
    None
}

/// Simple paths from `a` to `b`, at most `limit`, shortest first. The search is depth-first
/// with an explicit stack and stops at the limit, so it cannot explode on dense graphs.
pub(super) fn simple_paths(
    graph: &DiGraph<FieldId, FieldEdge>,
    a: FieldId,
    b: FieldId,
    limit: usize,
) -> Vec<Vec<Hop>> {
    let mut found = Vec::new();
    if limit == 0 || a == b {
        return found;
    }
    let mut on_path: HashSet<usize> = HashSet::from([a.index()]);
    let mut path: Vec<Hop> = Vec::new();
    let mut stack = vec![hops_of(graph, node(a.index())).into_iter()];
    // Every path visits at most every node once; the step budget bounds the worst case.
    let mut budget = 100_000usize.max(limit * graph.node_count().min(1_000));
    while let Some(next) = stack.last_mut() {
        budget = budget.saturating_sub(1);
        if budget == 0 || found.len() >= limit {
            break;
        }
        let Some((m, edge)) = next.next() else {
            stack.pop();
            if let Some(hop) = path.pop() {
                on_path.remove(&hop.to.index());
            }
            continue;
        };
        if on_path.contains(&m.index()) {
            continue;
        }
        let from = path.last().map_or(a, |h| h.to);
        let hop = Hop { from, to: FieldId::new(m.index()), flow: edge.flow, reverse: edge.reverse };
        if m.index() == b.index() {
            let mut complete = path.clone();
            complete.push(hop);
            found.push(complete);
            continue;
        }
        on_path.insert(m.index());
        path.push(hop);
        stack.push(hops_of(graph, m).into_iter());
    }
    found.sort_by(|x, y| x.len().cmp(&y.len()).then_with(|| x.cmp(y)));
    found
}

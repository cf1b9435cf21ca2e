//! The ranking layout-rs does, replayed before it runs, for two reasons.
//!
//! Its cost: layout-rs spends its time in its edge-crossing optimiser, which compares every
//! pair of nodes of a rank against the next rank, fifty times over — cubic in the width of
//! the ranks, and ranks hold one connector node per edge label and per rank a long edge
//! crosses. A map of 250 stores and 750 flows takes minutes; `crossing_work` estimates it so
//! that `draw` refuses such a view instead of hanging.
//!
//! Its cycle test: layout-rs reverses an edge that would close a cycle, testing reachability
//! with a depth-first search that forgets what it visited on the way back, which enumerates
//! every path: exponential on dense maps. `orient` breaks the cycles here, the same way (edges
//! in order, one reversed when it would close a cycle), and gives the edges in an order where
//! each edge's target has no successor yet, so that layout-rs's test returns at once.

use super::view::View;
use crate::graph::Seen;

/// Above this many edges the replay itself (a reachability walk per edge) would be slow, and
/// no layout of that density is readable anyway.
pub const MAX_EDGES: usize = 1_500;

/// The edges of a view made acyclic, in the order to give them to layout-rs.
pub struct Oriented {
    /// `(edge index, reversed)`, sources in topological order.
    pub order: Vec<(usize, bool)>,
    dag: Dag,
    levels: Vec<usize>,
}

/// Breaks the cycles of `view` and orders its edges (see the module comment).
pub fn orient(view: &View) -> Oriented {
    let mut dag = Dag::new(view.nodes.len());
    let mut edges = Vec::with_capacity(view.edges.len());
    for (i, edge) in view.edges.iter().enumerate() {
        let (from, to) = (edge.from, edge.to);
        if from == to {
            // layout-rs draws self edges apart, outside the ranks.
            edges.push((i, false, from));
            continue;
        }
        let reversed = dag.reaches(to, from);
        let (from, to) = if reversed { (to, from) } else { (from, to) };
        edges.push((i, reversed, from));
        if view.edges[i].label.is_empty() {
            dag.add(from, to);
        } else {
            // A label is a node of its own between the two ends.
            let connector = dag.node();
            dag.add(from, connector);
            dag.add(connector, to);
        }
    }
    let (levels, position) = dag.levels();
    edges.sort_by_key(|&(i, _, source)| (position[source], i));
    Oriented {
        order: edges.into_iter().map(|(i, reversed, _)| (i, reversed)).collect(),
        dag,
        levels,
    }
}

impl Oriented {
    /// The work of one pass of layout-rs's crossing count: for each pair of nodes of a rank,
    /// their edge lists are scanned for every node of the next rank. For a rank of width w
    /// whose nodes have d edges in all, followed by a rank of width w': (w - 1) · d · w'.
    pub fn crossing_work(&self) -> u64 {
        let depth = self.levels.iter().max().map_or(0, |m| m + 1);
        // Per rank: its width and the sum of its nodes' degrees (layout-rs scans a node's
        // edge lists for every node of the neighbouring rank).
        let mut widths = vec![0u64; depth];
        let mut degrees = vec![0u64; depth];
        for (node, &level) in self.levels.iter().enumerate() {
            widths[level] += 1;
            degrees[level] += self.dag.successors[node].len() as u64;
        }
        for (from, successors) in self.dag.successors.iter().enumerate() {
            for &to in successors {
                degrees[self.levels[to]] += 1;
                // A segment spanning several levels gets a connector on each level between.
                for level in self.levels[from] + 1..self.levels[to] {
                    widths[level] += 1;
                    degrees[level] += 2;
                }
            }
        }
        (0..depth.saturating_sub(1))
            .map(|i| widths[i].saturating_sub(1) * degrees[i] * widths[i + 1])
            .fold(0u64, u64::saturating_add)
    }
}

/// The graph layout-rs ranks: view nodes first, then label connectors.
struct Dag {
    successors: Vec<Vec<usize>>,
    /// Scratch for `reaches`.
    seen: Seen,
    stack: Vec<usize>,
}

impl Dag {
    fn new(nodes: usize) -> Dag {
        Dag { successors: vec![Vec::new(); nodes], seen: Seen::new(nodes), stack: Vec::new() }
    }

    fn node(&mut self) -> usize {
        self.successors.push(Vec::new());
        self.seen.grow(self.successors.len());
        self.successors.len() - 1
    }

    fn add(&mut self, from: usize, to: usize) {
        self.successors[from].push(to);
    }

    fn reaches(&mut self, from: usize, to: usize) -> bool {
        self.seen.clear();
        self.stack.clear();
        self.stack.push(from);
        self.seen.insert(from);
        while let Some(n) = self.stack.pop() {
            if n == to {
                return true;
            }
            for &m in &self.successors[n] {
                if self.seen.insert(m) {
                    self.stack.push(m);
                }
            }
        }
        false
    }

    /// The level of each node (longest path from the sources, as layout-rs levels them) and
    /// its position in a topological order (Kahn's; the graph is acyclic by construction).
    fn levels(&self) -> (Vec<usize>, Vec<usize>) {
        let n = self.successors.len();
        let mut incoming = vec![0usize; n];
        for successors in &self.successors {
            for &to in successors {
                incoming[to] += 1;
            }
        }
        // Lowest index first, so that the order does not depend on anything but the view.
        let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> =
            (0..n).filter(|&i| incoming[i] == 0).map(std::cmp::Reverse).collect();
        let mut levels = vec![0usize; n];
        let mut position = vec![0usize; n];
        let mut next = 0;
        while let Some(std::cmp::Reverse(node)) = ready.pop() {
            position[node] = next;
            next += 1;
            for &to in &self.successors[node] {
                levels[to] = levels[to].max(levels[node] + 1);
                incoming[to] -= 1;
                if incoming[to] == 0 {
                    ready.push(std::cmp::Reverse(to));
                }
            }
        }
        (levels, position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::enums::Language;
    use crate::map::view::{Edge, EdgeStyle, Node, NodeKind};

    fn view(edges: &[(usize, usize)], nodes: usize) -> View {
        let node = |i: usize| Node {
            id: format!("n{i}"),
            kind: NodeKind::Store,
            title: String::new(),
            subtitle: String::new(),
            domain: None,
            marks: Vec::new(),
            tooltip: String::new(),
            dimmed: false,
        };
        let edge = |&(from, to): &(usize, usize)| Edge {
            from,
            to,
            flows: Vec::new(),
            fields: 1,
            both: false,
            style: EdgeStyle::Flow,
            label: "1".to_owned(),
            tooltip: String::new(),
        };
        View {
            title: String::new(),
            nodes: (0..nodes).map(node).collect(),
            edges: edges.iter().map(edge).collect(),
            domains: Vec::new(),
            palette: Vec::new(),
            language: Language::En,
        }
    }

    #[test]
    fn a_cycle_is_broken_at_the_edge_that_closes_it() {
        let o = orient(&view(&[(0, 1), (1, 2), (2, 0)], 3));
        let reversed: Vec<usize> = o.order.iter().filter(|e| e.1).map(|e| e.0).collect();
        assert_eq!(reversed, vec![2]);
    }

    #[test]
    fn edges_come_sources_first() {
        // Given last to first, a chain is fed first to last.
        let o = orient(&view(&[(2, 3), (1, 2), (0, 1)], 4));
        let order: Vec<usize> = o.order.iter().map(|e| e.0).collect();
        assert_eq!(order, vec![2, 1, 0]);
    }

    #[test]
    fn work_grows_with_the_width_of_the_ranks() {
        // A chain: ranks of one node, nothing to compare.
        assert_eq!(orient(&view(&[(0, 1), (1, 2)], 3)).crossing_work(), 0);
        // 0 fans out to 1..=4 and they all feed 5: ranks of 1, 4 labels, 4, 4 labels and 1
        // nodes, of total degree 4, 8, 8, 8 and 4; each rank costs (width - 1) × degree ×
        // the next width.
        let fan: Vec<(usize, usize)> =
            (1..=4).map(|i| (0, i)).chain((1..=4).map(|i| (i, 5))).collect();
        assert_eq!(orient(&view(&fan, 6)).crossing_work(), 3 * 8 * 4 + 3 * 8 * 4 + 3 * 8);
    }
}

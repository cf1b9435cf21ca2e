//! `trace STORE.FIELD`: where a field's data comes from (upstream, to its origins) and
//! everywhere it goes (downstream, to every copy), through which flows, and the purposes that
//! use the field or any copy of it. The result is a tree model: each field is expanded once,
//! where a breadth-first walk first reaches it (so at its shortest distance); a field reached
//! again by another path is listed there as a repeat, not expanded twice.

mod render;

use std::collections::{BTreeMap, HashSet, VecDeque};

use petgraph::Direction::{self, Incoming, Outgoing};
use petgraph::visit::EdgeRef;
use serde::Serialize;

pub use self::render::render;
use super::{FlowHop, JSON_VERSION};
use crate::graph::{FieldEdge, LineageGraph, node};
use crate::model::{FieldId, Model, PurposeId, StoreId};

/// How far and which way to walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub up: bool,
    pub down: bool,
    /// At most this many flows away; `None` walks to the end (within [`MAX_DEPTH`]).
    pub depth: Option<usize>,
}

impl Default for Options {
    fn default() -> Options {
        Options { up: true, down: true, depth: None }
    }
}

/// The deepest tree built when no `--depth` is given: real maps are a few dozen flows deep
/// at most, and a bound keeps a hostile chain of thousands of flows from overflowing the
/// stack of the recursive renderers. Deeper nodes are marked `truncated`.
pub const MAX_DEPTH: usize = 200;

#[derive(Debug, Serialize)]
pub struct Trace {
    pub version: u32,
    pub field: FieldInfo,
    /// The `--depth` asked for, if any.
    pub depth: Option<usize>,
    /// Where the data comes from: each node feeds its parent. Absent with `--down`.
    pub upstream: Option<Vec<Node>>,
    /// The fields upstream (the traced one included) that no flow feeds: where the data
    /// enters the map. Absent with `--down`.
    pub origins: Option<Vec<String>>,
    /// Where the data goes: each node is fed by its parent. Absent with `--up`.
    pub downstream: Option<Vec<Node>>,
    /// Every store holding the traced field or a field of the trace, by id.
    pub stores: Vec<StoreReached>,
    /// Every active purpose using the traced field or a field of the trace, by id.
    pub purposes: Vec<PurposeReached>,
}

#[derive(Debug, Serialize)]
pub struct FieldInfo {
    pub path: String,
    pub name: String,
    pub store: String,
    pub store_name: String,
    pub category: Option<String>,
    pub personal: bool,
    /// Active purposes that use this very field.
    pub purposes: Vec<String>,
}

/// A field of the tree, the flows that link it to its parent, and what is beyond it.
#[derive(Debug, Serialize)]
pub struct Node {
    pub field: String,
    pub name: String,
    /// The flows between this field and its parent, by id.
    pub via: Vec<FlowHop>,
    /// Active purposes that use this field.
    pub purposes: Vec<String>,
    /// The field is expanded elsewhere in the tree (reached first by a shorter path).
    pub repeat: bool,
    /// The walk stopped here (`--depth`) although flows go on.
    pub truncated: bool,
    pub children: Vec<Node>,
}

#[derive(Debug, Serialize)]
pub struct StoreReached {
    pub id: String,
    pub name: String,
    pub location: Vec<String>,
    /// The fields of the trace in this store.
    pub fields: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PurposeReached {
    pub id: String,
    pub name: String,
    /// The fields of the trace it uses.
    pub through: Vec<String>,
}

/// Traces `field`.
pub fn trace(model: &Model, graph: &LineageGraph, field: FieldId, options: Options) -> Trace {
    let (up, down) = match (options.up, options.down) {
        (false, false) => (true, true),
        both => both,
    };
    let depth = options.depth.unwrap_or(MAX_DEPTH).min(MAX_DEPTH);
    let mut reached = vec![field];
    let mut walk = |direction| {
        let tree = Tree::walk(graph, field, direction, depth);
        reached.extend(tree.slots.iter().filter(|s| !s.repeat).map(|s| s.field));
        tree.nodes(model, graph, 0)
    };
    let upstream = up.then(|| walk(Incoming));
    let downstream = down.then(|| walk(Outgoing));
    reached.sort_unstable();
    reached.dedup();

    let origins = up.then(|| {
        let upstream: HashSet<FieldId> = reached.iter().copied().collect();
        // Within a bounded walk, only the origins the walk reached are shown.
        graph
            .origins(field)
            .into_iter()
            .filter(|f| upstream.contains(f))
            .map(|f| model.field_path(f))
            .collect()
    });

    let f = model.field(field);
    let store = model.store(f.store);
    Trace {
        version: JSON_VERSION,
        field: FieldInfo {
            path: model.field_path(field),
            name: f.name.clone(),
            store: store.id.clone(),
            store_name: store.name.clone(),
            category: f.category.as_ref().map(|c| c.value.clone()),
            personal: f.personal,
            purposes: purpose_ids(model, graph.purposes_using(field)),
        },
        depth: options.depth,
        upstream,
        origins,
        downstream,
        stores: stores_reached(model, &reached),
        purposes: purposes_reached(model, graph, &reached),
    }
}

fn purpose_ids(model: &Model, purposes: &[PurposeId]) -> Vec<String> {
    purposes.iter().map(|p| model.purpose(*p).id.clone()).collect()
}

/// `reached` is sorted by field id, so stores come in id order and their fields in
/// declaration order.
fn stores_reached(model: &Model, reached: &[FieldId]) -> Vec<StoreReached> {
    let mut by_store: BTreeMap<StoreId, Vec<String>> = BTreeMap::new();
    for &f in reached {
        by_store.entry(model.field(f).store).or_default().push(model.field_path(f));
    }
    by_store
        .into_iter()
        .map(|(s, fields)| {
            let store = model.store(s);
            StoreReached {
                id: store.id.clone(),
                name: store.name.clone(),
                location: store.location.iter().map(|l| l.value.clone()).collect(),
                fields,
            }
        })
        .collect()
}

fn purposes_reached(
    model: &Model,
    graph: &LineageGraph,
    reached: &[FieldId],
) -> Vec<PurposeReached> {
    let mut by_purpose: BTreeMap<PurposeId, Vec<String>> = BTreeMap::new();
    for &f in reached {
        for &p in graph.purposes_using(f) {
            by_purpose.entry(p).or_default().push(model.field_path(f));
        }
    }
    by_purpose
        .into_iter()
        .map(|(p, through)| {
            let purpose = model.purpose(p);
            PurposeReached { id: purpose.id.clone(), name: purpose.name.clone(), through }
        })
        .collect()
}

/// The breadth-first tree in an arena: slot 0 is the traced field.
struct Tree {
    slots: Vec<Slot>,
}

struct Slot {
    field: FieldId,
    edges: Vec<FieldEdge>,
    repeat: bool,
    truncated: bool,
    children: Vec<usize>,
}

impl Tree {
    fn walk(graph: &LineageGraph, root: FieldId, direction: Direction, depth: usize) -> Tree {
        let mut slots = vec![Slot {
            field: root,
            edges: Vec::new(),
            repeat: false,
            truncated: false,
            children: Vec::new(),
        }];
        let mut parent_of: Vec<Option<usize>> = vec![None];
        let mut seen: HashSet<FieldId> = HashSet::from([root]);
        let mut queue = VecDeque::from([(0usize, 0usize)]);
        while let Some((slot, d)) = queue.pop_front() {
            let field = slots[slot].field;
            let parent = parent_of[slot].map(|p| slots[p].field);
            // Neighbours in field order, each with every flow that links them.
            let mut next: BTreeMap<FieldId, Vec<FieldEdge>> = BTreeMap::new();
            for e in graph.fields.edges_directed(node(field.index()), direction) {
                let other = if direction == Outgoing { e.target() } else { e.source() };
                let other = FieldId::new(other.index());
                // The way back of the sync that led here says nothing new.
                if Some(other) == parent
                    && slots[slot].edges.iter().any(|x| x.flow == e.weight().flow)
                {
                    continue;
                }
                next.entry(other).or_default().push(*e.weight());
            }
            if next.is_empty() {
                continue;
            }
            if d >= depth {
                slots[slot].truncated = true;
                continue;
            }
            for (other, mut edges) in next {
                edges.sort_unstable();
                edges.dedup();
                let repeat = !seen.insert(other);
                let index = slots.len();
                slots.push(Slot {
                    field: other,
                    edges,
                    repeat,
                    truncated: false,
                    children: Vec::new(),
                });
                parent_of.push(Some(slot));
                slots[slot].children.push(index);
                if !repeat {
                    queue.push_back((index, d + 1));
                }
            }
        }
        Tree { slots }
    }

    /// The children of `slot` as nested nodes (depth is bounded by [`MAX_DEPTH`]).
    fn nodes(&self, model: &Model, graph: &LineageGraph, slot: usize) -> Vec<Node> {
        self.slots[slot]
            .children
            .iter()
            .map(|&i| {
                let s = &self.slots[i];
                let field = model.field(s.field);
                Node {
                    field: model.field_path(s.field),
                    name: field.name.clone(),
                    via: s.edges.iter().map(|e| FlowHop::new(model, *e)).collect(),
                    purposes: purpose_ids(model, graph.purposes_using(s.field)),
                    repeat: s.repeat,
                    truncated: s.truncated,
                    children: self.nodes(model, graph, i),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;

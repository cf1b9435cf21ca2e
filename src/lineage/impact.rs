//! `impact STORE` / `impact STORE.FIELD`: what is lost when a store or a field is removed.
//!
//! - the flows that break (every flow to or from a removed store; for a field, every flow
//!   that carries it, which breaks when it carries nothing else);
//! - the fields downstream left without any source: after the removal, no path from where
//!   data enters the map reaches them any more (a loop or a sync that only fed itself from
//!   the removed data is left without a source too);
//! - the fields downstream that lose a feed but keep another;
//! - the purposes (active or planned) that lose data they use, directly or downstream;
//! - the register rows that change: active purposes using personal data whose data, sources,
//!   locations, recipients or transfers are touched.

mod render;

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use petgraph::Direction::{Incoming, Outgoing};
use petgraph::visit::EdgeRef;
use serde::Serialize;

pub use self::render::render;
use super::{JSON_VERSION, Target};
use crate::graph::{LineageGraph, node};
use crate::manifest::enums::PurposeStatus;
use crate::model::{FieldId, FlowId, Model, StoreId};
use crate::vocab::tables;

#[derive(Debug, Serialize)]
pub struct Impact {
    pub version: u32,
    pub removed: Removed,
    pub flows: Vec<BrokenFlow>,
    pub left_without_source: Vec<Unsourced>,
    pub still_fed: Vec<StillFed>,
    pub purposes: Vec<PurposeLoss>,
    pub register: Vec<RegisterRow>,
}

#[derive(Debug, Serialize)]
pub struct Removed {
    /// `store` or `field`.
    pub kind: &'static str,
    pub id: String,
    pub name: String,
    /// The fields that go with it.
    pub fields: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct BrokenFlow {
    pub flow: String,
    pub mechanism: Option<&'static str>,
    pub frequency: Option<&'static str>,
    pub from: String,
    pub to: String,
    /// True when nothing is left of the flow; false when it only stops carrying `fields`.
    pub breaks: bool,
    /// The carried fields lost, `source → target`.
    pub fields: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Unsourced {
    pub field: String,
    pub name: String,
    pub personal: bool,
    /// The stores the data came through, from the removed one to this field's.
    pub through: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct StillFed {
    pub field: String,
    /// The flows from the removed data that stop feeding it.
    pub loses: Vec<String>,
    /// The flows that still feed it.
    pub fed_by: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PurposeLoss {
    pub id: String,
    pub name: String,
    pub status: &'static str,
    /// Removed fields it uses.
    pub direct: Vec<String>,
    /// Fields it uses that are left without a source.
    pub downstream: Vec<Unsourced>,
}

#[derive(Debug, Serialize)]
pub struct RegisterRow {
    pub purpose: String,
    pub name: String,
    /// The register cells that change (as docs/register.md names them).
    pub cells: Vec<&'static str>,
    /// Personal fields it uses that are removed.
    pub uses_removed: Vec<String>,
    /// Personal fields it uses that are left without a source.
    pub uses_unsourced: Vec<String>,
    /// Personal fields it uses whose data is copied into removed fields.
    pub copied_to_removed: Vec<String>,
    /// Personal fields it uses (still fed) whose data enters the map in removed fields.
    pub sourced_from_removed: Vec<String>,
    /// Stores that stop receiving its personal data by a flow.
    pub recipients_lost: Vec<String>,
}

const CELL_DATA: &str = "categories of personal data";
const CELL_SOURCES: &str = "source of the data";
const CELL_LOCATIONS: &str = "location of the data";
const CELL_RECIPIENTS: &str = "recipients";
const CELL_TRANSFERS: &str = "transfers outside the EEA";

/// What removing `target` costs.
pub fn impact(model: &Model, graph: &LineageGraph, target: Target) -> Impact {
    let (removed, removed_store) = match target {
        Target::Store(s) => (model.fields_of(s).collect::<Vec<_>>(), Some(s)),
        Target::Field(f) => (vec![f], None),
    };
    let gone: HashSet<FieldId> = removed.iter().copied().collect();
    let flows = broken_flows(model, graph, &removed, removed_store, &gone);
    let down = Walk::run(graph, &removed, &gone, Outgoing);
    let alive = still_sourced(graph, &down, &gone);
    let mut unsourced: Vec<FieldId> =
        down.order.iter().copied().filter(|f| !alive.contains(f)).collect();
    unsourced.sort_unstable();
    // The purpose loops below look up every used field of every purpose: one byte a field
    // answers them without hashing.
    let mut marks = Marks(vec![0; model.fields.len()]);
    for &f in &removed {
        marks.set(f, GONE);
    }
    for &f in &unsourced {
        marks.set(f, UNSOURCED);
    }

    let describe = |f: FieldId| Unsourced {
        field: model.field_path(f),
        name: model.field(f).name.clone(),
        personal: model.field(f).personal,
        through: down.stores_to(model, f),
    };
    let purposes = model
        .purposes
        .iter()
        .filter(|p| p.status != PurposeStatus::Retired)
        .filter_map(|p| {
            let direct: Vec<String> = p
                .uses
                .iter()
                .filter(|f| marks.has(**f, GONE))
                .map(|f| model.field_path(*f))
                .collect();
            let downstream: Vec<Unsourced> =
                p.uses.iter().filter(|f| marks.has(**f, UNSOURCED)).map(|f| describe(*f)).collect();
            (!direct.is_empty() || !downstream.is_empty()).then(|| PurposeLoss {
                id: p.id.clone(),
                name: p.name.clone(),
                status: p.status.as_str(),
                direct,
                downstream,
            })
        })
        .collect();

    let (id, name) = match target {
        Target::Store(s) => (model.store(s).id.clone(), model.store(s).name.clone()),
        Target::Field(f) => (model.field_path(f), model.field(f).name.clone()),
    };
    let register = register_rows(model, graph, &removed, &gone, &mut marks);
    Impact {
        version: JSON_VERSION,
        removed: Removed {
            kind: if removed_store.is_some() { "store" } else { "field" },
            id,
            name,
            fields: removed.iter().map(|f| model.field_path(*f)).collect(),
        },
        flows,
        left_without_source: unsourced.iter().map(|f| describe(*f)).collect(),
        still_fed: still_fed(model, graph, &down, &gone, &alive),
        purposes,
        register,
    }
}

/// Flows touching the removed store or carrying a removed field, by id.
fn broken_flows(
    model: &Model,
    graph: &LineageGraph,
    removed: &[FieldId],
    store: Option<StoreId>,
    gone: &HashSet<FieldId>,
) -> Vec<BrokenFlow> {
    let mut ids: BTreeSet<FlowId> = BTreeSet::new();
    match store {
        Some(s) => {
            for direction in [Incoming, Outgoing] {
                ids.extend(
                    graph
                        .stores
                        .edges_directed(node(s.index()), direction)
                        .map(|e| e.weight().flow),
                );
            }
        }
        None => {
            for &f in removed {
                for direction in [Incoming, Outgoing] {
                    ids.extend(
                        graph
                            .fields
                            .edges_directed(node(f.index()), direction)
                            .map(|e| e.weight().flow),
                    );
                }
            }
        }
    }
    ids.into_iter()
        .map(|id| {
            let flow = model.flow(id);
            let lost: Vec<String> = flow
                .fields
                .iter()
                .filter(|c| gone.contains(&c.source) || gone.contains(&c.target))
                .map(|c| format!("{} → {}", model.field_path(c.source), model.field_path(c.target)))
                .collect();
            let touches_store = store.is_some_and(|s| flow.from == s || flow.to == s);
            BrokenFlow {
                flow: flow.id.clone(),
                mechanism: flow.mechanism.map(|m| m.as_str()),
                frequency: flow.frequency.map(|f| f.as_str()),
                from: model.store(flow.from).id.clone(),
                to: model.store(flow.to).id.clone(),
                breaks: touches_store || lost.len() == flow.fields.len(),
                fields: lost,
            }
        })
        .collect()
}

/// A breadth-first walk from the removed fields, never through them: what it reaches, in
/// order, and for each field the field and flow it was first reached from.
struct Walk {
    order: Vec<FieldId>,
    parent: HashMap<FieldId, FieldId>,
}

impl Walk {
    fn run(
        graph: &LineageGraph,
        start: &[FieldId],
        gone: &HashSet<FieldId>,
        direction: petgraph::Direction,
    ) -> Walk {
        let mut order = Vec::new();
        let mut parent = HashMap::new();
        let mut queue: VecDeque<FieldId> = start.iter().copied().collect();
        while let Some(f) = queue.pop_front() {
            let mut next: Vec<FieldId> = graph
                .fields
                .neighbors_directed(node(f.index()), direction)
                .map(|n| FieldId::new(n.index()))
                .collect();
            // petgraph lists neighbours newest edge first: sort so parents do not depend on it.
            next.sort_unstable();
            for m in next {
                if gone.contains(&m) || parent.contains_key(&m) {
                    continue;
                }
                parent.insert(m, f);
                order.push(m);
                queue.push_back(m);
            }
        }
        Walk { order, parent }
    }

    fn contains(&self, f: FieldId) -> bool {
        self.parent.contains_key(&f)
    }

    /// The stores from the removed field to `f`, each once, in path order.
    fn stores_to(&self, model: &Model, f: FieldId) -> Vec<String> {
        let mut chain = vec![f];
        let mut cur = f;
        while let Some(&p) = self.parent.get(&cur) {
            chain.push(p);
            cur = p;
        }
        let mut stores: Vec<String> = Vec::new();
        for field in chain.iter().rev() {
            let id = &model.store(model.field(*field).store).id;
            if stores.last() != Some(id) {
                stores.push(id.clone());
            }
        }
        stores
    }
}

/// The fields downstream of the removal that still receive data: those whose own data enters
/// there (origins), those fed by a field the removal does not touch, and what these feed.
/// A field is an origin as a member of its loop: in a loop that holds a removed field, a
/// member fed one way by the loop got its data from it, as in a chain (s0 → s1 → s2 → s0
/// without s0 leaves s1 and s2 without a source, as s0 → s1 → s2 does); a member only
/// synchronised with the others holds data of its own.
fn still_sourced(graph: &LineageGraph, down: &Walk, gone: &HashSet<FieldId>) -> HashSet<FieldId> {
    let broken_loops: HashSet<u32> = gone.iter().map(|f| graph.component_of(*f)).collect();
    let synchronised_only = |f: FieldId| {
        graph.fields.edges_directed(node(f.index()), Incoming).all(|e| {
            let from = e.source();
            !graph.same_component(FieldId::new(from.index()), f)
                || graph
                    .fields
                    .edges_connecting(node(f.index()), from)
                    .any(|back| back.weight().flow == e.weight().flow)
        })
    };
    let origin = |f: FieldId| {
        graph.is_origin(f)
            && (!broken_loops.contains(&graph.component_of(f)) || synchronised_only(f))
    };
    let fed_from_outside = |f: FieldId| {
        graph.fields.neighbors_directed(node(f.index()), Incoming).any(|n| {
            let n = FieldId::new(n.index());
            !gone.contains(&n) && !down.contains(n)
        })
    };
    let mut alive: HashSet<FieldId> = HashSet::new();
    let mut stack: Vec<FieldId> =
        down.order.iter().copied().filter(|&f| origin(f) || fed_from_outside(f)).collect();
    alive.extend(stack.iter().copied());
    while let Some(f) = stack.pop() {
        for n in graph.fields.neighbors_directed(node(f.index()), Outgoing) {
            let n = FieldId::new(n.index());
            if down.contains(n) && alive.insert(n) {
                stack.push(n);
            }
        }
    }
    alive
}

/// Fields fed directly by removed data that keep another feed.
fn still_fed(
    model: &Model,
    graph: &LineageGraph,
    down: &Walk,
    gone: &HashSet<FieldId>,
    alive: &HashSet<FieldId>,
) -> Vec<StillFed> {
    let mut out: Vec<(FieldId, StillFed)> = Vec::new();
    for &f in &down.order {
        if !alive.contains(&f) {
            continue;
        }
        let mut loses = BTreeSet::new();
        let mut fed_by = BTreeSet::new();
        for e in graph.fields.edges_directed(node(f.index()), Incoming) {
            let from = FieldId::new(e.source().index());
            if gone.contains(&from) {
                loses.insert(e.weight().flow);
            } else {
                fed_by.insert(e.weight().flow);
            }
        }
        if loses.is_empty() {
            continue;
        }
        let ids =
            |set: BTreeSet<FlowId>| set.into_iter().map(|id| model.flow(id).id.clone()).collect();
        out.push((
            f,
            StillFed { field: model.field_path(f), loses: ids(loses), fed_by: ids(fed_by) },
        ));
    }
    out.sort_by_key(|(f, _)| *f);
    out.into_iter().map(|(_, s)| s).collect()
}

/// The register rows (active purposes using personal data) that the removal changes, cell
/// by cell, as the register would be derived from the map without the removed fields.
fn register_rows(
    model: &Model,
    graph: &LineageGraph,
    removed: &[FieldId],
    gone: &HashSet<FieldId>,
    marks: &mut Marks,
) -> Vec<RegisterRow> {
    for f in Walk::run(graph, removed, gone, Incoming).order {
        marks.set(f, UP);
    }
    // A used field's data enters the map in a removed field exactly when a removed origin
    // reaches it: one walk from the removed origins instead of one walk per used field.
    let removed_origins: Vec<FieldId> =
        removed.iter().copied().filter(|f| graph.is_origin(*f)).collect();
    for f in Walk::run(graph, &removed_origins, gone, Outgoing).order {
        marks.set(f, FROM_ORIGIN);
    }
    // The fields that send data into the removed ones: the only ones, besides the removed
    // fields themselves, whose flows can stop reaching a recipient.
    for r in removed {
        for n in graph.fields.neighbors_directed(node(r.index()), Incoming) {
            let n = FieldId::new(n.index());
            if !marks.has(n, GONE) {
                marks.set(n, FEEDS);
            }
        }
    }
    let marks = &*marks;
    let mut rows = Vec::new();
    for purpose in &model.purposes {
        if !purpose.is_active() {
            continue;
        }
        let personal: Vec<FieldId> =
            purpose.uses.iter().copied().filter(|f| model.field(*f).personal).collect();
        if !personal.iter().any(|f| marks.has(*f, u8::MAX)) {
            continue;
        }
        let paths = |keep: &dyn Fn(FieldId) -> bool| -> Vec<String> {
            personal.iter().copied().filter(|f| keep(*f)).map(|f| model.field_path(f)).collect()
        };
        let uses_removed = paths(&|f| marks.has(f, GONE));
        let uses_unsourced = paths(&|f| marks.has(f, UNSOURCED));
        let copied_to_removed = paths(&|f| marks.has(f, UP));
        let sourced_from_removed =
            paths(&|f| marks.has(f, FROM_ORIGIN) && !marks.has(f, UNSOURCED));
        let (recipients_lost, abroad) = recipients_lost(model, graph, &personal, marks);

        let mut cells = Vec::new();
        if !uses_removed.is_empty() {
            cells.push(CELL_DATA);
        }
        if !uses_removed.is_empty()
            || !uses_unsourced.is_empty()
            || !sourced_from_removed.is_empty()
        {
            cells.push(CELL_SOURCES);
        }
        if !uses_removed.is_empty() || !copied_to_removed.is_empty() {
            cells.push(CELL_LOCATIONS);
        }
        if !recipients_lost.is_empty() {
            cells.push(CELL_RECIPIENTS);
        }
        if abroad {
            cells.push(CELL_TRANSFERS);
        }
        if cells.is_empty() {
            continue;
        }
        rows.push(RegisterRow {
            purpose: purpose.id.clone(),
            name: purpose.name.clone(),
            cells,
            uses_removed,
            uses_unsourced,
            copied_to_removed,
            sourced_from_removed,
            recipients_lost,
        });
    }
    rows
}

/// The stores that stop receiving a purpose's personal data by a flow (a flow from a removed
/// used field, or into a removed field), and whether one of them is outside the EEA.
fn recipients_lost(
    model: &Model,
    graph: &LineageGraph,
    personal: &[FieldId],
    marks: &Marks,
) -> (Vec<String>, bool) {
    let mut lost: BTreeSet<StoreId> = BTreeSet::new();
    for &u in personal {
        let removed = marks.has(u, GONE);
        if !removed && !marks.has(u, FEEDS) {
            continue;
        }
        let home = model.field(u).store;
        for t in graph.fields.neighbors_directed(node(u.index()), Outgoing) {
            let t = FieldId::new(t.index());
            let store = model.field(t).store;
            if store != home && (removed || marks.has(t, GONE)) {
                lost.insert(store);
            }
        }
    }
    let abroad =
        lost.iter().any(|s| model.store(*s).location.iter().any(|c| !tables::is_eea(&c.value)));
    (lost.into_iter().map(|s| model.store(s).id.clone()).collect(), abroad)
}

/// What the removal does to each field, as bits: the purpose loops ask for every field a
/// purpose uses.
struct Marks(Vec<u8>);

/// A removed field.
const GONE: u8 = 1;
/// A field downstream left without a source.
const UNSOURCED: u8 = 2;
/// A field upstream of a removed one: its data is copied into removed fields.
const UP: u8 = 4;
/// A field whose data enters the map in a removed field (downstream of a removed origin).
const FROM_ORIGIN: u8 = 8;
/// A field that feeds a removed one directly.
const FEEDS: u8 = 16;

impl Marks {
    fn set(&mut self, f: FieldId, mark: u8) {
        self.0[f.index()] |= mark;
    }

    /// Whether the field has any of the marks of `mask`.
    fn has(&self, f: FieldId, mask: u8) -> bool {
        self.0[f.index()] & mask != 0
    }
}

#[cfg(test)]
mod tests;

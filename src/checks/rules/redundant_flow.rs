//! `redundant-flow`: a flow whose fields already arrive by another flow (duplicate) or by a
//! path of two or more other flows (bypass).

use std::collections::VecDeque;

use crate::hash::{Map as HashMap, Set as HashSet};

use petgraph::Direction::Incoming;
use petgraph::algo::tarjan_scc;
use petgraph::visit::EdgeRef;

use crate::checks::Context;
use crate::diag::{Entity, EntityKind, Finding, t};
use crate::graph::node;
use crate::manifest::enums::Direction;
use crate::model::{FieldId, FlowId, Model, StoreId};
use crate::rules::redundant_flow::RULE;

/// Above this many store components, bit sets would take too much memory: bypasses are not
/// searched (duplicates still are).
const MAX_COMPONENTS_FOR_BYPASS: usize = 30_000;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let duplicates = duplicates(cx, out);
    if let Some(reach) = StoreReach::new(cx) {
        bypasses(cx, &reach, &duplicates, out);
    }
}

/// The carried field pairs of a flow, both ways for a synchronisation.
fn carried_pairs(model: &Model, flow: FlowId) -> HashSet<(FieldId, FieldId)> {
    let f = model.flow(flow);
    let mut pairs: HashSet<(FieldId, FieldId)> =
        f.fields.iter().map(|c| (c.source, c.target)).collect();
    if f.direction == Direction::Both {
        pairs.extend(f.fields.iter().map(|c| (c.target, c.source)));
    }
    pairs
}

/// Reports duplicates; returns the flows reported.
fn duplicates(cx: &Context<'_>, out: &mut Vec<Finding>) -> HashSet<FlowId> {
    let model = cx.model;
    let mut groups: HashMap<(StoreId, StoreId), Vec<FlowId>> = HashMap::default();
    for id in model.flow_ids() {
        let f = model.flow(id);
        if !f.fields.is_empty() {
            groups.entry((f.from.min(f.to), f.from.max(f.to))).or_default().push(id);
        }
    }
    let mut reported = HashSet::default();
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        let group = &groups[&key];
        if group.len() < 2 {
            continue;
        }
        let pairs: Vec<HashSet<(FieldId, FieldId)>> =
            group.iter().map(|f| carried_pairs(model, *f)).collect();
        let mut carriers: HashMap<(FieldId, FieldId), Vec<usize>> = HashMap::default();
        for (i, set) in pairs.iter().enumerate() {
            #[expect(
                clippy::iter_over_hash_type,
                reason = "each list gets `i` once, in order of `i`, whatever the set's order"
            )]
            for pair in set {
                carriers.entry(*pair).or_default().push(i);
            }
        }
        for (i, flow) in group.iter().enumerate() {
            // Only flows carrying the rarest pair of this one can cover it.
            let rarest = pairs[i]
                .iter()
                .min_by_key(|p| (carriers[p].len(), **p))
                .expect("a flow with fields");
            let cover = carriers[rarest].iter().copied().filter(|&j| j != i).find(|&j| {
                let (mine, theirs) = (&pairs[i], &pairs[j]);
                mine.is_subset(theirs)
                    && (mine.len() < theirs.len() || model.flow(group[j]).id < model.flow(*flow).id)
            });
            if let Some(j) = cover {
                reported.insert(*flow);
                out.push(duplicate_finding(model, *flow, group[j]));
            }
        }
    }
    reported
}

fn duplicate_finding(model: &Model, flow: FlowId, cover: FlowId) -> Finding {
    let (f, g) = (model.flow(flow), model.flow(cover));
    Finding::new(
        RULE.name,
        t!("flow '{}' is a duplicate: flow '{}' already carries every field it carries between the same stores", "le flux '{}' est un doublon : le flux '{}' transporte déjà tous ses champs entre les mêmes outils", f.id, g.id),
    )
    .entity(Entity::new(EntityKind::Flow, f.id.as_str()))
    .at(f.span, t!("duplicate", "doublon"))
    .related(g.span, t!("flow '{}' carries the same fields", "le flux '{}' transporte les mêmes champs", g.id))
    .help(t!("remove '{}', or merge what is different into '{}'", "supprimez '{}', ou fusionnez ce qui diffère dans '{}'", f.id, g.id))
}

/// Which stores can reach which, through flows, as bit sets over strongly connected
/// components of the store graph.
struct StoreReach {
    component: Vec<usize>,
    /// `reach[c]` holds the components reachable from `c` by one flow or more.
    reach: Vec<Vec<u64>>,
}

impl StoreReach {
    fn new(cx: &Context<'_>) -> Option<StoreReach> {
        let graph = &cx.graph.stores;
        // Tarjan lists components sinks first, so successors are complete when a component
        // is reached.
        let sccs = tarjan_scc(graph);
        if sccs.len() > MAX_COMPONENTS_FOR_BYPASS {
            return None;
        }
        let mut component = vec![0; graph.node_count()];
        for (c, members) in sccs.iter().enumerate() {
            for n in members {
                component[n.index()] = c;
            }
        }
        let words = sccs.len().div_ceil(64);
        let mut reach = vec![vec![0u64; words]; sccs.len()];
        for (c, members) in sccs.iter().enumerate() {
            let mut bits = vec![0u64; words];
            for n in members {
                for m in graph.neighbors(*n) {
                    let d = component[m.index()];
                    if d == c {
                        bits[c / 64] |= 1 << (c % 64); // a cycle: the component reaches itself
                    } else {
                        bits[d / 64] |= 1 << (d % 64);
                        for (w, r) in bits.iter_mut().zip(&reach[d]) {
                            *w |= r;
                        }
                    }
                }
            }
            reach[c] = bits;
        }
        Some(StoreReach { component, reach })
    }

    /// Whether `a` reaches `b` by one flow or more.
    fn reaches(&self, a: StoreId, b: StoreId) -> bool {
        let (ca, cb) = (self.component[a.index()], self.component[b.index()]);
        self.reach[ca][cb / 64] & (1 << (cb % 64)) != 0
    }
}

fn bypasses(cx: &Context<'_>, reach: &StoreReach, skip: &HashSet<FlowId>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let mut scratch = Scratch::new(model.fields.len());
    for id in model.flow_ids() {
        let flow = model.flow(id);
        if skip.contains(&id) || flow.fields.is_empty() || flow.from == flow.to {
            continue;
        }
        let (a, b) = (flow.from, flow.to);
        // Store level first: a first hop to some other store that reaches `b`.
        let other_route = cx
            .graph
            .stores
            .edges(node(a.index()))
            .filter(|e| e.weight().flow != id)
            .map(|e| StoreId::new(e.target().index()))
            .any(|x| x != a && x != b && reach.reaches(x, b));
        if !other_route {
            continue;
        }
        let between = |s: StoreId| s == b || (s != a && reach.reaches(s, b));
        // Cheap necessary conditions, for every field before any search: another flow
        // leaves the source field towards a store in between, and another flow brings the
        // target field its data from one. On a map without bypasses this rejects almost
        // every flow at the cost of looking at a few edges.
        let graph = &cx.graph.fields;
        let possible = flow.fields.iter().all(|c| {
            let leaves = graph.edges(node(c.source.index())).any(|e| {
                let t = FieldId::new(e.target().index());
                e.weight().flow != id && t != c.target && between(model.field(t).store)
            });
            let arrives = graph.edges_directed(node(c.target.index()), Incoming).any(|e| {
                let s = model.field(FieldId::new(e.source().index())).store;
                e.weight().flow != id && s != a && between(s)
            });
            leaves && arrives
        });
        if !possible {
            continue;
        }
        let mut first_path = None;
        let all_bypassed = flow.fields.iter().all(|c| {
            match detour(cx, &mut scratch, id, c.source, c.target, &between) {
                Some(path) => {
                    first_path.get_or_insert(path);
                    true
                }
                None => false,
            }
        });
        if let (true, Some(path)) = (all_bypassed, first_path) {
            out.push(bypass_finding(model, id, &path));
        }
    }
}

/// Reusable memory for the searches of `detour`: a stamp per field instead of a map, so that
/// each of the many searches costs what it visits, without hashing or clearing.
struct Scratch {
    stamp: u32,
    seen: Vec<u32>,
    parent: Vec<(FieldId, FlowId)>,
    queue: VecDeque<FieldId>,
    next: Vec<(FieldId, FlowId)>,
}

impl Scratch {
    fn new(fields: usize) -> Scratch {
        Scratch {
            stamp: 0,
            seen: vec![0; fields],
            parent: vec![(FieldId::new(0), FlowId::new(0)); fields],
            queue: VecDeque::new(),
            next: Vec::new(),
        }
    }

    /// Starts a search: every field is unseen again.
    fn reset(&mut self) {
        self.stamp += 1;
        self.queue.clear();
    }

    /// Marks a field seen with its parent step; false when it was seen already.
    fn visit(&mut self, field: FieldId, from: FieldId, via: FlowId) -> bool {
        if self.seen[field.index()] == self.stamp {
            return false;
        }
        self.seen[field.index()] = self.stamp;
        self.parent[field.index()] = (from, via);
        true
    }
}

/// A path of two or more flows other than `flow` from `source` to `target`, visiting only
/// fields of stores for which `between` holds: the flows of each step.
fn detour(
    cx: &Context<'_>,
    scratch: &mut Scratch,
    flow: FlowId,
    source: FieldId,
    target: FieldId,
    between: &dyn Fn(StoreId) -> bool,
) -> Option<Vec<FlowId>> {
    let model = cx.model;
    let graph = &cx.graph.fields;
    scratch.reset();
    scratch.seen[source.index()] = scratch.stamp;
    let mut current = source;
    loop {
        // Steps in a fixed order (flow, then field) so that the path shown is stable.
        scratch.next.clear();
        scratch.next.extend(
            graph
                .edges(node(current.index()))
                .filter(|e| e.weight().flow != flow)
                .map(|e| (FieldId::new(e.target().index()), e.weight().flow)),
        );
        scratch.next.sort_unstable_by_key(|(t, via)| (*via, *t));
        for k in 0..scratch.next.len() {
            let (t, via) = scratch.next[k];
            // The first hop must not land on the target: that would be a path of one flow.
            if (current == source && t == target) || !between(model.field(t).store) {
                continue;
            }
            if !scratch.visit(t, current, via) {
                continue;
            }
            if t == target {
                let mut flows = Vec::new();
                let mut cur = t;
                while cur != source {
                    let (prev, step) = scratch.parent[cur.index()];
                    flows.push(step);
                    cur = prev;
                }
                flows.reverse();
                return Some(flows);
            }
            scratch.queue.push_back(t);
        }
        current = scratch.queue.pop_front()?;
    }
}

fn bypass_finding(model: &Model, flow: FlowId, path: &[FlowId]) -> Finding {
    let f = model.flow(flow);
    let mut stores = vec![model.store(f.from).id.as_str()];
    for step in path {
        let s = model.flow(*step);
        // A synchronisation may be walked backwards: name the store actually reached.
        let last = *stores.last().expect("a start");
        let next = if model.store(s.from).id == last {
            &model.store(s.to).id
        } else {
            &model.store(s.from).id
        };
        stores.push(next.as_str());
    }
    let names: Vec<String> = path.iter().map(|p| format!("'{}'", model.flow(*p).id)).collect();
    let mut finding = Finding::new(
        RULE.name,
        t!(
            "flow '{}' is bypassed: every field it carries also reaches '{}' through {} (flows {})", "le flux '{}' est contourné : chaque champ qu'il transporte atteint aussi '{}' par {} (flux {})",
            f.id,
            model.store(f.to).id,
            stores.join(" → "),
            names.join(", ")
        ),
    )
    .entity(Entity::new(EntityKind::Flow, f.id.as_str()))
    .at(f.span, t!("bypassed", "contourné"));
    for step in path {
        let s = model.flow(*step);
        finding = finding.related(s.span, t!("flow '{}'", "flux '{}'", s.id));
    }
    finding.help(t!(
        "remove '{}', or the longer route if this one is the right one",
        "supprimez '{}', ou le chemin le plus long si celui-ci est le bon",
        f.id
    ))
}

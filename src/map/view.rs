//! Which nodes and edges a map shows: the whole system, a store's neighbourhood, what a
//! purpose relies on, a field's lineage, a subject's or a team's data. Flows between two
//! nodes are drawn once, with the number of fields they carry.

use std::collections::{BTreeMap, BTreeSet};

use crate::checks::facts;
use crate::diag::{EntityKind, Level, Report};
use crate::graph::LineageGraph;
use crate::manifest::enums::{Direction, Language, StoreStatus};
use crate::model::{FieldId, FlowId, Model, PurposeId, StoreId, SubjectId, TeamId};
use crate::vocab::tables;
use crate::words::map::{self as i18n, Text};

/// What to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    System,
    Focus {
        store: StoreId,
        depth: usize,
    },
    Purpose(PurposeId),
    Field(FieldId),
    Subject(SubjectId),
    Team(TeamId),
    /// A domain's stores and the flows in and out of them, by the domain's index in
    /// `Model::domains`; the stores at the other end are collapsed into one box per domain
    /// by `overview::when_large`.
    Domain(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    Store,
    Field,
    Purpose,
    /// A domain's stores in one box, in the overview of a large map.
    Group,
}

impl NodeKind {
    /// The `class` of the node's group in the SVG.
    pub fn class(self) -> &'static str {
        match self {
            NodeKind::Store => "store",
            NodeKind::Field => "field",
            NodeKind::Purpose => "purpose",
            NodeKind::Group => "group",
        }
    }
}

/// A small badge in a node.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    Referential,
    Personal,
    Special,
    External,
    /// `kind: application`: it processes what flows through it and stores nothing.
    Application,
    OutsideEea(String),
    Legacy,
    Retired,
    /// `orphan-store`, with `--findings`.
    Isolated,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// `data-id`: a store id, `store.field`, or `purpose:<id>`.
    pub id: String,
    pub kind: NodeKind,
    pub title: String,
    pub subtitle: String,
    pub domain: Option<String>,
    /// The zone declared for it (`zone:`, or its domain's zone in `zones:`).
    pub zone: Option<String>,
    pub marks: Vec<Mark>,
    pub tooltip: String,
    /// Context around the selection, drawn lighter.
    pub dimmed: bool,
    /// Where the box links to (a domain's box in the overview: its focused map), relative
    /// to the map's own file.
    pub link: Option<String>,
}

/// How an edge is drawn; with `--findings`, the worst problem among its flows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeStyle {
    Flow,
    /// From a store to a purpose that uses its fields.
    Uses,
    Unused,
    Redundant,
    UnsafeTransfer,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The flows drawn by this edge, by id.
    pub flows: Vec<String>,
    /// Distinct fields carried (a synchronised field counts once).
    pub fields: usize,
    /// Data goes both ways: heads at both ends.
    pub both: bool,
    pub style: EdgeStyle,
    pub label: String,
    pub tooltip: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub title: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Every domain drawn, sorted: the legend lists them.
    pub domains: Vec<String>,
    /// Every domain of the map, sorted: colours follow this order, so that a domain has the
    /// same colour in every view of one map.
    pub palette: Vec<String>,
    /// The zones of `zones:` in datacarto.yaml, left to right; empty when the map declares
    /// none (then the layout chooses zones from the graph: `zones`).
    pub zones: Vec<String>,
    /// With `--findings`: every finding about something drawn, as numbered callouts.
    pub callouts: Vec<Callout>,
    pub language: Language,
}

/// A numbered mark on a node or a line, standing for the findings about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Callout {
    pub number: usize,
    pub target: Target,
    /// `(rule, message)` of each finding, in the report's order.
    pub findings: Vec<(String, String)>,
    /// The most serious level among them (`data-level`: the interactive map's findings
    /// toggle and styles read it).
    pub level: Level,
}

/// What a callout marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Node(usize),
    Edge(usize),
}

/// What a view needs to read; one serves any number of views (the site draws thousands).
pub struct Sources<'a> {
    pub model: &'a Model,
    pub graph: &'a LineageGraph,
    /// Present with `--findings`.
    pub report: Option<&'a Report>,
    pub language: Language,
    /// The findings that mark flows and stores, sorted out of the report once.
    marks: FlowMarks,
}

impl<'a> Sources<'a> {
    pub fn new(
        model: &'a Model,
        graph: &'a LineageGraph,
        report: Option<&'a Report>,
        language: Language,
    ) -> Sources<'a> {
        Sources { model, graph, report, language, marks: flow_marks(report) }
    }
}

/// Flows and stores with the findings a map shows on them.
#[derive(Default)]
struct FlowMarks {
    unused: BTreeSet<String>,
    redundant: BTreeSet<String>,
    unsafe_transfer: BTreeSet<String>,
    isolated: BTreeSet<String>,
}

fn flow_marks(report: Option<&Report>) -> FlowMarks {
    let mut marks = FlowMarks::default();
    for f in report.map(|r| r.findings.as_slice()).unwrap_or_default() {
        let Some(entity) = &f.entity else { continue };
        let set = match (f.rule, entity.kind) {
            ("unused-flow", EntityKind::Flow) => &mut marks.unused,
            ("redundant-flow", EntityKind::Flow) => &mut marks.redundant,
            ("transfer-without-safeguard", EntityKind::Flow) => &mut marks.unsafe_transfer,
            ("orphan-store", EntityKind::Store) => &mut marks.isolated,
            _ => continue,
        };
        set.insert(entity.path.clone());
    }
    marks
}

/// Builds the view of `selection`.
pub fn build(src: &Sources<'_>, selection: Selection) -> View {
    let model = src.model;
    let lang = src.language;
    let marks = &src.marks;
    let mut b =
        Builder { src, marks, nodes: Vec::new(), index: BTreeMap::new(), pairs: BTreeMap::new() };
    let title = match selection {
        Selection::System => {
            for s in model.store_ids() {
                b.store(s, false);
            }
            b.flows(model.flow_ids(), |_| true);
            system_title(model, lang)
        }
        Selection::Focus { store, depth } => {
            let inner = neighbourhood(src.graph, store, depth);
            for s in &inner {
                b.store(*s, *s != store);
            }
            // The flows between the stores shown, from the store graph's edges rather than a
            // pass over every flow of the map (the site draws one such view per store).
            let mut flows: Vec<FlowId> = inner
                .iter()
                .flat_map(|s| src.graph.stores.edges(crate::graph::node(s.index())))
                .filter(|e| {
                    use petgraph::visit::EdgeRef;
                    !e.weight().reverse && inner.contains(&StoreId::new(e.target().index()))
                })
                .map(|e| e.weight().flow)
                .collect();
            flows.sort_unstable();
            flows.dedup();
            b.flows(flows.into_iter(), |_| true);
            format!(
                "{} — {} ({} {depth})",
                i18n::t(Text::Focus, lang),
                model.store(store).name,
                i18n::t(Text::Depth, lang)
            )
        }
        Selection::Team(team) => {
            b.owned(model.store_ids().filter(|s| model.store(*s).owner == Some(team)).collect());
            format!("{} — {}", i18n::t(Text::Team, lang), model.team(team).name)
        }
        Selection::Domain(d) => {
            let name = model.domains().get(d).map_or("", String::as_str);
            b.owned(
                model
                    .store_ids()
                    .filter(|s| model.store(*s).domain.as_deref() == Some(name))
                    .collect(),
            );
            format!("{} — {name}", i18n::t(Text::DomainView, lang))
        }
        Selection::Purpose(p) => {
            b.purposes(&[p]);
            format!("{} — {}", i18n::t(Text::Purpose, lang), model.purpose(p).name)
        }
        Selection::Subject(s) => {
            let purposes: Vec<PurposeId> =
                model.purpose_ids().filter(|p| model.purpose(*p).subjects.contains(&s)).collect();
            b.purposes(&purposes);
            let name = tables::subject_label(&model.subject(s).id)
                .map_or(model.subject(s).name.clone(), |l| l.get(lang).to_owned());
            format!("{} — {name}", i18n::t(Text::Subject, lang))
        }
        Selection::Field(field) => {
            b.field_lineage(field);
            format!("{} {}", i18n::t(Text::FieldLineage, lang), model.field_path(field))
        }
    };
    b.finish(title)
}

fn system_title(model: &Model, lang: Language) -> String {
    let system = i18n::t(Text::System, lang);
    match model.organization.as_ref().and_then(|o| o.value.name.as_deref()) {
        Some(name) => format!("{name} — {system}"),
        None => system.to_owned(),
    }
}

/// Stores within `depth` flows of `store`, either way.
pub fn neighbourhood(graph: &LineageGraph, store: StoreId, depth: usize) -> BTreeSet<StoreId> {
    let mut seen = BTreeSet::from([store]);
    let mut frontier = vec![store];
    for _ in 0..depth {
        let mut next = Vec::new();
        for s in frontier {
            let n = crate::graph::node(s.index());
            for dir in [petgraph::Direction::Incoming, petgraph::Direction::Outgoing] {
                for m in graph.stores.neighbors_directed(n, dir) {
                    let id = StoreId::new(m.index());
                    if seen.insert(id) {
                        next.push(id);
                    }
                }
            }
        }
        frontier = next;
    }
    seen
}

struct Builder<'s, 'a> {
    src: &'s Sources<'a>,
    marks: &'s FlowMarks,
    nodes: Vec<Node>,
    index: BTreeMap<String, usize>,
    /// Carried pairs per ordered node pair: (from node, to node) → flows and field pairs.
    pairs: BTreeMap<(usize, usize), PairData>,
}

#[derive(Default)]
struct PairData {
    flows: BTreeSet<String>,
    /// Field pairs, smaller id first, so that a synchronised field counts once.
    fields: BTreeSet<(FieldId, FieldId)>,
    /// The same, by flow: a pair's synchronisations and one-way flows are drawn apart.
    by_flow: BTreeMap<String, BTreeSet<(FieldId, FieldId)>>,
    uses: bool,
}

impl PairData {
    /// The part of this direction carried by the flows `keep` accepts.
    fn only(&self, keep: impl Fn(&str) -> bool) -> PairData {
        let flows: BTreeSet<String> = self.flows.iter().filter(|f| keep(f)).cloned().collect();
        let by_flow: BTreeMap<String, BTreeSet<(FieldId, FieldId)>> = self
            .by_flow
            .iter()
            .filter(|(f, _)| keep(f))
            .map(|(f, pairs)| (f.clone(), pairs.clone()))
            .collect();
        let fields = by_flow.values().flatten().copied().collect();
        PairData { flows, fields, by_flow, uses: false }
    }
}

impl Builder<'_, '_> {
    fn node(&mut self, node: Node) -> usize {
        if let Some(&i) = self.index.get(&node.id) {
            // A node seen as context and then as part of the selection is not dimmed.
            self.nodes[i].dimmed &= node.dimmed;
            return i;
        }
        self.index.insert(node.id.clone(), self.nodes.len());
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn store(&mut self, id: StoreId, dimmed: bool) -> usize {
        let model = self.src.model;
        let lang = self.src.language;
        let s = model.store(id);
        let mut marks = Vec::new();
        if s.referential {
            marks.push(Mark::Referential);
        }
        // An application holds nothing: its badge says so instead of "holds personal data";
        // what passes through it is on its flows.
        if s.is_application() {
            marks.push(Mark::Application);
        } else {
            if facts::holds_personal(model, id) {
                marks.push(Mark::Personal);
            }
            if model.fields_of(id).any(|f| model.field(f).special.is_some()) {
                marks.push(Mark::Special);
            }
        }
        if s.external {
            marks.push(Mark::External);
        }
        let outside = facts::outside_eea(model, id);
        if !outside.is_empty() {
            marks.push(Mark::OutsideEea(outside.join(" ")));
        }
        match s.status {
            StoreStatus::Legacy => marks.push(Mark::Legacy),
            StoreStatus::Retired => marks.push(Mark::Retired),
            _ => {}
        }
        if self.marks.isolated.contains(&s.id) {
            marks.push(Mark::Isolated);
        }
        let kind = s.kind.map(|k| {
            tables::gdpr_term("store_kind", k.as_str()).map_or(k.as_str(), |t| t.label.get(lang))
        });
        let owner = s.owner.map(|t| model.team(t).name.as_str());
        let subtitle = [kind, owner].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        let mut tooltip = format!("{} ({})", s.name, s.id);
        if let Some(d) = &s.description {
            tooltip.push('\n');
            tooltip.push_str(d);
        }
        let fields = s.fields.len();
        tooltip.push_str(&format!("\n{fields} {}", i18n::plural(Text::Field, fields, lang)));
        self.node(Node {
            id: s.id.clone(),
            kind: NodeKind::Store,
            title: s.name.clone(),
            subtitle,
            domain: s.domain.clone(),
            zone: s.zone.clone(),
            marks,
            tooltip,
            dimmed,
            link: None,
        })
    }

    fn field(&mut self, id: FieldId) -> usize {
        let model = self.src.model;
        let f = model.field(id);
        let s = model.store(f.store);
        let mut marks = Vec::new();
        if f.personal {
            marks.push(Mark::Personal);
        }
        if f.special.is_some() {
            marks.push(Mark::Special);
        }
        let outside = facts::outside_eea(model, f.store);
        if !outside.is_empty() {
            marks.push(Mark::OutsideEea(outside.join(" ")));
        }
        let mut tooltip = format!("{} ({})", f.name, model.field_path(id));
        if let Some(c) = &f.category {
            tooltip.push_str(&format!("\n{}", c.value));
        }
        // The workshop asks where the data goes: the store first, the field beneath.
        self.node(Node {
            id: model.field_path(id),
            kind: NodeKind::Field,
            title: s.name.clone(),
            subtitle: f.name.clone(),
            domain: s.domain.clone(),
            zone: s.zone.clone(),
            marks,
            tooltip,
            dimmed: false,
            link: None,
        })
    }

    fn purpose(&mut self, id: PurposeId) -> usize {
        let model = self.src.model;
        let lang = self.src.language;
        let p = model.purpose(id);
        let subtitle = p
            .legal_basis
            .as_ref()
            .and_then(|b| tables::gdpr_term("legal_basis", b.value.as_str()))
            .map_or_else(
                || i18n::t(Text::PurposeWord, lang).to_owned(),
                |t| t.label.get(lang).to_owned(),
            );
        let mut tooltip = format!("{} ({})", p.name, p.id);
        if let Some(d) = &p.description {
            tooltip.push('\n');
            tooltip.push_str(d);
        }
        self.node(Node {
            id: format!("purpose:{}", p.id),
            kind: NodeKind::Purpose,
            title: p.name.clone(),
            subtitle,
            domain: None,
            zone: None,
            marks: Vec::new(),
            tooltip,
            dimmed: false,
            link: None,
        })
    }

    /// `own` stores, the flows in and out of them, and the stores at their other end,
    /// drawn lighter.
    fn owned(&mut self, own: BTreeSet<StoreId>) {
        let model = self.src.model;
        let touching: Vec<FlowId> = model
            .flow_ids()
            .filter(|f| own.contains(&model.flow(*f).from) || own.contains(&model.flow(*f).to))
            .collect();
        let mut all = own.clone();
        for f in &touching {
            all.insert(model.flow(*f).from);
            all.insert(model.flow(*f).to);
        }
        for s in &all {
            self.store(*s, !own.contains(s));
        }
        self.flows(touching.into_iter(), |_| true);
    }

    /// Adds the flows accepted by `keep`, between stores already drawn.
    fn flows(&mut self, flows: impl Iterator<Item = FlowId>, keep: impl Fn(FlowId) -> bool) {
        let model = self.src.model;
        for id in flows {
            if !keep(id) {
                continue;
            }
            let flow = model.flow(id);
            let (Some(&a), Some(&b)) = (
                self.index.get(&model.store(flow.from).id),
                self.index.get(&model.store(flow.to).id),
            ) else {
                continue;
            };
            if a == b {
                continue; // a store feeding itself: not drawn
            }
            let both = flow.direction == Direction::Both;
            for c in &flow.fields {
                self.carry(a, b, &flow.id, c.source, c.target);
                if both {
                    self.carry(b, a, &flow.id, c.target, c.source);
                }
            }
            if flow.fields.is_empty() {
                // What it carries is not stated, but it still goes from its source to its
                // destination (and back, for a synchronisation).
                self.pairs.entry((a, b)).or_default().flows.insert(flow.id.clone());
                if both {
                    self.pairs.entry((b, a)).or_default().flows.insert(flow.id.clone());
                }
            }
        }
    }

    fn carry(&mut self, a: usize, b: usize, flow: &str, source: FieldId, target: FieldId) {
        let data = self.pairs.entry((a, b)).or_default();
        data.flows.insert(flow.to_owned());
        let pair = (source.min(target), source.max(target));
        data.fields.insert(pair);
        data.by_flow.entry(flow.to_owned()).or_default().insert(pair);
    }

    /// What purposes rely on: the stores holding their fields and everything upstream,
    /// the flows carrying that data, and the purposes themselves at the end.
    fn purposes(&mut self, purposes: &[PurposeId]) {
        let (model, graph) = (self.src.model, self.src.graph);
        let used: Vec<FieldId> =
            purposes.iter().flat_map(|p| model.purpose(*p).uses.iter().copied()).collect();
        let fields: BTreeSet<FieldId> = graph.upstream_of(&used).into_iter().collect();
        let stores: BTreeSet<StoreId> = fields.iter().map(|f| model.field(*f).store).collect();
        for s in &stores {
            self.store(*s, false);
        }
        self.carried_within(&fields, |builder, s| builder.index[&model.store(s).id]);
        for p in purposes {
            let target = self.purpose(*p);
            let used: BTreeSet<StoreId> =
                model.purpose(*p).uses.iter().map(|f| model.field(*f).store).collect();
            for s in used {
                let from = self.index[&model.store(s).id];
                self.pairs.entry((from, target)).or_default().uses = true;
            }
        }
    }

    /// The lineage of one field, upstream and downstream, field by field, and the purposes
    /// using any of them.
    fn field_lineage(&mut self, field: FieldId) {
        let (model, graph) = (self.src.model, self.src.graph);
        let mut fields: BTreeSet<FieldId> = BTreeSet::from([field]);
        fields.extend(graph.upstream(field, None).into_iter().map(|r| r.field));
        fields.extend(graph.downstream(field, None).into_iter().map(|r| r.field));
        for f in &fields {
            self.field(*f);
        }
        for f in &fields {
            let from = self.index[&model.field_path(*f)];
            for e in graph.fields.edges(crate::graph::node(f.index())) {
                use petgraph::visit::EdgeRef;
                let t = FieldId::new(e.target().index());
                let Some(&to) = self.index.get(&model.field_path(t)) else { continue };
                self.carry(from, to, &model.flow(e.weight().flow).id, *f, t);
            }
        }
        let mut purposes: BTreeSet<PurposeId> = BTreeSet::new();
        for f in &fields {
            purposes.extend(graph.purposes_using(*f).iter().copied());
        }
        for p in purposes {
            let target = self.purpose(p);
            for f in &model.purpose(p).uses {
                if let Some(&from) = self.index.get(&model.field_path(*f)) {
                    self.pairs.entry((from, target)).or_default().uses = true;
                }
            }
        }
    }

    /// Flows carrying data between fields of `fields`, drawn between the nodes `node_of`
    /// gives for their stores: from the field graph's edges leaving those fields (a
    /// synchronisation's reverse edges give its other direction), not a pass over every
    /// flow of the map.
    fn carried_within(
        &mut self,
        fields: &BTreeSet<FieldId>,
        node_of: impl Fn(&Self, StoreId) -> usize,
    ) {
        use petgraph::visit::EdgeRef;
        let (model, graph) = (self.src.model, self.src.graph);
        for &f in fields {
            for e in graph.fields.edges(crate::graph::node(f.index())) {
                let t = FieldId::new(e.target().index());
                let flow = model.flow(e.weight().flow);
                if flow.from == flow.to || !fields.contains(&t) {
                    continue;
                }
                let (a, b) =
                    (node_of(self, model.field(f).store), node_of(self, model.field(t).store));
                self.carry(a, b, &flow.id, f, t);
            }
        }
    }

    /// Merges the two directions of each pair into one edge and orders everything. A
    /// synchronisation is one line with a head at each end; flows that go each their own way
    /// between two stores are two lines, one each way, so that the two never read alike.
    fn finish(mut self, title: String) -> View {
        let model = self.src.model;
        let mut merged: BTreeMap<(usize, usize), (PairData, PairData)> = BTreeMap::new();
        for ((a, b), data) in std::mem::take(&mut self.pairs) {
            let key = (a.min(b), a.max(b));
            let entry = merged.entry(key).or_default();
            if a <= b { entry.0 = data } else { entry.1 = data }
        }
        let mut edges = Vec::new();
        for ((a, b), (forward, backward)) in merged {
            let uses = forward.uses || backward.uses;
            // Draw in the direction most of the data goes; data entering left, used right.
            // A direction weighs its fields, then whether a flow goes that way at all: a flow
            // that declares no field is still drawn from its source to its destination.
            let weight = |d: &PairData| (d.fields.len(), !d.flows.is_empty());
            let (from, to, main, other) =
                if weight(&forward) >= weight(&backward) && (forward.uses || !backward.uses) {
                    (a, b, forward, backward)
                } else {
                    (b, a, backward, forward)
                };
            let goes = |d: &PairData| !d.fields.is_empty() || !d.flows.is_empty();
            let both = goes(&main) && goes(&other);
            let is_sync = |f: &str| {
                model.flow_by_id(f).is_some_and(|id| model.flow(id).direction == Direction::Both)
            };
            let sync = main.flows.iter().chain(&other.flows).any(|f| is_sync(f));
            if both && !uses {
                // Synchronisations are one line with two heads; one-way flows each way are
                // lines of their own, never merged into the synchronisation's, so that a
                // pair with both reads as both.
                if sync {
                    let (there, back) = (main.only(is_sync), other.only(is_sync));
                    let flows: BTreeSet<String> = there.flows.union(&back.flows).cloned().collect();
                    let fields = there.fields.union(&back.fields).copied().collect();
                    edges.push(self.edge(from, to, &flows, &fields, true, false));
                }
                for (a, b, d) in [(from, to, &main), (to, from, &other)] {
                    let one_way = d.only(|f| !is_sync(f));
                    if goes(&one_way) {
                        edges.push(self.edge(a, b, &one_way.flows, &one_way.fields, false, false));
                    }
                }
                continue;
            }
            let flows: BTreeSet<String> = main.flows.union(&other.flows).cloned().collect();
            let fields: BTreeSet<(FieldId, FieldId)> =
                main.fields.union(&other.fields).copied().collect();
            edges.push(self.edge(from, to, &flows, &fields, both, uses));
        }
        let mut domains: Vec<String> = self.nodes.iter().filter_map(|n| n.domain.clone()).collect();
        domains.sort();
        domains.dedup();
        // Nodes and edges in id order: the same map whatever the order things were met in.
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by(|x, y| {
            (self.nodes[*x].kind, &self.nodes[*x].id)
                .cmp(&(self.nodes[*y].kind, &self.nodes[*y].id))
        });
        let mut position = vec![0; order.len()];
        for (new, old) in order.iter().enumerate() {
            position[*old] = new;
        }
        let nodes: Vec<Node> = order.iter().map(|i| self.nodes[*i].clone()).collect();
        for e in &mut edges {
            e.from = position[e.from];
            e.to = position[e.to];
        }
        edges.sort_by_key(|e| (e.from, e.to));
        let palette = self.src.model.domains().to_vec();
        let mut zones = self.src.model.zones.clone();
        // Zones named on stores but not listed in `zones:` come after the listed ones.
        let mut named: Vec<String> = self
            .src
            .model
            .stores
            .iter()
            .filter_map(|s| s.zone.clone())
            .filter(|z| !zones.contains(z))
            .collect();
        named.sort();
        named.dedup();
        zones.extend(named);
        let callouts = callouts(self.src.report, &nodes, &edges, self.src.language);
        View { title, nodes, edges, domains, palette, zones, callouts, language: self.src.language }
    }

    /// How a field travels along a line of a field view: mechanism · frequency of its flows,
    /// each said "not stated" when the flow does not say it.
    fn how(&self, flows: &[String]) -> String {
        let (model, lang) = (self.src.model, self.src.language);
        let term = |table: &str, id: &str| {
            tables::gdpr_term(table, id)
                .map_or_else(|| id.to_owned(), |t| t.label.get(lang).to_owned())
        };
        let mut ways: Vec<String> = flows
            .iter()
            .filter_map(|f| model.flow_by_id(f))
            .map(|id| {
                let flow = model.flow(id);
                let mechanism = flow.mechanism.map_or_else(
                    || i18n::t(Text::MechanismNotStated, lang).to_owned(),
                    |m| term("mechanism", m.as_str()),
                );
                let frequency = flow.frequency.map_or_else(
                    || i18n::t(Text::FrequencyNotStated, lang).to_owned(),
                    |q| term("frequency", q.as_str()),
                );
                format!("{mechanism} · {frequency}")
            })
            .collect();
        ways.sort();
        ways.dedup();
        if ways.len() > 2 {
            return format!("{} {}", flows.len(), i18n::plural(Text::FlowWord, flows.len(), lang));
        }
        ways.join(" / ")
    }

    /// One line: its style (with `--findings`, the worst problem among its flows), its label
    /// and its tooltip.
    fn edge(
        &self,
        from: usize,
        to: usize,
        flows: &BTreeSet<String>,
        fields: &BTreeSet<(FieldId, FieldId)>,
        both: bool,
        uses: bool,
    ) -> Edge {
        let lang = self.src.language;
        let flows: Vec<String> = flows.iter().cloned().collect();
        // A transfer without safeguard colours the whole edge; a redundant or unused flow
        // among other flows is named in the label, since the edge also stands for them.
        let redundant = flows.iter().filter(|f| self.marks.redundant.contains(*f)).count();
        let all =
            |set: &BTreeSet<String>| !flows.is_empty() && flows.iter().all(|f| set.contains(f));
        let style = if uses {
            EdgeStyle::Uses
        } else if flows.iter().any(|f| self.marks.unsafe_transfer.contains(f)) {
            EdgeStyle::UnsafeTransfer
        } else if all(&self.marks.redundant) {
            EdgeStyle::Redundant
        } else if all(&self.marks.unused) {
            EdgeStyle::Unused
        } else {
            EdgeStyle::Flow
        };
        let fields_only =
            self.nodes[from].kind == NodeKind::Field && self.nodes[to].kind == NodeKind::Field;
        let label = if uses {
            String::new()
        } else if fields_only {
            self.how(&flows)
        } else if redundant > 0 && style != EdgeStyle::Redundant {
            format!(
                "{} {} · {redundant} {}",
                fields.len(),
                i18n::plural(Text::Field, fields.len(), lang),
                i18n::t(Text::RedundantShort, lang)
            )
        } else if fields.is_empty() {
            // Only flows that declare no field: their content is unknown, not empty.
            i18n::t(Text::FieldsNotStated, lang).to_owned()
        } else {
            format!("{} {}", fields.len(), i18n::plural(Text::Field, fields.len(), lang))
        };
        let tooltip = if uses {
            format!("{} → {}", self.nodes[from].title, self.nodes[to].title)
        } else {
            format!(
                "{} → {}\n{}: {}",
                self.nodes[from].title,
                self.nodes[to].title,
                i18n::t(Text::Flows, lang),
                flows.join(", ")
            )
        };
        Edge { from, to, flows, fields: fields.len(), both, style, label, tooltip }
    }
}

/// Every finding about a drawn store, field, purpose or flow, numbered by what it marks
/// (nodes in their order, then lines): a finding about a field of a store drawn whole marks
/// the store.
fn callouts(
    report: Option<&Report>,
    nodes: &[Node],
    edges: &[Edge],
    language: Language,
) -> Vec<Callout> {
    let Some(report) = report else { return Vec::new() };
    let node_of: BTreeMap<&str, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
    let mut edge_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, e) in edges.iter().enumerate() {
        for f in &e.flows {
            edge_of.entry(f.as_str()).or_insert(i);
        }
    }
    let mut found: BTreeMap<Target, (Vec<(String, String)>, Level)> = BTreeMap::new();
    for f in &report.findings {
        let Some(entity) = &f.entity else { continue };
        let path = entity.path.as_str();
        let target = match entity.kind {
            EntityKind::Store => node_of.get(path).map(|&i| Target::Node(i)),
            EntityKind::Field => node_of
                .get(path)
                .or_else(|| path.split_once('.').and_then(|(store, _)| node_of.get(store)))
                .map(|&i| Target::Node(i)),
            EntityKind::Purpose => {
                node_of.get(format!("purpose:{path}").as_str()).map(|&i| Target::Node(i))
            }
            EntityKind::Flow => edge_of.get(path).map(|&i| Target::Edge(i)),
            _ => None,
        };
        if let Some(target) = target {
            let (list, level) = found.entry(target).or_insert((Vec::new(), f.level));
            list.push((f.rule.to_owned(), f.message.get(language).to_owned()));
            *level = (*level).max(f.level);
        }
    }
    found
        .into_iter()
        .enumerate()
        .map(|(k, (target, (findings, level)))| Callout { number: k + 1, target, findings, level })
        .collect()
}

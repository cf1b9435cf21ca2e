//! The lineage definitions of rules.md on small maps, and their invariants on random ones.

use proptest::prelude::*;

use super::*;
use crate::load::load_from_memory;
use crate::model::FieldOrigin;
use crate::model::resolve::resolve;

fn compile(yaml: &str) -> (Model, LineageGraph) {
    let loaded = load_from_memory(&[("map.yaml", yaml)]);
    assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
    let (model, findings) = resolve(loaded.manifests, &loaded.project, None);
    assert!(findings.is_empty(), "{findings:#?}");
    let graph = LineageGraph::build(&model);
    (model, graph)
}

fn f(model: &Model, path: &str) -> FieldId {
    model.field_by_path(path).unwrap_or_else(|| panic!("no field {path}"))
}

fn paths(model: &Model, fields: impl IntoIterator<Item = FieldId>) -> Vec<String> {
    fields.into_iter().map(|id| model.field_path(id)).collect()
}

const CHAIN: &str = "
stores:
  - id: a
    fields: [{id: x}, {id: y}, {id: unused}]
  - id: b
  - id: c
    fields: [{id: x}]
  - id: d
    fields: [{id: z}]
  - id: e
    fields: [{id: y}]
flows:
  - {id: ab, from: a, to: b, fields: [x]}
  - {id: bc, from: b, to: c, fields: [x]}
  - {id: cd, from: c, to: d, fields: [{x: z}]}
  - {id: ae, from: a, to: e, fields: [y], direction: both}
  - {id: shortcut, from: a, to: c, fields: [x]}
purposes:
  - {id: report, uses: [d.z]}
  - {id: old, uses: [a.unused], status: retired}
";

/// The flows touching a store: those leaving and those reaching it, each once, in id order.
#[test]
fn flows_touching_a_store() {
    let (model, graph) = compile(CHAIN);
    let ids = |store: &str| -> Vec<&str> {
        let s = model.store_by_id(store).unwrap();
        graph.flows_touching(s).into_iter().map(|f| model.flow(f).id.as_str()).collect()
    };
    assert_eq!(ids("a"), ["ab", "ae", "shortcut"]);
    assert_eq!(ids("c"), ["bc", "cd", "shortcut"]);
    assert_eq!(ids("e"), ["ae"], "a synchronisation is listed once");
}

/// A field is used when an active purpose lists it; retired purposes do not count.
#[test]
fn used_means_an_active_purpose_uses_it() {
    let (model, graph) = compile(CHAIN);
    let used: Vec<String> = paths(&model, model.field_ids().filter(|id| graph.is_used(*id)));
    assert_eq!(used, ["d.z"]);
    assert!(graph.purposes_using(f(&model, "a.unused")).is_empty());
}

/// Useful: used, or feeding a useful field through any number of stores.
#[test]
fn useful_flows_upstream_from_uses() {
    let (model, graph) = compile(CHAIN);
    let mut useful: Vec<String> =
        paths(&model, model.field_ids().filter(|id| graph.is_useful(*id)));
    useful.sort();
    assert_eq!(useful, ["a.x", "b.x", "c.x", "d.z"]);
    let ae = model.flow_by_id("ae").unwrap();
    assert!(!graph.is_flow_useful(&model, ae));
    assert!(graph.is_flow_useful(&model, model.flow_by_id("shortcut").unwrap()));
}

/// What a flow delivers to an outside recipient named by an active purpose is disclosed,
/// hence useful, and so is what feeds it; an unnamed recipient, or a named store run in
/// house, discloses nothing.
#[test]
fn disclosure_to_a_named_outside_recipient_is_useful() {
    let yaml = "stores:
  - id: crm
    fields: [{id: name}, {id: health}]
  - id: insurer
    external: true
  - id: broker
    external: true
  - id: archive
flows:
  - {id: to-insurer, from: crm, to: insurer, fields: [name, health]}
  - {id: to-broker, from: crm, to: broker, fields: [name]}
  - {id: to-archive, from: crm, to: archive, fields: [name]}
purposes:
  - {id: brokerage, uses: [], recipients: [insurer, archive]}
";
    let (model, graph) = compile(yaml);
    let mut disclosed: Vec<String> =
        paths(&model, model.field_ids().filter(|id| graph.is_disclosed(*id)));
    disclosed.sort();
    assert_eq!(disclosed, ["insurer.health", "insurer.name"]);
    assert!(graph.is_useful(f(&model, "crm.health")));
    assert!(graph.is_flow_useful(&model, model.flow_by_id("to-insurer").unwrap()));
    assert!(!graph.is_flow_useful(&model, model.flow_by_id("to-broker").unwrap()));
    assert!(!graph.is_useful(f(&model, "archive.name")));
}

/// A flow that names a purpose delivers data that purpose uses: what it carries is useful,
/// and a flow naming no purpose beside it is not.
#[test]
fn a_flow_naming_a_purpose_delivers_useful_data() {
    let yaml = "stores:
  - id: crm
    fields: [{id: name}, {id: phone}]
  - id: call_centre
  - id: archive
flows:
  - {id: to-calls, from: crm, to: call_centre, fields: [phone], purposes: [support]}
  - {id: to-archive, from: crm, to: archive, fields: [name]}
purposes:
  - {id: support, uses: []}
";
    let (model, graph) = compile(yaml);
    assert!(graph.is_useful(f(&model, "call_centre.phone")));
    assert!(graph.is_useful(f(&model, "crm.phone")));
    assert!(graph.is_flow_useful(&model, model.flow_by_id("to-calls").unwrap()));
    assert!(!graph.is_useful(f(&model, "archive.name")));
}

/// A field delivered to a store that does not declare it is created there, from its source.
#[test]
fn flows_infer_destination_fields() {
    let (model, _) = compile(CHAIN);
    let bx = f(&model, "b.x");
    assert_eq!(
        model.field(bx).origin,
        FieldOrigin::Inferred { flow: model.flow_by_id("ab").unwrap(), from: f(&model, "a.x") }
    );
}

/// Origins are where data enters the map; in a synchronisation, both ends.
#[test]
fn origins() {
    let (model, graph) = compile(CHAIN);
    assert_eq!(paths(&model, graph.origins(f(&model, "d.z"))), ["a.x"]);
    assert_eq!(paths(&model, graph.origins(f(&model, "a.x"))), ["a.x"]);
    assert_eq!(paths(&model, graph.origins(f(&model, "e.y"))), ["a.y", "e.y"]);
    let both = [f(&model, "d.z"), f(&model, "e.y")];
    assert_eq!(paths(&model, graph.origins_of(&both)), ["a.x", "a.y", "e.y"]);
    assert!(graph.is_origin(f(&model, "a.x")) && !graph.is_origin(f(&model, "d.z")));
}

/// Upstream and downstream come with distances, bounded by a depth.
#[test]
fn upstream_and_downstream() {
    let (model, graph) = compile(CHAIN);
    let up: Vec<(usize, String)> = graph
        .upstream(f(&model, "d.z"), None)
        .iter()
        .map(|r| (r.depth, model.field_path(r.field)))
        .collect();
    assert_eq!(up, [(1, "c.x".to_owned()), (2, "a.x".to_owned()), (2, "b.x".to_owned())]);
    let down = graph.downstream(f(&model, "a.x"), Some(1));
    assert_eq!(paths(&model, down.iter().map(|r| r.field)), ["c.x", "b.x"]);
}

/// Paths between two fields: the shortest, and every simple one.
#[test]
fn paths_between_fields() {
    let (model, graph) = compile(CHAIN);
    let (ax, dz) = (f(&model, "a.x"), f(&model, "d.z"));
    let shortest = graph.path(ax, dz).unwrap();
    let flows: Vec<&str> = shortest.iter().map(|h| model.flow(h.flow).id.as_str()).collect();
    assert_eq!(flows, ["shortcut", "cd"]);
    let all = graph.paths(ax, dz, 10);
    let all: Vec<Vec<&str>> =
        all.iter().map(|p| p.iter().map(|h| model.flow(h.flow).id.as_str()).collect()).collect();
    assert_eq!(all, [vec!["shortcut", "cd"], vec!["ab", "bc", "cd"]]);
    assert!(graph.path(dz, ax).is_none());
    assert_eq!(graph.paths(ax, dz, 1).len(), 1);
}

/// A random map: stores s0..sN with fields f0..f2, flows between them (some renaming to a
/// field the destination does not declare), purposes using random fields.
fn random_map() -> impl Strategy<Value = String> {
    (2usize..8)
        .prop_flat_map(|stores| {
            let flow = (
                0..stores,
                0..stores,
                proptest::collection::vec((0usize..3, 0usize..4), 1..4),
                any::<bool>(),
            );
            let uses = proptest::collection::vec((0..stores, 0usize..3), 0..5);
            (
                Just(stores),
                proptest::collection::vec(flow, 0..14),
                proptest::collection::vec(uses, 0..4),
            )
        })
        .prop_map(|(stores, flows, purposes)| {
            let mut y = String::from("stores:\n");
            for s in 0..stores {
                y.push_str(&format!(
                    "  - {{id: s{s}, fields: [{{id: f0}}, {{id: f1}}, {{id: f2}}]}}\n"
                ));
            }
            y.push_str("flows:\n");
            for (from, to, fields, both) in flows {
                let mut mapped: Vec<String> = fields
                    .iter()
                    .map(|(src, dst)| {
                        if *dst == 3 {
                            format!("{{f{src}: g{src}}}")
                        } else {
                            format!("{{f{src}: f{dst}}}")
                        }
                    })
                    .collect();
                mapped.sort();
                mapped.dedup();
                let direction = if both { "both" } else { "one-way" };
                y.push_str(&format!(
                    "  - {{from: s{from}, to: s{to}, direction: {direction}, fields: [{}]}}\n",
                    mapped.join(", ")
                ));
            }
            y.push_str("purposes:\n");
            for (i, uses) in purposes.iter().enumerate() {
                let uses: Vec<String> = uses.iter().map(|(s, f)| format!("s{s}.f{f}")).collect();
                y.push_str(&format!("  - {{id: p{i}, uses: [{}]}}\n", uses.join(", ")));
            }
            y
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The definitions hold on any map: used ⊆ useful, usefulness propagates upstream along
    /// every edge and nowhere else, up- and downstream mirror each other, a path exists
    /// exactly when the target is downstream, and origins are unfed upstream groups.
    #[test]
    fn lineage_invariants(yaml in random_map()) {
        let (model, graph) = compile(&yaml);
        for e in graph.fields.raw_edges() {
            let (u, v) = (FieldId::new(e.source().index()), FieldId::new(e.target().index()));
            prop_assert!(!graph.is_useful(v) || graph.is_useful(u));
        }
        for a in model.field_ids() {
            prop_assert!(!graph.is_used(a) || graph.is_useful(a));
            let feeds_useful = graph.fields.neighbors_directed(node(a.index()), Outgoing).any(|n| graph.is_useful(FieldId::new(n.index())));
            prop_assert_eq!(graph.is_useful(a), graph.is_used(a) || graph.is_disclosed(a) || feeds_useful);
            let down: Vec<FieldId> = graph.downstream(a, None).iter().map(|r| r.field).collect();
            for b in model.field_ids() {
                let up_b: Vec<FieldId> = graph.upstream(b, None).iter().map(|r| r.field).collect();
                prop_assert_eq!(down.contains(&b), up_b.contains(&a));
                if a != b {
                    let path = graph.path(a, b);
                    prop_assert_eq!(path.is_some(), down.contains(&b));
                    if let Some(hops) = path {
                        prop_assert_eq!(hops.first().map(|h| h.from), Some(a));
                        prop_assert_eq!(hops.last().map(|h| h.to), Some(b));
                        for w in hops.windows(2) {
                            prop_assert_eq!(w[0].to, w[1].from);
                        }
                        for h in &hops {
                            prop_assert!(graph.fields.contains_edge(node(h.from.index()), node(h.to.index())));
                        }
                    }
                }
            }
            let origins = graph.origins(a);
            prop_assert!(!origins.is_empty());
            let up_a: Vec<FieldId> = graph.upstream(a, None).iter().map(|r| r.field).collect();
            for o in &origins {
                prop_assert!(*o == a || up_a.contains(o));
                for n in graph.fields.neighbors_directed(node(o.index()), Incoming) {
                    prop_assert!(graph.same_component(FieldId::new(n.index()), *o));
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The origin stores computed for every group at once, capped, are the smallest of what
    /// one walk upstream finds, for single fields and for sets of fields, with and without
    /// a filter on the stores.
    #[test]
    fn origin_stores_match_the_walk(yaml in random_map(), cap in 1usize..5) {
        let (model, graph) = compile(&yaml);
        let odd = |s: StoreId| s.index() % 2 == 1;
        let rows = GroupRows::new(&graph);
        let all = OriginStores::build(&rows, &graph, &model, cap, |_| true);
        let some = OriginStores::build(&rows, &graph, &model, cap, odd);
        let ids: Vec<FieldId> = model.field_ids().collect();
        let sets: Vec<Vec<FieldId>> = ids.iter().map(|f| vec![*f]).chain(ids.chunks(4).map(<[FieldId]>::to_vec)).collect();
        for fields in sets {
            let mut walked: Vec<StoreId> = graph.origins_of(&fields).iter().map(|o| model.field(*o).store).collect();
            walked.sort_unstable();
            walked.dedup();
            for (capped, keep) in [(&all, &(|_| true) as &dyn Fn(StoreId) -> bool), (&some, &odd)] {
                let want: Vec<StoreId> = walked.iter().copied().filter(|s| keep(*s)).collect();
                let got = capped.of(&graph, &fields);
                prop_assert_eq!(&got.stores[..], &want[..want.len().min(cap)]);
                prop_assert_eq!(got.more, want.len() > cap);
            }
        }
    }
}

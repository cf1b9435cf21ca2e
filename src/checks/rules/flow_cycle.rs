//! `flow-cycle`: a field that can travel back to itself through one-way flows.

use std::collections::VecDeque;

use petgraph::algo::TarjanScc;
use petgraph::visit::{EdgeFiltered, EdgeRef, NodeFiltered};

use crate::checks::Context;
use crate::checks::facts::field_entity;
use crate::diag::Finding;
use crate::diag::t;
use crate::graph::{FieldEdge, node};
use crate::manifest::enums::Direction;
use crate::model::{FieldId, FlowId, Model};
use crate::rules::flow_cycle::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let one_way = |e: petgraph::graph::EdgeReference<'_, FieldEdge>| {
        model.flow(e.weight().flow).direction == Direction::OneWay
    };
    // A loop through one-way flows is a loop through flows: only the fields on one are
    // walked (on most maps a few, or none), not the whole lineage a second time.
    let on_cycles = cx.graph.on_cycles();
    if !on_cycles.contains(&true) {
        return;
    }
    let one_way_graph = EdgeFiltered::from_fn(&cx.graph.fields, one_way);
    let graph = NodeFiltered::from_fn(&one_way_graph, |n| on_cycles[n.index()]);
    // Only the groups that loop are kept: the others (nearly every field, alone) are never
    // copied out of the walk.
    let mut groups: Vec<Vec<FieldId>> = Vec::new();
    TarjanScc::new().run(&graph, |c: &[petgraph::graph::NodeIndex]| {
        let loops = c.len() > 1
            || cx
                .graph
                .fields
                .edges_connecting(node(c[0].index()), node(c[0].index()))
                .any(one_way);
        if loops {
            let mut fields: Vec<FieldId> = c.iter().map(|n| FieldId::new(n.index())).collect();
            fields.sort_unstable();
            groups.push(fields);
        }
    });
    groups.sort_unstable();
    for group in groups {
        let start = group[0];
        let Some(cycle) = shortest_cycle(cx, start, &group) else { continue };
        let mut hops: Vec<String> = vec![model.field_path(start)];
        hops.extend(cycle.iter().map(|(f, _)| model.field_path(*f)));
        let flows: Vec<String> =
            cycle.iter().map(|(_, flow)| format!("'{}'", model.flow(*flow).id)).collect();
        let mut finding = Finding::new(
            RULE.name,
            t!("'{}' travels back to itself: {} (flows {})", "'{}' revient à lui-même : {} (flux {})", model.field_path(start), hops.join(" → "), flows.join(", ")),
        )
        .entity(field_entity(model, start))
        .at(model.field(start).span, "")
        .help(t!("remove the flow that goes back, or declare the pair as one synchronisation ('direction: both')", "supprimez le flux qui revient en arrière, ou déclarez la paire comme une synchronisation ('direction: both')"));
        if group.len() > cycle.len() {
            finding = finding.help(t!(
                "{} fields are caught in loops with it; remove the flows that go back, or declare synchronisations ('direction: both')", "{} champs sont pris dans des boucles avec lui ; supprimez les flux qui reviennent en arrière, ou déclarez des synchronisations ('direction: both')",
                group.len()
            ));
        }
        for (_, flow) in &cycle {
            finding = finding.related(
                model.flow(*flow).span,
                t!("flow '{}'", "flux '{}'", model.flow(*flow).id),
            );
        }
        out.push(finding);
    }
}

/// The shortest way back from `start` to itself through one-way flows inside `group`:
/// each step's field and flow, ending at `start`.
fn shortest_cycle(
    cx: &Context<'_>,
    start: FieldId,
    group: &[FieldId],
) -> Option<Vec<(FieldId, FlowId)>> {
    let model: &Model = cx.model;
    let in_group = |f: FieldId| group.binary_search(&f).is_ok();
    let mut parent: std::collections::HashMap<FieldId, (FieldId, FlowId)> =
        std::collections::HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(f) = queue.pop_front() {
        let mut next: Vec<(FieldId, FlowId)> = cx
            .graph
            .fields
            .edges(node(f.index()))
            .filter(|e| model.flow(e.weight().flow).direction == Direction::OneWay)
            .map(|e| (FieldId::new(e.target().index()), e.weight().flow))
            .filter(|(t, _)| in_group(*t))
            .collect();
        next.sort_unstable_by_key(|(t, flow)| (*flow, *t));
        for (t, flow) in next {
            if t == start {
                let mut steps = vec![(start, flow)];
                let mut cur = f;
                while cur != start {
                    let (prev, via) = parent[&cur];
                    steps.push((cur, via));
                    cur = prev;
                }
                steps.reverse();
                return Some(steps);
            }
            if let std::collections::hash_map::Entry::Vacant(e) = parent.entry(t) {
                e.insert((f, flow));
                queue.push_back(t);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;

    const STORES: &str = "stores:
  - id: crm
    fields: [{id: email}, {id: phone}]
  - id: erp
    fields: [{id: email}, {id: phone}]
";

    fn cycles(flows: &str) -> Vec<String> {
        let map = format!("{STORES}flows:\n{flows}");
        findings_of(&map, "flow-cycle").into_iter().map(|(_, entity)| entity).collect()
    }

    /// A field carried into itself by a one-way flow loops; by a synchronisation it does not.
    #[test]
    fn a_flow_into_the_same_field_loops_when_one_way() {
        let one_way = cycles("  - {id: again, from: crm, to: crm, fields: [email]}\n");
        assert_eq!(one_way, ["crm.email"]);
        let both =
            cycles("  - {id: again, from: crm, to: crm, fields: [email], direction: both}\n");
        assert!(both.is_empty(), "{both:?}");
    }

    /// A one-way loop is found inside a group a synchronisation also joins, and a
    /// synchronisation alone is no loop.
    #[test]
    fn one_way_loops_are_found_beside_synchronisations() {
        let sync = "  - {id: sync, from: crm, to: erp, fields: [phone], direction: both}\n";
        assert!(cycles(sync).is_empty());
        let both = format!(
            "{sync}  - {{id: out, from: crm, to: erp, fields: [email]}}\n  - {{id: back, from: erp, to: crm, fields: [email]}}\n"
        );
        assert_eq!(cycles(&both), ["crm.email"]);
    }
}

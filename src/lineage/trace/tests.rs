//! Unit tests of `trace` on small in-memory maps: the tree, the repeats, the way back of a
//! sync, the depth bound, and the stores and purposes reached.

use super::*;
use crate::lineage::compile_yaml;

/// a.x is collected; it goes to b (twice, by two flows) and on to c; b syncs with d; c also
/// gets it straight from a. Purposes use c.x and d.x.
const MAP: &str = "
stores:
  - id: a
    location: [FR]
    fields: [{id: x, name: The x}]
  - id: b
    fields: [{id: x}]
  - id: c
    fields: [{id: x}]
  - id: d
    fields: [{id: x}]
flows:
  - {id: ab, from: a, to: b, fields: [x], mechanism: api, frequency: realtime}
  - {id: ab-old, from: a, to: b, fields: [x], mechanism: file, frequency: daily}
  - {id: bc, from: b, to: c, fields: [x]}
  - {id: ac, from: a, to: c, fields: [x]}
  - {id: bd, from: b, to: d, fields: [x], direction: both}
purposes:
  - {id: report, uses: [c.x]}
  - {id: mail, uses: [d.x]}
  - {id: old, uses: [a.x], status: retired}
";

fn field(model: &Model, path: &str) -> FieldId {
    model.field_by_path(path).unwrap()
}

fn shape(nodes: &[Node], depth: usize, out: &mut Vec<String>) {
    for n in nodes {
        let via: Vec<&str> = n.via.iter().map(|h| h.flow.as_str()).collect();
        let mut line = format!("{}{} via {}", "  ".repeat(depth), n.field, via.join("+"));
        if n.repeat {
            line.push_str(" (repeat)");
        }
        if n.truncated {
            line.push_str(" (truncated)");
        }
        out.push(line);
        shape(&n.children, depth + 1, out);
    }
}

fn lines(nodes: &[Node]) -> Vec<String> {
    let mut out = Vec::new();
    shape(nodes, 0, &mut out);
    out
}

/// Downstream: every copy once, at its shortest distance; a second path shows as a repeat;
/// the way back of the sync that led to d is not shown as going back to b.
#[test]
fn downstream_tree() {
    let (model, graph) = compile_yaml(MAP);
    let t =
        trace(&model, &graph, field(&model, "a.x"), Options { up: false, down: true, depth: None });
    assert!(t.upstream.is_none() && t.origins.is_none());
    assert_eq!(
        lines(t.downstream.as_ref().unwrap()),
        ["b.x via ab+ab-old", "  c.x via bc (repeat)", "  d.x via bd", "c.x via ac"]
    );
    let stores: Vec<&str> = t.stores.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stores, ["a", "b", "c", "d"]);
    let purposes: Vec<(&str, Vec<&str>)> = t
        .purposes
        .iter()
        .map(|p| (p.id.as_str(), p.through.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(purposes, [("mail", vec!["d.x"]), ("report", vec!["c.x"])]);
}

/// Upstream reaches the origins; the sync's reverse edge is a way in, flagged `reverse`.
#[test]
fn upstream_tree_and_origins() {
    let (model, graph) = compile_yaml(MAP);
    let t =
        trace(&model, &graph, field(&model, "b.x"), Options { up: true, down: false, depth: None });
    assert_eq!(lines(t.upstream.as_ref().unwrap()), ["a.x via ab+ab-old", "d.x via bd"]);
    let d = &t.upstream.as_ref().unwrap()[1];
    assert!(d.via[0].reverse, "d feeds b on the way back of the sync");
    assert_eq!(t.origins.as_deref(), Some(&["a.x".to_owned()][..]));
    assert!(t.downstream.is_none());
}

/// Neither --up nor --down means both; the purposes of the traced field come first.
#[test]
fn both_ways_by_default() {
    let (model, graph) = compile_yaml(MAP);
    let t = trace(
        &model,
        &graph,
        field(&model, "d.x"),
        Options { up: false, down: false, depth: None },
    );
    assert!(t.upstream.is_some() && t.downstream.is_some());
    assert_eq!(t.field.purposes, ["mail"]);
    assert_eq!(t.field.store_name, "d");
    // Retired purposes do not use data.
    assert!(t.purposes.iter().all(|p| p.id != "old"));
}

/// --depth stops the walk and marks where flows go on.
#[test]
fn depth_bound() {
    let (model, graph) = compile_yaml(MAP);
    let t = trace(
        &model,
        &graph,
        field(&model, "a.x"),
        Options { up: false, down: true, depth: Some(1) },
    );
    assert_eq!(
        lines(t.downstream.as_ref().unwrap()),
        ["b.x via ab+ab-old (truncated)", "c.x via ac"]
    );
    let stores: Vec<&str> = t.stores.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stores, ["a", "b", "c"], "d is beyond the depth");
}

/// A field no flow touches has empty trees, and the text says so.
#[test]
fn isolated_field() {
    let (model, graph) = compile_yaml("stores:\n  - id: s\n    fields: [{id: f}]\n");
    let t = trace(&model, &graph, field(&model, "s.f"), Options::default());
    assert!(t.upstream.as_ref().unwrap().is_empty() && t.downstream.as_ref().unwrap().is_empty());
    let mut text = Vec::new();
    render(&t, crate::lineage::Format::Text, &mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("where it goes (nowhere: no flow)"), "{text}");
    assert!(text.contains("none: no active purpose uses this data"), "{text}");
}

/// A long chain is bounded by MAX_DEPTH even without --depth, and every format renders it.
#[test]
fn long_chain_is_bounded() {
    let n = MAX_DEPTH + 20;
    let mut yaml = String::from("stores:\n");
    for i in 0..n {
        yaml.push_str(&format!("  - id: s{i}\n    fields: [{{id: f}}]\n"));
    }
    yaml.push_str("flows:\n");
    for i in 1..n {
        yaml.push_str(&format!("  - {{from: s{}, to: s{i}, fields: [f]}}\n", i - 1));
    }
    let (model, graph) = compile_yaml(&yaml);
    let t = trace(&model, &graph, field(&model, "s0.f"), Options::default());
    assert_eq!(t.stores.len(), MAX_DEPTH + 1);
    for format in
        [crate::lineage::Format::Text, crate::lineage::Format::Md, crate::lineage::Format::Json]
    {
        let mut out = Vec::new();
        render(&t, format, &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("s1.f"));
    }
}

/// The JSON is the model, with its version.
#[test]
fn json_shape() {
    let (model, graph) = compile_yaml(MAP);
    let t = trace(&model, &graph, field(&model, "b.x"), Options::default());
    let value = serde_json::to_value(&t).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["field"]["path"], "b.x");
    assert_eq!(value["upstream"][0]["via"][0]["flow"], "ab");
    assert_eq!(value["upstream"][0]["via"][0]["mechanism"], "api");
    assert_eq!(value["downstream"][0]["field"], "c.x");
}

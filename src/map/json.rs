//! The JSON of a laid-out view, for other tools: nodes with their boxes, edges with their
//! paths, the canvas size. Version 1; fields may be added, none removed.

use serde::Serialize;

use super::layout::Geometry;
use super::view::{EdgeStyle, Mark, View};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    title: &'a str,
    nodes: Vec<JsonNode<'a>>,
    edges: Vec<JsonEdge<'a>>,
    /// The zone bands, left to right, then the tray of unconnected nodes.
    zones: Vec<JsonZone<'a>>,
}

#[derive(Serialize)]
struct JsonZone<'a> {
    title: &'a str,
    tray: bool,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    kind: &'a str,
    title: &'a str,
    subtitle: &'a str,
    domain: Option<&'a str>,
    marks: Vec<String>,
    dimmed: bool,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    from: &'a str,
    to: &'a str,
    flows: &'a [String],
    /// `null` when the edge's flows declare no field: not stated, not zero.
    fields: Option<usize>,
    both: bool,
    style: &'a str,
    /// The path: start point, then `[c1, c2, end]` per cubic Bézier segment.
    path: Vec<[f64; 2]>,
    label: Option<[f64; 2]>,
}

fn round(x: f64) -> f64 {
    (x * 10.0).round() / 10.0 + 0.0
}

fn mark_name(m: &Mark) -> String {
    match m {
        Mark::Referential => "referential".into(),
        Mark::Personal => "personal".into(),
        Mark::Special => "special".into(),
        Mark::External => "external".into(),
        Mark::Application => "application".into(),
        Mark::OutsideEea(c) => format!("outside-eea:{c}"),
        Mark::Legacy => "legacy".into(),
        Mark::Retired => "retired".into(),
        Mark::Isolated => "isolated".into(),
    }
}

pub fn write(view: &View, geometry: &Geometry) -> String {
    let nodes = view
        .nodes
        .iter()
        .zip(&geometry.boxes)
        .map(|(n, r)| JsonNode {
            id: &n.id,
            kind: n.kind.class(),
            title: &n.title,
            subtitle: &n.subtitle,
            domain: n.domain.as_deref(),
            marks: n.marks.iter().map(mark_name).collect(),
            dimmed: n.dimmed,
            x: round(r.x),
            y: round(r.y),
            width: round(r.width),
            height: round(r.height),
        })
        .collect();
    let edges = view
        .edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let path = &geometry.paths[i];
            let mut points = vec![[round(path.start.0), round(path.start.1)]];
            for segment in &path.segments {
                points.extend(segment.iter().map(|p| [round(p.0), round(p.1)]));
            }
            JsonEdge {
                from: &view.nodes[e.from].id,
                to: &view.nodes[e.to].id,
                flows: &e.flows,
                fields: (e.fields > 0 || e.flows.is_empty()).then_some(e.fields),
                both: e.both,
                style: match e.style {
                    EdgeStyle::Flow => "flow",
                    EdgeStyle::Uses => "uses",
                    EdgeStyle::Unused => "unused",
                    EdgeStyle::Redundant => "redundant",
                    EdgeStyle::UnsafeTransfer => "unsafe-transfer",
                },
                path: points,
                label: geometry.labels[i].map(|(x, y)| [round(x), round(y)]),
            }
        })
        .collect();
    let zones = geometry
        .bands
        .iter()
        .map(|b| JsonZone {
            title: &b.title,
            tray: b.tray,
            x: round(b.rect.x),
            y: round(b.rect.y),
            width: round(b.rect.width),
            height: round(b.rect.height),
        })
        .collect();
    let output = Output { version: 1, title: &view.title, nodes, edges, zones };
    let mut text = serde_json::to_string_pretty(&output).expect("a map serialises");
    text.push('\n');
    text
}

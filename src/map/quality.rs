//! Measures of a drawing: problems a reader would see (overlapping boxes, labels wider than
//! their box, edges that do not end on their boxes) and figures to compare engines (edge
//! crossings, area). Tests assert there are no problems; docs/performance.md records the
//! figures.

use super::layout::{Geometry, Path, Rect};
use super::shape::{NodeBox, PAD};
use super::text::width;
use super::view::View;

/// Everything wrong with a drawing, in words.
pub fn problems(view: &View, boxes: &[NodeBox], geometry: &Geometry) -> Vec<String> {
    let mut out = Vec::new();
    let rects = &geometry.boxes;
    for i in 0..rects.len() {
        for j in i + 1..rects.len() {
            if rects[i].overlaps(&rects[j]) {
                out.push(format!(
                    "boxes of '{}' and '{}' overlap",
                    view.nodes[i].id, view.nodes[j].id
                ));
            }
        }
        let b = &boxes[i];
        let room = rects[i].width - NodeBox::text_left(view.nodes[i].kind) - PAD + 0.5;
        let widest = b
            .title
            .iter()
            .map(|l| width(l, b.title_size, true))
            .fold(0.0, f64::max)
            .max(width(&b.subtitle, b.subtitle_size, false))
            .max(
                b.pills.iter().map(|p| p.width).sum::<f64>()
                    + NodeBox::pill_gap() * b.pills.len().saturating_sub(1) as f64,
            );
        if widest > room {
            out.push(format!(
                "a label of '{}' is wider than its box ({widest:.1} > {room:.1})",
                view.nodes[i].id
            ));
        }
    }
    for (i, (e, path)) in view.edges.iter().zip(&geometry.paths).enumerate() {
        let (from, to) = (&rects[e.from], &rects[e.to]);
        let name = format!("'{}' → '{}'", view.nodes[e.from].id, view.nodes[e.to].id);
        if !on_border(from, path.start) || !on_border(to, path.end()) {
            out.push(format!("the edge {name} does not end on its boxes"));
        }
        let line = path.polyline(12);
        // Heads sit outside their box: the line reaches its box from outside.
        if line.len() < 2
            || inside(to, line[line.len() - 2], 0.5)
            || (e.both && inside(from, line[1], 0.5))
        {
            out.push(format!("an arrowhead of the edge {name} is hidden under its box"));
        }
        for (j, r) in rects.iter().enumerate() {
            let own = j == e.from || j == e.to;
            // Its own boxes only at its ends; any other box nowhere.
            let inner = if own { &line[1..line.len().saturating_sub(1)] } else { &line[..] };
            if line.windows(2).any(|s| !own && segment_enters(r, s[0], s[1]))
                || inner.iter().any(|p| inside(r, *p, 1.0))
            {
                out.push(format!("the edge {name} runs through the box of '{}'", view.nodes[j].id));
            }
        }
        if let (Some((x, y)), false) = (geometry.labels[i], e.label.is_empty()) {
            let near = line
                .windows(2)
                .map(|s| distance_to_segment((x, y), s[0], s[1]))
                .fold(f64::INFINITY, f64::min);
            if near > 2.0 {
                out.push(format!("the label of the edge {name} is off its line"));
            }
        }
    }
    let plates: Vec<(usize, Rect)> = view
        .edges
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (x, y) = geometry.labels[i]?;
            let w = super::layered::label_width(&e.label);
            let h = super::layered::LABEL_HEIGHT;
            Some((i, Rect { x: x - w / 2.0, y: y - h / 2.0, width: w, height: h }))
        })
        .collect();
    for (k, (i, plate)) in plates.iter().enumerate() {
        for (j, other) in &plates[k + 1..] {
            if plate.overlaps(other) {
                out.push(format!("the labels of edges {i} and {j} overlap"));
            }
        }
        for (j, r) in rects.iter().enumerate() {
            if plate.overlaps(r) {
                out.push(format!("the label of edge {i} covers the box of '{}'", view.nodes[j].id));
            }
        }
        // Another line under a label reads as if the label were its own.
        for (j, path) in geometry.paths.iter().enumerate() {
            let shrunk = Rect {
                x: plate.x + 1.0,
                y: plate.y + 1.0,
                width: plate.width - 2.0,
                height: plate.height - 2.0,
            };
            if j != *i && path.polyline(12).windows(2).any(|s| segment_enters(&shrunk, s[0], s[1]))
            {
                out.push(format!("the label of edge {i} lies on the line of edge {j}"));
            }
        }
    }
    for (k, a) in geometry.bands.iter().enumerate() {
        for b in &geometry.bands[k + 1..] {
            if a.rect.overlaps(&b.rect) {
                out.push(format!("the zones '{}' and '{}' overlap", a.title, b.title));
            }
        }
    }
    out
}

fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0)
    };
    (p.0 - a.0 - t * dx).hypot(p.1 - a.1 - t * dy)
}

/// Whether a point lies inside a box, at least `margin` away from its outline.
fn inside(r: &Rect, (x, y): (f64, f64), margin: f64) -> bool {
    x > r.x + margin && x < r.right() - margin && y > r.y + margin && y < r.bottom() - margin
}

/// Whether the segment from `a` to `b` passes through the inside of a box (Liang–Barsky
/// clipping against the box shrunk by a pixel: grazing its outline does not count).
fn segment_enters(r: &Rect, a: (f64, f64), b: (f64, f64)) -> bool {
    let (x0, x1, y0, y1) = (r.x + 1.0, r.right() - 1.0, r.y + 1.0, r.bottom() - 1.0);
    if x0 >= x1 || y0 >= y1 {
        return false;
    }
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, a.0 - x0), (dx, x1 - a.0), (-dy, a.1 - y0), (dy, y1 - a.1)] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

/// Whether a point lies on a box's outline (within two pixels).
fn on_border(r: &Rect, (x, y): (f64, f64)) -> bool {
    let tol = 2.0;
    let inside_x = x >= r.x - tol && x <= r.right() + tol;
    let inside_y = y >= r.y - tol && y <= r.bottom() + tol;
    let near_vertical = (x - r.x).abs() <= tol || (x - r.right()).abs() <= tol;
    let near_horizontal = (y - r.y).abs() <= tol || (y - r.bottom()).abs() <= tol;
    inside_x && inside_y && (near_vertical || near_horizontal)
}

/// How many lines pass through a box that is not one of their ends (`ends` gives each
/// path's two boxes, by index into `rects`): the figure compared between engines.
pub fn lines_through_boxes(rects: &[Rect], ends: &[(usize, usize)], paths: &[Path]) -> usize {
    paths
        .iter()
        .zip(ends)
        .map(|(path, &(a, b))| {
            let line = path.polyline(12);
            let (x0, x1) = line
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, r), p| (l.min(p.0), r.max(p.0)));
            rects
                .iter()
                .enumerate()
                .filter(|(j, r)| *j != a && *j != b && r.right() >= x0 && r.x <= x1)
                .filter(|(_, r)| line.windows(2).any(|s| segment_enters(r, s[0], s[1])))
                .count()
        })
        .sum()
}

/// How many arrowheads arrive from inside their own box (hidden under it).
pub fn hidden_heads(view: &View, geometry: &Geometry) -> usize {
    view.edges
        .iter()
        .zip(&geometry.paths)
        .filter(|(e, path)| {
            let line = path.polyline(12);
            line.len() < 2
                || inside(&geometry.boxes[e.to], line[line.len() - 2], 0.5)
                || (e.both && inside(&geometry.boxes[e.from], line[1], 0.5))
        })
        .count()
}

/// How many times edges cross each other (edges sharing an end are not counted where they
/// meet).
pub fn crossings(paths: &[Path]) -> usize {
    let lines: Vec<Vec<(f64, f64)>> = paths.iter().map(|p| p.polyline(12)).collect();
    let mut count = 0;
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            count += polyline_crossings(&lines[i], &lines[j]);
        }
    }
    count
}

fn polyline_crossings(a: &[(f64, f64)], b: &[(f64, f64)]) -> usize {
    let mut n = 0;
    for s in a.windows(2) {
        for t in b.windows(2) {
            if segments_cross(s[0], s[1], t[0], t[1]) {
                n += 1;
            }
        }
    }
    n
}

/// Proper crossing of two segments (touching ends do not count).
fn segments_cross(p1: (f64, f64), p2: (f64, f64), p3: (f64, f64), p4: (f64, f64)) -> bool {
    let d = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    };
    let (d1, d2, d3, d4) = (d(p3, p4, p1), d(p3, p4, p2), d(p1, p2, p3), d(p1, p2, p4));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// The size, in pixels, of the smallest name of a box once the whole picture (title,
/// legend and list of findings included) is fitted to a 1920×1080 projector: the bar
/// is 14 px.
pub fn names_at_1080p(view: &View, boxes: &[NodeBox], geometry: &Geometry) -> f64 {
    let canvas = super::svg::canvas(view, geometry, None);
    let scale = (1920.0 / canvas.width).min(1080.0 / canvas.height);
    let smallest = boxes.iter().map(|b| b.title_size).fold(f64::INFINITY, f64::min);
    if smallest.is_finite() { smallest * scale } else { 0.0 }
}

/// How hard the lines a reader follows are to follow: the proxy for "where does the customer
/// e-mail go?" answered from a map, since no person can be timed here (docs/maps.md).
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The lines to follow, and the boxes they join.
    pub lines: usize,
    pub boxes: usize,
    /// Crossings of those lines with any line (each crossing once).
    pub crossings: usize,
    /// Curves on those lines: each change of height the eye follows.
    pub jogs: usize,
    /// Those lines whose head is left of their start: read against the map's direction.
    pub backward: usize,
    /// Other lines that share an end box with them: where the eye may take a wrong turn.
    pub branches: usize,
    /// Names at 1080p (`names_at_1080p`).
    pub names: f64,
}

/// The `Reading` of the lines `path` (indices into the view's edges) of a drawing.
pub fn reading(view: &View, boxes: &[NodeBox], geometry: &Geometry, path: &[usize]) -> Reading {
    let on = |i: usize| path.contains(&i);
    let lines: Vec<Vec<(f64, f64)>> = geometry.paths.iter().map(|p| p.polyline(12)).collect();
    let mut crossings = 0;
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            if on(i) || on(j) {
                crossings += polyline_crossings(&lines[i], &lines[j]);
            }
        }
    }
    let mut ends: Vec<usize> =
        path.iter().flat_map(|&i| [view.edges[i].from, view.edges[i].to]).collect();
    ends.sort_unstable();
    ends.dedup();
    let jogs = path
        .iter()
        .map(|&i| {
            let p = &geometry.paths[i];
            let mut last = p.start;
            p.segments
                .iter()
                .filter(|s| {
                    let jog = (s[2].1 - last.1).abs() > 1.0;
                    last = s[2];
                    jog
                })
                .count()
        })
        .sum();
    let backward =
        path.iter().filter(|&&i| geometry.paths[i].end().0 < geometry.paths[i].start.0).count();
    let branches = (0..view.edges.len())
        .filter(|&i| !on(i))
        .filter(|&i| ends.contains(&view.edges[i].from) || ends.contains(&view.edges[i].to))
        .count();
    Reading {
        lines: path.len(),
        boxes: ends.len(),
        crossings,
        jogs,
        backward,
        branches,
        names: names_at_1080p(view, boxes, geometry),
    }
}

/// The area of the drawing's bounding box, in square pixels.
pub fn area(geometry: &Geometry) -> f64 {
    let (mut x0, mut y0, mut x1, mut y1) =
        (f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
    for r in &geometry.boxes {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.right());
        y1 = y1.max(r.bottom());
    }
    if x0.is_infinite() { 0.0 } else { (x1 - x0) * (y1 - y0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Crossing segments count, parallel or touching ones do not.
    #[test]
    fn crossing_segments() {
        assert!(segments_cross((0.0, 0.0), (2.0, 2.0), (0.0, 2.0), (2.0, 0.0)));
        assert!(!segments_cross((0.0, 0.0), (2.0, 0.0), (0.0, 1.0), (2.0, 1.0)));
        assert!(!segments_cross((0.0, 0.0), (1.0, 1.0), (1.0, 1.0), (2.0, 0.0)));
    }

    fn three_stores() -> (View, Vec<NodeBox>, Geometry) {
        use crate::manifest::enums::Language;
        use crate::map::view::{Edge, EdgeStyle, Node, NodeKind};
        let node = |i: usize| Node {
            id: format!("s{i}"),
            kind: NodeKind::Store,
            title: "S".to_owned(),
            subtitle: String::new(),
            domain: None,
            zone: None,
            marks: Vec::new(),
            tooltip: String::new(),
            dimmed: false,
            link: None,
        };
        let edge = |from, to| Edge {
            from,
            to,
            flows: Vec::new(),
            fields: 1,
            both: false,
            style: EdgeStyle::Flow,
            label: "1 field".to_owned(),
            tooltip: String::new(),
        };
        let view = View {
            title: String::new(),
            nodes: (0..3).map(node).collect(),
            edges: vec![edge(0, 2), edge(0, 1)],
            domains: Vec::new(),
            palette: Vec::new(),
            zones: Vec::new(),
            callouts: Vec::new(),
            language: Language::En,
        };
        let boxes =
            view.nodes.iter().map(|n| super::super::shape::measure(n, view.language)).collect();
        let rect = |x| Rect { x, y: 0.0, width: 120.0, height: 40.0 };
        let straight = |a: (f64, f64), b: (f64, f64)| Path { start: a, segments: vec![[a, b, b]] };
        // s0 at 0, s1 at 200, s2 at 400, all on one row: the edge s0 → s2 runs through s1.
        let geometry = Geometry {
            boxes: vec![rect(0.0), rect(200.0), rect(400.0)],
            paths: vec![
                straight((120.0, 20.0), (400.0, 20.0)),
                straight((120.0, 26.0), (200.0, 26.0)),
            ],
            labels: vec![Some((160.0, 20.0)), Some((160.0, 26.0))],
            bands: Vec::new(),
        };
        (view, boxes, geometry)
    }

    /// A line through a box that is not one of its ends, two labels on each other and a
    /// label on another's line are each reported.
    #[test]
    fn lines_through_boxes_and_labels_on_each_other_are_reported() {
        let (view, boxes, geometry) = three_stores();
        let found = problems(&view, &boxes, &geometry);
        assert!(
            found.iter().any(|p| p == "the edge 's0' → 's2' runs through the box of 's1'"),
            "{found:#?}"
        );
        assert!(found.iter().any(|p| p == "the labels of edges 0 and 1 overlap"), "{found:#?}");
        assert!(
            found.iter().any(|p| p.starts_with("the label of edge 0 lies on the line")),
            "{found:#?}"
        );
    }

    /// A head that ends on its box but arrives from inside it is hidden.
    #[test]
    fn a_head_arriving_from_inside_its_box_is_reported() {
        let (view, boxes, mut geometry) = three_stores();
        geometry.paths[1] = Path {
            start: (120.0, 30.0),
            segments: vec![[(250.0, 30.0), (250.0, 30.0), (200.0, 30.0)]],
        };
        geometry.labels = vec![None, None];
        let found = problems(&view, &boxes, &geometry);
        assert!(
            found
                .iter()
                .any(|p| p == "an arrowhead of the edge 's0' → 's1' is hidden under its box"),
            "{found:#?}"
        );
    }
}

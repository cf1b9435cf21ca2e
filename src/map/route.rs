//! Edge routing on top of layout-rs's placement. layout-rs lets an edge leave a box by any
//! side, so long edges cut through the boxes of their own column. In a left-to-right map an
//! edge should leave by the right side and enter by the left, travel in the gaps between
//! columns, and edges sharing a side should not share a point. This keeps layout-rs's ranks
//! and waypoints (the places it reserved for long edges and labels) and draws each edge as
//! horizontal-tangent curves through them.

use std::collections::BTreeMap;

use super::layout::{Geometry, Path, Rect};
use super::view::View;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Left,
    Right,
}

/// An edge end on a box side, waiting for its place along the side.
struct Port {
    edge: usize,
    is_start: bool,
    /// The `y` the edge heads to from here: ports are ordered by it, so edges do not cross
    /// as they leave.
    toward: f64,
}

/// Re-routes every edge of `geometry` (layout-rs paths in, routed paths out).
pub fn route(view: &View, geometry: &mut Geometry) {
    let boxes = &geometry.boxes;
    let waypoints: Vec<Vec<(f64, f64)>> = geometry
        .paths
        .iter()
        .map(|p| p.segments.iter().rev().skip(1).rev().map(|s| s[2]).collect())
        .collect();
    let mut sides: BTreeMap<(usize, Side), Vec<Port>> = BTreeMap::new();
    let mut ends: Vec<[(Side, f64); 2]> = Vec::with_capacity(view.edges.len());
    for (i, e) in view.edges.iter().enumerate() {
        let (from, to) = (boxes[e.from], boxes[e.to]);
        let next = waypoints[i].first().copied().unwrap_or_else(|| to.center());
        let previous = waypoints[i].last().copied().unwrap_or_else(|| from.center());
        let out_side = if next.0 < from.center().0 { Side::Left } else { Side::Right };
        let in_side = if previous.0 > to.center().0 { Side::Right } else { Side::Left };
        sides.entry((e.from, out_side)).or_default().push(Port {
            edge: i,
            is_start: true,
            toward: next.1,
        });
        sides.entry((e.to, in_side)).or_default().push(Port {
            edge: i,
            is_start: false,
            toward: previous.1,
        });
        ends.push([(out_side, 0.0), (in_side, 0.0)]);
    }
    for ((node, _), ports) in &mut sides {
        ports.sort_by(|a, b| a.toward.total_cmp(&b.toward).then(a.edge.cmp(&b.edge)));
        let r = boxes[*node];
        let n = ports.len() as f64;
        for (k, port) in ports.iter().enumerate() {
            // Spread over the middle of the side, away from the rounded corners.
            let span = (r.height - 16.0).max(0.0);
            let y = r.y + 8.0 + span * (k as f64 + 1.0) / (n + 1.0);
            ends[port.edge][usize::from(!port.is_start)].1 = y;
        }
    }
    for (i, e) in view.edges.iter().enumerate() {
        let [(out_side, out_y), (in_side, in_y)] = ends[i];
        let start = (side_x(&boxes[e.from], out_side), out_y);
        let end = (side_x(&boxes[e.to], in_side), in_y);
        let mut points = vec![start];
        points.extend(waypoints[i].iter().copied());
        points.push(end);
        geometry.paths[i] = curve(&points);
        // The label sits on its line: at the waypoint layout-rs reserved for it.
        if let Some(label) = geometry.labels[i] {
            let nearest = waypoints[i]
                .iter()
                .min_by(|a, b| distance(**a, label).total_cmp(&distance(**b, label)));
            if let Some(point) = nearest {
                geometry.labels[i] = Some(*point);
            }
        }
    }
}

fn distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

fn side_x(r: &Rect, side: Side) -> f64 {
    match side {
        Side::Left => r.x,
        Side::Right => r.right(),
    }
}

/// Cubic segments through `points`, leaving and entering each point horizontally.
fn curve(points: &[(f64, f64)]) -> Path {
    let mut segments = Vec::with_capacity(points.len().saturating_sub(1));
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let mut dx = (b.0 - a.0) / 2.0;
        if dx.abs() < 24.0 {
            // Nearly vertical: bow out sideways a little instead of a kink.
            dx = 24.0f64.copysign(if dx == 0.0 { 1.0 } else { dx });
        }
        segments.push([(a.0 + dx, a.1), (b.0 - dx, b.1), b]);
    }
    Path { start: points[0], segments }
}

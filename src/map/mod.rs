//! Maps of the information system: a view (which nodes and edges), a layout (layout-rs, or
//! Graphviz through DOT) and a writer (SVG, DOT, Mermaid, JSON). Everything here borrows the
//! model and returns text; the command writes it and runs Graphviz when asked.

pub mod dot;
pub mod i18n;
pub mod json;
pub mod layout;
pub mod mermaid;
pub mod quality;
pub mod ranks;
pub mod route;
pub mod shape;
pub mod style;
pub mod svg;
pub mod text;
pub mod view;

use self::layout::Geometry;
use self::shape::NodeBox;
use self::view::View;

/// A view measured and laid out by the embedded engine.
pub struct Drawing {
    pub view: View,
    pub boxes: Vec<NodeBox>,
    pub geometry: Geometry,
}

/// How long a layout may take, in `ranks::Oriented::crossing_work` units (0.5 to 2.5 µs each
/// on the benchmark machine, measured on maps of 20 to 100 stores: docs/performance.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    /// `datacarto map`: one map, ten seconds at the very most.
    Command,
    /// A map on a page of the site, one of thousands: half a second at the very most.
    Page,
}

impl Budget {
    fn work(self) -> u64 {
        match self {
            Budget::Command => 4_000_000,
            Budget::Page => 250_000,
        }
    }
}

/// Measures every node and lays the view out with layout-rs, unless the layout would take
/// longer than `budget` allows: then an error that says why and what to draw instead.
pub fn draw(view: View, budget: Budget) -> Result<Drawing, String> {
    let too_dense = |view: &View| {
        format!(
            "this map has {} nodes and {} edges, too many for the embedded layout engine in reasonable time. Draw a focused view (--focus STORE --depth 1, --team, --purpose) or use --engine dot (Graphviz)",
            view.nodes.len(),
            view.edges.len(),
        )
    };
    if view.nodes.len() > layout::MAX_NODES || view.edges.len() > ranks::MAX_EDGES {
        return Err(too_dense(&view));
    }
    let boxes: Vec<NodeBox> = view.nodes.iter().map(|n| shape::measure(n, view.language)).collect();
    if view.nodes.is_empty() {
        // layout-rs cannot lay out an empty graph; there is nothing to place anyway.
        return Ok(Drawing { view, boxes, geometry: Geometry::default() });
    }
    let oriented = ranks::orient(&view);
    if oriented.crossing_work() > budget.work() {
        return Err(too_dense(&view));
    }
    let sizes: Vec<(f64, f64)> = boxes.iter().map(|b| (b.width, b.height)).collect();
    let mut geometry = layout::layout(&view, &oriented, &sizes)?;
    route::route(&view, &mut geometry);
    Ok(Drawing { view, boxes, geometry })
}

impl Drawing {
    pub fn svg(&self, date: Option<&str>) -> String {
        svg::write(&self.view, &self.boxes, &self.geometry, date)
    }

    pub fn json(&self) -> String {
        json::write(&self.view, &self.geometry)
    }
}

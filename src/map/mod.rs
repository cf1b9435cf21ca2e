//! Maps of the information system: a view (which nodes and edges), a layout (layout-rs, or
//! Graphviz through DOT) and a writer (SVG, DOT, Mermaid, JSON). Everything here borrows the
//! model and returns text; the command writes it and runs Graphviz when asked.

pub mod dot;
pub mod i18n;
pub mod json;
pub mod layout;
pub mod mermaid;
pub mod quality;
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

/// Measures every node and lays the view out with layout-rs.
pub fn draw(view: View) -> Result<Drawing, String> {
    if view.nodes.len() > layout::MAX_NODES {
        return Err(format!(
            "this map has {} nodes; the embedded layout draws up to {} in reasonable time. Draw a focused view (--focus STORE --depth 1, --team, --purpose) or use --engine dot (Graphviz)",
            view.nodes.len(),
            layout::MAX_NODES
        ));
    }
    let boxes: Vec<NodeBox> = view.nodes.iter().map(|n| shape::measure(n, view.language)).collect();
    if view.nodes.is_empty() {
        // layout-rs cannot lay out an empty graph; there is nothing to place anyway.
        return Ok(Drawing { view, boxes, geometry: Geometry::default() });
    }
    let sizes: Vec<(f64, f64)> = boxes.iter().map(|b| (b.width, b.height)).collect();
    let mut geometry = layout::layout(&view, &sizes)?;
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

//! Maps of the information system: a view (which nodes and edges), zones, a layout (our
//! layered engine, or Graphviz through DOT) and a writer (SVG, DOT, Mermaid, JSON).
//! Everything here borrows the model and returns text; the command writes it and runs
//! Graphviz when asked.

pub mod dot;
pub mod json;
pub mod layered;
pub mod layout;
pub mod mermaid;
pub mod overview;
pub mod quality;
pub mod shape;
pub mod style;
pub mod svg;
pub mod text;
pub mod view;
pub mod zones;

use self::layout::Geometry;
use self::shape::NodeBox;
use self::view::View;

/// A view measured and laid out by the embedded engine.
pub struct Drawing {
    pub view: View,
    pub boxes: Vec<NodeBox>,
    pub geometry: Geometry,
}

/// Measures every node, puts it in its zone and lays the view out. Every view is drawn:
/// the layout's cost grows about linearly with the view.
pub fn draw(view: View) -> Drawing {
    let boxes: Vec<NodeBox> = view.nodes.iter().map(|n| shape::measure(n, view.language)).collect();
    let sizes: Vec<(f64, f64)> = boxes.iter().map(|b| (b.width, b.height)).collect();
    let zoning = zones::assign(&view);
    let geometry = layered::layout(&view, &zoning, &sizes);
    Drawing { view, boxes, geometry }
}

impl Drawing {
    pub fn svg(&self, date: Option<&str>) -> String {
        svg::write(&self.view, &self.boxes, &self.geometry, date)
    }

    pub fn json(&self) -> String {
        json::write(&self.view, &self.geometry)
    }
}

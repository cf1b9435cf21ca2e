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
    let geometry = if overview::is(&view) {
        overview_layout(&view, &boxes, &zoning, &sizes)
    } else {
        layered::layout(&view, &zoning, &sizes)
    };
    Drawing { view, boxes, geometry }
}

/// The overview's domains are few and most pairs of them exchange data: one column per rank
/// would be a strip as wide as there are domains, its names a few pixels high on a
/// projector. Its boxes are spread over a few columns instead, as many as make the names
/// read largest once the whole picture is fitted to 1920×1080 (a dozen boxes: a few
/// layouts of a few dozen lines, tried in a few milliseconds).
fn overview_layout(
    view: &View,
    boxes: &[NodeBox],
    zoning: &zones::Zoning,
    sizes: &[(f64, f64)],
) -> Geometry {
    let zones = zoning.titles.len().max(1);
    let placed = zoning.zone.iter().filter(|z| z.is_some()).count();
    let most = placed.min(zones + overview::MAX_EXTRA_COLUMNS).max(zones);
    let mut best: Option<(f64, Geometry)> = None;
    for columns in zones..=most {
        let geometry = layered::layout_in(view, zoning, sizes, Some(columns));
        let size = quality::names_at_1080p(view, boxes, &geometry);
        // Fewer columns win a tie: the first best is kept.
        if best.as_ref().is_none_or(|(s, _)| size > *s + 0.05) {
            best = Some((size, geometry));
        }
    }
    best.map_or_else(|| layered::layout(view, zoning, sizes), |(_, g)| g)
}

impl Drawing {
    pub fn svg(&self, date: Option<&str>) -> String {
        svg::write(&self.view, &self.boxes, &self.geometry, date)
    }

    /// The SVG of the site's interactive map (see `svg::write_interactive`).
    pub fn interactive_svg(&self) -> String {
        svg::write_interactive(&self.view, &self.boxes, &self.geometry)
    }

    pub fn json(&self) -> String {
        json::write(&self.view, &self.geometry)
    }
}

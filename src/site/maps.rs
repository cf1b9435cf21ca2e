//! The maps of the site: the system map (plain and with findings) and one focused map per
//! store and per purpose, drawn by the embedded engine.

use crate::map::view::{self, Selection, Sources};
use crate::map::{self, svg::esc};
use crate::output::Artifact;

/// The SVG of a view, or a short note when it cannot be drawn (a view too large for the
/// embedded engine): a page must never fail for its map.
pub(super) fn svg(sources: &Sources<'_>, selection: Selection) -> String {
    let limit = map::layout::MAX_NODES;
    let drawn = if view::more_stores_than(sources, selection, limit) {
        Err(format!(
            "this map has more than {limit} stores, too many for the embedded layout engine. Draw a focused view (--focus STORE --depth 1, --team, --purpose) or use --engine dot (Graphviz)"
        ))
    } else {
        map::draw(view::build(sources, selection), map::Budget::Page)
    };
    match drawn {
        Ok(drawing) => drawing.svg(None),
        Err(reason) => note(&reason),
    }
}

/// A map that could not be drawn: why, and what to draw instead, as a small SVG of text.
fn note(reason: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"60\"><text x=\"10\" y=\"30\" font-size=\"13\" font-family=\"sans-serif\">{}</text></svg>\n",
        esc(reason)
    )
}

/// The system map, plain and with findings: the files, and the one with findings for the
/// home page.
pub(super) fn system(plain: &Sources<'_>, findings: &Sources<'_>) -> (Vec<Artifact>, String) {
    let with_findings = svg(findings, Selection::System);
    let files = vec![
        Artifact::new("maps/system.svg", svg(plain, Selection::System)),
        Artifact::new("maps/system-findings.svg", with_findings.clone()),
    ];
    (files, with_findings)
}

//! The maps of the site: the system map (plain and with findings) and one focused map per
//! store and per purpose, drawn by the embedded engine.

use crate::map;
use crate::map::view::{self, Selection, Sources};
use crate::output::Artifact;

/// The SVG of a view: every view is drawn (the layout grows about linearly with it), the
/// whole map of a large system as its overview.
pub(super) fn svg(sources: &Sources<'_>, selection: Selection) -> String {
    map::draw(map::overview::when_large(view::build(sources, selection), selection)).svg(None)
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

//! The maps of the site: the system map (plain and with findings), one focused map per
//! store and per purpose, and, when the system map is an overview, one per domain (the map
//! each domain box opens), drawn by the embedded engine.

use crate::map;
use crate::map::view::{self, Selection, Sources};
use crate::output::Artifact;

/// The SVG of a view: every view is drawn (the layout grows about linearly with it), the
/// whole map of a large system as its overview.
pub(super) fn svg(sources: &Sources<'_>, selection: Selection) -> String {
    map::draw(map::overview::when_large(view::build(sources, selection), selection)).svg(None)
}

/// The system map, plain and with findings: the files, and the one with findings for the
/// home page, interactive, with the data its script reads (`mapdata`). The home page shows
/// it from the site's root, so the links of its boxes (to the domains' maps, beside the map
/// in `maps/`) start with `maps/` there.
pub(super) fn system(
    plain: &Sources<'_>,
    findings: &Sources<'_>,
) -> (Vec<Artifact>, String, String) {
    let whole =
        map::overview::when_large(view::build(findings, Selection::System), Selection::System);
    let mut inline = whole.clone();
    for node in &mut inline.nodes {
        if let Some(link) = &mut node.link {
            link.insert_str(0, "maps/");
        }
    }
    let files = vec![
        Artifact::new("maps/system.svg", svg(plain, Selection::System)),
        Artifact::new("maps/system-findings.svg", map::draw(whole).svg(None)),
    ];
    let data = super::mapdata::json(findings.model, findings.graph, &inline, findings.language);
    (files, map::draw(inline).interactive_svg(), data)
}

/// Whether the site's system map is an overview, whose boxes open the domains' maps.
pub(super) fn has_domain_maps(model: &crate::model::Model) -> bool {
    model.stores.len() > map::overview::THRESHOLD
}

/// The focused map of the domain `d` (an index into `Model::domains`), at the path the
/// overview's box links to.
pub(super) fn domain(sources: &Sources<'_>, d: usize) -> Artifact {
    let file = map::overview::domain_file(sources.model.domains(), d);
    Artifact::new(format!("maps/{file}"), svg(sources, Selection::Domain(d)))
}

/// The domains' maps for the home page's list: name and link from the site's root.
pub(super) fn domain_links(model: &crate::model::Model) -> Vec<(String, String)> {
    if !has_domain_maps(model) {
        return Vec::new();
    }
    let domains = model.domains();
    (0..domains.len())
        .map(|d| (domains[d].clone(), format!("maps/{}", map::overview::domain_file(domains, d))))
        .collect()
}

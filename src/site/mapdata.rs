//! What the home page's interactive map reads (`assets/map.js`), embedded in the page as a
//! `<script type="application/json">`: the stores and the box that draws each, each field
//! with the fields its data goes to next (and by which flow) and the purposes using it,
//! and the words the script says. Adjacency, not closures: the script walks it, so the data
//! grows with the map's edges, not with the square of its lineage.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::graph::LineageGraph;
use crate::manifest::enums::Language;
use crate::map::view::View;
use crate::model::Model;
use crate::words::map::{self as i18n, Text};

#[derive(Serialize)]
struct Data<'a> {
    /// The ids of the boxes drawn (`data-id`), which `stores` point into.
    nodes: Vec<&'a str>,
    /// `[id, name, box]`: a store and the index in `nodes` of the box that draws it (itself,
    /// or its domain's box in the overview of a large map).
    stores: Vec<(&'a str, &'a str, usize)>,
    /// Field ids and names, each once: a large map repeats a few hundred of them over
    /// thousands of stores (on the 100,000-field benchmark map, 240 strings; the fields'
    /// rows shrink from 5.6 to 3.3 MB when they point here).
    names: Vec<&'a str>,
    /// `[store, id, name, next, purposes]`, by field index (a `FieldId`'s), `id` and `name`
    /// indices into `names`: `next` is flat pairs `field,
    /// flow` of the field graph's edges leaving it (a synchronisation's both directions), as
    /// `datacarto trace` walks them; `purposes`, the active purposes using it.
    fields: Vec<FieldRow>,
    flows: Vec<&'a str>,
    /// `[id, name]`.
    purposes: Vec<(&'a str, &'a str)>,
    words: BTreeMap<&'static str, &'static str>,
}

/// `[store, id, name, next, purposes]`: see `Data::fields`.
type FieldRow = (usize, usize, usize, Vec<usize>, Vec<usize>);

/// The words the script writes, in the site's language (`map_*` of the site's words).
const WORDS: &[&str] = &[
    "map_focused",
    "map_cleared",
    "map_fields_of",
    "map_lineage",
    "map_comes_from",
    "map_goes_to",
    "map_used_by",
    "map_used_by_none",
    "map_nothing_up",
    "map_nothing_down",
    "map_no_fields",
    "map_zoom",
    "map_findings_shown",
    "map_findings_hidden",
    "map_unknown_field",
];

/// The JSON for the drawn `view` of the system map, safe inside a `<script>` element: `<`,
/// `>` and `&` are written as `\u003c`, `\u003e`, `\u0026` (the same string to JSON), so no
/// manifest text can close the element or open a comment.
pub(super) fn json<'a>(
    model: &'a Model,
    graph: &LineageGraph,
    view: &'a View,
    lang: Language,
) -> String {
    use petgraph::visit::EdgeRef;
    let nodes: Vec<&str> = view.nodes.iter().map(|n| n.id.as_str()).collect();
    let position = |id: &str| nodes.iter().position(|n| *n == id);
    let not_stated = i18n::t(Text::DomainNotStated, lang);
    let stores = model
        .stores
        .iter()
        .map(|s| {
            let group = format!("group:{}", s.domain.as_deref().unwrap_or(not_stated));
            // A store drawn neither alone nor in a box (none today) points past the boxes.
            let at = position(&s.id).or_else(|| position(&group)).unwrap_or(nodes.len());
            (s.id.as_str(), s.name.as_str(), at)
        })
        .collect();
    let mut names: Vec<&str> = Vec::new();
    let mut known: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut name = |text: &'a str| {
        *known.entry(text).or_insert_with(|| {
            names.push(text);
            names.len() - 1
        })
    };
    let fields = model
        .field_ids()
        .map(|id| {
            let f = model.field(id);
            let next: BTreeSet<(usize, usize)> = graph
                .fields
                .edges(crate::graph::node(id.index()))
                .map(|e| (e.target().index(), e.weight().flow.index()))
                .collect();
            let purposes = graph.purposes_using(id).iter().map(|p| p.index()).collect();
            let next = next.into_iter().flat_map(|(t, flow)| [t, flow]).collect();
            (f.store.index(), name(&f.id), name(&f.name), next, purposes)
        })
        .collect();
    let data = Data {
        stores,
        fields,
        flows: model.flows.iter().map(|f| f.id.as_str()).collect(),
        purposes: model.purposes.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect(),
        words: WORDS.iter().map(|k| (*k, crate::words::site::word(k, lang))).collect(),
        nodes,
        names,
    };
    script_safe(&serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_owned()))
}

/// JSON that cannot end the `<script>` element holding it.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hostile name cannot close the script element, and stays the same string to JSON.
    #[test]
    fn script_safe_json_cannot_close_its_element() {
        let name = "</script><img src=x onerror=alert(1)><!-- & ";
        let json = script_safe(&serde_json::to_string(&[name]).unwrap());
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, [name]);
    }
}

//! Threagile's technical assets, data assets and links → stores, fields and flows, written
//! as manifests. The judgement calls (which store a data asset is a field of, the category a
//! name suggests) are documented in docs/import-export.md and each guess is in the report.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::read::{Model, TechnicalAsset};
use crate::fides::{Note, Place};
use crate::inventory::value::quote_str;

/// The manifests of the new map, by path, and the notes the mapping adds.
#[derive(Debug, Default)]
pub struct Imported {
    pub files: BTreeMap<String, String>,
    pub notes: Vec<Note>,
}

/// An id of the map made of Threagile text: lower case, other characters as `-`.
fn slug(text: &str) -> String {
    let s: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' })
        .collect();
    let s: String = s.trim_start_matches(['-', '_']).chars().take(90).collect();
    if s.is_empty() { "x".to_owned() } else { s }
}

fn note(notes: &mut Vec<Note>, place: &Place, message: String) {
    notes.push(Note { place: place.clone(), message, line: String::new(), help: None });
}

/// The innermost trust boundary holding each technical asset: its title is the store's
/// domain (the map's grouping label).
fn domains(model: &Model) -> BTreeMap<String, String> {
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    for b in &model.boundaries {
        for (inner, _) in &b.nested {
            parent.insert(inner.as_str(), b.id.as_str());
        }
    }
    let depth = |id: &str| {
        let (mut d, mut at) = (0usize, id);
        while let Some(p) = parent.get(at) {
            d += 1;
            at = p;
            if d > model.boundaries.len() {
                break; // a loop of nested boundaries: depth is meaningless, stop
            }
        }
        d
    };
    let mut best: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for b in &model.boundaries {
        let d = depth(&b.id);
        for (asset, _) in &b.inside {
            let entry = best.entry(asset.clone()).or_insert((d, b.title.clone()));
            if d > entry.0 {
                *entry = (d, b.title.clone());
            }
        }
    }
    best.into_iter().map(|(k, (_, t))| (k, t)).collect()
}

/// `categories`: data asset id → category key, from the mapping file.
pub fn build(model: &Model, categories: &BTreeMap<String, String>) -> Imported {
    let mut notes = Vec::new();
    let data: BTreeMap<&str, &super::read::DataAsset> =
        model.data_assets.iter().map(|d| (d.id.as_str(), d)).collect();
    let assets: BTreeMap<&str, &TechnicalAsset> =
        model.technical_assets.iter().map(|t| (t.id.as_str(), t)).collect();
    let store_id: BTreeMap<&str, String> = {
        let mut taken = BTreeSet::new();
        let mut ids = BTreeMap::new();
        for t in &model.technical_assets {
            let base = slug(&t.id);
            let mut id = base.clone();
            let mut n = 2;
            while !taken.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            ids.insert(t.id.as_str(), id);
        }
        ids
    };
    // The data each store holds: what it stores, processes or sends, and what another
    // asset receives from it (a flow carries fields its source store declares).
    let mut fields: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut add = |store: &str, asset: &str, at: &Place, notes: &mut Vec<Note>| {
        let Some((&store, _)) = assets.get_key_value(store) else { return };
        let Some((&asset, _)) = data.get_key_value(asset) else {
            note(notes, at, format!("`{asset}` names no data asset of the model: left out"));
            return;
        };
        let list = fields.entry(store).or_default();
        if !list.contains(&asset) {
            list.push(asset);
        }
    };
    // What each asset stores and processes first, then what links add: a store's own
    // fields come in the order its model lists them.
    for t in &model.technical_assets {
        for (d, at) in t.stored.iter().chain(&t.processed) {
            add(&t.id, d, at, &mut notes);
        }
    }
    for t in &model.technical_assets {
        for l in &t.links {
            for (d, at) in &l.sent {
                add(&t.id, d, at, &mut notes);
            }
            for (d, at) in &l.received {
                add(&l.target.0, d, at, &mut notes);
            }
        }
    }
    // Each data asset's category: the mapping file's, else the one its name suggests.
    let mut category: BTreeMap<&str, Option<String>> = BTreeMap::new();
    for d in &model.data_assets {
        let chosen = categories.get(&d.id).cloned().or_else(|| {
            let guess = crate::scan::guess::guess(&d.title)
                .or_else(|| crate::scan::guess::guess(&d.id))
                .and_then(|g| g.category);
            if let Some(c) = guess {
                note(
                    &mut notes,
                    &d.place,
                    format!(
                        "data asset `{}`: category `{c}` guessed from its name; check it, or give it in the categories file",
                        d.id
                    ),
                );
            }
            guess.map(str::to_owned)
        });
        category.insert(d.id.as_str(), chosen);
    }
    let domain = domains(model);
    let mut files = BTreeMap::new();
    for t in &model.technical_assets {
        let id = &store_id[t.id.as_str()];
        let mut s = format!("# Imported from Threagile.\nstores:\n  - id: {id}\n");
        let _ = writeln!(s, "    name: {}", quote_str(&t.title));
        if let Some(d) = domain.get(&t.id) {
            let _ = writeln!(s, "    domain: {}", quote_str(d));
        }
        let mut description = t.description.clone().unwrap_or_default();
        if t.out_of_scope {
            // The map has no scope attribute: the mark goes where every reader sees it.
            let mark = match &t.justification {
                Some(j) => format!("Out of scope of the Threagile model: {j}"),
                None => "Out of scope of the Threagile model.".to_owned(),
            };
            description =
                if description.is_empty() { mark } else { format!("{description} {mark}") };
            note(
                &mut notes,
                &t.place,
                format!(
                    "technical asset `{}` is out of scope in Threagile: said in its store's description",
                    t.id
                ),
            );
        }
        if !description.is_empty() {
            let _ = writeln!(s, "    description: {}", quote_str(&description));
        }
        match fields.get(t.id.as_str()) {
            None => s.push_str(
                "    # Threagile names no data asset this technical asset stores, processes or sends: its fields are not stated.\n",
            ),
            Some(list) => {
                s.push_str("    fields:\n");
                for d in list {
                    let asset = data[d];
                    let _ = writeln!(s, "      - id: {}", slug(&asset.id));
                    let _ = writeln!(s, "        name: {}", quote_str(&asset.title));
                    if let Some(Some(c)) = category.get(d) {
                        let _ = writeln!(s, "        category: {}", quote_str(c));
                    }
                    if let Some(desc) = &asset.description {
                        let _ = writeln!(s, "        description: {}", quote_str(desc));
                    }
                }
            }
        }
        files.insert(format!("stores/{id}.yaml"), s);
    }
    let mut flows = String::new();
    for t in &model.technical_assets {
        for l in &t.links {
            let Some(target) = store_id.get(l.target.0.as_str()) else {
                note(
                    &mut notes,
                    &l.target.1,
                    format!(
                        "communication link `{}`: target `{}` names no technical asset: no flow",
                        l.title, l.target.0
                    ),
                );
                continue;
            };
            let from = &store_id[t.id.as_str()];
            let mut text = l.title.clone();
            if let Some(d) = &l.description {
                let _ = write!(text, ": {d}");
            }
            let known = |list: &[(String, Place)]| -> Vec<String> {
                list.iter()
                    .filter(|(d, _)| data.contains_key(d.as_str()))
                    .map(|(d, _)| slug(d))
                    .collect()
            };
            let (sent, received) = (known(&l.sent), known(&l.received));
            // A link with no data asset either way: a flow whose fields are not stated.
            if !sent.is_empty() || received.is_empty() {
                write_flow(&mut flows, from, target, &text, &sent);
            }
            if !received.is_empty() {
                write_flow(&mut flows, target, from, &text, &received);
            }
        }
    }
    if !flows.is_empty() {
        files.insert(
            "flows.yaml".to_owned(),
            format!("# Imported from Threagile.\nflows:\n{flows}"),
        );
    }
    for d in &model.data_assets {
        if !fields.values().any(|l| l.contains(&d.id.as_str())) {
            note(
                &mut notes,
                &d.place,
                format!(
                    "data asset `{}`: no technical asset stores, processes or sends it: no field",
                    d.id
                ),
            );
        }
    }
    Imported { files, notes }
}

fn write_flow(t: &mut String, from: &str, to: &str, description: &str, fields: &[String]) {
    let _ = writeln!(t, "  - from: {from}\n    to: {to}");
    let _ = writeln!(t, "    description: {}", quote_str(description));
    if !fields.is_empty() {
        let _ = writeln!(t, "    fields: [{}]", fields.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The innermost boundary names the domain; boundaries nested in a loop (a mistake in
    /// the model) still end, never hang.
    #[test]
    fn the_innermost_boundary_is_the_domain_and_loops_end() {
        let model = crate::threagile::read::read(
            "m.yaml",
            "technical_assets:\n  A:\n    id: a\n  B:\n    id: b\ntrust_boundaries:\n  Outer:\n    id: outer\n    technical_assets_inside: [a, b]\n    trust_boundaries_nested: [inner]\n  Inner:\n    id: inner\n    technical_assets_inside: [b]\n    trust_boundaries_nested: [outer]\n",
        );
        assert!(model.problems.is_empty(), "{:?}", model.problems);
        let d = domains(&model);
        assert_eq!(d.len(), 2);
        let plain = crate::threagile::read::read(
            "m.yaml",
            "technical_assets:\n  A:\n    id: a\n  B:\n    id: b\ntrust_boundaries:\n  Outer:\n    id: outer\n    technical_assets_inside: [a, b]\n    trust_boundaries_nested: [inner]\n  Inner:\n    id: inner\n    technical_assets_inside: [b]\n",
        );
        let d = domains(&plain);
        assert_eq!(d["a"], "Outer");
        assert_eq!(d["b"], "Inner");
    }
}

//! Systems and datasets → stores, fields, flows and purposes, written as manifests.
//! The judgement calls (which store a dataset lands in, which way a flow goes) are
//! documented in docs/import-export.md; what has no faithful place is reported.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::read::{Dataset, Source, System};
use super::{Note, Place};
use crate::inventory::value::quote_str;

/// The manifests of the new map, by path, and the notes the mapping adds to the report.
#[derive(Debug, Default)]
pub struct Imported {
    pub files: BTreeMap<String, String>,
    pub notes: Vec<Note>,
}

struct Store {
    id: String,
    name: Option<String>,
    description: Option<String>,
    domain: Option<String>,
    fields: Vec<StoreField>,
    origin: String,
    /// A system no dataset of its own stores into: an application (`kind: application`).
    application: bool,
    /// The processor operating it (`responsibility: Processor`): `legal_name`, else name.
    vendor: Option<String>,
    /// The Chapter V safeguard of `legal_basis_for_transfers` (a map mechanism id).
    transfer: Option<&'static str>,
    /// Whether flows bring data into it: then the safeguard goes on each of them (a
    /// transfer is judged per flow), else on the store (it collects directly).
    transfer_on_flows: bool,
}

/// A field of a store: its id, its collection (`table:`), its dotted path within the
/// collection (`parent.child` for a nested field: its name), description, category, identity.
struct StoreField {
    id: String,
    table: String,
    name: String,
    description: Option<String>,
    category: Option<String>,
    identity: bool,
}

#[derive(Default)]
struct Flow {
    fields: Vec<(String, String)>,
    purposes: Vec<String>,
    origin: Vec<String>,
}

/// An id of the map made of fides text: lower case, other characters as `-`.
fn slug(text: &str) -> String {
    let mut s: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' })
        .collect();
    s = s.trim_start_matches(['-', '_']).chars().take(90).collect();
    if s.is_empty() { "x".to_owned() } else { s }
}

fn unique(taken: &mut BTreeSet<String>, base: String) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn note(notes: &mut Vec<Note>, place: &Place, message: String) {
    notes.push(Note { place: place.clone(), message, line: String::new(), help: None });
}

/// fides `legal_basis_for_processing` → the map's `legal_basis`.
fn legal_basis(text: &str) -> Option<&'static str> {
    Some(match text.to_lowercase().as_str() {
        "consent" => "consent",
        "contract" => "contract",
        "legal obligations" | "legal obligation" => "legal_obligation",
        "vital interests" => "vital_interests",
        "public interest" | "public task" => "public_task",
        "legitimate interests" => "legitimate_interests",
        _ => return None,
    })
}

/// fides `special_category_legal_basis` → the map's `special_condition` (art. 9(2)): the
/// short names of fides 2.x and the values of fideslang 3's enumeration.
fn special_condition(text: &str) -> Option<&'static str> {
    Some(match text.to_lowercase().as_str() {
        "consent" | "explicit consent" => "explicit_consent",
        "employment" | "employment, social security and social protection" => {
            "employment_social_security"
        }
        "vital interests" => "vital_interests",
        "non-profit organisations" | "non-profit organizations" | "not-for-profit bodies" => {
            "not_for_profit_body"
        }
        "public by data subject" | "made public by the data subject" => "manifestly_public",
        "legal claims" | "legal claims or judicial acts" => "legal_claims",
        "substantial public interest"
        | "reasons of substantial public interest (with a basis in law)" => {
            "substantial_public_interest"
        }
        "medical" | "health or social care (with a basis in law)" => "health_social_care",
        "public health interest" | "public health (with a basis in law)" => "public_health",
        "archiving, research and statistics (with a basis in law)" => {
            "archiving_research_statistics"
        }
        _ => return None,
    })
}

/// fides `responsibility` → the store's `vendor`: a system a processor (or sub-processor)
/// runs is operated by that outside party; a controller's system is run in house (no
/// `vendor`). Both roles at once say neither: reported, left to fill.
fn vendor(s: &System, notes: &mut Vec<Note>) -> Option<String> {
    let roles: BTreeSet<String> = s.responsibility.iter().map(|r| r.0.to_lowercase()).collect();
    let processor = roles.iter().any(|r| r == "processor" || r == "sub-processor");
    let controller = roles.contains("controller");
    for (role, at) in &s.responsibility {
        let known =
            ["controller", "processor", "sub-processor"].contains(&role.to_lowercase().as_str());
        if !known {
            note(
                notes,
                at,
                format!(
                    "system `{}`: responsibility `{role}` is not controller, processor or sub-processor: left out",
                    s.key
                ),
            );
        } else if processor && controller {
            note(
                notes,
                at,
                format!(
                    "system `{}`: responsibility `{role}` beside another role: whether an outside processor runs it is not stated, `vendor` left to fill",
                    s.key
                ),
            );
        }
    }
    if !processor || controller {
        return None;
    }
    Some(s.legal_name.clone().or_else(|| s.name.clone()).unwrap_or_else(|| s.key.clone()))
}

/// fides `legal_basis_for_transfers` (with `does_international_processing`) → the map's
/// transfer mechanism. Where the system processes data is not stated in fides: the
/// location stays to fill, and the report says so.
fn transfer(s: &System, notes: &mut Vec<Note>) -> Option<&'static str> {
    let mut found = None;
    for (basis, at) in &s.transfer_bases {
        let mechanism = match basis.to_lowercase().as_str() {
            "adequacy decision" => Some("adequacy"),
            "sccs" => Some("scc_commission"),
            "bcrs" => Some("bcr"),
            _ => None,
        };
        match (mechanism, found) {
            (Some(m), None) => found = Some(m),
            (Some(_), Some(kept)) => note(
                notes,
                at,
                format!(
                    "system `{}`: transfer basis `{basis}` beside `{kept}`: a transfer has one mechanism, the first is kept",
                    s.key
                ),
            ),
            (None, _) => note(
                notes,
                at,
                format!(
                    "system `{}`: transfer basis `{basis}` names no Chapter V mechanism: left out, `transfer.mechanism` to fill",
                    s.key
                ),
            ),
        }
    }
    if let Some((international, at)) = &s.international {
        let message = match (international, found) {
            (true, Some(_)) => None,
            (true, None) => Some(format!(
                "system `{}` processes data internationally with no transfer basis stated: `transfer.mechanism` and `location` to fill",
                s.key
            )),
            (false, Some(_)) => Some(format!(
                "system `{}` says it does no international processing, yet names a transfer basis: the basis is kept, check it",
                s.key
            )),
            (false, None) => Some(format!(
                "system `{}` says it does no international processing: the map says where data is hosted with `location`, to fill",
                s.key
            )),
        };
        if let Some(message) = message {
            note(notes, at, message);
        }
    }
    found
}

/// An ISO 8601 period as the manifest format reads it (`P3Y`, `P1Y6M`).
fn is_period(text: &str) -> bool {
    regex::Regex::new(crate::manifest::text::DURATION_PATTERN).is_ok_and(|r| r.is_match(text))
}

pub fn build(source: &Source) -> Imported {
    let mut notes = Vec::new();
    let mut ids = BTreeSet::new();
    // Which systems refer to each dataset, by any of fides' ways of saying it.
    let mut users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for s in &source.systems {
        let refs = s.datasets.iter().map(|d| d.0.as_str());
        let decls = s.declarations.iter().flat_map(|d| d.datasets.iter().map(|r| r.0.as_str()));
        let links =
            s.egress.iter().chain(&s.ingress).filter(|l| l.kind.as_deref() == Some("dataset"));
        for d in refs.chain(decls).chain(links.map(|l| l.key.as_str())) {
            users.entry(d).or_default().insert(s.key.as_str());
        }
    }
    let datasets: BTreeMap<&str, &Dataset> =
        source.datasets.iter().map(|d| (d.key.as_str(), d)).collect();
    let mut stores: Vec<Store> = Vec::new();
    // fides key of a system or dataset → the store it became.
    // Systems and datasets have separate key spaces in fides: one map each.
    let mut store_of: BTreeMap<String, usize> = BTreeMap::new();
    let mut system_store: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &source.systems {
        let id = unique(&mut ids, slug(&s.key));
        let only: Vec<&Dataset> = datasets
            .values()
            .filter(|d| {
                users
                    .get(d.key.as_str())
                    .is_some_and(|u| u.len() == 1 && u.contains(s.key.as_str()))
            })
            .copied()
            .collect();
        let mut store = Store {
            id,
            name: s.name.clone(),
            description: s.description.clone(),
            domain: s.department.clone(),
            fields: Vec::new(),
            origin: format!("system {}", s.key),
            application: only.is_empty(),
            vendor: vendor(s, &mut notes),
            transfer: transfer(s, &mut notes),
            transfer_on_flows: false,
        };
        let index = stores.len();
        for d in only {
            store
                .origin
                .push_str(&format!(" and dataset {} (it is the only system to use it)", d.key));
            store_of.insert(d.key.clone(), index);
        }
        system_store.insert(&s.key, index);
        stores.push(store);
    }
    for d in &source.datasets {
        if store_of.contains_key(&d.key) {
            continue;
        }
        let id = unique(&mut ids, slug(&d.key));
        let shared = users.get(d.key.as_str()).map_or(0, BTreeSet::len);
        let why = if shared == 0 { "no system uses it" } else { "several systems use it" };
        store_of.insert(d.key.clone(), stores.len());
        stores.push(Store {
            id,
            name: d.name.clone(),
            description: d.description.clone(),
            domain: None,
            fields: Vec::new(),
            origin: format!("dataset {} ({why})", d.key),
            application: false,
            vendor: None,
            transfer: None,
            transfer_on_flows: false,
        });
    }
    // Fields: the id from the whole path (unique in the store whatever the collection, so
    // references stay `store.field`), the collection as `table:`, the path within it as
    // the name.
    let mut field_of: BTreeMap<(String, String), String> = BTreeMap::new();
    for d in &source.datasets {
        let Some(&index) = store_of.get(&d.key) else { continue };
        let store = &mut stores[index];
        let mut taken: BTreeSet<String> = store.fields.iter().map(|f| f.id.clone()).collect();
        for f in &d.fields {
            let dotted = f.path.join(".");
            let id = unique(&mut taken, slug(&f.path.join("-")));
            field_of.insert((d.key.clone(), dotted.clone()), id.clone());
            let (table, inner) =
                f.path.split_first().map_or((String::new(), &[][..]), |(t, r)| (t.clone(), r));
            store.fields.push(StoreField {
                id,
                table,
                name: inner.join("."),
                description: f.description.clone(),
                category: f.category.clone(),
                identity: f.identity,
            });
        }
    }
    let mut flows: BTreeMap<(usize, usize, bool), Flow> = BTreeMap::new();
    // Field references between datasets → flows that carry those fields.
    for d in &source.datasets {
        let Some(&here) = store_of.get(&d.key) else { continue };
        for f in &d.fields {
            let mine = &field_of[&(d.key.clone(), f.path.join("."))];
            for r in &f.references {
                let target = store_of.get(&r.dataset).copied();
                let theirs = field_of.get(&(r.dataset.clone(), r.field.clone()));
                let (Some(there), Some(theirs)) = (target, theirs) else {
                    note(
                        &mut notes,
                        &r.place,
                        format!(
                            "reference to `{}.{}`: no such dataset field among the sources: left out",
                            r.dataset, r.field
                        ),
                    );
                    continue;
                };
                if there == here {
                    note(
                        &mut notes,
                        &r.place,
                        format!(
                            "reference to `{}.{}` stays inside store `{}`: a flow goes from one store to another: left out",
                            r.dataset, r.field, stores[here].id
                        ),
                    );
                    continue;
                }
                let (from, to, pair) = match r.direction.as_deref() {
                    Some("from") => (there, here, (theirs.clone(), mine.clone())),
                    Some("to") => (here, there, (mine.clone(), theirs.clone())),
                    _ => {
                        note(
                            &mut notes,
                            &r.place,
                            format!(
                                "reference to `{}.{}` states no `direction` (from or to): which way data goes is not stated, no flow made",
                                r.dataset, r.field
                            ),
                        );
                        continue;
                    }
                };
                let flow = flows.entry((from, to, true)).or_default();
                if !flow.fields.contains(&pair) {
                    flow.fields.push(pair);
                }
                flow.origin.push(format!("fides_meta reference of {}.{}", d.key, f.path.join(".")));
            }
        }
    }
    // Systems: egress/ingress flows without fields, declarations → purposes.
    let mut purposes = String::new();
    let mut purpose_ids = BTreeSet::new();
    for s in &source.systems {
        let me = system_store[s.key.as_str()];
        for (links, outward) in [(&s.egress, true), (&s.ingress, false)] {
            for l in links {
                if l.kind.as_deref() == Some("user") {
                    note(
                        &mut notes,
                        &l.place,
                        format!(
                            "system `{}`: {} `{}` of type user: a person is not a store: left out",
                            s.key,
                            if outward { "egress to" } else { "ingress from" },
                            l.key
                        ),
                    );
                    continue;
                }
                let found = match l.kind.as_deref() {
                    Some("dataset") => store_of.get(&l.key),
                    Some("system") => system_store.get(l.key.as_str()),
                    _ => system_store.get(l.key.as_str()).or(store_of.get(&l.key)),
                };
                let Some(&other) = found else {
                    note(
                        &mut notes,
                        &l.place,
                        format!(
                            "system `{}`: `{}` is no system or dataset among the sources: no flow made",
                            s.key, l.key
                        ),
                    );
                    continue;
                };
                if other == me {
                    continue;
                }
                let key = if outward { (me, other, false) } else { (other, me, false) };
                let flow = flows.entry(key).or_default();
                flow.origin.push(format!(
                    "{} of system {}",
                    if outward { "egress" } else { "ingress" },
                    s.key
                ));
            }
        }
        for d in &s.declarations {
            let base = slug(&format!(
                "{}-{}",
                s.key,
                d.name.as_deref().or(d.data_use.as_deref()).unwrap_or("purpose")
            ));
            let id = unique(&mut purpose_ids, base);
            write_purpose(&mut purposes, &id, s, d, &mut notes);
            for (ds, place) in &d.datasets {
                match store_of.get(ds) {
                    Some(&there) if there != me => {
                        let flow = flows.entry((there, me, false)).or_default();
                        flow.purposes.push(id.clone());
                        flow.origin.push(format!("dataset reference of declaration {id}"));
                    }
                    Some(_) => {}
                    None => note(
                        &mut notes,
                        place,
                        format!(
                            "declaration `{id}`: dataset `{ds}` is not among the sources: left out"
                        ),
                    ),
                }
            }
        }
    }
    for (_, to, _) in flows.keys() {
        stores[*to].transfer_on_flows = true;
    }
    let mut files = BTreeMap::new();
    if let Some(text) = organization(source, &mut notes) {
        files.insert("datacarto.yaml".to_owned(), text);
    }
    for store in &stores {
        files.insert(format!("stores/{}.yaml", store.id), write_store(store));
    }
    if !flows.is_empty() {
        let mut text = String::from("# Imported from fides.\nflows:\n");
        for ((from, to, _), flow) in &flows {
            write_flow(&mut text, &stores[*from].id, &stores[*to].id, flow);
            if let Some(m) = stores[*to].transfer {
                let _ = writeln!(text, "    transfer: {{mechanism: {m}}}");
            }
        }
        files.insert("flows.yaml".to_owned(), text);
    }
    if !purposes.is_empty() {
        files.insert(
            "purposes.yaml".to_owned(),
            format!("# Imported from fides privacy declarations.\npurposes:\n{purposes}"),
        );
    }
    if let Some(text) = taxonomy(source, &mut notes) {
        files.insert("taxonomy.yaml".to_owned(), text);
    }
    Imported { files, notes }
}

/// The first fides organisation → `organization:` of datacarto.yaml: its name (else the
/// controller's), the controller's address, e-mail and phone, the DPO, the representative,
/// and the privacy policy the systems share. A map has one controller: other
/// organisations are reported.
fn organization(source: &Source, notes: &mut Vec<Note>) -> Option<String> {
    let mut policies: BTreeMap<&str, Vec<&Place>> = BTreeMap::new();
    for s in &source.systems {
        if let Some((p, at)) = &s.privacy_policy {
            policies.entry(p.as_str()).or_default().push(at);
        }
    }
    let policy = match policies.len() {
        1 => policies.keys().next().copied(),
        _ => {
            for (p, places) in &policies {
                for at in places {
                    note(
                        notes,
                        at,
                        format!(
                            "privacy policy `{p}`: the systems name several, the map's organisation has one: left out"
                        ),
                    );
                }
            }
            None
        }
    };
    let Some((org, rest)) = source.organizations.split_first() else {
        if let Some(p) = policy {
            return Some(format!(
                "# Imported from fides.\norganization:\n  privacy_policy: {}\n",
                quote_str(p)
            ));
        }
        return None;
    };
    for o in rest {
        note(
            notes,
            &o.place,
            format!(
                "organization `{}`: a map has one controller, `{}` is kept: left out",
                o.key, org.key
            ),
        );
    }
    let mut t = format!("# Imported from fides: organization {}.\norganization:\n", org.key);
    let controller = org.controller.clone().unwrap_or_default();
    let name = org.name.as_ref().or(controller.name.as_ref());
    for (k, v) in [
        ("name", name),
        ("address", controller.address.as_ref()),
        ("email", controller.email.as_ref()),
        ("phone", controller.phone.as_ref()),
    ] {
        if let Some(v) = v {
            let _ = writeln!(t, "  {k}: {}", quote_str(v));
        }
    }
    if let (Some(a), Some(b)) = (&org.name, &controller.name)
        && a != b
    {
        note(
            notes,
            &org.place,
            format!(
                "organization `{}`: controller name `{b}` differs from the organisation's name `{a}`, which is kept",
                org.key
            ),
        );
    }
    for (k, c) in [("dpo", &org.dpo), ("representative", &org.representative)] {
        let Some(c) = c else { continue };
        let _ = writeln!(t, "  {k}:");
        for (ck, v) in
            [("name", &c.name), ("email", &c.email), ("phone", &c.phone), ("address", &c.address)]
        {
            if let Some(v) = v {
                let _ = writeln!(t, "    {ck}: {}", quote_str(v));
            }
        }
    }
    if let Some(p) = policy {
        let _ = writeln!(t, "  privacy_policy: {}", quote_str(p));
    }
    Some(t)
}

/// Taxonomy extensions → the map's own categories and subjects; a key the map has built
/// in is left out (with a note): its meaning is already known.
fn taxonomy(source: &Source, notes: &mut Vec<Note>) -> Option<String> {
    let mut categories = String::new();
    let mut subjects = String::new();
    for e in &source.taxonomy {
        if e.category {
            if crate::vocab::categories::is_builtin(&e.key) {
                note(notes, &e.place, format!("data category `{}` is built in: left out", e.key));
                continue;
            }
            let _ = writeln!(categories, "  - id: {}", quote_str(&e.key));
            if let Some(p) = &e.parent {
                let _ = writeln!(categories, "    parent: {}", quote_str(p));
            }
            for (k, v) in [("name", &e.name), ("description", &e.description)] {
                if let Some(v) = v {
                    let _ = writeln!(categories, "    {k}: {}", quote_str(v));
                }
            }
        } else {
            let id = slug(&e.key);
            if crate::vocab::subjects::SUBJECTS.iter().any(|s| s.id == id) {
                note(notes, &e.place, format!("data subject `{}` is built in: left out", e.key));
                continue;
            }
            let _ = writeln!(subjects, "  - id: {id}");
            for (k, v) in [("name", &e.name), ("description", &e.description)] {
                if let Some(v) = v {
                    let _ = writeln!(subjects, "    {k}: {}", quote_str(v));
                }
            }
        }
    }
    if categories.is_empty() && subjects.is_empty() {
        return None;
    }
    let mut t = String::from("# Imported from fides taxonomy extensions.\n");
    if !categories.is_empty() {
        let _ = write!(t, "categories:\n{categories}");
    }
    if !subjects.is_empty() {
        let _ = write!(t, "subjects:\n{subjects}");
    }
    Some(t)
}

fn write_store(store: &Store) -> String {
    let mut t =
        format!("# Imported from fides: {}.\nstores:\n  - id: {}\n", store.origin, store.id);
    for (k, v) in
        [("name", &store.name), ("domain", &store.domain), ("description", &store.description)]
    {
        if let Some(v) = v {
            let _ = writeln!(t, "    {k}: {}", quote_str(v));
        }
    }
    if let Some(v) = &store.vendor {
        let _ = writeln!(t, "    vendor: {}", quote_str(v));
    }
    if let (Some(m), false) = (store.transfer, store.transfer_on_flows) {
        let _ = writeln!(t, "    transfer: {{mechanism: {m}}}");
    }
    if store.application {
        // fides names no dataset of its own for it: an application that processes what
        // flows through it, so no `fields:` (not `fields: []`): its flows say what passes.
        t.push_str("    kind: application\n");
    }
    if store.fields.is_empty() {
        return t;
    }
    t.push_str("    fields:\n");
    for f in &store.fields {
        let _ = writeln!(t, "      - id: {}\n        name: {}", f.id, quote_str(&f.name));
        if !f.table.is_empty() {
            let _ = writeln!(t, "        table: {}", quote_str(&f.table));
        }
        if let Some(c) = &f.category {
            let _ = writeln!(t, "        category: {}", quote_str(c));
        }
        if f.identity {
            t.push_str("        identifier: true\n");
        }
        if let Some(d) = &f.description {
            let _ = writeln!(t, "        description: {}", quote_str(d));
        }
    }
    t
}

fn write_flow(t: &mut String, from: &str, to: &str, flow: &Flow) {
    let _ = writeln!(t, "  - from: {from}\n    to: {to}");
    let mut origin: Vec<&String> = flow.origin.iter().collect();
    origin.dedup();
    let origin: Vec<&str> = origin.into_iter().map(String::as_str).collect();
    let _ = writeln!(
        t,
        "    description: {}",
        quote_str(&format!("From fides: {}.", origin.join("; ")))
    );
    if !flow.fields.is_empty() {
        t.push_str("    fields:\n");
        for (s, d) in &flow.fields {
            if s == d {
                let _ = writeln!(t, "      - {s}");
            } else {
                let _ = writeln!(t, "      - {s}: {d}");
            }
        }
    }
    if !flow.purposes.is_empty() {
        let _ = writeln!(t, "    purposes: [{}]", flow.purposes.join(", "));
    }
}

fn write_purpose(
    t: &mut String,
    id: &str,
    s: &System,
    d: &super::read::Declaration,
    notes: &mut Vec<Note>,
) {
    let place = d.place.clone().unwrap_or_else(|| s.place.clone());
    let _ = writeln!(t, "  - id: {id}");
    if let Some(n) = &d.name {
        let _ = writeln!(t, "    name: {}", quote_str(n));
    }
    if let Some(u) = &d.data_use {
        let _ = writeln!(t, "    use: {}", quote_str(u));
    }
    if let Some((basis, at)) = &d.legal_basis {
        match legal_basis(basis) {
            Some(b) => {
                let _ = writeln!(t, "    legal_basis: {b}");
            }
            None => note(
                notes,
                at,
                format!(
                    "declaration `{id}`: legal basis `{basis}` is not one of GDPR art. 6(1): left out"
                ),
            ),
        }
    }
    if let Some((basis, at)) = &d.special_basis {
        match special_condition(basis) {
            Some(b) => {
                let _ = writeln!(t, "    special_condition: {b}");
            }
            None => note(
                notes,
                at,
                format!(
                    "declaration `{id}`: special category legal basis `{basis}` is not one of GDPR art. 9(2): left out"
                ),
            ),
        }
    }
    let list = |t: &mut String, key: &str, items: &[String]| {
        if !items.is_empty() {
            let items: Vec<String> = items.iter().map(|i| quote_str(i)).collect();
            let _ = writeln!(t, "    {key}: [{}]", items.join(", "));
        }
    };
    if let Some(third) = &d.third_parties {
        // fides says who in one text: kept whole, as a recipient outside the map.
        let _ = writeln!(t, "    recipients: [{}]", quote_str(third));
    } else if let Some((true, at)) = &d.shared {
        note(
            notes,
            at,
            format!(
                "declaration `{id}`: data is shared with third parties, but which is not stated: `recipients` to fill"
            ),
        );
    }
    let subjects: Vec<String> = d.subjects.iter().map(|s| slug(s)).collect();
    list(t, "subjects", &subjects);
    list(t, "needs", &d.categories);
    if let Some((days, at)) = &d.retention {
        // fides asks for the retention period in days; other text is kept as a sentence.
        if !days.is_empty() && days.chars().all(|c| c.is_ascii_digit()) {
            let _ = writeln!(t, "    retention: {{duration: P{days}D}}");
        } else if is_period(days) {
            // An ISO 8601 period (what `export fides` writes for a period not in days).
            let _ = writeln!(t, "    retention: {{duration: {days}}}");
        } else if days.chars().any(|c| c.is_alphabetic()) {
            let _ = writeln!(t, "    retention: {}", quote_str(days));
        } else {
            note(
                notes,
                at,
                format!(
                    "declaration `{id}`: retention period `{days}` is neither a number of days nor a sentence: left out"
                ),
            );
        }
    }
    match s.uses_profiling {
        Some(false) => t.push_str("    profiling: false\n"),
        Some(true) => note(
            notes,
            &place,
            format!(
                "declaration `{id}`: system `{}` uses profiling, but which of its declarations does is not stated: `profiling` left to fill",
                s.key
            ),
        ),
        None => {}
    }
    let status = match s.requires_dpia {
        Some(true) => Some("required"),
        Some(false) => Some("not-required"),
        None => None,
    };
    let link = d.impact_link.as_ref().or(s.dpia_link.as_ref());
    if status.is_some() || link.is_some() {
        t.push_str("    dpia:\n");
        if let Some(s) = status {
            let _ = writeln!(t, "      status: {s}");
        }
        if let Some(l) = link {
            let _ = writeln!(t, "      link: {}", quote_str(l));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_map_ids_and_unique() {
        assert_eq!(slug("Orders.Customer ID"), "orders-customer-id");
        assert_eq!(slug("__x"), "x");
        assert_eq!(slug("é"), "x");
        let mut taken = BTreeSet::new();
        assert_eq!(unique(&mut taken, "a".into()), "a");
        assert_eq!(unique(&mut taken, "a".into()), "a-2");
    }

    #[test]
    fn fides_legal_bases_map_to_gdpr_ids_and_unknown_ones_to_nothing() {
        assert_eq!(legal_basis("Legal obligations"), Some("legal_obligation"));
        assert_eq!(legal_basis("Public interest"), Some("public_task"));
        assert_eq!(legal_basis("Because"), None);
        assert_eq!(special_condition("Medical"), Some("health_social_care"));
        assert_eq!(special_condition("Employment"), Some("employment_social_security"));
    }

    /// A processor's system gets the processor as `vendor`; a controller's none; both roles
    /// at once say neither and are reported. SCCs become `scc_commission`; a basis with no
    /// Chapter V mechanism is reported.
    #[test]
    fn responsibility_and_transfer_bases_map_to_vendor_and_mechanism() {
        let system = |extra: &str| {
            let mut source = Source::default();
            let text = format!("system:\n  - fides_key: s\n    name: S\n{extra}");
            super::super::read::read("f.yml", &text, &mut source);
            assert!(source.problems.is_empty(), "{:?}", source.problems);
            source.systems.remove(0)
        };
        let mut notes = Vec::new();
        let s = system("    responsibility: [Sub-Processor]\n    legal_name: S Ltd\n");
        assert_eq!(vendor(&s, &mut notes).as_deref(), Some("S Ltd"));
        assert_eq!(vendor(&system("    responsibility: [Controller]\n"), &mut notes), None);
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            vendor(&system("    responsibility: [Controller, Processor]\n"), &mut notes),
            None
        );
        assert_eq!(notes.len(), 2, "{notes:?}");
        notes.clear();
        let s = system(
            "    does_international_processing: true\n    legal_basis_for_transfers: [BCRs, SCCs]\n",
        );
        assert_eq!(transfer(&s, &mut notes), Some("bcr"));
        assert_eq!(notes.len(), 1, "the second basis: {notes:?}");
        notes.clear();
        let s = system("    does_international_processing: true\n");
        assert_eq!(transfer(&s, &mut notes), None);
        assert!(notes[0].message.contains("no transfer basis stated"), "{notes:?}");
    }

    #[test]
    fn a_system_and_a_dataset_may_share_a_key() {
        let mut source = Source::default();
        let text = "system:\n  - fides_key: x\n    egress: [{fides_key: x, type: dataset}]\n  - fides_key: y\n    ingress: [{fides_key: x, type: dataset}]\ndataset:\n  - fides_key: x\n    collections: [{name: c, fields: [{name: f}]}]\n";
        super::super::read::read("f.yml", text, &mut source);
        let imported = build(&source);
        let stores: Vec<&String> = imported.files.keys().collect();
        assert_eq!(stores, ["flows.yaml", "stores/x-2.yaml", "stores/x.yaml", "stores/y.yaml"]);
        let flows = &imported.files["flows.yaml"];
        assert!(flows.contains("from: x\n    to: x-2"), "{flows}");
        assert!(flows.contains("from: x-2\n    to: y"), "{flows}");
    }
}

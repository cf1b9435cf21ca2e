//! The site's data files: the search index (a script, since `fetch` is refused on `file://`),
//! the graph as JSON and the findings as JSON.

use serde::Serialize;

use super::Inputs;

/// An entry of the search index: name, id, kind, page, and words that also find it.
type Entry<'a> = (&'a str, std::borrow::Cow<'a, str>, &'static str, String, String);

/// `window.DATACARTO_INDEX = [[name, id, kind, href, extra], …]`: stores, fields, purposes.
pub(super) fn search_index(inputs: &Inputs<'_>) -> String {
    let model = inputs.model;
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for s in &model.stores {
        let description = s.description.clone().unwrap_or_default();
        entries.push((
            &s.name,
            s.id.as_str().into(),
            "store",
            format!("stores/{}.html", s.id),
            description,
        ));
    }
    for f in model.field_ids() {
        let field = model.field(f);
        let store = model.store(field.store);
        let extra =
            format!("{} {}", store.name, field.category.as_ref().map_or("", |c| c.value.as_str()));
        let href = format!("stores/{}.html#field-{}", store.id, field.id);
        entries.push((&field.name, model.field_path(f).into(), "field", href, extra));
    }
    for p in &model.purposes {
        let description = p.description.clone().unwrap_or_default();
        entries.push((
            &p.name,
            p.id.as_str().into(),
            "purpose",
            format!("purposes/{}.html", p.id),
            description,
        ));
    }
    // `</` cannot close a script element: JSON allows `\/`.
    let json = serde_json::to_string(&entries).expect("the index serialises").replace("</", "<\\/");
    format!("window.DATACARTO_INDEX = {json};\n")
}

// The graph's JSON, serialised straight from the model (no tree of values in between:
// on a large map that tree was most of the cost). Field order is the file's key order.

#[derive(Serialize)]
struct Graph<'a> {
    version: u32,
    stores: Vec<Store<'a>>,
    flows: Vec<Flow<'a>>,
    purposes: Vec<Purpose<'a>>,
}

#[derive(Serialize)]
struct Store<'a> {
    id: &'a str,
    name: &'a str,
    kind: Option<&'a str>,
    owner: Option<&'a str>,
    domain: Option<&'a str>,
    status: &'a str,
    location: Vec<&'a str>,
    external: bool,
    referential: bool,
    fields: Vec<Field<'a>>,
}

#[derive(Serialize)]
struct Field<'a> {
    id: &'a str,
    name: &'a str,
    category: Option<&'a str>,
    personal: bool,
    special: Option<&'a str>,
    used: bool,
    useful: bool,
}

#[derive(Serialize)]
struct Flow<'a> {
    id: &'a str,
    from: &'a str,
    to: &'a str,
    direction: &'a str,
    mechanism: Option<&'a str>,
    frequency: Option<&'a str>,
    fields: Vec<[String; 2]>,
    transfer: Option<&'a str>,
}

#[derive(Serialize)]
struct Purpose<'a> {
    id: &'a str,
    name: &'a str,
    status: &'a str,
    legal_basis: Option<&'a str>,
    uses: Vec<String>,
}

/// The map as JSON: stores with their fields, flows with what they carry, purposes with
/// what they use, and the lineage facts (used, useful).
pub(super) fn graph_json(inputs: &Inputs<'_>) -> String {
    let (model, graph) = (inputs.model, inputs.graph);
    let stores = model
        .store_ids()
        .map(|s| {
            let store = model.store(s);
            let fields = model
                .fields_of(s)
                .map(|f| {
                    let field = model.field(f);
                    Field {
                        id: &field.id,
                        name: &field.name,
                        category: field.category.as_ref().map(|c| c.value.as_str()),
                        personal: field.personal,
                        special: field.special.map(|x| x.as_str()),
                        used: graph.is_used(f),
                        useful: graph.is_useful(f),
                    }
                })
                .collect();
            Store {
                id: &store.id,
                name: &store.name,
                kind: store.kind.map(|k| k.as_str()),
                owner: store.owner.map(|t| model.team(t).id.as_str()),
                domain: store.domain.as_deref(),
                status: store.status.as_str(),
                location: store.location.iter().map(|l| l.value.as_str()).collect(),
                external: store.external,
                referential: store.referential,
                fields,
            }
        })
        .collect();
    let flows = model
        .flows
        .iter()
        .map(|f| Flow {
            id: &f.id,
            from: &model.store(f.from).id,
            to: &model.store(f.to).id,
            direction: f.direction.as_str(),
            mechanism: f.mechanism.map(|m| m.as_str()),
            frequency: f.frequency.map(|m| m.as_str()),
            fields: f
                .fields
                .iter()
                .map(|c| [model.field_path(c.source), model.field_path(c.target)])
                .collect(),
            transfer: f.transfer.as_ref().map(|t| t.mechanism.value.as_str()),
        })
        .collect();
    let purposes = model
        .purposes
        .iter()
        .map(|p| Purpose {
            id: &p.id,
            name: &p.name,
            status: p.status.as_str(),
            legal_basis: p.legal_basis.as_ref().map(|b| b.value.as_str()),
            uses: p.uses.iter().map(|f| model.field_path(*f)).collect(),
        })
        .collect();
    // Compact, like the register's JSON: indented, a large map's file was 40 MB instead of
    // 24 MB, for no reader (tools parse it; browsers indent it for people).
    let mut text = serde_json::to_string(&Graph { version: 1, stores, flows, purposes })
        .expect("the graph serialises");
    text.push('\n');
    text
}

/// The findings, in the JSON contract of `check --format json`.
pub(super) fn findings_json(
    inputs: &Inputs<'_>,
    language: crate::manifest::enums::Language,
) -> String {
    let rules = crate::rules::metadata();
    let cx = crate::diag::emit::Context {
        sources: inputs.sources,
        rules: &rules,
        color: false,
        show_suppressed: false,
        origin: Default::default(),
        language,
    };
    let mut out = Vec::new();
    crate::diag::emit::emit(crate::diag::emit::Format::Json, inputs.report, &cx, &mut out)
        .expect("writing to memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

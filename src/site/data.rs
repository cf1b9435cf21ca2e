//! The site's data files: the search index (a script, since `fetch` is refused on `file://`),
//! the graph as JSON and the findings as JSON.

use serde_json::{Value, json};

use super::Inputs;

/// `window.DATACARTO_INDEX = [[name, id, kind, href, extra], …]`: stores, fields, purposes.
pub(super) fn search_index(inputs: &Inputs<'_>) -> String {
    let model = inputs.model;
    let mut entries: Vec<Value> = Vec::new();
    for s in &model.stores {
        entries.push(json!([
            s.name,
            s.id,
            "store",
            format!("stores/{}.html", s.id),
            s.description.clone().unwrap_or_default()
        ]));
    }
    for f in model.field_ids() {
        let field = model.field(f);
        let store = model.store(field.store);
        let extra =
            format!("{} {}", store.name, field.category.as_ref().map_or("", |c| c.value.as_str()));
        entries.push(json!([
            field.name,
            model.field_path(f),
            "field",
            format!("stores/{}.html#field-{}", store.id, field.id),
            extra
        ]));
    }
    for p in &model.purposes {
        entries.push(json!([
            p.name,
            p.id,
            "purpose",
            format!("purposes/{}.html", p.id),
            p.description.clone().unwrap_or_default()
        ]));
    }
    // `</` cannot close a script element: JSON allows `\/`.
    let json = serde_json::to_string(&entries).expect("the index serialises").replace("</", "<\\/");
    format!("window.DATACARTO_INDEX = {json};\n")
}

/// The map as JSON: stores with their fields, flows with what they carry, purposes with
/// what they use, and the lineage facts (used, useful, origins).
pub(super) fn graph_json(inputs: &Inputs<'_>) -> String {
    let (model, graph) = (inputs.model, inputs.graph);
    let stores: Vec<Value> = model
        .store_ids()
        .map(|s| {
            let store = model.store(s);
            let fields: Vec<Value> = model
                .fields_of(s)
                .map(|f| {
                    let field = model.field(f);
                    json!({
                        "id": field.id,
                        "name": field.name,
                        "category": field.category.as_ref().map(|c| &c.value),
                        "personal": field.personal,
                        "special": field.special.map(|x| x.as_str()),
                        "used": graph.is_used(f),
                        "useful": graph.is_useful(f),
                    })
                })
                .collect();
            json!({
                "id": store.id, "name": store.name, "kind": store.kind.map(|k| k.as_str()),
                "owner": store.owner.map(|t| &model.team(t).id), "domain": store.domain,
                "status": store.status.as_str(), "location": store.location.iter().map(|l| &l.value).collect::<Vec<_>>(),
                "external": store.external, "referential": store.referential, "fields": fields,
            })
        })
        .collect();
    let flows: Vec<Value> = model
        .flows
        .iter()
        .map(|f| {
            let carried: Vec<Value> = f
                .fields
                .iter()
                .map(|c| json!([model.field_path(c.source), model.field_path(c.target)]))
                .collect();
            json!({
                "id": f.id, "from": model.store(f.from).id, "to": model.store(f.to).id,
                "direction": f.direction.as_str(), "mechanism": f.mechanism.map(|m| m.as_str()),
                "frequency": f.frequency.map(|m| m.as_str()), "fields": carried,
                "transfer": f.transfer.as_ref().map(|t| t.mechanism.value.as_str()),
            })
        })
        .collect();
    let purposes: Vec<Value> = model
        .purposes
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "name": p.name, "status": p.status.as_str(),
                "legal_basis": p.legal_basis.as_ref().map(|b| b.value.as_str()),
                "uses": p.uses.iter().map(|f| model.field_path(*f)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(
        &json!({"version": 1, "stores": stores, "flows": flows, "purposes": purposes}),
    )
    .expect("the graph serialises");
    text.push('\n');
    text
}

/// The findings, in the JSON contract of `check --format json`.
pub(super) fn findings_json(inputs: &Inputs<'_>) -> String {
    let rules = crate::checks::registry::metadata();
    let cx = crate::diag::emit::Context { sources: inputs.sources, rules: &rules, color: false };
    let mut out = Vec::new();
    crate::diag::emit::emit(crate::diag::emit::Format::Json, inputs.report, &cx, &mut out)
        .expect("writing to memory");
    String::from_utf8(out).expect("JSON is UTF-8")
}

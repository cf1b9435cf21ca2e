//! `export openlineage`: the declared lineage as OpenLineage 2 events. One `DatasetEvent`
//! per store (its fields as the schema facet), then one `JobEvent` per flow: the flow is
//! the job, its source store the input, its destination the output (by name), with a
//! column-lineage facet from the fields it carries. Static events (no run): the map declares lineage, it
//! does not observe runs. Deterministic: the event time is given, never the clock's.

use serde_json::{Map, Value, json};

use crate::manifest::enums::Direction;
use crate::model::{Flow, Model, Store, StoreId};

const SPEC: &str = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
const SCHEMA_FACET: &str =
    "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";
const COLUMN_FACET: &str = "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet";
const DATASET_DOC: &str = "https://openlineage.io/spec/facets/1-1-0/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet";
const JOB_DOC: &str = "https://openlineage.io/spec/facets/1-1-0/DocumentationJobFacet.json#/$defs/DocumentationJobFacet";

/// The time every event carries when none is given: the events describe a map, not
/// something that happened at a moment, and the same map must give the same bytes.
pub const DEFAULT_EVENT_TIME: &str = "1970-01-01T00:00:00Z";

/// The events, and the notes on what the map does not state.
#[derive(Debug)]
pub struct Exported {
    pub events: Value,
    pub notes: Vec<String>,
    pub namespace: String,
}

/// Whether `text` is an RFC 3339 date and time (what OpenLineage's `eventTime` is).
pub fn is_event_time(text: &str) -> bool {
    let pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";
    regex::Regex::new(pattern).is_ok_and(|r| r.is_match(text))
}

/// The namespace of every dataset and job: the organisation's name made a URI authority.
fn namespace(model: &Model) -> Option<String> {
    let name = model.organization.as_ref()?.value.name.as_deref()?;
    let mut key = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('-') {
            key.push('-');
        }
    }
    let key = key.trim_end_matches('-');
    (!key.is_empty()).then(|| format!("datacarto://{key}"))
}

fn producer() -> String {
    format!("urn:datacarto:{}", env!("CARGO_PKG_VERSION"))
}

fn facet(url: &str) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("_producer".to_owned(), Value::String(producer()));
    m.insert("_schemaURL".to_owned(), Value::String(url.to_owned()));
    m
}

/// A store's facets: its fields as the schema (only when it states fields: a store whose
/// fields are not stated gets no schema, rather than an empty one), its description.
fn store_facets(model: &Model, id: StoreId, store: &Store) -> Map<String, Value> {
    let mut facets = Map::new();
    let fields: Vec<Value> = model
        .fields_of(id)
        .map(|f| {
            let f = model.field(f);
            let mut o = Map::new();
            o.insert("name".to_owned(), Value::String(f.id.clone()));
            if let Some(d) = f.description() {
                o.insert("description".to_owned(), Value::String(d.to_owned()));
            }
            Value::Object(o)
        })
        .collect();
    if !fields.is_empty() {
        let mut schema = facet(SCHEMA_FACET);
        schema.insert("fields".to_owned(), Value::Array(fields));
        facets.insert("schema".to_owned(), Value::Object(schema));
    }
    if let Some(d) = &store.description {
        let mut doc = facet(DATASET_DOC);
        doc.insert("description".to_owned(), Value::String(d.clone()));
        facets.insert("documentation".to_owned(), Value::Object(doc));
    }
    facets
}

/// The column lineage of one output store: each destination field from the source fields
/// the flow carries into it (`from` → `to`; the reverse for the other side of a sync).
fn column_lineage(model: &Model, ns: &str, flow: &Flow, reverse: bool) -> Option<Value> {
    let mut fields: Vec<(String, Vec<Value>)> = Vec::new();
    for c in &flow.fields {
        let (src, dst) = if reverse { (c.target, c.source) } else { (c.source, c.target) };
        let (src, dst) = (model.field(src), model.field(dst));
        let input = json!({
            "namespace": ns,
            "name": model.store(src.store).id,
            "field": src.id,
        });
        match fields.iter_mut().find(|(id, _)| *id == dst.id) {
            Some((_, inputs)) => inputs.push(input),
            None => fields.push((dst.id.clone(), vec![input])),
        }
    }
    if fields.is_empty() {
        return None;
    }
    let mut by_field = Map::new();
    for (id, inputs) in fields {
        by_field.insert(id, json!({ "inputFields": inputs }));
    }
    let mut f = facet(COLUMN_FACET);
    f.insert("fields".to_owned(), Value::Object(by_field));
    Some(Value::Object(f))
}

/// A store as a dataset: with its facets in its own `DatasetEvent` (`full`); by name only in
/// the job events, plus the column lineage of an output. Repeating every store's schema in
/// every job that touches it made the events of a large map grow with flows × fields
/// (134 MB for the 2,000-store synthetic map), for facts the dataset events already give.
fn dataset(model: &Model, ns: &str, id: StoreId, full: bool, extra: Option<Value>) -> Value {
    let store = model.store(id);
    let mut facets = if full { store_facets(model, id, store) } else { Map::new() };
    if let Some(column) = extra {
        facets.insert("columnLineage".to_owned(), column);
    }
    let mut d = Map::new();
    d.insert("namespace".to_owned(), Value::String(ns.to_owned()));
    d.insert("name".to_owned(), Value::String(store.id.clone()));
    if !facets.is_empty() {
        d.insert("facets".to_owned(), Value::Object(facets));
    }
    Value::Object(d)
}

pub fn export(model: &Model, event_time: &str) -> Exported {
    let mut notes = Vec::new();
    let ns = namespace(model).unwrap_or_else(|| {
        notes.push(
            "datacarto.yaml: `organization.name` not stated: the namespace is `datacarto://map`; fill `organization.name`"
                .to_owned(),
        );
        "datacarto://map".to_owned()
    });
    let mut events = Vec::new();
    for (i, _) in model.stores.iter().enumerate() {
        let id = StoreId::new(i);
        events.push(json!({
            "eventTime": event_time,
            "producer": producer(),
            "schemaURL": format!("{SPEC}#/$defs/DatasetEvent"),
            "dataset": dataset(model, &ns, id, true, None),
        }));
    }
    for flow in &model.flows {
        let mut inputs = vec![dataset(model, &ns, flow.from, false, None)];
        let mut outputs =
            vec![dataset(model, &ns, flow.to, false, column_lineage(model, &ns, flow, false))];
        if flow.direction == Direction::Both && flow.from != flow.to {
            inputs.push(dataset(model, &ns, flow.to, false, None));
            outputs.push(dataset(
                model,
                &ns,
                flow.from,
                false,
                column_lineage(model, &ns, flow, true),
            ));
        }
        let mut job = Map::new();
        job.insert("namespace".to_owned(), Value::String(ns.clone()));
        job.insert("name".to_owned(), Value::String(flow.id.clone()));
        if let Some(d) = &flow.description {
            let mut doc = facet(JOB_DOC);
            doc.insert("description".to_owned(), Value::String(d.clone()));
            job.insert("facets".to_owned(), json!({ "documentation": doc }));
        }
        if flow.fields.is_empty() {
            notes.push(format!(
                "flow `{}`: `fields` not stated: its job has no column lineage",
                flow.id
            ));
        }
        events.push(json!({
            "eventTime": event_time,
            "producer": producer(),
            "schemaURL": format!("{SPEC}#/$defs/JobEvent"),
            "job": job,
            "inputs": inputs,
            "outputs": outputs,
        }));
    }
    Exported { events: Value::Array(events), notes, namespace: ns }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only RFC 3339 date-times are event times.
    #[test]
    fn event_times_are_rfc3339() {
        for good in ["2026-12-05T10:00:00Z", "2026-12-05T10:00:00.5+01:00"] {
            assert!(is_event_time(good), "{good}");
        }
        for bad in ["2026-12-05", "2026-13-05T10:00:00Z", "now", "2026-12-05 10:00:00Z"] {
            assert!(!is_event_time(bad), "{bad}");
        }
    }

    /// A flow's fields become the output's column lineage (both ways for a sync); a flow
    /// without fields has none, and a store without fields no schema facet.
    #[test]
    fn column_lineage_follows_the_carried_fields() {
        let (model, _) = crate::lineage::compile_yaml(
            "stores:\n  - id: a\n    fields: [{id: email}, {id: tier}]\n  - id: b\n    fields: [{id: mail}, {id: tier}]\n  - id: c\nflows:\n  - {from: a, to: b, fields: [email: mail], direction: both}\n  - {from: a, to: c}\n",
        );
        let out = export(&model, DEFAULT_EVENT_TIME);
        let events = out.events.as_array().unwrap();
        assert_eq!(events.len(), 5);
        let sync = &events[3];
        assert_eq!(sync["job"]["name"], "a-to-b");
        let col = &sync["outputs"][0]["facets"]["columnLineage"]["fields"];
        assert_eq!(col["mail"]["inputFields"][0]["name"], "a");
        assert_eq!(col["mail"]["inputFields"][0]["field"], "email");
        let back = &sync["outputs"][1]["facets"]["columnLineage"]["fields"];
        assert_eq!(back["email"]["inputFields"][0]["field"], "mail");
        assert!(events[4]["outputs"][0].get("facets").is_none(), "{}", events[4]);
        assert!(events[2]["dataset"].get("facets").is_none());
        assert_eq!(events[0]["dataset"]["namespace"], "datacarto://map");
        assert!(out.notes.iter().any(|n| n.contains("flow `a-to-c`")));
    }
}

//! The checklist from the map. Where a person's data is: the stores whose people include
//! the subject, as the rules read them (`checks::people`: the purposes using a store, else
//! the purposes its data flows to or comes from), each with the key to find the person
//! there, its erasure method, and for processors and third parties the flows that bring
//! the data.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::Direction::Incoming;
use petgraph::visit::EdgeRef;

use super::{
    Checklist, Erasure, FieldLine, Gap, Key, MappedKey, Named, Notify, Operator, Role, StoreEntry,
    Subject,
};
use crate::checks::people::StoreSubjects;
use crate::graph::{LineageGraph, node};
use crate::manifest::enums::Language;
use crate::model::{FieldId, Model, PurposeId, Recipient, StoreId, SubjectId};
use crate::source::{SourceMap, Span};

/// What the checklist reads.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub model: &'a Model,
    pub graph: &'a LineageGraph,
    pub sources: &'a SourceMap,
}

/// The checklist of `subject`.
pub fn build(inputs: &Inputs<'_>, subject: SubjectId, language: Language) -> Checklist {
    let model = inputs.model;
    let s = model.subject(subject);
    let purposes: Vec<PurposeId> = model
        .purpose_ids()
        .filter(|p| {
            let purpose = model.purpose(*p);
            purpose.is_active() && purpose.subjects.contains(&subject)
        })
        .collect();
    let seeds: Vec<FieldId> = purposes
        .iter()
        .flat_map(|p| model.purpose(*p).uses.iter().copied())
        .filter(|f| model.field(*f).personal)
        .collect();
    let upstream: BTreeSet<FieldId> = inputs.graph.upstream_of(&seeds).into_iter().collect();

    // Whose data each store holds, as the rules read it (checks::people): the subjects of
    // the purposes using it, else of those its data flows to or comes from — so that a
    // source feeding two stores does not mix their people.
    let people = StoreSubjects::compute(model, inputs.graph);
    let bit = |set: &[u64]| set[subject.index() / 64] & (1 << (subject.index() % 64)) != 0;
    let by_store: BTreeMap<StoreId, (Role, Vec<FieldId>)> = model
        .store_ids()
        // An application keeps nothing: nothing there to export or erase.
        .filter(|s| bit(people.of(*s)) && !model.store(*s).is_application())
        .filter_map(|store| {
            // A store's personal fields are the columns of the person's record there: an
            // access request exports them all.
            let fields: Vec<FieldId> =
                model.fields_of(store).filter(|f| model.field(*f).personal).collect();
            let uses =
                |f: &FieldId| inputs.graph.purposes_using(*f).iter().any(|p| purposes.contains(p));
            let role = if fields.iter().any(uses) {
                Role::Used
            } else if fields.iter().any(|f| upstream.contains(f)) {
                Role::Source
            } else {
                Role::Copy
            };
            (!fields.is_empty()).then_some((store, (role, fields)))
        })
        .collect();
    let listed: BTreeSet<StoreId> = by_store.keys().copied().collect();

    let mut gaps = Vec::new();
    let mut stores = Vec::new();
    let mut notify = Vec::new();
    for (&store, (role, fields)) in &by_store {
        let st = model.store(store);
        let at = place(inputs.sources, st.span);
        let gap = |attribute| Gap { store: st.id.clone(), attribute, at: at.clone() };
        let operator = operator(model, store);
        let key = key(inputs, store, fields);
        if matches!(key, Key::NotStated { .. }) {
            gaps.push(gap("identifier"));
        }
        let erasure = match &st.erasure {
            Some(e) => Erasure::Stated {
                method: e.method.value,
                how: e.how.clone(),
                reason: e.reason.clone(),
            },
            None => {
                gaps.push(gap("erasure"));
                Erasure::NotStated { attribute: "erasure" }
            }
        };
        if operator != Operator::InHouse {
            if matches!(operator, Operator::Processor { .. }) && st.contract.is_none() {
                gaps.push(gap("contract"));
            }
            notify.push(Notify {
                store: st.id.clone(),
                name: st.name.clone(),
                operator: operator.clone(),
                contract: st.contract.clone(),
                via: flows_into(inputs, fields, &listed),
            });
        }
        let mut users: Vec<String> = fields
            .iter()
            .flat_map(|f| inputs.graph.purposes_using(*f))
            .filter(|p| purposes.contains(p))
            .map(|p| model.purpose(*p).id.clone())
            .collect();
        users.sort_unstable();
        users.dedup();
        stores.push(StoreEntry {
            id: st.id.clone(),
            name: st.name.clone(),
            role: *role,
            operator,
            status: st.status,
            fields: fields
                .iter()
                .map(|f| {
                    let field = model.field(*f);
                    FieldLine {
                        id: field.id.clone(),
                        name: field.name.clone(),
                        category: field.category.as_ref().map(|c| c.value.clone()),
                    }
                })
                .collect(),
            key,
            erasure,
            purposes: users,
            declared_at: at,
        });
    }
    stores.sort_by(|a, b| a.id.cmp(&b.id));
    notify.sort_by(|a, b| a.store.cmp(&b.store));
    gaps.sort();

    let mut other_recipients: Vec<String> = purposes
        .iter()
        .flat_map(|p| &model.purpose(*p).recipients)
        .filter_map(|r| match r {
            Recipient::Text(text) => Some(text.clone()),
            Recipient::Store(_) => None,
        })
        .collect();
    other_recipients.sort_unstable();
    other_recipients.dedup();

    Checklist {
        version: 1,
        language,
        subject: Subject {
            id: s.id.clone(),
            name: s.name.clone(),
            description: s.description.clone(),
        },
        purposes: purposes
            .iter()
            .map(|p| {
                let purpose = model.purpose(*p);
                Named { id: purpose.id.clone(), name: purpose.name.clone() }
            })
            .collect(),
        stores,
        notify,
        other_recipients,
        gaps,
    }
}

fn operator(model: &Model, store: StoreId) -> Operator {
    let s = model.store(store);
    match (&s.vendor, s.external) {
        (_, true) => Operator::ThirdParty,
        (Some(vendor), false) => Operator::Processor { vendor: vendor.clone() },
        (None, false) => Operator::InHouse,
    }
}

/// The identifiers of the store; else the fields of the subject's data there that a flow
/// fills from an identifier elsewhere (the master's id, under its local name).
fn key(inputs: &Inputs<'_>, store: StoreId, fields: &[FieldId]) -> Key {
    let model = inputs.model;
    let identifiers: Vec<String> = model
        .fields_of(store)
        .filter(|f| model.field(*f).identifier)
        .map(|f| model.field(f).id.clone())
        .collect();
    if !identifiers.is_empty() {
        return Key::Identifiers { fields: identifiers };
    }
    let mut mapped = Vec::new();
    for &f in fields {
        for up in inputs.graph.upstream_of(&[f]) {
            let u = model.field(up);
            if u.identifier && u.store != store {
                mapped.push(MappedKey {
                    field: model.field(f).id.clone(),
                    from: model.field_path(up),
                });
            }
        }
    }
    mapped.sort();
    mapped.dedup();
    if mapped.is_empty() {
        Key::NotStated { attribute: "identifier" }
    } else {
        Key::Mapped { fields: mapped }
    }
}

/// The flows that bring these fields from the other stores of the list, by id.
fn flows_into(inputs: &Inputs<'_>, fields: &[FieldId], listed: &BTreeSet<StoreId>) -> Vec<String> {
    let model = inputs.model;
    let mut flows: Vec<String> = fields
        .iter()
        .flat_map(|f| inputs.graph.fields.edges_directed(node(f.index()), Incoming))
        .filter(|e| listed.contains(&model.field(FieldId::new(e.source().index())).store))
        .map(|e| inputs.model.flow(e.weight().flow).id.clone())
        .collect();
    flows.sort_unstable();
    flows.dedup();
    flows
}

/// `file:line` of a span, the path within the map.
fn place(sources: &SourceMap, span: Span) -> String {
    let file = sources.get(span.file);
    let (line, _) = file.line_col(span.start as usize);
    format!("{}:{line}", sources.map_path(&file.path))
}

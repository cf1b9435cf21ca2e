//! A resolved model patched after an edit of store, flow or purpose files, instead of
//! resolved again from every file: when each edited file declares nothing but stores,
//! flows and purposes, the same ones before and after (the stores with the same fields,
//! the flows between the same stores with the same fields), every id keeps its place, so
//! every reference of the other entities still points where it did. Only the edited
//! entities, their fields and the fields flows inferred from them are resolved again. Any
//! other edit is resolved from scratch.

use super::Resolver;
use super::flows::{Draft, inferred};
use super::stores::zone_from_domain;
use crate::diag::Finding;
use crate::load::Manifests;
use crate::manifest::flow::Flow;
use crate::manifest::project::Project;
use crate::model::{FieldOrigin, FlowId, Model};
use crate::rules::duplicate_id;
use crate::source::FileId;

/// One edited file: what it declared when `model` was resolved, and what it declares now.
pub struct Edit<'a> {
    pub file: FileId,
    pub before: &'a Manifests,
    pub after: &'a Manifests,
}

/// What [`plan`] found the edits to touch: the model's flows declared in the edited files.
pub struct Plan {
    flows: Places,
}

/// A plan for patching `model`, when the edits keep every id in its place and the findings
/// its resolution gave (`findings`) are either about an edited file's own entities or
/// untouched by the edit; `None` when the map must be resolved whole.
pub fn plan(model: &Model, findings: &[Finding], edits: &[Edit<'_>]) -> Option<Plan> {
    let flows = Places::new(model, edits);
    let kept = edits.iter().all(|e| same_ids(model, &flows, findings, e))
        && findings.iter().all(|f| {
            // A finding placed elsewhere that shows a place of an edited file (the first
            // of two duplicate ids) would show the place as it was.
            let elsewhere = f.primary.as_ref().is_none_or(|l| !edited(edits, l.span.file));
            !elsewhere || f.related.iter().all(|l| !edited(edits, l.span.file))
        });
    kept.then_some(Plan { flows })
}

/// Whether `file` is one of the edited files.
fn edited(edits: &[Edit<'_>], file: FileId) -> bool {
    edits.iter().any(|e| e.file == file)
}

/// Only stores, flows and purposes, the same ones (the stores with the same fields, repeats
/// included), each the declaration of its id the model kept.
fn same_ids(model: &Model, flows: &Places, findings: &[Finding], edit: &Edit<'_>) -> bool {
    let (before, after) = (edit.before, edit.after);
    let only_stores_flows_purposes = |m: &Manifests| {
        m.teams.is_empty()
            && m.objectives.is_empty()
            && m.subjects.is_empty()
            && m.categories.is_empty()
            && m.terms.is_empty()
    };
    // A purpose's mistyped field is suggested from every declaration of its store, those
    // dropped as duplicates included: only the whole map knows them.
    let stores_declared_twice =
        findings.iter().any(|f| f.rule == duplicate_id::RULE.name && is_store(f));
    only_stores_flows_purposes(before)
        && only_stores_flows_purposes(after)
        && (before.purposes.is_empty() && after.purposes.is_empty() || !stores_declared_twice)
        && before.purposes.len() == after.purposes.len()
        && before.purposes.iter().zip(&after.purposes).all(|(b, a)| {
            let kept = model.purpose_by_id(b.id.as_str()).map(|id| model.purpose(id).span);
            b.id.as_str() == a.id.as_str() && kept == Some(b.id.span)
        })
        && before.flows.len() == after.flows.len()
        && before.flows.iter().zip(&after.flows).all(|(b, a)| same_flow(model, flows, b, a))
        && before.stores.len() == after.stores.len()
        && before.stores.iter().zip(&after.stores).all(|(b, a)| {
            let kept = model.store_by_id(b.id.as_str()).map(|id| model.store(id).span);
            b.id.as_str() == a.id.as_str()
                && kept == Some(b.id.span)
                && field_ids(b).eq(field_ids(a))
        })
}

/// The same flow (the same id, or none; the same stores; the same fields), kept by the
/// model with every field it carries resolved (a field not found is a finding only the
/// whole map can word).
fn same_flow(model: &Model, flows: &Places, before: &Flow, after: &Flow) -> bool {
    let id = |f: &Flow| f.id.as_ref().map(|i| i.value.0.clone());
    id(before) == id(after)
        && before.from.as_str() == after.from.as_str()
        && before.to.as_str() == after.to.as_str()
        && mappings(before).eq(mappings(after))
        && flows.get(before).is_some_and(|f| {
            model.flow(f).fields.len() == before.fields.as_ref().map_or(0, Vec::len)
        })
}

/// The model's flows declared in the edited files, by place (a flow without an `id:` has
/// one made from its stores, so its declaration is found by where it is written).
struct Places(crate::hash::Map<crate::source::Span, FlowId>);

impl Places {
    fn new(model: &Model, edits: &[Edit<'_>]) -> Places {
        let places = model
            .flow_ids()
            .map(|f| (model.flow(f).span, f))
            .filter(|(span, _)| edited(edits, span.file))
            .collect();
        Places(places)
    }

    /// The model's flow made from `flow`'s declaration.
    fn get(&self, flow: &Flow) -> Option<FlowId> {
        self.0.get(&flow.id.as_ref().map_or(flow.from.span, |i| i.span)).copied()
    }
}

fn mappings(f: &Flow) -> impl Iterator<Item = (&str, &str)> {
    f.fields.iter().flatten().map(|m| (m.source.as_str(), m.target().as_str()))
}

fn is_store(f: &Finding) -> bool {
    f.entity.as_ref().is_some_and(|e| e.kind == crate::diag::EntityKind::Store)
}

fn field_ids(s: &crate::manifest::store::Store) -> impl Iterator<Item = &str> {
    s.fields.iter().flatten().map(|f| f.id.as_str())
}

/// Resolves the stores, flows and purposes of `edits` again in `model`, as `plan` (made
/// from this model) says, and replaces the findings of the edited files in `findings`
/// (those of the last resolution) by theirs now.
pub fn patch(
    model: &mut Model,
    findings: &mut Vec<Finding>,
    edits: &[Edit<'_>],
    plan: Plan,
    project: &Project,
) {
    findings.retain(|f| f.primary.as_ref().is_none_or(|l| !edited(edits, l.span.file)));
    let flows = plan.flows;
    let mut r = Resolver::new(std::mem::take(model));
    let zones = project.zones.as_deref().unwrap_or_default();
    let mut changed = vec![false; r.model.fields.len()];
    for edit in edits {
        for s in &edit.after.stores {
            let id = r.model.store_by_id(s.id.as_str()).expect("patchable: the store is kept");
            let before = std::mem::take(&mut r.model.stores[id.index()].fields);
            let mut store = r.store(id, s.clone(), Some(&before));
            zone_from_domain(&mut store, zones);
            for f in &store.fields {
                changed[f.index()] = true;
            }
            r.model.stores[id.index()] = store;
        }
        for (before, after) in edit.before.flows.iter().zip(&edit.after.flows) {
            let place = flows.get(before).expect("patchable: the flow is kept");
            patch_flow(&mut r, place, before, after.clone());
        }
        for p in &edit.after.purposes {
            let id = r.model.purpose_by_id(p.id.as_str()).expect("patchable: the purpose is kept");
            r.model.purposes[id.index()] = r.purpose(p.clone());
        }
    }
    // A field inferred from a changed one takes its attributes again; fields are made
    // before those inferred from them, so one pass in id order follows chains.
    for i in 0..r.model.fields.len() {
        let FieldOrigin::Inferred { from, .. } = r.model.fields[i].origin else { continue };
        if changed[from.index()] {
            let f = &r.model.fields[i];
            let (id, store, origin, span) = (f.id.clone(), f.store, f.origin, f.span);
            r.model.fields[i] = inferred(&r.model.fields[from.index()], id, store, origin, span);
            changed[i] = true;
        }
    }
    r.flow_purposes();
    r.model.domains = std::sync::OnceLock::new();
    findings.append(&mut r.findings);
    *model = r.model;
}

/// A flow [`same_flow`] accepted, resolved again in its place: what it carries stays, at
/// the places it is now written; the fields it inferred are now written there too.
fn patch_flow(r: &mut Resolver, place: FlowId, before: &Flow, after: Flow) {
    let old = &r.model.flows[place.index()];
    let draft = Draft {
        id: old.id.clone(),
        explicit_id: old.explicit_id,
        span: after.id.as_ref().map_or(after.from.span, |i| i.span),
        from: old.from,
        to: old.to,
        manifest: Box::new(after),
    };
    let mut carried = std::mem::take(&mut r.model.flows[place.index()].fields);
    let (mut flow, mappings) = r.flow(place, draft);
    let written = before.fields.iter().flatten().zip(&mappings);
    for (c, (was, now)) in carried.iter_mut().zip(written) {
        c.span = now.source.span;
        let target = &mut r.model.fields[c.target.index()];
        let inferred_here =
            matches!(target.origin, FieldOrigin::Inferred { flow, .. } if flow == place);
        if inferred_here && target.span == was.target().span {
            target.span = now.target().span;
        }
    }
    flow.fields = carried;
    r.model.flows[place.index()] = flow;
}

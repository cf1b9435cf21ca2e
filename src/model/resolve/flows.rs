//! Flows: stores resolved, ids made and deduplicated, carried fields resolved, and fields a
//! flow delivers to a store that does not declare them inferred there.

use std::collections::VecDeque;

use crate::hash::{Map as HashMap, Set as HashSet};

use super::{Resolver, suppress};
use crate::diag::{Entity, EntityKind};
use crate::manifest::enums::{Direction, FieldSource};
use crate::manifest::flow::FieldMapping;
use crate::model::key::IdKey;
use crate::model::{
    Carried, Field, FieldId, FieldNotes, FieldOrigin, Flow, FlowId, StoreId, Transfer,
};
use crate::rules::{duplicate_id, unknown_reference};
use crate::source::Span;

/// A flow whose stores are known, before its fields are.
pub(super) struct Draft {
    pub id: String,
    pub explicit_id: bool,
    pub span: Span,
    pub from: StoreId,
    pub to: StoreId,
    /// Boxed: a draft moves four times before it is resolved (sorted among 50,000 on the
    /// benchmark map), and a manifest flow takes 300 bytes.
    pub manifest: Box<crate::manifest::flow::Flow>,
}

impl Resolver {
    pub(super) fn flows(&mut self, flows: Vec<crate::manifest::flow::Flow>) {
        let drafts = self.flow_drafts(flows);
        let declared_counts: Vec<usize> =
            self.model.stores.iter().map(|s| s.fields.len()).collect();
        let mut mappings = Vec::with_capacity(drafts.len());
        for (i, d) in drafts.into_iter().enumerate() {
            self.model.index_mut().flows.insert(d.id.clone(), FlowId::new(i));
            let (flow, fields) = self.flow(FlowId::new(i), d);
            mappings.push(fields);
            self.model.flows.push(flow);
        }
        self.carried_fields(&mappings);
        // Inferred fields follow the declared ones of their store, sorted by id.
        for (store, declared) in self.model.stores.iter_mut().zip(declared_counts) {
            let fields = &self.model.fields;
            store.fields[declared..]
                .sort_by(|a, b| fields[a.index()].id.cmp(&fields[b.index()].id));
        }
    }

    /// A flow resolved but for its fields (returned as written, to be resolved with every
    /// flow's) and its purposes (queued, resolved once the purposes are).
    pub(super) fn flow(&mut self, place: FlowId, d: Draft) -> (Flow, Vec<FieldMapping>) {
        let entity = Entity::new(EntityKind::Flow, d.id.as_str());
        let owner = self.team_ref(&entity, d.manifest.owner.as_ref());
        let allow = suppress::validate(d.manifest.allow, &entity, &mut self.findings);
        if let Some(purposes) = d.manifest.purposes {
            self.flow_purposes.push((place, purposes));
        }
        let flow = Flow {
            id: d.id,
            explicit_id: d.explicit_id,
            from: d.from,
            to: d.to,
            fields: Vec::new(),
            mechanism: d.manifest.mechanism,
            frequency: d.manifest.frequency,
            direction: d.manifest.direction.unwrap_or(Direction::OneWay),
            owner,
            description: d.manifest.description,
            transfer: d
                .manifest
                .transfer
                .map(|t| Transfer { mechanism: t.mechanism, reference: t.reference }),
            purposes: Vec::new(),
            allow,
            span: d.span,
        };
        (flow, d.manifest.fields.unwrap_or_default())
    }

    /// Resolves `from`/`to`, gives every flow an id, drops duplicates, sorts by id.
    fn flow_drafts(&mut self, flows: Vec<crate::manifest::flow::Flow>) -> Vec<Draft> {
        let mut resolved = Vec::with_capacity(flows.len());
        for f in flows {
            let from = self.model.store_by_id(f.from.as_str());
            let to = self.model.store_by_id(f.to.as_str());
            if let (Some(from), Some(to)) = (from, to) {
                resolved.push((from, to, Box::new(f)));
                continue;
            }
            // Named only for the finding: most flows have known stores.
            let label = f.id.as_ref().map_or_else(
                || format!("{}-to-{}", f.from.as_str(), f.to.as_str()),
                |i| i.value.0.clone(),
            );
            let entity = Entity::new(EntityKind::Flow, label);
            self.known(&entity, EntityKind::Store, &f.from, from);
            self.known(&entity, EntityKind::Store, &f.to, to);
        }
        // Written ids first, so that a made id never takes one a person wrote.
        let mut taken: HashMap<String, Span> = HashMap::default();
        let mut drafts = Vec::with_capacity(resolved.len());
        let mut implicit = Vec::new();
        for (from, to, f) in resolved {
            match &f.id {
                Some(id) => {
                    if let Some(&first) = taken.get(id.as_str()) {
                        let entity = Entity::new(EntityKind::Flow, id.as_str());
                        self.findings.push(duplicate_id::finding(entity, "flow", id.span, first));
                        continue;
                    }
                    taken.insert(id.value.0.clone(), id.span);
                    drafts.push(Draft {
                        id: id.value.0.clone(),
                        explicit_id: true,
                        span: id.span,
                        from,
                        to,
                        manifest: f,
                    });
                }
                None => implicit.push((from, to, f)),
            }
        }
        let mut made: HashSet<String> = HashSet::default();
        for (from, to, f) in implicit {
            let base = format!("{}-to-{}", f.from.as_str(), f.to.as_str());
            let free = |id: &String| !taken.contains_key(id) && !made.contains(id);
            let id = if free(&base) {
                base
            } else {
                (2..).map(|n| format!("{base}-{n}")).find(free).expect("a free number")
            };
            made.insert(id.clone());
            drafts.push(Draft { id, explicit_id: false, span: f.from.span, from, to, manifest: f });
        }
        super::sorted_by(drafts, |d| d.id.as_str())
    }

    /// Resolves every carried field. A source field may itself be inferred by another flow
    /// (a chain `a → b → c` declared only in `a`), so unresolved mappings wait for the field
    /// they need and are woken when it appears: linear in the number of mappings.
    fn carried_fields(&mut self, mappings: &[Vec<FieldMapping>]) {
        let mut slots: Vec<Vec<Option<Carried>>> =
            mappings.iter().map(|m| vec![None; m.len()]).collect();
        let mut queue: VecDeque<(usize, usize)> = mappings
            .iter()
            .enumerate()
            .flat_map(|(f, m)| (0..m.len()).map(move |s| (f, s)))
            .collect();
        let mut waiting: HashMap<(StoreId, String), Vec<(usize, usize)>> = HashMap::default();
        while let Some((f, slot)) = queue.pop_front() {
            let mapping = &mappings[f][slot];
            let (from, to) = (self.model.flows[f].from, self.model.flows[f].to);
            let Some(source) = self.model.field_by_id(from, mapping.source.as_str()) else {
                waiting.entry((from, mapping.source.value.0.clone())).or_default().push((f, slot));
                continue;
            };
            let target = match self.model.field_by_id(to, mapping.target().as_str()) {
                Some(target) => target,
                None => {
                    let target = self.infer_field(to, mapping, FlowId::new(f), source);
                    // Nothing waits in a map whose flows come in lineage order: no key made.
                    if !waiting.is_empty()
                        && let Some(woken) = waiting.remove(&(to, mapping.target().value.0.clone()))
                    {
                        queue.extend(woken);
                    }
                    target
                }
            };
            slots[f][slot] = Some(Carried { source, target, span: mapping.source.span });
        }
        // What still waits names a field its source store does not have.
        let mut missing: Vec<(usize, usize, StoreId)> = waiting
            .into_iter()
            .flat_map(|((store, _), v)| v.into_iter().map(move |(f, s)| (f, s, store)))
            .collect();
        missing.sort_unstable();
        for (f, slot, store) in missing {
            let mapping = &mappings[f][slot];
            let store_id = self.model.stores[store.index()].id.clone();
            let mut finding = unknown_reference::field(
                Entity::new(EntityKind::Flow, self.model.flows[f].id.as_str()),
                &store_id,
                mapping.source.as_str(),
                mapping.source.span,
                self.field_candidates(store),
            );
            if let Some(help) = self.help_from_duplicates(store, mapping.source.as_str()) {
                finding.help = Some(help);
            }
            self.findings.push(finding);
        }
        for (flow, carried) in self.model.flows.iter_mut().zip(slots) {
            flow.fields = carried.into_iter().flatten().collect();
        }
    }

    /// Creates `to.<target>` from the source field's attributes (`undeclared-field`).
    fn infer_field(
        &mut self,
        to: StoreId,
        mapping: &FieldMapping,
        flow: FlowId,
        source: FieldId,
    ) -> FieldId {
        let id = mapping.target().as_str();
        let key = IdKey::new(id);
        let field = inferred(
            &self.model.fields[source.index()],
            id.to_owned(),
            to,
            FieldOrigin::Inferred { flow, from: source },
            mapping.target().span,
        );
        let field_id = FieldId::new(self.model.fields.len());
        self.model.fields.push(field);
        self.model.index_mut().fields[to.index()].insert(key, field_id);
        self.model.stores[to.index()].fields.push(field_id);
        field_id
    }
}

/// The field a flow creates in `to` from its source field `src`: the source's attributes,
/// except what only the source can say.
pub(super) fn inferred(
    src: &Field,
    id: String,
    to: StoreId,
    origin: FieldOrigin,
    span: Span,
) -> Field {
    Field {
        id,
        store: to,
        name: src.name.clone(),
        category: src.category.clone(),
        personal: src.personal,
        special: src.special,
        identifier: src.identifier,
        completeness: src.completeness.clone(),
        format: src.format.clone(),
        source: Some(FieldSource::Received),
        retention: src.retention.clone(),
        deprecated: false,
        allow: Vec::new(),
        origin,
        // An inferred field was never audited: its own quality is not stated.
        quality: None,
        // Only the description travels with the data. How it was collected and kept up to
        // date is said at its source; its column and the table of the destination it lands
        // in are not stated.
        notes: src.description().and_then(|d| {
            FieldNotes { description: Some(d.to_owned()), ..FieldNotes::default() }.boxed()
        }),
        span,
    }
}

impl Resolver {
    /// Resolves the `purposes:` of the flows, reporting unknown ids with the closest one.
    pub(super) fn flow_purposes(&mut self) {
        for (flow, names) in std::mem::take(&mut self.flow_purposes) {
            let entity = Entity::new(EntityKind::Flow, self.model.flows[flow.index()].id.as_str());
            let mut ids = Vec::with_capacity(names.len());
            for name in &names {
                match self.model.purpose_by_id(name.as_str()) {
                    Some(p) => ids.push(p),
                    None => {
                        let candidates = self.model.purposes.iter().map(|p| p.id.as_str());
                        self.findings.push(unknown_reference::finding(
                            entity.clone(),
                            "purpose",
                            name.as_str(),
                            name.span,
                            candidates,
                        ));
                    }
                }
            }
            ids.sort_unstable();
            ids.dedup();
            self.model.flows[flow.index()].purposes = ids;
        }
    }
}

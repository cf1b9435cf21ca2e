//! Purposes: objective, owner, subjects, used fields (`store.*` expanded), the consent record
//! and recipients resolved.

use super::{Resolver, dedupe, suppress};
use crate::diag::{Entity, EntityKind};
use crate::manifest::Spanned;
use crate::manifest::enums::PurposeStatus;
use crate::manifest::text::FieldRef;
use crate::model::{FieldId, Purpose, PurposeId, Recipient};
use crate::rules::unknown_reference;

impl Resolver {
    pub(super) fn purposes(&mut self, purposes: Vec<crate::manifest::purpose::Purpose>) {
        let purposes = dedupe(
            purposes,
            |p| (p.id.as_str(), p.id.span),
            EntityKind::Purpose,
            "purpose",
            &mut self.findings,
        );
        for (i, p) in purposes.into_iter().enumerate() {
            self.model.index_mut().purposes.insert(p.id.value.0.clone(), PurposeId::new(i));
            let purpose = self.purpose(p);
            self.model.purposes.push(purpose);
        }
    }

    /// A purpose resolved.
    pub(super) fn purpose(&mut self, p: crate::manifest::purpose::Purpose) -> Purpose {
        let id = p.id.value.0.clone();
        let entity = Entity::new(EntityKind::Purpose, id.as_str());
        let objective = p.objective.as_ref().and_then(|o| {
            let found = self.model.objective_by_id(o.as_str());
            self.known(&entity, EntityKind::Objective, o, found)
        });
        let owner = self.team_ref(&entity, p.owner.as_ref());
        let subjects = p
            .subjects
            .iter()
            .flatten()
            .filter_map(|s| {
                let found = self.model.subject_by_id(s.as_str());
                self.known(&entity, EntityKind::Subject, s, found)
            })
            .collect();
        let mut uses = Vec::new();
        for reference in p.uses.iter().flatten() {
            uses.extend(self.field_refs(&entity, reference));
        }
        uses.sort_unstable();
        uses.dedup();
        let consent_record = p.consent_record.as_ref().and_then(|r| {
            if r.parts().1.is_none() {
                let message = crate::diag::t!(
                    "the consent record is one field: write 'store.field'",
                    "la preuve du consentement est un champ : écrivez 'outil.champ'"
                );
                self.findings.push(
                    unknown_reference::finding(
                        entity.clone(),
                        "field",
                        r.as_str(),
                        r.span,
                        std::iter::empty(),
                    )
                    .help(message),
                );
                return None;
            }
            self.field_refs(&entity, r).into_iter().next()
        });
        let recipients = p
            .recipients
            .unwrap_or_default()
            .into_iter()
            .map(|r| match self.model.store_by_id(&r.value) {
                Some(store) => Recipient::Store(store),
                None => Recipient::Text(r.value),
            })
            .collect();
        let allow = suppress::validate(p.allow, &entity, &mut self.findings);
        Purpose {
            name: p.name.unwrap_or_else(|| id.clone()),
            id,
            objective,
            owner,
            owner_written: p.owner.is_some(),
            description: p.description,
            data_use: p.data_use.map(|u| Spanned::new(u.value.0, u.span)),
            legal_basis: p.legal_basis,
            legal_reference: p.legal_reference,
            legitimate_interest: p.legitimate_interest,
            lia: p.lia,
            consent_record,
            special_condition: p.special_condition,
            subjects,
            uses,
            needs: p
                .needs
                .unwrap_or_default()
                .into_iter()
                .map(|n| Spanned::new(n.value.0, n.span))
                .collect(),
            collect: p
                .collect
                .unwrap_or_default()
                .into_iter()
                .map(|c| crate::model::Collect {
                    category: Spanned::new(c.category.value.0, c.category.span),
                    collection: c.collection,
                    collection_cost: c.collection_cost,
                    update: c.update,
                    update_cost: c.update_cost,
                })
                .collect(),
            retention: p.retention,
            recipients,
            profiling: p.profiling,
            automated_decision: p.automated_decision,
            dpia_status: p.dpia.as_ref().and_then(|d| d.status.as_ref().map(|s| s.value)),
            dpia_link: p.dpia.and_then(|d| d.link),
            status: p.status.unwrap_or(PurposeStatus::Active),
            schedule1_condition: p.schedule1_condition,
            retention_policy: p.retention_policy,
            retention_policy_followed: p.retention_policy_followed,
            retention_policy_deviation: p.retention_policy_deviation,
            created: p.created.and_then(|d| crate::date::Date::parse(d.as_str())),
            updated: p.updated.and_then(|d| crate::date::Date::parse(d.as_str())),
            allow,
            span: p.id.span,
        }
    }

    /// The fields `store.field` or `store.*` names, reporting what does not exist.
    fn field_refs(&mut self, entity: &Entity, reference: &Spanned<FieldRef>) -> Vec<FieldId> {
        let (store_name, field_name) = reference.parts();
        let Some(store) = self.model.store_by_id(store_name) else {
            let candidates: Vec<&str> = self.model.stores.iter().map(|s| s.id.as_str()).collect();
            let span = reference.span;
            let prefix = crate::source::Span { end: span.start + store_name.len() as u32, ..span };
            self.findings.push(unknown_reference::finding(
                entity.clone(),
                "store",
                store_name,
                prefix,
                candidates,
            ));
            return Vec::new();
        };
        match field_name {
            None => self.model.fields_of(store).collect(),
            Some(field_name) => match self.model.field_by_id(store, field_name) {
                Some(field) => vec![field],
                None => {
                    let mut finding = unknown_reference::field(
                        entity.clone(),
                        store_name,
                        field_name,
                        reference.span,
                        self.field_candidates(store),
                    );
                    if let Some(help) = self.help_from_duplicates(store, field_name) {
                        finding.help = Some(help);
                    }
                    self.findings.push(finding);
                    Vec::new()
                }
            },
        }
    }
}

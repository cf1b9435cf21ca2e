//! Stores and their declared fields.

use crate::hash::{Map as HashMap, Set as HashSet};

use super::{Resolver, dedupe, suppress};
use crate::diag::{Entity, EntityKind};
use crate::manifest::Spanned;
use crate::manifest::enums::StoreStatus;
use crate::model::key::IdKey;
use crate::model::{Field, FieldId, FieldOrigin, Store, StoreId};

impl Resolver {
    pub(super) fn stores(&mut self, stores: Vec<crate::manifest::store::Store>) {
        self.ignored_fields = ignored_fields(&stores);
        let stores = dedupe(
            stores,
            |s| (s.id.as_str(), s.id.span),
            EntityKind::Store,
            "store",
            &mut self.findings,
        );
        for (i, s) in stores.iter().enumerate() {
            self.model.index_mut().stores.insert(s.id.value.0.clone(), StoreId::new(i));
        }
        self.model.index_mut().fields = vec![HashMap::default(); stores.len()];
        // Reserved once: growing a vector of half a million fields by doubling copies it
        // again and again.
        let declared: usize = stores.iter().map(|s| s.fields.as_ref().map_or(0, Vec::len)).sum();
        self.model.fields.reserve(declared);
        for (i, s) in stores.into_iter().enumerate() {
            let store = self.store(StoreId::new(i), s, None);
            self.model.stores.push(store);
        }
    }

    /// A store resolved. `patched`: the store it replaces (same id, same fields), whose
    /// fields are resolved again in their places; otherwise its fields are added.
    pub(super) fn store(
        &mut self,
        store_id: StoreId,
        s: crate::manifest::store::Store,
        patched: Option<&[FieldId]>,
    ) -> Store {
        let id = s.id.value.0.clone();
        let entity = Entity::new(EntityKind::Store, id.as_str());
        let owner = self.team_ref(&entity, s.owner.as_ref());
        let allow = suppress::validate(s.allow, &entity, &mut self.findings);
        let mut fields = self.declared_fields(store_id, &id, s.fields.unwrap_or_default(), patched);
        if let Some(before) = patched {
            // The fields flows inferred here follow the declared ones, as before.
            fields.extend_from_slice(&before[fields.len()..]);
        }
        let defines = self.defines(&entity, s.defines);
        let access = s.access.map(|a| self.access(&entity, a));
        let quality = s.quality.map(|q| crate::model::Quality {
            completeness: q.completeness.map(|c| c.value),
            duplicates_rate: q.duplicates_rate,
            last_audit: q.last_audit.and_then(date),
            audit_every: q.audit_every.map(|a| Spanned::new(a.value.0, a.span)),
        });
        let review = s.review.map(|r| crate::model::Review {
            last: r.last.and_then(date),
            every: r.every.map(|e| Spanned::new(e.value.0, e.span)),
        });
        let domain = s.domain.or_else(|| s.owner.as_ref().map(|o| o.value.0.clone()));
        Store {
            name: s.name.unwrap_or_else(|| id.clone()),
            id,
            kind: s.kind,
            owner,
            owner_written: s.owner.is_some(),
            domain,
            zone: s.zone,
            description: s.description,
            status: s.status.unwrap_or(StoreStatus::Active),
            location: s
                .location
                .map(|l| l.0.into_iter().map(|c| Spanned::new(c.value.0, c.span)).collect())
                .unwrap_or_default(),
            vendor: s.vendor,
            contract: s.contract,
            external: s.external.unwrap_or(false),
            referential: s.referential.unwrap_or(false),
            records: s.records,
            security: s.security.unwrap_or_default(),
            transfer: s
                .transfer
                .map(|t| crate::model::Transfer { mechanism: t.mechanism, reference: t.reference }),
            erasure: s.erasure.map(|e| crate::model::Erasure {
                method: e.method,
                how: e.how,
                reason: e.reason,
            }),
            defines,
            access,
            quality,
            review,
            sub_processors: s.sub_processors,
            fields,
            allow,
            scan: s.scan,
            span: s.id.span,
        }
    }

    /// Stores without their own `zone:` take their domain's zone from `zones:` (the first
    /// zone listing the domain).
    pub(super) fn zones(&mut self, zones: &[crate::manifest::project::Zone]) {
        for store in &mut self.model.stores {
            zone_from_domain(store, zones);
        }
    }

    /// A store's `access:`: each team at its highest level; unknown teams are reported.
    fn access(
        &mut self,
        entity: &Entity,
        access: crate::manifest::store::Access,
    ) -> crate::model::StoreAccess {
        use crate::model::AccessLevel;
        let mut teams: Vec<(crate::model::TeamId, AccessLevel, crate::source::Span)> = Vec::new();
        let lists = [
            (AccessLevel::Read, access.read),
            (AccessLevel::Write, access.write),
            (AccessLevel::Admin, access.admin),
        ];
        for (level, list) in lists {
            for team in list.unwrap_or_default() {
                let Some(id) = self.team_ref(entity, Some(&team)) else { continue };
                match teams.iter_mut().find(|t| t.0 == id) {
                    Some(t) if t.1 < level => *t = (id, level, team.span),
                    Some(_) => {}
                    None => teams.push((id, level, team.span)),
                }
            }
        }
        teams.sort_by_key(|t| t.0);
        crate::model::StoreAccess { teams }
    }

    /// The fields a reference may mean in `store`, from every declaration of its id.
    pub(super) fn field_candidates(&self, store: StoreId) -> Vec<&str> {
        let s = &self.model.stores[store.index()];
        let declared = s.fields.iter().map(|f| self.model.fields[f.index()].id.as_str());
        let ignored = self.ignored_fields.get(&s.id).into_iter().flatten().map(String::as_str);
        declared.chain(ignored).collect()
    }

    /// The help for an unknown field `name` of `store` when the field, or the closest one,
    /// sits in a declaration of the store dropped as a duplicate id.
    pub(super) fn help_from_duplicates(
        &self,
        store: StoreId,
        name: &str,
    ) -> Option<crate::diag::Text> {
        let s = &self.model.stores[store.index()];
        let ignored = self.ignored_fields.get(&s.id)?;
        let store_id = &s.id;
        let meant = if ignored.iter().any(|f| f == name) {
            name
        } else {
            let closest = crate::diag::suggest::closest(name, self.field_candidates(store))?;
            if self.model.field_by_id(store, closest).is_some() {
                return None;
            }
            closest
        };
        let verb = if meant == name {
            crate::diag::Text::default()
        } else {
            crate::diag::t!("did you mean '{meant}'? ", "vouliez-vous dire '{meant}' ? ")
        };
        Some(crate::diag::t!(
            "{verb}'{meant}' is in another declaration of store '{store_id}', ignored as a duplicate id: merge the two declarations",
            "{verb}'{meant}' est dans une autre déclaration de l'outil '{store_id}', ignorée comme identifiant en double : fusionnez les deux déclarations"
        ))
    }

    /// A store's declared fields, added to the model; or, `patched`, put in the places of
    /// the same fields declared before.
    fn declared_fields(
        &mut self,
        store: StoreId,
        store_id: &str,
        fields: Vec<crate::manifest::store::Field>,
        patched: Option<&[FieldId]>,
    ) -> Vec<FieldId> {
        // Within a store, the first declaration wins and declaration order is kept.
        let mut ids = Vec::with_capacity(fields.len());
        // Sized once: grown insert by insert, the indexes of half a million fields were
        // rehashed 40 ms' worth.
        self.model.index_mut().fields[store.index()].reserve(fields.len());
        let mut seen: HashSet<FieldId> = HashSet::default();
        let entity = |id: &str| Entity::new(EntityKind::Field, format!("{store_id}.{id}"));
        for f in fields {
            let existing = self.model.field_by_id(store, f.id.as_str());
            // Patching, the index holds every field of the store already: a repeat is one
            // met before in this declaration.
            let repeat = match patched {
                Some(_) => existing.filter(|e| !seen.insert(*e)),
                None => existing,
            };
            if let Some(first) = repeat {
                let first = self.model.fields[first.index()].span;
                self.findings.push(crate::rules::duplicate_id::finding(
                    entity(f.id.as_str()),
                    "field",
                    f.id.span,
                    first,
                ));
                continue;
            }
            // Most fields have no `allow:`: their entity path is made only when needed.
            let allow = match f.allow {
                Some(list) if !list.is_empty() => {
                    suppress::validate(Some(list), &entity(f.id.as_str()), &mut self.findings)
                }
                _ => Vec::new(),
            };
            let category = f.category.map(|c| Spanned::new(c.value.0, c.span));
            let (derived_personal, derived_special) =
                category.as_ref().map_or((false, None), |c| self.category_meaning(c));
            let special = f.special.or(derived_special);
            let id = f.id.value.0;
            let field = Field {
                name: f.name.unwrap_or_else(|| id.clone()),
                id,
                store,
                personal: f.personal.unwrap_or(derived_personal || special.is_some()),
                special,
                category,
                identifier: f.identifier.unwrap_or(false),
                completeness: f.completeness,
                format: f.format,
                source: f.source,
                retention: f.retention,
                deprecated: f.deprecated.unwrap_or(false),
                allow,
                origin: FieldOrigin::Declared,
                quality: f.quality.map(|q| {
                    Box::new(crate::model::Quality {
                        completeness: None,
                        duplicates_rate: q.duplicates_rate,
                        last_audit: q.last_audit.and_then(date),
                        audit_every: q.audit_every.map(|a| Spanned::new(a.value.0, a.span)),
                    })
                }),
                notes: f.notes.and_then(|mut notes| {
                    // An empty table names none: the field is listed with those not stated.
                    notes.table = notes.table.filter(|t| !t.trim().is_empty());
                    (!notes.is_empty()).then_some(notes)
                }),
                span: f.id.span,
            };
            let field_id = match existing {
                Some(place) => {
                    self.model.fields[place.index()] = field;
                    place
                }
                None => {
                    let field_id = FieldId::new(self.model.fields.len());
                    self.model.index_mut().fields[store.index()]
                        .insert(IdKey::new(&field.id), field_id);
                    self.model.fields.push(field);
                    field_id
                }
            };
            ids.push(field_id);
        }
        ids
    }
}

/// A store without its own `zone:` takes its domain's zone from `zones:` (the first zone
/// listing the domain).
pub(super) fn zone_from_domain(store: &mut Store, zones: &[crate::manifest::project::Zone]) {
    if store.zone.is_some() {
        return;
    }
    let Some(domain) = &store.domain else { return };
    store.zone = zones
        .iter()
        .find(|z| z.domains.iter().flatten().any(|d| &d.value == domain))
        .map(|z| z.name.value.clone());
}

/// A written date, parsed (the schema's pattern let through only `YYYY-MM-DD`; a day the
/// calendar lacks is dropped).
fn date(text: Spanned<crate::manifest::text::DateText>) -> Option<Spanned<crate::date::Date>> {
    crate::date::Date::parse(text.as_str()).map(|d| Spanned::new(d, text.span))
}

/// The field ids of every declaration of a store id after the first (by file path), for
/// the ids declared more than once.
fn ignored_fields(stores: &[crate::manifest::store::Store]) -> HashMap<String, Vec<String>> {
    let mut seen: HashMap<&str, usize> = crate::hash::map_with_capacity(stores.len());
    let mut ignored: HashMap<String, Vec<String>> = HashMap::default();
    for s in stores {
        let count = seen.entry(s.id.as_str()).or_insert(0);
        *count += 1;
        if *count > 1 {
            let fields = s.fields.iter().flatten().map(|f| f.id.value.0.clone());
            ignored.entry(s.id.value.0.clone()).or_default().extend(fields);
        }
    }
    ignored
}

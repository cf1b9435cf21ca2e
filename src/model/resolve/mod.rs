//! Manifests → [`Model`]: duplicate ids dropped (first by file path wins), entities sorted
//! by id, every reference resolved or reported with the closest existing id, default flow
//! ids made, and fields a flow delivers into a store that does not declare them inferred.

mod flows;
mod patch;
mod purposes;
mod stores;
mod suppress;
mod terms;

use crate::hash::Map as HashMap;

use super::{Category, Model, Objective, ObjectiveId, Subject, SubjectId, Team, TeamId};
use crate::diag::{Entity, EntityKind, Finding};
use crate::load::Manifests;
use crate::manifest::project::Project;
use crate::rules::{duplicate_id, unknown_reference};
use crate::source::{FileId, Span};
use crate::vocab;

pub use self::patch::{Edit, Plan, patch, plan};

/// Resolves the manifests of a map.
pub fn resolve(
    manifests: Manifests,
    project: &Project,
    project_file: Option<FileId>,
) -> (Model, Vec<Finding>) {
    let mut r = Resolver::new(Model::default());
    r.model.organization = project.organization.clone();
    r.model.language = project.language;
    r.model.project_file = project_file;
    let zones = project.zones.as_deref().unwrap_or_default();
    r.model.zones = zones.iter().map(|z| z.name.value.clone()).collect();
    r.model.zone_list = zones.to_vec();
    r.teams(manifests.teams);
    r.objectives(manifests.objectives);
    r.subjects(manifests.subjects);
    r.categories(manifests.categories);
    r.terms(manifests.terms);
    r.stores(manifests.stores);
    r.zones(zones);
    r.flows(manifests.flows);
    r.purposes(manifests.purposes);
    r.flow_purposes();
    (r.model, r.findings)
}

struct Resolver {
    model: Model,
    findings: Vec<Finding>,
    /// What each category key means (personal, special), computed once per key: a map of
    /// 100,000 fields uses a few dozen keys.
    meanings: HashMap<String, (bool, Option<crate::manifest::enums::SpecialCategory>)>,
    /// The `purposes:` of each flow, resolved once the purposes are (they come after flows).
    flow_purposes: Vec<(super::FlowId, Vec<crate::manifest::Spanned<crate::manifest::text::Id>>)>,
    /// The field ids of store declarations dropped as duplicates, by store id: a mistyped
    /// field reference is suggested from every declaration of its store.
    ignored_fields: HashMap<String, Vec<String>>,
}

/// `user.contact.email` → `user.contact`.
fn prefix(key: &str) -> Option<String> {
    key.rsplit_once('.').map(|(p, _)| p.to_owned())
}

/// Keeps the first of each id (items come in file-path order), reports the others, and
/// sorts what is kept by id.
fn dedupe<T>(
    items: Vec<T>,
    key: impl Fn(&T) -> (&str, Span),
    kind: EntityKind,
    what: &str,
    findings: &mut Vec<Finding>,
) -> Vec<T> {
    let mut first: HashMap<String, Span> = crate::hash::map_with_capacity(items.len());
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        let (id, span) = key(&item);
        if let Some(&earlier) = first.get(id) {
            findings.push(duplicate_id::finding(Entity::new(kind, id), what, span, earlier));
            continue;
        }
        first.insert(id.to_owned(), span);
        kept.push(item);
    }
    sorted_by(kept, |item| key(item).0)
}

/// `items` in the order of their keys, equal keys in their first order. The order is found
/// on indexes and each item then moves once: a manifest store takes 920 bytes, and a sort
/// in place moves each one about log2(n) times.
pub(super) fn sorted_by<T>(items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| key(&items[a]).cmp(key(&items[b])));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

impl Resolver {
    fn new(model: Model) -> Resolver {
        Resolver {
            model,
            findings: Vec::new(),
            meanings: HashMap::default(),
            flow_purposes: Vec::new(),
            ignored_fields: HashMap::default(),
        }
    }

    fn teams(&mut self, teams: Vec<crate::manifest::entities::Team>) {
        let teams = dedupe(
            teams,
            |t| (t.id.as_str(), t.id.span),
            EntityKind::Team,
            "team",
            &mut self.findings,
        );
        for (i, t) in teams.into_iter().enumerate() {
            let id = t.id.value.0;
            self.model.index_mut().teams.insert(id.clone(), TeamId::new(i));
            let name = t.name.unwrap_or_else(|| id.clone());
            self.model.teams.push(Team {
                id,
                name,
                email: t.email,
                description: t.description,
                span: t.id.span,
            });
        }
    }

    fn objectives(&mut self, objectives: Vec<crate::manifest::entities::Objective>) {
        let objectives = dedupe(
            objectives,
            |o| (o.id.as_str(), o.id.span),
            EntityKind::Objective,
            "objective",
            &mut self.findings,
        );
        for (i, o) in objectives.into_iter().enumerate() {
            let id = o.id.value.0;
            self.model.index_mut().objectives.insert(id.clone(), ObjectiveId::new(i));
            let name = o.name.unwrap_or_else(|| id.clone());
            self.model.objectives.push(Objective {
                id,
                name,
                description: o.description,
                span: o.id.span,
            });
        }
    }

    /// Built-in subjects, with the map's declarations replacing or adding to them.
    fn subjects(&mut self, declared: Vec<crate::manifest::entities::Subject>) {
        let declared = dedupe(
            declared,
            |s| (s.id.as_str(), s.id.span),
            EntityKind::Subject,
            "subject",
            &mut self.findings,
        );
        let mut all: Vec<Subject> = vocab::subjects::SUBJECTS
            .iter()
            .filter(|b| declared.iter().all(|d| d.id.as_str() != b.id))
            .map(|b| Subject {
                id: b.id.to_owned(),
                name: b.id.replace('_', " "),
                description: None,
                vulnerable: b.vulnerable,
                span: None,
            })
            .collect();
        for s in declared {
            let id = s.id.value.0;
            let builtin_vulnerable =
                vocab::subjects::SUBJECTS.iter().any(|b| b.id == id && b.vulnerable);
            all.push(Subject {
                name: s.name.unwrap_or_else(|| id.replace('_', " ")),
                vulnerable: s.vulnerable.unwrap_or(builtin_vulnerable),
                description: s.description,
                span: Some(s.id.span),
                id,
            });
        }
        all.sort_by(|a, b| a.id.cmp(&b.id));
        for (i, s) in all.iter().enumerate() {
            self.model.index_mut().subjects.insert(s.id.clone(), SubjectId::new(i));
        }
        self.model.subjects = all;
    }

    /// The map's own categories; a `parent` must be a built-in or declared key.
    fn categories(&mut self, declared: Vec<crate::manifest::entities::Category>) {
        let declared = dedupe(
            declared,
            |c| (c.id.as_str(), c.id.span),
            EntityKind::Category,
            "category",
            &mut self.findings,
        );
        for (i, c) in declared.iter().enumerate() {
            self.model.index_mut().categories.insert(c.id.value.0.clone(), i);
        }
        for c in &declared {
            if let Some(parent) = &c.parent {
                let known = vocab::categories::is_builtin(parent.as_str())
                    || self.model.index.categories.contains_key(parent.as_str());
                if !known {
                    let candidates = vocab::categories::CATEGORIES
                        .iter()
                        .copied()
                        .chain(declared.iter().map(|d| d.id.as_str()));
                    self.findings.push(unknown_reference::finding(
                        Entity::new(EntityKind::Category, c.id.as_str()),
                        "category",
                        parent.as_str(),
                        parent.span,
                        candidates,
                    ));
                }
            }
        }
        self.model.categories = declared
            .into_iter()
            .map(|c| Category {
                key: c.id.value.0,
                name: c.name,
                parent: c.parent.map(|p| p.value.0),
                personal: c.personal,
                special: c.special,
                description: c.description,
                span: c.id.span,
            })
            .collect();
    }

    /// Resolves a team reference of `entity`, reporting an unknown one.
    fn team_ref(
        &mut self,
        entity: &Entity,
        owner: Option<&crate::manifest::Spanned<crate::manifest::text::Id>>,
    ) -> Option<TeamId> {
        let owner = owner?;
        let found = self.model.team_by_id(owner.as_str());
        self.known(entity, EntityKind::Team, owner, found)
    }

    /// `found`, what `name` (written on `entity`) refers to; when nothing has that id, an
    /// `unknown-reference` finding suggesting the closest id of that kind.
    fn known<T>(
        &mut self,
        entity: &Entity,
        kind: EntityKind,
        name: &crate::manifest::Spanned<crate::manifest::text::Id>,
        found: Option<T>,
    ) -> Option<T> {
        if found.is_none() {
            let m = &self.model;
            let ids: Vec<&str> = match kind {
                EntityKind::Team => m.teams.iter().map(|t| t.id.as_str()).collect(),
                EntityKind::Objective => m.objectives.iter().map(|o| o.id.as_str()).collect(),
                EntityKind::Subject => m.subjects.iter().map(|s| s.id.as_str()).collect(),
                EntityKind::Store => m.stores.iter().map(|s| s.id.as_str()).collect(),
                _ => Vec::new(),
            };
            let (what, span) = (kind.as_str(), name.span);
            let finding =
                unknown_reference::finding(entity.clone(), what, name.as_str(), span, ids);
            self.findings.push(finding);
        }
        found
    }

    /// Whether a category key is personal data, and its special category, remembered.
    fn category_meaning(
        &mut self,
        key: &str,
    ) -> (bool, Option<crate::manifest::enums::SpecialCategory>) {
        if let Some(known) = self.meanings.get(key) {
            return *known;
        }
        let meaning = (self.category_personal(key), self.category_special(key));
        self.meanings.insert(key.to_owned(), meaning);
        meaning
    }

    /// Whether a category key is personal data: the `personal:` of its nearest declared
    /// ancestor that sets it, else whether any key on the way up is under `user.` (so a
    /// declared `custom.tier` with parent `user.loyalty` is personal).
    fn category_personal(&self, key: &str) -> bool {
        let chain = self.ancestry(key);
        chain
            .iter()
            .find_map(|k| self.model.category(k).and_then(|c| c.personal))
            .unwrap_or_else(|| chain.iter().any(|k| vocab::categories::is_personal(k)))
    }

    /// The special category of a key: the `special:` of its nearest declared ancestor, else
    /// the one the nearest built-in key reveals.
    fn category_special(&self, key: &str) -> Option<crate::manifest::enums::SpecialCategory> {
        let chain = self.ancestry(key);
        chain
            .iter()
            .find_map(|k| self.model.category(k).and_then(|c| c.special))
            .or_else(|| chain.iter().find_map(|k| vocab::categories::special_of(k)))
    }

    /// `key` and the keys above it: through a declared category's `parent`, else through the
    /// dotted prefix. Bounded, so that a cycle of parents cannot loop.
    fn ancestry(&self, key: &str) -> Vec<String> {
        let mut chain = vec![key.to_owned()];
        while chain.len() < 64 {
            let current = chain.last().expect("not empty");
            let next = match self.model.category(current) {
                Some(c) => c.parent.clone().or_else(|| prefix(current)),
                None => prefix(current),
            };
            match next {
                Some(next) if !chain.contains(&next) => chain.push(next),
                _ => break,
            }
        }
        chain
    }
}

#[cfg(test)]
mod tests;

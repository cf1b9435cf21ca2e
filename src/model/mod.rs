//! The resolved, immutable domain: typed ids, stores and their fields (declared and
//! inferred), flows field by field, purposes, and every reference resolved. `resolve` builds
//! it from the manifests and reports dangling references and duplicate ids.

mod ids;
pub(crate) mod key;
pub mod resolve;

use crate::hash::Map as HashMap;

pub use self::ids::{FieldId, FlowId, ObjectiveId, PurposeId, StoreId, SubjectId, TeamId};
use crate::date::Date;
use crate::manifest::Spanned;
use crate::manifest::enums::{
    Art9Condition, Direction, DpiaStatus, ErasureMethod, FieldSource, Frequency, Language,
    LegalBasis, Mechanism, PurposeStatus, SecurityMeasure, SpecialCategory, StoreKind, StoreStatus,
    TransferMechanism,
};
use crate::manifest::project::Organization;
pub use crate::manifest::store::FieldNotes;
use crate::manifest::store::Retention;
use crate::source::{FileId, Span};

/// An `allow:` entry. Only one naming a known rule, with a reason, silences anything;
/// the others are kept so that every problem of an entry (and its expiry) is reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Suppression {
    pub rule: String,
    /// Whether `rule` names a rule of the catalogue.
    pub known: bool,
    pub reason: Option<String>,
    pub until: Option<Date>,
    pub span: Span,
}

impl Suppression {
    /// Whether it silences `rule` on `day`.
    pub fn silences(&self, rule: &str, day: Date) -> bool {
        self.known
            && self.reason.is_some()
            && self.rule == rule
            && self.until.is_none_or(|until| day <= until)
    }
}

#[derive(Clone, Debug)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub description: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Objective {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Subject {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub vulnerable: bool,
    /// `None` for a built-in subject nobody redeclared.
    pub span: Option<Span>,
}

/// A data category declared by the map (built-in keys live in `vocab`).
#[derive(Clone, Debug)]
pub struct Category {
    pub key: String,
    pub name: Option<String>,
    pub parent: Option<String>,
    pub personal: Option<bool>,
    pub special: Option<SpecialCategory>,
    pub description: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Store {
    pub id: String,
    pub name: String,
    pub kind: Option<StoreKind>,
    pub owner: Option<TeamId>,
    /// Whether `owner:` was written (it may name an unknown team).
    pub owner_written: bool,
    /// The grouping label of the map: `domain`, else the owner's id.
    pub domain: Option<String>,
    /// The zone the map draws the store in: `zone:`, else its domain's zone in `zones:`.
    pub zone: Option<String>,
    pub description: Option<String>,
    pub status: StoreStatus,
    pub location: Vec<Spanned<String>>,
    pub vendor: Option<String>,
    pub contract: Option<String>,
    pub external: bool,
    pub referential: bool,
    pub records: Option<u64>,
    pub security: Vec<SecurityMeasure>,
    /// The safeguard of a store outside the EEA that collects directly.
    pub transfer: Option<Transfer>,
    /// How one person's data is erased here; `None`: not stated.
    pub erasure: Option<Erasure>,
    /// The glossary definitions its records follow, those that resolved, in file order.
    pub defines: Vec<Defined>,
    /// Access by team; `None`: not stated.
    pub access: Option<StoreAccess>,
    /// The store's quality audit; `None`: not stated.
    pub quality: Option<Quality>,
    /// The processor's review (`review:`); `None`: not stated.
    pub review: Option<Review>,
    /// The vendor's sub-processors as written; `None`: not stated, empty: none.
    pub sub_processors: Option<Vec<crate::manifest::store::SubProcessor>>,
    /// Declared fields in file order, then inferred ones by id.
    pub fields: Vec<FieldId>,
    pub allow: Vec<Suppression>,
    /// Where `datacarto scan` finds the real system, as written.
    pub scan: Option<crate::manifest::scan::Scan>,
    /// The store's `id:` value.
    pub span: Span,
}

impl Store {
    /// Whether it is an application (`kind: application`): it processes what flows through
    /// it and keeps nothing, so the rules about kept data (erasure, identifiers, retention,
    /// unused fields) do not apply to it.
    pub fn is_application(&self) -> bool {
        self.kind == Some(StoreKind::Application)
    }
}

/// How a field came to be in its store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldOrigin {
    Declared,
    /// Created in a destination store by a flow that carries it there (`undeclared-field`).
    Inferred {
        flow: FlowId,
        from: FieldId,
    },
}

#[derive(Clone, Debug)]
pub struct Field {
    pub id: String,
    pub store: StoreId,
    pub name: String,
    pub category: Option<Spanned<String>>,
    /// Personal data: declared, else derived from the category.
    pub personal: bool,
    /// The special category: declared, else derived from the category.
    pub special: Option<SpecialCategory>,
    pub identifier: bool,
    pub completeness: Option<Spanned<f64>>,
    pub format: Option<String>,
    pub source: Option<FieldSource>,
    /// Boxed, like `quality`: rarely stated, and the model of a large map holds hundreds of
    /// thousands of fields (memory: docs/performance.md).
    pub retention: Option<Box<Spanned<Retention>>>,
    pub deprecated: bool,
    pub allow: Vec<Suppression>,
    pub origin: FieldOrigin,
    /// The field's quality audit; `None`: not stated.
    pub quality: Option<Box<Quality>>,
    /// Its rarely written free-text attributes, the manifest's box moved here (read them
    /// with the methods below); `None`: none is stated.
    pub notes: Option<Box<FieldNotes>>,
    /// The `id:` value (for an inferred field: the flow's mention of it).
    pub span: Span,
}

impl Field {
    fn note<'a>(
        &'a self,
        of: impl FnOnce(&'a FieldNotes) -> Option<&'a String>,
    ) -> Option<&'a str> {
        self.notes.as_deref().and_then(of).map(String::as_str)
    }

    /// `column:`: the scanned column holding the field, when it is not the id.
    pub fn column(&self) -> Option<&Spanned<String>> {
        self.notes.as_deref().and_then(|n| n.column.as_ref())
    }

    /// `table:`: the table of its store it belongs to.
    pub fn table(&self) -> Option<&str> {
        self.note(|n| n.table.as_ref())
    }

    /// `collection:`: how the data is collected.
    pub fn collection(&self) -> Option<&str> {
        self.note(|n| n.collection.as_ref())
    }

    /// `collection_cost:`: what collecting it costs.
    pub fn collection_cost(&self) -> Option<&str> {
        self.note(|n| n.collection_cost.as_ref())
    }

    /// `update:`: how it is kept up to date.
    pub fn update(&self) -> Option<&str> {
        self.note(|n| n.update.as_ref())
    }

    /// `update_cost:`: what keeping it up to date costs.
    pub fn update_cost(&self) -> Option<&str> {
        self.note(|n| n.update_cost.as_ref())
    }

    /// `description:`.
    pub fn description(&self) -> Option<&str> {
        self.note(|n| n.description.as_ref())
    }
}

/// One field a flow carries: from a field of the source store to one of the destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Carried {
    pub source: FieldId,
    pub target: FieldId,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Transfer {
    pub mechanism: Spanned<TransferMechanism>,
    pub reference: Option<String>,
}

/// A business term of the glossary.
#[derive(Clone, Debug)]
pub struct Term {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub definitions: Vec<Definition>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Definition {
    pub id: String,
    pub text: Option<String>,
    pub span: Span,
}

/// One pair of a store's `defines:`: indexes into `Model::terms` and that term's
/// definitions; the span is the definition's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Defined {
    pub term: usize,
    pub definition: usize,
    pub span: Span,
}

/// The level of access a team has to a store; each level includes the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AccessLevel {
    Read,
    Write,
    Admin,
}

/// A store's `access:`, resolved: each known team once, with its highest level, sorted by
/// team; the span of each team's mention.
#[derive(Clone, Debug, Default)]
pub struct StoreAccess {
    pub teams: Vec<(TeamId, AccessLevel, Span)>,
}

impl StoreAccess {
    /// The teams with at least `level`.
    pub fn with(&self, level: AccessLevel) -> impl Iterator<Item = TeamId> + '_ {
        self.teams.iter().filter(move |t| t.1 >= level).map(|t| t.0)
    }

    pub fn level(&self, team: TeamId) -> Option<AccessLevel> {
        self.teams.iter().find(|t| t.0 == team).map(|t| t.1)
    }
}

/// A quality audit (`quality:` on a store or a field); each part as written, dates parsed.
#[derive(Clone, Debug, Default)]
pub struct Quality {
    pub completeness: Option<f64>,
    pub duplicates_rate: Option<Spanned<f64>>,
    pub last_audit: Option<Spanned<Date>>,
    pub audit_every: Option<Spanned<String>>,
}

impl Quality {
    /// The day the next audit is due, when both the last audit and the period are stated.
    pub fn next_due(&self) -> Option<Date> {
        let last = self.last_audit.as_ref()?.value;
        last.after(&self.audit_every.as_ref()?.value)
    }
}

/// A processor's review (`review:` on a store); each part as written, the day parsed.
#[derive(Clone, Debug, Default)]
pub struct Review {
    pub last: Option<Spanned<Date>>,
    pub every: Option<Spanned<String>>,
}

impl Review {
    /// The day the next review is due, when both the last review and the period are stated.
    pub fn next_due(&self) -> Option<Date> {
        let last = self.last.as_ref()?.value;
        last.after(&self.every.as_ref()?.value)
    }
}

/// A purpose's plan to collect one needed category.
#[derive(Clone, Debug)]
pub struct Collect {
    pub category: Spanned<String>,
    pub collection: Option<String>,
    pub collection_cost: Option<String>,
    pub update: Option<String>,
    pub update_cost: Option<String>,
}

/// A store's `erasure:`.
#[derive(Clone, Debug)]
pub struct Erasure {
    pub method: Spanned<ErasureMethod>,
    pub how: Option<String>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Flow {
    pub id: String,
    /// Whether the id was written (`id:`) or made from `from` and `to`.
    pub explicit_id: bool,
    pub from: StoreId,
    pub to: StoreId,
    pub fields: Vec<Carried>,
    pub mechanism: Option<Mechanism>,
    pub frequency: Option<Frequency>,
    pub direction: Direction,
    pub owner: Option<TeamId>,
    pub description: Option<String>,
    pub transfer: Option<Transfer>,
    /// The purposes named in `purposes:` that exist, sorted, unique (the others are
    /// `unknown-reference` findings).
    pub purposes: Vec<PurposeId>,
    pub allow: Vec<Suppression>,
    /// The `id:` value, or the `from:` value when the id is implicit.
    pub span: Span,
}

/// Who receives a purpose's data: a store of the map or a party named in free text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recipient {
    Store(StoreId),
    Text(String),
}

#[derive(Clone, Debug)]
pub struct Purpose {
    pub id: String,
    pub name: String,
    pub objective: Option<ObjectiveId>,
    pub owner: Option<TeamId>,
    /// Whether `owner:` was written (it may name an unknown team).
    pub owner_written: bool,
    pub description: Option<String>,
    pub data_use: Option<Spanned<String>>,
    pub legal_basis: Option<Spanned<LegalBasis>>,
    pub legal_reference: Option<String>,
    pub legitimate_interest: Option<String>,
    pub lia: Option<String>,
    pub consent_record: Option<FieldId>,
    pub special_condition: Option<Art9Condition>,
    pub subjects: Vec<SubjectId>,
    /// Every field used, `store.*` expanded, sorted, without repeats.
    pub uses: Vec<FieldId>,
    pub needs: Vec<Spanned<String>>,
    /// The plan to collect needed categories: `collect:`, in file order.
    pub collect: Vec<Collect>,
    pub retention: Option<Spanned<Retention>>,
    pub recipients: Vec<Recipient>,
    /// `None`: the purpose does not say (the register prints "not stated", never "no").
    pub profiling: Option<bool>,
    pub automated_decision: Option<bool>,
    pub dpia_status: Option<DpiaStatus>,
    pub dpia_link: Option<String>,
    pub status: PurposeStatus,
    pub schedule1_condition: Option<String>,
    pub retention_policy: Option<String>,
    pub retention_policy_followed: Option<bool>,
    pub retention_policy_deviation: Option<String>,
    /// The register dates (CNIL fiche), as written and valid.
    pub created: Option<Date>,
    pub updated: Option<Date>,
    pub allow: Vec<Suppression>,
    pub span: Span,
}

impl Purpose {
    pub fn is_active(&self) -> bool {
        self.status == PurposeStatus::Active
    }
}

/// The whole map, resolved. Entities are sorted by id (fields by store, in declaration
/// order), so nothing depends on the order files were read in.
#[derive(Debug, Default)]
pub struct Model {
    pub organization: Option<Spanned<Organization>>,
    pub language: Option<Language>,
    pub project_file: Option<FileId>,
    /// The zones of `zones:` in datacarto.yaml, left to right.
    pub zones: Vec<String>,
    /// `zones:` as written, with positions, for the rules about it (`unused-zone`,
    /// `zone-domain-twice`).
    pub zone_list: Vec<crate::manifest::project::Zone>,
    pub teams: Vec<Team>,
    pub objectives: Vec<Objective>,
    pub subjects: Vec<Subject>,
    pub categories: Vec<Category>,
    pub stores: Vec<Store>,
    pub fields: Vec<Field>,
    pub flows: Vec<Flow>,
    pub purposes: Vec<Purpose>,
    /// The glossary, by id.
    pub terms: Vec<Term>,
    /// Shared by a model and its copies: an edit that keeps every id (`resolve::patch`)
    /// changes nothing in it.
    index: std::sync::Arc<Index>,
    /// The stores' domains, sorted: computed on first use, once (the site draws thousands of
    /// maps, each coloured by them).
    domains: std::sync::OnceLock<Vec<String>>,
}

#[derive(Clone, Debug, Default)]
struct Index {
    teams: HashMap<String, TeamId>,
    objectives: HashMap<String, ObjectiveId>,
    subjects: HashMap<String, SubjectId>,
    categories: HashMap<String, usize>,
    stores: HashMap<String, StoreId>,
    /// Fields by store, then by id: looked up with the id's bytes, without allocating.
    fields: Vec<HashMap<key::IdKey, FieldId>>,
    flows: HashMap<String, FlowId>,
    purposes: HashMap<String, PurposeId>,
}

impl Clone for Model {
    /// The fields (most of a large model) copied in parallel, the index shared: the engine
    /// copies the model of the last run while `serve` still serves its pages.
    fn clone(&self) -> Model {
        use rayon::prelude::*;
        let (fields, (stores, flows)) = rayon::join(
            || self.fields.par_iter().cloned().collect(),
            || (self.stores.clone(), self.flows.clone()),
        );
        Model {
            organization: self.organization.clone(),
            language: self.language,
            project_file: self.project_file,
            zones: self.zones.clone(),
            zone_list: self.zone_list.clone(),
            teams: self.teams.clone(),
            objectives: self.objectives.clone(),
            subjects: self.subjects.clone(),
            categories: self.categories.clone(),
            stores,
            fields,
            flows,
            purposes: self.purposes.clone(),
            terms: self.terms.clone(),
            index: std::sync::Arc::clone(&self.index),
            domains: self.domains.clone(),
        }
    }
}

impl Model {
    /// The index, to be written while resolving (not shared then: nothing is copied).
    fn index_mut(&mut self) -> &mut Index {
        std::sync::Arc::make_mut(&mut self.index)
    }

    pub fn store(&self, id: StoreId) -> &Store {
        &self.stores[id.index()]
    }

    pub fn field(&self, id: FieldId) -> &Field {
        &self.fields[id.index()]
    }

    pub fn flow(&self, id: FlowId) -> &Flow {
        &self.flows[id.index()]
    }

    pub fn purpose(&self, id: PurposeId) -> &Purpose {
        &self.purposes[id.index()]
    }

    pub fn team(&self, id: TeamId) -> &Team {
        &self.teams[id.index()]
    }

    pub fn objective(&self, id: ObjectiveId) -> &Objective {
        &self.objectives[id.index()]
    }

    pub fn subject(&self, id: SubjectId) -> &Subject {
        &self.subjects[id.index()]
    }

    pub fn store_ids(&self) -> impl Iterator<Item = StoreId> + '_ {
        (0..self.stores.len()).map(StoreId::new)
    }

    pub fn field_ids(&self) -> impl Iterator<Item = FieldId> + '_ {
        (0..self.fields.len()).map(FieldId::new)
    }

    pub fn flow_ids(&self) -> impl Iterator<Item = FlowId> + '_ {
        (0..self.flows.len()).map(FlowId::new)
    }

    pub fn objective_ids(&self) -> impl Iterator<Item = ObjectiveId> + '_ {
        (0..self.objectives.len()).map(ObjectiveId::new)
    }

    pub fn team_ids(&self) -> impl Iterator<Item = TeamId> + '_ {
        (0..self.teams.len()).map(TeamId::new)
    }

    pub fn purpose_ids(&self) -> impl Iterator<Item = PurposeId> + '_ {
        (0..self.purposes.len()).map(PurposeId::new)
    }

    /// The domains the stores belong to, sorted, each once.
    pub fn domains(&self) -> &[String] {
        self.domains.get_or_init(|| {
            let mut domains: Vec<String> =
                self.stores.iter().filter_map(|s| s.domain.clone()).collect();
            domains.sort_unstable();
            domains.dedup();
            domains
        })
    }

    pub fn store_by_id(&self, id: &str) -> Option<StoreId> {
        self.index.stores.get(id).copied()
    }

    pub fn field_by_id(&self, store: StoreId, id: &str) -> Option<FieldId> {
        self.index.fields.get(store.index())?.get(id.as_bytes()).copied()
    }

    /// A field by its path, `store.field`.
    pub fn field_by_path(&self, path: &str) -> Option<FieldId> {
        let (store, field) = path.split_once('.')?;
        self.field_by_id(self.store_by_id(store)?, field)
    }

    pub fn flow_by_id(&self, id: &str) -> Option<FlowId> {
        self.index.flows.get(id).copied()
    }

    pub fn purpose_by_id(&self, id: &str) -> Option<PurposeId> {
        self.index.purposes.get(id).copied()
    }

    pub fn team_by_id(&self, id: &str) -> Option<TeamId> {
        self.index.teams.get(id).copied()
    }

    pub fn objective_by_id(&self, id: &str) -> Option<ObjectiveId> {
        self.index.objectives.get(id).copied()
    }

    pub fn subject_by_id(&self, id: &str) -> Option<SubjectId> {
        self.index.subjects.get(id).copied()
    }

    /// The map's own category declaration of `key`, if any.
    pub fn category(&self, key: &str) -> Option<&Category> {
        self.index.categories.get(key).map(|&i| &self.categories[i])
    }

    /// `store.field`.
    pub fn field_path(&self, id: FieldId) -> String {
        let field = self.field(id);
        format!("{}.{}", self.store(field.store).id, field.id)
    }

    /// The fields a store holds.
    pub fn fields_of(&self, store: StoreId) -> impl Iterator<Item = FieldId> + '_ {
        self.store(store).fields.iter().copied()
    }
}

//! The row model: the one source of truth of the register. Every layout and every format
//! reads these structs; `--format json` prints them as they are (docs/register.md documents
//! the schema). Ids are the map's, labels are in the register's language.

use serde::Serialize;

use crate::manifest::enums::Language;

/// The version of the JSON row model; bumped on any incompatible change.
pub const VERSION: u32 = 1;

/// The whole register: the controller, one row per processing activity, the purposes kept
/// apart and the coverage report.
#[derive(Clone, Debug, Serialize)]
pub struct Register {
    pub version: u32,
    pub language: Language,
    /// Art. 30(1)(a), from `organization:` in datacarto.yaml.
    pub controller: Option<Controller>,
    /// One per active purpose that uses personal data, in purpose id order.
    pub rows: Vec<Row>,
    /// The purposes that are not rows, and why.
    pub apart: Vec<Apart>,
    /// The art. 30 cells left empty: header gaps first, then row by row.
    pub coverage: Vec<Gap>,
    /// The lines of the cells, as they are asked for (`cells::lines`).
    #[serde(skip)]
    pub cache: super::cache::Cache,
}

impl Register {
    /// Whether a mandatory art. 30 cell is empty (what `register --check` fails on).
    pub fn has_mandatory_gaps(&self) -> bool {
        self.coverage.iter().any(|g| g.mandatory)
    }
}

/// A value of a vocabulary: its id as written in the manifests, and its label.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Term {
    pub id: String,
    pub label: String,
    /// The GDPR article, for legal terms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Contact {
    pub name: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.address.is_none()
            && self.email.is_none()
            && self.phone.is_none()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Controller {
    pub name: Option<String>,
    pub address: Option<String>,
    pub country: Option<Term>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub dpo: Option<Contact>,
    pub representative: Option<Contact>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct StoreRef {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldRef {
    /// `store.field`.
    pub path: String,
    pub name: String,
    pub category: Option<String>,
}

/// A row: one processing activity (one purpose).
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// The row's place in `Register::rows`: its slots in the register's cache.
    #[serde(skip)]
    pub index: usize,
    /// The purpose id.
    pub reference: String,
    pub name: String,
    pub description: Option<String>,
    /// The owner team's name (ICO column 1).
    pub business_function: Option<String>,
    /// The objective's name.
    pub objective: Option<String>,
    /// The fideslang data use.
    pub data_use: Option<Term>,
    pub legal_basis: Option<Term>,
    pub legal_reference: Option<String>,
    pub legitimate_interest: Option<String>,
    /// Link to the legitimate-interest assessment.
    pub lia: Option<String>,
    /// The DPA 2018 Schedule 1 condition (ICO column 26).
    pub schedule1_condition: Option<String>,
    /// The retention and erasure policy document, whether it is followed, and why not
    /// (ICO columns 28–30).
    pub retention_policy: Option<String>,
    pub retention_policy_followed: Option<bool>,
    pub retention_policy_deviation: Option<String>,
    /// The dates of the CNIL fiche: entered in the register, last updated (`YYYY-MM-DD`).
    pub created: Option<String>,
    pub updated: Option<String>,
    /// The art. 9(2) condition.
    pub special_condition: Option<Term>,
    /// The rights the person has under the legal basis (ICO column 16).
    pub rights: Vec<Term>,
    pub subjects: Vec<Term>,
    /// The categories of the used personal fields, by CNIL family, in the CNIL order.
    pub categories: Vec<FamilyGroup>,
    /// The used personal fields (the detail of `categories`).
    pub fields: Vec<FieldRef>,
    /// The special categories of the used fields; empty: none.
    pub special: Vec<Term>,
    /// Where the data enters the map: the origin stores, through the lineage.
    pub sources: Vec<Source>,
    /// The `collection` of used fields that are not origins themselves.
    pub collection: Vec<String>,
    /// Every store of the purpose's journey: where it uses its fields and every store the
    /// data crosses to reach them (never onward copies).
    pub locations: Vec<Location>,
    /// The stores of the journey (and declared recipient stores) without `location`: whether
    /// the data leaves the EEA there is not stated.
    pub unlocated: Vec<StoreRef>,
    pub recipients: Recipients,
    /// The contracts of the processors among the recipients.
    pub contracts: Vec<Contract>,
    /// Stores above located outside the EEA; empty: none, unless `unlocated` is not empty.
    pub transfers: Vec<TransferRow>,
    pub retention: RetentionCell,
    /// The union of the security families of the locations, in the CNIL order.
    pub security: Vec<Term>,
    /// `null`: the purpose does not say.
    pub profiling: Option<bool>,
    /// Profiling is not stated but the data use suggests it (targeted advertising).
    pub profiling_likely: bool,
    /// `null`: the purpose does not say.
    pub automated_decision: Option<bool>,
    pub consent_record: Option<FieldRef>,
    pub dpia: Dpia,
    pub status: Term,
}

#[derive(Clone, Debug, Serialize)]
pub struct FamilyGroup {
    /// The CNIL family: `identity`, `personal_life`, … `other`.
    pub family: Term,
    /// Category keys with their labels.
    pub categories: Vec<Term>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub store: StoreRef,
    pub external: bool,
    /// The `collection` texts of its origin fields.
    pub collection: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Location {
    pub store: StoreRef,
    /// Empty: the store has no `location` (not stated).
    pub countries: Vec<Term>,
    /// Whether a used field is in it (rather than only copies).
    pub holds_used: bool,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Recipients {
    /// In-house stores.
    pub internal: Vec<Recipient>,
    /// Stores operated by a `vendor`.
    pub processors: Vec<Recipient>,
    /// `external` stores, and recipients named in free text.
    pub third_parties: Vec<Recipient>,
}

impl Recipients {
    pub fn is_empty(&self) -> bool {
        self.internal.is_empty() && self.processors.is_empty() && self.third_parties.is_empty()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Recipient {
    /// The store's name, or the free text.
    pub name: String,
    /// `None` for a recipient named in free text.
    pub store: Option<StoreRef>,
    pub vendor: Option<String>,
    /// Listed in the purpose's `recipients`.
    pub declared: bool,
    /// The flows that deliver used data to it (or its used fields), by id.
    pub flows: Vec<String>,
    /// It holds used fields itself (a processor or third party operating them).
    pub holds_used: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Contract {
    pub store: StoreRef,
    pub vendor: String,
    pub contract: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TransferRow {
    pub store: StoreRef,
    pub country: Term,
    /// The flows' `transfer.mechanism`; `None` when none is recorded.
    pub mechanism: Option<Term>,
    pub reference: Option<String>,
    /// The flows that carry the data there; empty: the store collects the data directly
    /// (its own `transfer`).
    pub flows: Vec<String>,
    /// The adequacy decision valid for the country on the day of the run, if any.
    pub adequacy_decision: Option<String>,
    /// Its condition when it does not cover the whole country (`dpf_certified`, …).
    pub adequacy_scope: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct RetentionCell {
    /// The purpose's retention as a sentence.
    pub purpose: Option<String>,
    /// The used fields whose own retention differs, grouped by sentence.
    pub fields: Vec<FieldRetention>,
}

impl RetentionCell {
    pub fn is_empty(&self) -> bool {
        self.purpose.is_none() && self.fields.is_empty()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldRetention {
    pub text: String,
    pub fields: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Dpia {
    /// Two or more criteria met: an assessment is likely required (WP248).
    pub required: bool,
    pub criteria: Vec<Criterion>,
    pub status: Option<Term>,
    pub link: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Criterion {
    pub id: String,
    pub label: String,
    /// Why it is met (English, as in the `dpia-required` finding).
    pub evidence: String,
}

/// A purpose that is not a row of the register.
#[derive(Clone, Debug, Serialize)]
pub struct Apart {
    pub reference: String,
    pub name: String,
    pub status: Term,
    /// `not_active` or `no_personal_data`, with its label.
    pub reason: Term,
}

/// An art. 30 cell left empty (or partly empty), why, and what to fill.
#[derive(Clone, Debug, Serialize)]
pub struct Gap {
    /// The row's reference; `None` for the header.
    pub row: Option<String>,
    /// The cell: `controller`, `subjects`, `recipients`, `transfers`, `retention`, …
    pub cell: Term,
    /// Art. 30(1) point.
    pub article: String,
    /// Whether `register --check` fails on it.
    pub mandatory: bool,
    pub why: String,
    /// The manifest attribute to fill, and on what (`subjects` of purpose 'newsletter').
    pub fix: String,
    /// `file:line` of the entity to edit, when the map has a place for it.
    pub at: Option<String>,
}

//! Purposes: the processing activities that use fields, one row each of the GDPR register.

use schemars::JsonSchema;
use serde::Deserialize;

use super::entities::Allow;
use super::enums::{Art9Condition, DpiaStatus, LegalBasis, PurposeStatus};
use super::spanned::Spanned;
use super::store::Retention;
use super::text::{CategoryKey, DateText, FieldRef, Id};

/// A processing activity: why data is used.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    pub id: Spanned<Id>,
    pub name: Option<String>,
    /// The objective the purpose serves (an objective id).
    pub objective: Option<Spanned<Id>>,
    /// The team accountable for the purpose.
    pub owner: Option<Spanned<Id>>,
    pub description: Option<String>,
    /// A fideslang data use key, such as `marketing.communications.email`.
    #[serde(rename = "use")]
    pub data_use: Option<Spanned<CategoryKey>>,
    /// The lawful basis (GDPR art. 6(1)).
    pub legal_basis: Option<Spanned<LegalBasis>>,
    /// The law, for `legal_obligation` and `public_task`, or for art. 10 data.
    pub legal_reference: Option<String>,
    /// The interest pursued, for `legitimate_interests`.
    pub legitimate_interest: Option<String>,
    /// A link to the legitimate-interest assessment.
    pub lia: Option<String>,
    /// The field holding the proof of consent (`store.field`).
    pub consent_record: Option<Spanned<FieldRef>>,
    /// The art. 9(2) condition, when special-category data is used.
    pub special_condition: Option<Art9Condition>,
    /// The categories of data subjects (subject ids).
    pub subjects: Option<Vec<Spanned<Id>>>,
    /// The fields the purpose uses: `store.field`, or `store.*` for all of a store.
    pub uses: Option<Vec<Spanned<FieldRef>>>,
    /// The data categories the purpose needs (the collection plan).
    pub needs: Option<Vec<Spanned<CategoryKey>>>,
    /// How a needed category that no used field holds yet will be collected, and at what
    /// cost (the collection plan of missing data).
    pub collect: Option<Vec<Collect>>,
    pub retention: Option<Spanned<Retention>>,
    /// Who receives the data: store ids, or free text for recipients outside the map.
    pub recipients: Option<Vec<Spanned<String>>>,
    /// True when the purpose evaluates personal aspects (profiling).
    pub profiling: Option<bool>,
    /// True when decisions are taken by automated means only (art. 22).
    pub automated_decision: Option<bool>,
    /// The data protection impact assessment.
    pub dpia: Option<Dpia>,
    /// Default: `active`.
    pub status: Option<PurposeStatus>,
    /// The UK Data Protection Act 2018 Schedule 1 condition, for special-category or
    /// criminal-offence data (ICO column 26).
    pub schedule1_condition: Option<String>,
    /// A link to the retention and erasure policy document (ICO column 28).
    pub retention_policy: Option<String>,
    /// Whether the data is kept and erased as that policy says (ICO column 29).
    pub retention_policy_followed: Option<bool>,
    /// Why it is not, when it is not (ICO column 30).
    pub retention_policy_deviation: Option<String>,
    /// The day the activity was entered in the register (the CNIL fiche's creation date).
    pub created: Option<Spanned<DateText>>,
    /// The day its description last changed (the CNIL fiche's update date).
    pub updated: Option<Spanned<DateText>>,
    pub allow: Option<Vec<Allow>>,
}

/// The plan to collect one needed category: means and cost of collecting it, then of
/// keeping it up to date.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Collect {
    /// The needed category this plans for (one of `needs`).
    pub category: Spanned<CategoryKey>,
    /// How it will be collected (a form field, a purchase, an enrichment service).
    pub collection: Option<String>,
    /// What collecting it costs (free text: `0.40 EUR per record`, `2 days of work`).
    pub collection_cost: Option<String>,
    /// How it will be kept up to date.
    pub update: Option<String>,
    /// What keeping it up to date costs.
    pub update_cost: Option<String>,
}

/// The state of a purpose's data protection impact assessment.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dpia {
    pub status: Option<Spanned<DpiaStatus>>,
    /// A link to the assessment.
    pub link: Option<String>,
}

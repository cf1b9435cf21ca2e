//! The small entities of a map: teams, objectives, subjects, categories, and the `allow:`
//! suppressions any store, field, flow or purpose may carry.

use schemars::JsonSchema;
use serde::Deserialize;

use super::enums::SpecialCategory;
use super::spanned::Spanned;
use super::text::{CategoryKey, DateText, Id};

/// A team: the owner of stores, flows and purposes.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: Spanned<Id>,
    /// Display name.
    pub name: Option<String>,
    /// Contact address of the team.
    pub email: Option<String>,
    pub description: Option<String>,
}

/// A business (CRM) objective that purposes serve: objectives → purposes → fields is the
/// chain that tells useful data from the rest.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: Spanned<Id>,
    pub name: Option<String>,
    pub description: Option<String>,
}

/// A category of data subjects, beyond the built-in ones (`customer`, `prospect`,
/// `employee`, `child`, …).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub id: Spanned<Id>,
    pub name: Option<String>,
    pub description: Option<String>,
    /// Vulnerable people (a DPIA criterion): children, patients, employees…
    pub vulnerable: Option<bool>,
}

/// A data category of the map's own, beyond the built-in fideslang keys.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// The dotted key, such as `user.loyalty.tier`.
    pub id: Spanned<CategoryKey>,
    pub name: Option<String>,
    /// The parent key; it must exist.
    pub parent: Option<Spanned<CategoryKey>>,
    /// Whether data of this category is personal. Default: inherited from the parent, and
    /// true for every key under `user.`.
    pub personal: Option<bool>,
    /// The special category (art. 9, art. 10, national id) data of this category belongs to.
    pub special: Option<SpecialCategory>,
    pub description: Option<String>,
}

/// A business term of the glossary (`customer`, `active customer`…) and the definitions
/// stores follow for it: what "a customer" means in each system (`defines:` on a store).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub id: Spanned<Id>,
    /// Display name. Default: the id.
    pub name: Option<String>,
    pub description: Option<String>,
    /// The definitions in use, each named by an id that stores give in `defines:`.
    pub definitions: Option<Vec<Definition>>,
}

/// One definition of a term: which records count as one.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Unique within its term; referenced as the value in a store's `defines:`.
    pub id: Spanned<Id>,
    /// What the term means under this definition (`a person with an order in the last 12
    /// months`).
    pub definition: Option<String>,
}

/// Silences one rule on this entity and on what it contains.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The rule to silence, by name (`datacarto rules` lists them).
    pub rule: Spanned<String>,
    /// Why the finding is accepted. Required: a suppression without a reason is an error
    /// (`invalid-suppression`).
    pub reason: Option<Spanned<String>>,
    /// The last day the suppression silences; after it, the rule reports again.
    pub until: Option<Spanned<DateText>>,
}

//! The rights-request checklist of one category of person (`datacarto dsr`, GDPR arts. 15
//! and 17): every store holding their data, the key to find a person there, how to erase or
//! export there, and the processors and third parties to notify (art. 19) — all derived
//! from the map's lineage. A fact the map does not state is said to be not stated, with the
//! attribute to fill; never "no" or an empty cell.

mod build;
pub mod html;
pub mod labels;
mod md;
mod xlsx;

#[cfg(test)]
mod tests;

use serde::Serialize;

pub use self::build::{Inputs, build};
use crate::manifest::enums::{ErasureMethod, Language, StoreStatus};

/// An output format of `datacarto dsr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Md,
    Html,
    Xlsx,
    Json,
}

impl Format {
    /// Whether the bytes are text that may go to a terminal.
    pub fn is_text(self) -> bool {
        self != Format::Xlsx
    }
}

/// The checklist in `format`.
pub fn encode(checklist: &Checklist, format: Format) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        Format::Md => md::encode(checklist).into_bytes(),
        Format::Html => html::encode(checklist).into_bytes(),
        Format::Xlsx => xlsx::encode(checklist)?,
        Format::Json => {
            let mut bytes = serde_json::to_vec_pretty(checklist)?;
            bytes.push(b'\n');
            bytes
        }
    })
}

/// The checklist of one category of person. Its JSON form is this model (a contract:
/// `version` changes when it does).
#[derive(Clone, Debug, Serialize)]
pub struct Checklist {
    pub version: u32,
    #[serde(skip)]
    pub language: Language,
    pub subject: Subject,
    /// The active purposes that name the subject: where the map says their data is used.
    pub purposes: Vec<Named>,
    /// Every store holding their data, by id.
    pub stores: Vec<StoreEntry>,
    /// The processors and third parties that receive their data, by id.
    pub notify: Vec<Notify>,
    /// Recipients outside the map named in free text by those purposes.
    pub other_recipients: Vec<String>,
    /// The attributes to fill so that the checklist is complete.
    pub gaps: Vec<Gap>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Subject {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// Why a store is on the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A purpose naming the subject uses its fields.
    Used,
    /// The data those purposes use comes from there (upstream).
    Source,
    /// Flows copy that data there (downstream).
    Copy,
}

/// Who runs a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Operator {
    InHouse,
    Processor { vendor: String },
    ThirdParty,
}

#[derive(Clone, Debug, Serialize)]
pub struct StoreEntry {
    pub id: String,
    pub name: String,
    pub role: Role,
    pub operator: Operator,
    pub status: StoreStatus,
    /// The store's personal fields, the columns of the person's record there: what an
    /// access request exports.
    pub fields: Vec<FieldLine>,
    /// How to find one person's records there.
    pub key: Key,
    /// How to erase one person's data there.
    pub erasure: Erasure,
    /// The purposes naming the subject that use its fields, by id.
    pub purposes: Vec<String>,
    /// Where the store is declared (`file:line`, within the map).
    pub declared_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldLine {
    pub id: String,
    pub name: String,
    pub category: Option<String>,
}

/// The key to find a person in a store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Key {
    /// Fields marked `identifier: true` in the store.
    Identifiers { fields: Vec<String> },
    /// Fields a flow fills from an identifier of another store (`store.field`, sorted).
    Mapped { fields: Vec<MappedKey> },
    /// Neither: the map does not say how to find a person there.
    NotStated { attribute: &'static str },
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct MappedKey {
    pub field: String,
    /// The identifier it comes from, `store.field`.
    pub from: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Erasure {
    Stated { method: ErasureMethod, how: Option<String>, reason: Option<String> },
    NotStated { attribute: &'static str },
}

/// A party to tell about an erasure or a rectification (art. 19).
#[derive(Clone, Debug, Serialize)]
pub struct Notify {
    pub store: String,
    pub name: String,
    pub operator: Operator,
    /// The processor contract (art. 28), for processors; `None`: not stated.
    pub contract: Option<String>,
    /// The flows that bring the subject's data there, by id.
    pub via: Vec<String>,
}

/// An attribute to fill, and where.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Gap {
    pub store: String,
    pub attribute: &'static str,
    pub at: String,
}

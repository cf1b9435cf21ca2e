//! The checklist's values put into words (roles, operators, keys, erasure, contracts), in
//! English or French; the words themselves are in the catalogue (`crate::words::dsr`).

use super::{Erasure, Key, Operator, Role};
use crate::manifest::enums::{ErasureMethod, Language, StoreStatus};

pub(crate) use crate::words::dsr::W;

pub fn role(role: Role, lang: Language) -> &'static str {
    match role {
        Role::Used => W::RoleUsed,
        Role::Source => W::RoleSource,
        Role::Copy => W::RoleCopy,
    }
    .get(lang)
}

pub fn operator(operator: &Operator, lang: Language) -> String {
    match operator {
        Operator::InHouse => W::InHouse.get(lang).to_owned(),
        Operator::Processor { vendor } => format!("{} ({vendor})", W::Processor.get(lang)),
        Operator::ThirdParty => W::ThirdParty.get(lang).to_owned(),
    }
}

pub fn status(status: StoreStatus, lang: Language) -> &'static str {
    match status {
        StoreStatus::Active => W::Active,
        StoreStatus::Planned => W::Planned,
        StoreStatus::Legacy => W::Legacy,
        StoreStatus::Retired => W::Retired,
    }
    .get(lang)
}

pub fn key(key: &Key, lang: Language) -> String {
    match key {
        Key::Identifiers { fields } => {
            let colon = crate::words::colon(lang);
            format!("{}{colon}{}", W::Identifiers.get(lang), fields.join(", "))
        }
        Key::Mapped { fields } => fields
            .iter()
            .map(|m| format!("{} ({} {})", m.field, W::MappedFrom.get(lang), m.from))
            .collect::<Vec<_>>()
            .join(", "),
        Key::NotStated { .. } => W::KeyNotStated.get(lang).to_owned(),
    }
}

/// The method, then how, then why (each on its own line).
pub fn erasure(erasure: &Erasure, lang: Language) -> String {
    match erasure {
        Erasure::Stated { method, how, reason } => {
            let mut lines = vec![method_word(*method, lang).to_owned()];
            lines.extend(how.iter().cloned());
            match reason {
                Some(reason) => lines.push(reason.clone()),
                None if *method == ErasureMethod::NotPossible => {
                    lines.push(W::ReasonNotStated.get(lang).to_owned())
                }
                None => {}
            }
            lines.join("\n")
        }
        Erasure::NotStated { .. } => W::ErasureNotStated.get(lang).to_owned(),
    }
}

fn method_word(method: ErasureMethod, lang: Language) -> &'static str {
    match method {
        ErasureMethod::Api => W::Api,
        ErasureMethod::Manual => W::Manual,
        ErasureMethod::AutomaticRetention => W::AutomaticRetention,
        ErasureMethod::NotPossible => W::NotPossible,
    }
    .get(lang)
}

/// A processor's contract, or the words for its absence: "not stated" for a processor,
/// "not applicable" for another controller, which signs no art. 28 contract.
pub fn contract(operator: &Operator, contract: Option<&str>, lang: Language) -> String {
    match (contract, operator) {
        (Some(link), _) => link.to_owned(),
        (None, Operator::ThirdParty) => W::ContractNotApplicable.get(lang).to_owned(),
        (None, _) => W::ContractNotStated.get(lang).to_owned(),
    }
}

/// The flows that bring the data, or that it enters the map there.
pub fn via(flows: &[String], lang: Language) -> String {
    if flows.is_empty() { W::EntersHere.get(lang).to_owned() } else { flows.join(", ") }
}

/// The fields, `id (name)` when the name says more.
pub fn fields(fields: &[super::FieldLine]) -> String {
    fields
        .iter()
        .map(|f| if f.name == f.id { f.id.clone() } else { format!("{} ({})", f.id, f.name) })
        .collect::<Vec<_>>()
        .join(", ")
}

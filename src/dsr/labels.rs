//! Every word of the checklist, in English and French. One enum, so that a word missing in
//! a language is a compile error.

use super::{Erasure, Key, Operator, Role};
use crate::manifest::enums::{ErasureMethod, Language, StoreStatus};

crate::vocab::tables::bilingual! {
    /// A word of the checklist.
    pub enum W {
    Title = "Rights requests" / "Demandes d'exercice des droits",
    Intro = "What to do when a person of this category asks for their data (access, GDPR art. 15) or to be erased (art. 17): every store holding their data according to the map, how to find them there, how to erase them, and whom to tell (art. 19)." / "Que faire quand une personne de cette catégorie demande ses données (accès, RGPD art. 15) ou leur effacement (art. 17) : chaque outil qui détient ses données d'après la cartographie, comment l'y retrouver, comment l'y effacer, et qui prévenir (art. 19).",
    Purposes = "Purposes that use their data" / "Finalités qui utilisent leurs données",
    NoPurpose = "Not stated: no active purpose names this category of person in 'subjects', so the map does not say where their data is." / "Non renseigné : aucune finalité en cours ne nomme cette catégorie de personnes dans 'subjects', la cartographie ne dit donc pas où sont leurs données.",
    Stores = "Stores holding their data" / "Outils qui détiennent leurs données",
    Store = "Store" / "Outil",
    Why = "Why it is here" / "Pourquoi",
    RunBy = "Run by" / "Exploité par",
    Export = "Data to export (access)" / "Données à extraire (accès)",
    Key = "Key to find the person" / "Clé pour retrouver la personne",
    Erase = "Erasure" / "Effacement",
    Status = "Status" / "Statut",
    Notify = "Processors and third parties to notify" / "Sous-traitants et tiers à prévenir",
    NotifyNone = "No store of the list is run by a processor or an outside party." / "Aucun outil de la liste n'est exploité par un sous-traitant ou un tiers.",
    Contract = "Contract" / "Contrat",
    Via = "Receives the data through" / "Reçoit les données par",
    EntersHere = "no flow from the stores above: the data enters the map here" / "aucun flux depuis les outils ci-dessus : les données entrent ici dans la cartographie",
    OtherRecipients = "Other recipients named by the purposes" / "Autres destinataires nommés par les finalités",
    Gaps = "To complete in the map" / "À compléter dans la cartographie",
    GapsNone = "Nothing: every store of the list states its key and its erasure method." / "Rien : chaque outil de la liste indique sa clé et sa méthode d'effacement.",
    Attribute = "Attribute" / "Attribut",
    Where = "Where" / "Où",
    SheetChecklist = "Checklist" / "Liste de contrôle",
    SheetNotify = "Notify" / "À prévenir",
    SheetGaps = "To complete" / "À compléter",
    Subject = "Category of person" / "Catégorie de personnes",
    RoleUsed = "a purpose for them uses it" / "une finalité les concernant l'utilise",
    RoleSource = "their data comes from there" / "leurs données en proviennent",
    RoleCopy = "a flow copies their data there" / "un flux y copie leurs données",
    InHouse = "in house" / "en interne",
    Processor = "processor" / "sous-traitant",
    ThirdParty = "third party (another controller)" / "tiers (autre responsable)",
    Identifiers = "identifier" / "identifiant",
    MappedFrom = "filled from" / "alimenté depuis",
    KeyNotStated = "not stated: mark the field that identifies a person with 'identifier: true'" / "non renseigné : marquer le champ qui identifie une personne avec 'identifier: true'",
    ErasureNotStated = "not stated: add 'erasure:' to the store" / "non renseigné : ajouter 'erasure:' à l'outil",
    ContractNotStated = "not stated: add 'contract:' to the store" / "non renseigné : ajouter 'contract:' à l'outil",
    ContractNotApplicable = "not applicable: another controller (no art. 28 contract)" / "sans objet : autre responsable (pas de contrat art. 28)",
    Api = "by API" / "par API",
    Manual = "by hand" / "à la main",
    AutomaticRetention = "automatic: erased at the end of its retention period" / "automatique : effacées à la fin de leur durée de conservation",
    NotPossible = "not possible" / "impossible",
    ReasonNotStated = "reason not stated: add 'reason:' under 'erasure:'" / "raison non renseignée : ajouter 'reason:' sous 'erasure:'",
    Active = "active" / "en service",
    Planned = "planned" / "prévu",
    Legacy = "legacy" / "en fin de vie",
    Retired = "retired" / "retiré",
    }
}

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
            // French puts a space before the colon.
            let colon = if lang == Language::Fr { " :" } else { ":" };
            format!("{}{colon} {}", W::Identifiers.get(lang), fields.join(", "))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word has both languages, and they differ where a translation is expected.
    #[test]
    fn every_word_is_in_both_languages() {
        for w in W::ALL {
            assert!(!w.get(Language::En).is_empty() && !w.get(Language::Fr).is_empty(), "{w:?}");
        }
    }
}

//! The French of the kinds of things finding messages name (`unknown store 'crm2'`): the
//! English noun the resolver passes, and the French noun with its gender, so that a message
//! agrees (`outil inconnu`, `équipe inconnue`).

/// A kind's French: the noun and whether it is feminine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    pub noun: &'static str,
    pub feminine: bool,
}

/// `(English, French, feminine)`, every kind a finding message names.
pub const KINDS: &[(&str, &str, bool)] = &[
    ("art. 9(2) condition", "condition de l'art. 9(2)", true),
    ("category", "catégorie", true),
    ("category key", "clé de catégorie", true),
    ("contact", "contact", false),
    ("country code", "code pays", false),
    ("date", "date", true),
    ("direction", "direction", true),
    ("dpia", "AIPD", true),
    ("end action", "action finale", true),
    ("environment variable reference", "référence de variable d'environnement", true),
    ("field mapping", "correspondance de champs", true),
    ("field reference", "référence de champ", true),
    ("field source", "source de champ", true),
    ("flow mechanism", "mécanisme de flux", false),
    ("frequency", "fréquence", true),
    ("id", "identifiant", false),
    ("language", "langue", true),
    ("legal basis", "base légale", true),
    ("level", "niveau", false),
    ("organization", "organisation", true),
    ("purpose status", "statut de finalité", false),
    ("retention", "conservation", true),
    ("retention basis", "base de conservation", true),
    ("retention period", "durée de conservation", true),
    ("retention trigger", "déclencheur de conservation", false),
    ("rule", "règle", true),
    ("security measure", "mesure de sécurité", true),
    ("special category", "catégorie particulière", true),
    ("store kind", "type d'outil", false),
    ("store status", "statut d'outil", false),
    ("suppression", "suppression", true),
    ("transfer", "transfert", false),
    ("transfer mechanism", "mécanisme de transfert", false),
    ("value", "valeur", true),
    ("data use", "usage de données", false),
    ("definition", "définition", true),
    ("field", "champ", false),
    ("flow", "flux", false),
    ("objective", "objectif", false),
    ("purpose", "finalité", true),
    ("store", "outil", false),
    ("subject", "catégorie de personnes", true),
    ("team", "équipe", true),
    ("term", "terme", false),
    ("zone", "zone", true),
];

/// The French of `what`; an unlisted kind keeps its English word (masculine).
pub fn kind(what: &str) -> Kind {
    KINDS.iter().find(|(en, ..)| *en == what).map_or(
        Kind { noun: "élément", feminine: false },
        |&(_, noun, feminine)| Kind { noun, feminine },
    )
}

impl Kind {
    /// The noun with its definite article: « l'outil », « la finalité », « le flux ».
    pub fn the(self) -> String {
        let vowel = self.noun.starts_with(['a', 'e', 'é', 'i', 'o', 'u']);
        match (vowel, self.feminine) {
            (true, _) => format!("l'{}", self.noun),
            (false, true) => format!("la {}", self.noun),
            (false, false) => format!("le {}", self.noun),
        }
    }

    /// The noun with its indefinite article: « un outil », « une finalité ».
    pub fn a(self) -> String {
        format!("{} {}", if self.feminine { "une" } else { "un" }, self.noun)
    }

    /// `masculine` or `feminine`, whichever agrees with the noun (`inconnu`/`inconnue`).
    pub fn agree(self, masculine: &'static str, feminine: &'static str) -> &'static str {
        if self.feminine { feminine } else { masculine }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Articles and agreement follow the noun; every listed kind is distinct.
    #[test]
    fn articles_and_agreement() {
        assert_eq!(kind("store").the(), "l'outil");
        assert_eq!(kind("purpose").the(), "la finalité");
        assert_eq!(kind("flow").the(), "le flux");
        assert_eq!(kind("team").agree("inconnu", "inconnue"), "inconnue");
        assert_eq!(kind("nonsense").noun, "élément");
        assert_eq!(kind("dpia").a(), "une AIPD");
        let mut en: Vec<&str> = KINDS.iter().map(|k| k.0).collect();
        en.sort_unstable();
        en.dedup();
        assert_eq!(en.len(), KINDS.len());
    }
}

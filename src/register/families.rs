//! The eight CNIL families of personal data (gdpr.md §2.1.2) and which category keys fall in
//! each. The CNIL fiche asks for the families, not for fideslang keys, so the register groups
//! the categories of the used fields by family.
//!
//! The mapping goes by key prefix, most specific first (docs/register.md lists it):
//!
//! | family | keys |
//! |---|---|
//! | internet | `user.device.cookie*`, `user.behavior.browsing_history`, `user.behavior.search_history` |
//! | professional_life | `user.workplace`, `user.job_title`, `user.contact.organization` |
//! | identity | `user.name`, `user.contact`, `user.demographic.date_of_birth`, `user.government_id`, `user.unique_id`, `user.content.self_image`, `user.childrens` |
//! | economic_financial | `user.financial`, `user.payment` |
//! | connection | `user.device`, `user.authorization`, `user.account`, `user.telemetry` |
//! | location | `user.location` |
//! | personal_life | `user.demographic`, `user.behavior`, `user.content`, `user.social` |
//! | other | everything else (special categories, sensors, privacy preferences, the map's own keys that descend from none of the above) |
//!
//! A category the map declares is placed by its `parent` chain when its key has no known
//! prefix (`crm.vip` with `parent: user.behavior` is personal life).

use crate::model::Model;
use crate::vocab::categories::covers;

/// The families in the order of the CNIL fiche.
pub const FAMILIES: &[&str] = &[
    "identity",
    "personal_life",
    "professional_life",
    "economic_financial",
    "connection",
    "location",
    "internet",
    "other",
];

/// Key prefixes and their family, most specific first.
static PREFIXES: &[(&str, &str)] = &[
    ("user.device.cookie", "internet"),
    ("user.device.cookie_id", "internet"),
    ("user.behavior.browsing_history", "internet"),
    ("user.behavior.search_history", "internet"),
    ("user.demographic.date_of_birth", "identity"),
    ("user.contact.organization", "professional_life"),
    ("user.content.self_image", "identity"),
    ("user.workplace", "professional_life"),
    ("user.job_title", "professional_life"),
    ("user.name", "identity"),
    ("user.contact", "identity"),
    ("user.government_id", "identity"),
    ("user.unique_id", "identity"),
    ("user.childrens", "identity"),
    ("user.financial", "economic_financial"),
    ("user.payment", "economic_financial"),
    ("user.device", "connection"),
    ("user.authorization", "connection"),
    ("user.account", "connection"),
    ("user.telemetry", "connection"),
    ("user.location", "location"),
    ("user.demographic", "personal_life"),
    ("user.behavior", "personal_life"),
    ("user.content", "personal_life"),
    ("user.social", "personal_life"),
];

/// The family of a key by its prefixes alone.
fn by_prefix(key: &str) -> Option<&'static str> {
    PREFIXES.iter().find(|(prefix, _)| covers(prefix, key)).map(|(_, family)| *family)
}

/// The CNIL family of a category key; `None` (no category) is `other`.
pub fn family_of(model: &Model, key: Option<&str>) -> &'static str {
    let mut current = key.map(str::to_owned);
    // Declared parents may form a chain (or, in a broken map, a loop): bounded.
    for _ in 0..64 {
        let Some(k) = current else { break };
        if let Some(family) = by_prefix(&k) {
            return family;
        }
        current = model.category(&k).and_then(|c| c.parent.clone());
    }
    "other"
}

/// The position of a family in the CNIL order.
pub fn rank(family: &str) -> usize {
    FAMILIES.iter().position(|f| *f == family).unwrap_or(FAMILIES.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::categories::CATEGORIES;
    use crate::vocab::tables::gdpr_term;

    /// The examples of the CNIL fiche land in their family.
    #[test]
    fn known_keys() {
        let model = Model::default();
        let f = |k: &str| family_of(&model, Some(k));
        assert_eq!(f("user.name.first"), "identity");
        assert_eq!(f("user.contact.address.city"), "identity");
        assert_eq!(f("user.demographic.date_of_birth"), "identity");
        assert_eq!(f("user.demographic.language"), "personal_life");
        assert_eq!(f("user.financial.credit_card"), "economic_financial");
        assert_eq!(f("user.device.ip_address"), "connection");
        assert_eq!(f("user.device.cookie_id"), "internet");
        assert_eq!(f("user.behavior.browsing_history"), "internet");
        assert_eq!(f("user.behavior.purchase_history"), "personal_life");
        assert_eq!(f("user.location.precise"), "location");
        assert_eq!(f("user.job_title"), "professional_life");
        assert_eq!(f("user.health_and_medical"), "other");
        assert_eq!(f("user.contacts"), "other");
        assert_eq!(family_of(&model, None), "other");
    }

    /// Every family has its label in both languages, and every built-in key a family.
    #[test]
    fn families_are_labelled_and_total() {
        for family in FAMILIES {
            assert!(gdpr_term("cnil_family", family).is_some(), "{family}");
        }
        let model = Model::default();
        for key in CATEGORIES {
            assert!(FAMILIES.contains(&family_of(&model, Some(key))), "{key}");
        }
    }
}

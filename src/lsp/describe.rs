//! What the map's vocabulary means, in words for the editor: built-in category keys and
//! subjects, which no file of the map declares.

use super::index::Target;
use crate::manifest::enums::Language;
use crate::vocab::{categories, subjects, tables};

/// A built-in category key or subject described, or `None` for anything else.
pub(super) fn builtin(target: &Target, language: Language) -> Option<String> {
    match target {
        Target::Category(key) if categories::is_builtin(key) => Some(category(key, language)),
        Target::Subject(id) => {
            let subject = subjects::SUBJECTS.iter().find(|s| s.id == id)?;
            let label = tables::subject_label(id).map(|l| l.get(language)).unwrap_or(id);
            let vulnerable = if subject.vulnerable {
                "a vulnerable group (a DPIA criterion)"
            } else {
                "not a vulnerable group unless the map says so (`vulnerable: true`)"
            };
            Some(format!("`{id}`: {label}, a built-in subject (fideslang); {vulnerable}."))
        }
        _ => None,
    }
}

/// A built-in category key: its label, whether it is personal data and its special
/// category.
pub(super) fn category(key: &str, language: Language) -> String {
    let label = tables::category_label(key).map(|l| l.get(language)).unwrap_or(key);
    let personal =
        if categories::is_personal(key) { "personal data" } else { "not personal data by itself" };
    let special = match categories::special_of(key) {
        Some(special) => format!("; special category: {}", special.as_str()),
        None => String::new(),
    };
    format!("`{key}`: {label}, a built-in category key (fideslang); {personal}{special}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Built-in keys say what they mean under the GDPR; the map's own names are not built-in.
    #[test]
    fn describes_built_in_names() {
        let health = builtin(&Target::Category("user.biometric.health".into()), Language::En);
        let health = health.expect("a built-in key");
        assert!(health.contains("personal data; special category: health"), "{health}");
        let child = builtin(&Target::Subject("child".into()), Language::En).expect("built-in");
        assert!(child.contains("a vulnerable group"), "{child}");
        assert_eq!(builtin(&Target::Category("acme.loyalty".into()), Language::En), None);
        assert_eq!(builtin(&Target::Store("crm".into()), Language::En), None);
    }
}

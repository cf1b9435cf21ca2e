//! Built-in vocabularies: the fideslang data categories (CC BY 4.0, Ethyca and the IAB Tech
//! Lab; see NOTICE) completed as manifest.md says, the built-in data subjects, and the GDPR
//! meaning of category keys (special categories, personal data).

pub mod categories;
pub mod iso_countries;
pub mod subjects;
pub mod tables;

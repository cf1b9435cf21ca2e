//! Data category keys: the fideslang 3.x default taxonomy (keys only; CC BY 4.0, © Ethyca,
//! Inc. and the IAB Tech Lab — see NOTICE), completed with `user.demographic.trade_union` and
//! `user.demographic.sex_life`, and what each key means under the GDPR: personal data, and
//! the special categories of art. 9, art. 10 and national identification numbers.

use crate::manifest::enums::SpecialCategory;

/// Built-in data category keys, sorted.
pub static CATEGORIES: &[&str] = &[
    "system",
    "system.authentication",
    "system.operations",
    "user",
    "user.account",
    "user.account.settings",
    "user.account.username",
    "user.authorization",
    "user.authorization.biometric",
    "user.authorization.credentials",
    "user.authorization.password",
    "user.behavior",
    "user.behavior.browsing_history",
    "user.behavior.media_consumption",
    "user.behavior.purchase_history",
    "user.behavior.search_history",
    "user.biometric",
    "user.biometric.fingerprint",
    "user.biometric.health",
    "user.biometric.retinal",
    "user.biometric.voice",
    "user.childrens",
    "user.contact",
    "user.contact.address",
    "user.contact.address.city",
    "user.contact.address.country",
    "user.contact.address.postal_code",
    "user.contact.address.state",
    "user.contact.address.street",
    "user.contact.email",
    "user.contact.fax_number",
    "user.contact.organization",
    "user.contact.phone_number",
    "user.contact.url",
    "user.content",
    "user.content.private",
    "user.content.public",
    "user.content.self_image",
    "user.criminal_history",
    "user.demographic",
    "user.demographic.age_range",
    "user.demographic.date_of_birth",
    "user.demographic.gender",
    "user.demographic.language",
    "user.demographic.marital_status",
    "user.demographic.political_opinion",
    "user.demographic.profile",
    "user.demographic.race_ethnicity",
    "user.demographic.religious_belief",
    "user.demographic.sex_life",
    "user.demographic.sexual_orientation",
    "user.demographic.trade_union",
    "user.device",
    "user.device.cookie",
    "user.device.cookie_id",
    "user.device.device_id",
    "user.device.ip_address",
    "user.financial",
    "user.financial.bank_account",
    "user.financial.credit_card",
    "user.government_id",
    "user.government_id.birth_certificate",
    "user.government_id.drivers_license_number",
    "user.government_id.immigration",
    "user.government_id.national_identification_number",
    "user.government_id.passport_number",
    "user.government_id.vehicle_registration",
    "user.health_and_medical",
    "user.health_and_medical.genetic",
    "user.health_and_medical.insurance_beneficiary_id",
    "user.health_and_medical.record_id",
    "user.job_title",
    "user.location",
    "user.location.imprecise",
    "user.location.precise",
    "user.name",
    "user.name.first",
    "user.name.last",
    "user.payment",
    "user.privacy_preferences",
    "user.sensor",
    "user.social",
    "user.telemetry",
    "user.unique_id",
    "user.unique_id.pseudonymous",
    "user.user_sensor",
    "user.workplace",
];

/// Built-in data use keys (fideslang), sorted.
pub static DATA_USES: &[&str] = &[
    "analytics",
    "analytics.reporting",
    "analytics.reporting.ad_performance",
    "analytics.reporting.campaign_insights",
    "analytics.reporting.content_performance",
    "analytics.reporting.system",
    "analytics.reporting.system.performance",
    "collect",
    "employment",
    "employment.recruitment",
    "essential",
    "essential.fraud_detection",
    "essential.legal_obligation",
    "essential.service",
    "essential.service.authentication",
    "essential.service.notifications",
    "essential.service.notifications.email",
    "essential.service.notifications.sms",
    "essential.service.operations",
    "essential.service.operations.improve",
    "essential.service.operations.support",
    "essential.service.payment_processing",
    "essential.service.security",
    "essential.service.upgrades",
    "finance",
    "functional",
    "functional.service",
    "functional.service.improve",
    "functional.storage",
    "functional.storage.privacy_preferences",
    "marketing",
    "marketing.advertising",
    "marketing.advertising.first_party",
    "marketing.advertising.first_party.contextual",
    "marketing.advertising.first_party.targeted",
    "marketing.advertising.frequency_capping",
    "marketing.advertising.negative_targeting",
    "marketing.advertising.profiling",
    "marketing.advertising.serving",
    "marketing.advertising.third_party",
    "marketing.advertising.third_party.targeted",
    "marketing.communications",
    "marketing.communications.email",
    "marketing.communications.sms",
    "operations",
    "personalize",
    "personalize.content",
    "personalize.content.limited",
    "personalize.content.profiled",
    "personalize.content.profiling",
    "personalize.system",
    "sales",
    "third_party_sharing",
    "third_party_sharing.legal_obligation",
    "train_ai_system",
];

/// Whether `key` is `prefix` or below it (`user.contact.email` is below `user.contact`).
pub fn covers(prefix: &str, key: &str) -> bool {
    key == prefix
        || (key.len() > prefix.len()
            && key.starts_with(prefix)
            && key.as_bytes()[prefix.len()] == b'.')
}

pub fn is_builtin(key: &str) -> bool {
    CATEGORIES.binary_search(&key).is_ok()
}

pub fn is_builtin_use(key: &str) -> bool {
    DATA_USES.binary_search(&key).is_ok()
}

/// Every key under `user.` is personal data (manifest.md §4).
pub fn is_personal(key: &str) -> bool {
    covers("user", key)
}

/// Keys that reveal a special category (gdpr.md §3.2), most specific first.
static SPECIAL: &[(&str, SpecialCategory)] = &[
    ("user.demographic.race_ethnicity", SpecialCategory::RacialEthnicOrigin),
    ("user.demographic.political_opinion", SpecialCategory::PoliticalOpinions),
    ("user.demographic.religious_belief", SpecialCategory::ReligiousPhilosophicalBeliefs),
    ("user.demographic.trade_union", SpecialCategory::TradeUnionMembership),
    ("user.health_and_medical.genetic", SpecialCategory::Genetic),
    ("user.biometric.health", SpecialCategory::Health),
    ("user.biometric", SpecialCategory::BiometricUniqueId),
    ("user.authorization.biometric", SpecialCategory::BiometricUniqueId),
    ("user.health_and_medical", SpecialCategory::Health),
    ("user.demographic.sexual_orientation", SpecialCategory::SexLifeSexualOrientation),
    ("user.demographic.sex_life", SpecialCategory::SexLifeSexualOrientation),
    ("user.criminal_history", SpecialCategory::CriminalOffences),
    ("user.government_id.national_identification_number", SpecialCategory::NationalIdNumber),
];

/// The special category a built-in key reveals, if any.
pub fn special_of(key: &str) -> Option<SpecialCategory> {
    SPECIAL.iter().find(|(prefix, _)| covers(prefix, key)).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables are sorted (lookups are binary searches) and complete.
    #[test]
    fn tables_are_sorted() {
        assert!(CATEGORIES.windows(2).all(|w| w[0] < w[1]));
        assert!(DATA_USES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(CATEGORIES.len(), 87);
        assert_eq!(DATA_USES.len(), 55);
        for (key, _) in SPECIAL {
            assert!(is_builtin(key), "{key}");
        }
    }

    /// A key covers its children, on dot boundaries only.
    #[test]
    fn covering() {
        assert!(covers("user.contact", "user.contact.email"));
        assert!(covers("user.contact", "user.contact"));
        assert!(!covers("user.contact", "user.contacts"));
        assert!(!covers("user.contact.email", "user.contact"));
    }

    /// Health under biometrics is health, other biometrics identify.
    #[test]
    fn special_categories() {
        assert_eq!(special_of("user.biometric.health"), Some(SpecialCategory::Health));
        assert_eq!(special_of("user.biometric.voice"), Some(SpecialCategory::BiometricUniqueId));
        assert_eq!(special_of("user.health_and_medical.record_id"), Some(SpecialCategory::Health));
        assert_eq!(special_of("user.contact.email"), None);
        assert!(is_personal("user.contact.email") && !is_personal("system.operations"));
    }
}

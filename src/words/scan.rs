//! The French of what `scan` says a column looks like: `scan/guess.rs`'s "an e-mail
//! address" (with its article) and `scan/patterns.rs`'s "e-mail addresses" (after "look
//! like"), for the `undeclared-column` finding.

/// `(English, French)`.
pub const WHAT: &[(&str, &str)] = &[
    ("health data", "des données de santé"),
    ("a religious belief", "une conviction religieuse"),
    ("an ethnic origin", "une origine ethnique"),
    ("a trade-union membership", "une appartenance syndicale"),
    ("a sexual orientation", "une orientation sexuelle"),
    ("a political opinion", "une opinion politique"),
    ("biometric data", "des données biométriques"),
    ("a criminal record", "un casier judiciaire"),
    ("a national identification number", "un numéro d'identification national"),
    ("a passport number", "un numéro de passeport"),
    ("a driving licence number", "un numéro de permis de conduire"),
    ("a bank account", "un compte bancaire"),
    ("a payment card number", "un numéro de carte de paiement"),
    ("a password", "un mot de passe"),
    ("an e-mail address", "une adresse e-mail"),
    ("a fax number", "un numéro de fax"),
    ("a phone number", "un numéro de téléphone"),
    ("a date of birth", "une date de naissance"),
    ("an IP address", "une adresse IP"),
    ("a precise location", "une localisation précise"),
    ("a company registration number", "un numéro d'immatriculation d'entreprise"),
    ("a postal code", "un code postal"),
    ("a city", "une ville"),
    ("a postal address", "une adresse postale"),
    ("a first name", "un prénom"),
    ("a last name", "un nom de famille"),
    ("a person's name", "le nom d'une personne"),
    ("a gender", "un genre"),
    ("a user name", "un nom d'utilisateur"),
    ("e-mail addresses", "des adresses e-mail"),
    ("phone numbers", "des numéros de téléphone"),
    ("IBANs (checksum verified)", "des IBAN (clé vérifiée)"),
    ("payment card numbers (Luhn verified)", "des numéros de carte de paiement (Luhn vérifié)"),
    ("French NIRs (key verified)", "des NIR français (clé vérifiée)"),
];

/// The French of `en`; an unlisted text stays English (the test below lists them all).
pub fn what_fr(en: &str) -> &str {
    WHAT.iter().find(|(e, _)| *e == en).map_or(en, |(_, fr)| fr)
}

#[cfg(test)]
mod tests {
    /// Every guess and every pattern `scan` can name has its French.
    #[test]
    fn every_scan_word_has_its_french() {
        let names = crate::scan::guess::every_what()
            .chain(crate::scan::patterns::Pattern::ALL.iter().map(|p| p.plural()));
        for en in names {
            assert!(super::WHAT.iter().any(|(e, _)| *e == en), "no French for {en:?}");
        }
    }
}

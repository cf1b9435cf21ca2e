//! The category a column's name suggests, in English, French, German, Spanish and Italian
//! (`email`, `courriel`, `date_naissance`, `iban`, `nir`…): a guess for a person to confirm,
//! never a fact the map states.

use crate::manifest::enums::SpecialCategory;
use crate::vocab::categories;

/// What a column's name suggests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guess {
    /// A built-in category key; `None` when the name says what it is but no category fits
    /// (a company number).
    pub category: Option<&'static str>,
    /// In words, for messages: "an e-mail address".
    pub what: &'static str,
    pub personal: bool,
    pub special: Option<SpecialCategory>,
}

/// One line of the table: the token sequences that suggest a category. A sequence matches
/// when its words follow each other in the column name (`date de naissance` matches
/// `DateDeNaissance` and `date_de_naissance_client`).
struct Hint {
    words: &'static [&'static str],
    category: Option<&'static str>,
    what: &'static str,
}

/// Most revealing first: a special category wins over an ordinary one (`health_email` is
/// about health before it is an address).
static HINTS: &[Hint] = &[
    Hint {
        words: &[
            "sante",
            "health",
            "diagnostic",
            "diagnosis",
            "pathologie",
            "pathology",
            "allergie",
            "allergy",
            "allergies",
            "medical",
            "medicale",
            "traitement medical",
            "gesundheit",
            "salud",
            "salute",
            "handicap",
            "disability",
        ],
        category: Some("user.health_and_medical"),
        what: "health data",
    },
    Hint {
        words: &["religion", "religious", "confession", "culte"],
        category: Some("user.demographic.religious_belief"),
        what: "a religious belief",
    },
    Hint {
        words: &["ethnie", "ethnicity", "ethnic", "origine ethnique", "race"],
        category: Some("user.demographic.race_ethnicity"),
        what: "an ethnic origin",
    },
    Hint {
        words: &["syndicat", "syndical", "trade union", "gewerkschaft", "sindicato"],
        category: Some("user.demographic.trade_union"),
        what: "a trade-union membership",
    },
    Hint {
        words: &["orientation sexuelle", "sexual orientation"],
        category: Some("user.demographic.sexual_orientation"),
        what: "a sexual orientation",
    },
    Hint {
        words: &["opinion politique", "political", "politique", "parti politique"],
        category: Some("user.demographic.political_opinion"),
        what: "a political opinion",
    },
    Hint {
        words: &[
            "empreinte",
            "fingerprint",
            "biometric",
            "biometrie",
            "biometrique",
            "face id",
            "faceprint",
        ],
        category: Some("user.biometric"),
        what: "biometric data",
    },
    Hint {
        words: &["casier", "criminal", "condamnation", "conviction"],
        category: Some("user.criminal_history"),
        what: "a criminal record",
    },
    Hint {
        words: &[
            "nir",
            "ssn",
            "secu",
            "securite sociale",
            "social security",
            "numero secu",
            "insee",
            "sozialversicherungsnummer",
            "codice fiscale",
            "dni",
            "nif",
            "steuer id",
        ],
        category: Some("user.government_id.national_identification_number"),
        what: "a national identification number",
    },
    Hint {
        words: &["passport", "passeport", "reisepass", "pasaporte"],
        category: Some("user.government_id.passport_number"),
        what: "a passport number",
    },
    Hint {
        words: &[
            "permis conduire",
            "driver license",
            "drivers license",
            "driving licence",
            "fuhrerschein",
        ],
        category: Some("user.government_id.drivers_license_number"),
        what: "a driving licence number",
    },
    Hint {
        words: &[
            "iban",
            "bic",
            "rib",
            "bank account",
            "compte bancaire",
            "kontonummer",
            "bankverbindung",
            "cuenta bancaria",
        ],
        category: Some("user.financial.bank_account"),
        what: "a bank account",
    },
    Hint {
        words: &[
            "credit card",
            "card number",
            "carte bancaire",
            "numero carte",
            "cb",
            "pan",
            "kreditkarte",
            "tarjeta",
        ],
        category: Some("user.financial.credit_card"),
        what: "a payment card number",
    },
    Hint {
        words: &["password", "mot de passe", "mdp", "pwd", "passwd", "passwort", "contrasena"],
        category: Some("user.authorization.password"),
        what: "a password",
    },
    Hint {
        words: &["email", "e mail", "mail", "courriel", "mel", "adresse mail", "correo"],
        category: Some("user.contact.email"),
        what: "an e-mail address",
    },
    Hint { words: &["fax"], category: Some("user.contact.fax_number"), what: "a fax number" },
    Hint {
        words: &[
            "tel",
            "telephone",
            "phone",
            "mobile",
            "portable",
            "gsm",
            "cellulaire",
            "cell",
            "handy",
            "telefon",
            "telefono",
            "cellulare",
            "msisdn",
        ],
        category: Some("user.contact.phone_number"),
        what: "a phone number",
    },
    Hint {
        words: &[
            "date naissance",
            "date de naissance",
            "naissance",
            "birth",
            "birthdate",
            "birthday",
            "dob",
            "ddn",
            "datenaissance",
            "geburtsdatum",
            "fecha nacimiento",
            "data nascita",
        ],
        category: Some("user.demographic.date_of_birth"),
        what: "a date of birth",
    },
    Hint {
        words: &["ip", "ip address", "adresse ip", "ipv4", "ipv6"],
        category: Some("user.device.ip_address"),
        what: "an IP address",
    },
    Hint {
        words: &[
            "latitude",
            "longitude",
            "lat",
            "lng",
            "lon",
            "gps",
            "geoloc",
            "geolocalisation",
            "geolocation",
        ],
        category: Some("user.location.precise"),
        what: "a precise location",
    },
    Hint {
        words: &["siret", "siren", "tva intracom", "vat number", "numero tva", "ust idnr"],
        category: None,
        what: "a company registration number",
    },
    Hint {
        words: &[
            "code postal",
            "cp",
            "zip",
            "zipcode",
            "postal code",
            "postcode",
            "plz",
            "codigo postal",
            "cap",
        ],
        category: Some("user.contact.address.postal_code"),
        what: "a postal code",
    },
    Hint {
        words: &["ville", "city", "commune", "stadt", "ciudad", "citta"],
        category: Some("user.contact.address.city"),
        what: "a city",
    },
    Hint {
        words: &[
            "adresse",
            "address",
            "rue",
            "street",
            "strasse",
            "calle",
            "via",
            "indirizzo",
            "direccion",
        ],
        category: Some("user.contact.address"),
        what: "a postal address",
    },
    Hint {
        words: &[
            "prenom",
            "first name",
            "firstname",
            "given name",
            "forename",
            "vorname",
            "nombre de pila",
        ],
        category: Some("user.name.first"),
        what: "a first name",
    },
    Hint {
        words: &[
            "nom",
            "last name",
            "lastname",
            "surname",
            "family name",
            "nom de famille",
            "nachname",
            "apellido",
            "cognome",
        ],
        category: Some("user.name.last"),
        what: "a last name",
    },
    Hint {
        words: &[
            "full name",
            "fullname",
            "nom complet",
            "customer name",
            "client name",
            "contact name",
        ],
        category: Some("user.name"),
        what: "a person's name",
    },
    Hint {
        words: &["sexe", "gender", "genre", "civilite", "civility", "geschlecht"],
        category: Some("user.demographic.gender"),
        what: "a gender",
    },
    Hint {
        words: &["login", "username", "user name", "identifiant", "pseudo", "nickname"],
        category: Some("user.account.username"),
        what: "a user name",
    },
];

/// The guess for a column name, if its words suggest one.
pub fn guess(column: &str) -> Option<Guess> {
    let tokens = tokens(column);
    let joined = tokens.join(" ");
    HINTS.iter().find(|h| h.words.iter().any(|w| contains_words(&joined, w))).map(|h| Guess {
        category: h.category,
        what: h.what,
        personal: h.category.is_some_and(categories::is_personal),
        special: h.category.and_then(categories::special_of),
    })
}

/// Every "what" a guess can say, for the test that each has its French (`words::scan`).
#[cfg(test)]
pub(crate) fn every_what() -> impl Iterator<Item = &'static str> {
    HINTS.iter().map(|h| h.what)
}

/// Whether `words` occurs in `joined` on word boundaries.
fn contains_words(joined: &str, words: &str) -> bool {
    let padded = format!(" {joined} ");
    padded.contains(&format!(" {words} "))
}

/// The lower-case, accent-free words of a name: split on anything not a letter or digit and
/// between a lower-case letter and an upper-case one (`dateNaissance`).
pub fn tokens(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            previous_lower = false;
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        for lower in c.to_lowercase() {
            word.push(fold(lower));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A letter without its accent, for the French, German, Spanish and Italian names.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ß' => 's',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(name: &str) -> Option<&'static str> {
        guess(name).and_then(|g| g.category)
    }

    /// Names in several languages and spellings land on the category they mean.
    #[test]
    fn guesses_multilingual_names() {
        for (name, key) in [
            ("email", "user.contact.email"),
            ("E-Mail", "user.contact.email"),
            ("courriel_client", "user.contact.email"),
            ("mail", "user.contact.email"),
            ("date_naissance", "user.demographic.date_of_birth"),
            ("DateDeNaissance", "user.demographic.date_of_birth"),
            ("birthDate", "user.demographic.date_of_birth"),
            ("Geburtsdatum", "user.demographic.date_of_birth"),
            ("iban", "user.financial.bank_account"),
            ("IBAN_client", "user.financial.bank_account"),
            ("tel", "user.contact.phone_number"),
            ("téléphone", "user.contact.phone_number"),
            ("portable", "user.contact.phone_number"),
            ("nir", "user.government_id.national_identification_number"),
            ("prénom", "user.name.first"),
            ("Code Postal", "user.contact.address.postal_code"),
            ("password_hash", "user.authorization.password"),
        ] {
            assert_eq!(category(name), Some(key), "{name}");
        }
    }

    /// A national number and health data are special; a phone is personal, not special; a
    /// company number is neither, and has no category.
    #[test]
    fn marks_personal_and_special() {
        let nir = guess("numero_secu").expect("a guess");
        assert!(nir.personal);
        assert_eq!(nir.special, Some(SpecialCategory::NationalIdNumber));
        assert!(guess("allergies").expect("a guess").special.is_some());
        let tel = guess("tel_mobile").expect("a guess");
        assert!(tel.personal && tel.special.is_none());
        let siret = guess("siret").expect("a guess");
        assert_eq!((siret.category, siret.personal), (None, false));
    }

    /// Words inside other words do not count: `hotel`, `email_count`'s neighbours, `nominal`.
    #[test]
    fn does_not_guess_from_parts_of_words() {
        for name in ["hotel", "nominal", "amount", "created_at", "status", "capacity", "pantone"] {
            assert_eq!(guess(name), None, "{name}");
        }
    }
}

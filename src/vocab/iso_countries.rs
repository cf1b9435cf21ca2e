//! The officially assigned ISO 3166-1 alpha-2 codes, and what to say about a code that is
//! not one: `UK` (→ `GB`), `EL` (→ `GR`), `EU` (a union, not a country), a country written
//! by name (`France` → `FR`). The labelled table of `countries.tsv` covers the countries the
//! register names; this list decides what a map may write.

use crate::diag::{Text, t};

use super::tables;

/// The 249 officially assigned codes (ISO 3166-1, as maintained by the ISO 3166/MA).
const ASSIGNED: &str = "\
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU \
ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA \
RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU \
WF WS YE YT ZA ZM ZW";

/// Whether `code` is an officially assigned ISO 3166-1 alpha-2 code (upper case).
pub fn is_assigned(code: &str) -> bool {
    code.len() == 2 && ASSIGNED.split(' ').any(|c| c == code)
}

/// Codes people write for a country that ISO spells otherwise.
const MISTAKEN: &[(&str, &str, &str)] = &[
    ("UK", "GB", "the United Kingdom"),
    ("EL", "GR", "Greece"),
    ("USA", "US", "the United States"),
];

/// Why `text` is not a country code, in a message and a suggestion (English and French).
pub fn problem(text: &str) -> (Text, Option<Text>) {
    let upper = text.trim().to_uppercase();
    if let Some((_, code, name)) = MISTAKEN.iter().find(|(m, _, _)| *m == upper) {
        return (
            t!(
                "'{text}' is not an ISO 3166-1 alpha-2 country code: {name} is '{code}'",
                "'{text}' n'est pas un code pays ISO 3166-1 alpha-2 : ce pays s'écrit '{code}'"
            ),
            Some(t!("write '{code}'", "écrivez '{code}'")),
        );
    }
    if upper == "EU" || upper == "EEA" || upper == "EUROPE" {
        return (
            t!(
                "'{text}' is not a country: a location names the countries where the data is hosted",
                "'{text}' n'est pas un pays : une localisation nomme les pays où les données sont hébergées"
            ),
            Some(t!(
                "list the countries, such as '[FR, DE, IE]'",
                "listez les pays, par exemple '[FR, DE, IE]'"
            )),
        );
    }
    if is_assigned(&upper) {
        return (
            t!(
                "'{text}' is not a valid country code: codes are upper case",
                "'{text}' n'est pas un code pays valide : les codes s'écrivent en majuscules"
            ),
            Some(t!("write '{upper}'", "écrivez '{upper}'")),
        );
    }
    if let Some(code) = by_name(text) {
        return (
            t!("'{text}' is not a country code", "'{text}' n'est pas un code pays"),
            Some(t!(
                "write '{code}', its ISO 3166-1 alpha-2 code",
                "écrivez '{code}', son code ISO 3166-1 alpha-2"
            )),
        );
    }
    (
        t!(
            "'{text}' is not an ISO 3166-1 alpha-2 country code",
            "'{text}' n'est pas un code pays ISO 3166-1 alpha-2"
        ),
        Some(t!(
            "use the two-letter code of the country, such as FR, DE or US",
            "utilisez le code à deux lettres du pays, par exemple FR, DE ou US"
        )),
    )
}

/// The code of a country written by its English or French name (`France`, `Allemagne`).
fn by_name(text: &str) -> Option<&'static str> {
    let wanted = text.trim().to_lowercase();
    tables::countries()
        .find(|c| c.label.en.to_lowercase() == wanted || c.label.fr.to_lowercase() == wanted)
        .map(|c| c.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 249 codes, sorted, and every country of the labelled table is one of them.
    #[test]
    fn the_list_is_complete_and_covers_the_table() {
        let codes: Vec<&str> = ASSIGNED.split(' ').collect();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        for country in tables::countries() {
            assert!(is_assigned(country.code), "{}", country.code);
        }
    }

    /// UK, EU, XX, a name and lower case each get their own words.
    #[test]
    fn problems_say_what_to_write() {
        let (m, h) = problem("UK");
        assert!(m.contains("'GB'"), "{m}");
        assert_eq!(h.as_deref(), Some("write 'GB'"));
        let (m, _) = problem("EU");
        assert!(m.contains("not a country"), "{m}");
        let (m, h) = problem("XX");
        assert!(m.contains("not an ISO 3166-1 alpha-2"), "{m}");
        assert!(h.unwrap().contains("FR"));
        assert_eq!(problem("France").1.as_deref(), Some("write 'FR', its ISO 3166-1 alpha-2 code"));
        assert_eq!(problem("fr").1.as_deref(), Some("write 'FR'"));
        assert!(!is_assigned("XX") && !is_assigned("UK") && is_assigned("GB"));
    }
}

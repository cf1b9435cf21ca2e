//! The embedded data tables (`src/vocab/data/*.tsv`): labels in English and French for the
//! vocabularies, the countries and the EEA, and the adequacy decisions with their validity.
//! Each file starts with `# reviewed: YYYY-MM-DD`; they are parsed once, on first use.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::date::Date;
use crate::manifest::enums::Language;

const CATEGORIES: &str = include_str!("data/categories.tsv");
const DATA_USES: &str = include_str!("data/data_uses.tsv");
const SUBJECTS: &str = include_str!("data/subjects.tsv");
const GDPR: &str = include_str!("data/gdpr.tsv");
const COUNTRIES: &str = include_str!("data/countries.tsv");
const ADEQUACY: &str = include_str!("data/adequacy.tsv");

/// The rows of a table: comment lines and the header line skipped, cells split on tabs.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect())
}

/// The date a table was last reviewed.
fn reviewed_of(text: &str) -> Option<Date> {
    text.lines().next()?.strip_prefix("# reviewed: ").and_then(Date::parse)
}

/// When the GDPR tables were last reviewed (the oldest of them).
pub fn reviewed() -> Date {
    [CATEGORIES, DATA_USES, SUBJECTS, GDPR, COUNTRIES, ADEQUACY]
        .iter()
        .filter_map(|t| reviewed_of(t))
        .min()
        .expect("the tables carry their review date")
}

/// An enum of words in English and French (`Name = "en" / "fr",`): one enum, so that a word
/// missing in a language is a compile error. `ALL` lists them for tests, `label()` gives both
/// languages, `get(language)` one.
macro_rules! bilingual {
    ($(#[$meta:meta])* $vis:vis enum $enum:ident { $($name:ident = $en:literal / $fr:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        $vis enum $enum { $($name,)+ }

        impl $enum {
            pub const ALL: &'static [$enum] = &[$($enum::$name,)+];

            pub fn label(self) -> $crate::vocab::tables::Label {
                match self { $($enum::$name => $crate::vocab::tables::Label { en: $en, fr: $fr },)+ }
            }

            pub fn get(self, language: $crate::manifest::enums::Language) -> &'static str {
                self.label().get(language)
            }
        }
    };
}
pub(crate) use bilingual;

/// A label in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub en: &'static str,
    pub fr: &'static str,
}

impl Label {
    pub fn get(self, language: Language) -> &'static str {
        match language {
            Language::En => self.en,
            Language::Fr => self.fr,
        }
    }
}

/// An entry of `gdpr.tsv`: its article of the GDPR (`-` when none) and label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GdprTerm {
    pub article: Option<&'static str>,
    pub label: Label,
}

/// A country, and whether it is in the EEA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    pub label: Label,
    pub eea: bool,
}

/// An adequacy decision (GDPR art. 45).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adequacy {
    pub country: &'static str,
    /// `whole`, or the condition the recipient must meet (`dpf_certified`, …).
    pub scope: &'static str,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub act: &'static str,
    pub note: &'static str,
}

impl Adequacy {
    pub fn valid_on(&self, day: Date) -> bool {
        self.valid_from <= day && self.valid_until.is_none_or(|until| day <= until)
    }
}

struct Tables {
    categories: HashMap<&'static str, Label>,
    data_uses: HashMap<&'static str, Label>,
    subjects: HashMap<&'static str, Label>,
    gdpr: HashMap<(&'static str, &'static str), GdprTerm>,
    countries: HashMap<&'static str, Country>,
    adequacy: Vec<Adequacy>,
}

fn labels(text: &'static str) -> HashMap<&'static str, Label> {
    rows(text).filter(|r| r.len() >= 3).map(|r| (r[0], Label { en: r[1], fr: r[2] })).collect()
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        categories: labels(CATEGORIES),
        data_uses: labels(DATA_USES),
        subjects: labels(SUBJECTS),
        gdpr: rows(GDPR)
            .filter(|r| r.len() >= 5)
            .map(|r| {
                let article = (r[2] != "-").then_some(r[2]);
                ((r[0], r[1]), GdprTerm { article, label: Label { en: r[3], fr: r[4] } })
            })
            .collect(),
        countries: rows(COUNTRIES)
            .filter(|r| r.len() >= 4)
            .map(|r| {
                (
                    r[0],
                    Country { code: r[0], label: Label { en: r[1], fr: r[2] }, eea: r[3] == "yes" },
                )
            })
            .collect(),
        adequacy: rows(ADEQUACY)
            .filter(|r| r.len() >= 6)
            .filter_map(|r| {
                Some(Adequacy {
                    country: r[0],
                    scope: r[1],
                    valid_from: Date::parse(r[2])?,
                    valid_until: Date::parse(r[3]),
                    act: r[4],
                    note: r[5],
                })
            })
            .collect(),
    })
}

pub fn category_label(key: &str) -> Option<Label> {
    tables().categories.get(key).copied()
}

pub fn data_use_label(key: &str) -> Option<Label> {
    tables().data_uses.get(key).copied()
}

pub fn subject_label(id: &str) -> Option<Label> {
    tables().subjects.get(id).copied()
}

/// A term of a GDPR table: `legal_basis`, `special_category`, `art9_condition`,
/// `transfer_mechanism`, `retention_trigger`, `dpia_criterion`, `cnil_family`, …
pub fn gdpr_term(table: &str, id: &str) -> Option<GdprTerm> {
    tables().gdpr.get(&(table, id)).copied()
}

pub fn country(code: &str) -> Option<Country> {
    tables().countries.get(code).copied()
}

/// Every country of the labelled table, in no particular order.
pub fn countries() -> impl Iterator<Item = &'static Country> {
    tables().countries.values()
}

/// Whether a country code is in the EEA (EU-27, Iceland, Liechtenstein, Norway).
pub fn is_eea(code: &str) -> bool {
    country(code).is_some_and(|c| c.eea)
}

/// The adequacy decision for a country valid on `day`, if any.
pub fn adequacy_on(code: &str, day: Date) -> Option<Adequacy> {
    tables().adequacy.iter().find(|a| a.country == code && a.valid_on(day)).copied()
}

/// Every adequacy decision, in table order.
pub fn adequacy_decisions() -> &'static [Adequacy] {
    &tables().adequacy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::enums::*;
    use crate::vocab::{categories, subjects};

    /// Every table is well formed: review date, header, the right number of cells, sorted.
    #[test]
    fn tables_are_well_formed() {
        for (name, text, cells) in [
            ("categories", CATEGORIES, 3),
            ("data_uses", DATA_USES, 3),
            ("subjects", SUBJECTS, 3),
            ("gdpr", GDPR, 5),
            ("countries", COUNTRIES, 4),
            ("adequacy", ADEQUACY, 6),
        ] {
            assert!(reviewed_of(text).is_some(), "{name}: no review date");
            let rows: Vec<_> = rows(text).collect();
            assert!(
                rows.iter().all(|r| r.len() == cells && r.iter().all(|c| !c.is_empty())),
                "{name}: bad row"
            );
            let keys: Vec<String> = rows.iter().map(|r| format!("{}\t{}", r[0], r[1])).collect();
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{name}: not sorted or duplicated");
        }
    }

    /// Every built-in key and subject has an English and a French label.
    #[test]
    fn vocabularies_are_labelled_in_both_languages() {
        for key in categories::CATEGORIES {
            assert!(category_label(key).is_some(), "category {key}");
        }
        for key in categories::DATA_USES {
            assert!(data_use_label(key).is_some(), "data use {key}");
        }
        for s in subjects::SUBJECTS {
            assert!(subject_label(s.id).is_some(), "subject {}", s.id);
        }
    }

    /// Every value of every enumeration the outputs print has a label in both languages.
    #[test]
    fn enumerations_are_labelled_in_both_languages() {
        fn all<T: Copy>(table: &str, values: &[T], text: fn(T) -> &'static str) {
            for v in values {
                let id = text(*v);
                assert!(gdpr_term(table, id).is_some(), "{table} {id}");
            }
        }
        all("legal_basis", LegalBasis::ALL, LegalBasis::as_str);
        all("special_category", SpecialCategory::ALL, SpecialCategory::as_str);
        all("art9_condition", Art9Condition::ALL, Art9Condition::as_str);
        all("transfer_mechanism", TransferMechanism::ALL, TransferMechanism::as_str);
        all("retention_trigger", RetentionTrigger::ALL, RetentionTrigger::as_str);
        all("end_action", EndAction::ALL, EndAction::as_str);
        all("retention_basis", RetentionBasis::ALL, RetentionBasis::as_str);
        all("security_measure", SecurityMeasure::ALL, SecurityMeasure::as_str);
        all("store_kind", StoreKind::ALL, StoreKind::as_str);
        all("dpia_status", DpiaStatus::ALL, DpiaStatus::as_str);
        all("purpose_status", PurposeStatus::ALL, PurposeStatus::as_str);
        all("store_status", StoreStatus::ALL, StoreStatus::as_str);
        all("mechanism", Mechanism::ALL, Mechanism::as_str);
        all("frequency", Frequency::ALL, Frequency::as_str);
        all("direction", Direction::ALL, Direction::as_str);
        all("field_source", FieldSource::ALL, FieldSource::as_str);
    }

    /// The EEA is the EU-27 plus Iceland, Liechtenstein and Norway.
    #[test]
    fn eea_members() {
        let eea: Vec<&str> = {
            let mut v: Vec<&str> =
                tables().countries.values().filter(|c| c.eea).map(|c| c.code).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(eea.len(), 30);
        for code in ["FR", "DE", "IE", "IS", "LI", "NO"] {
            assert!(is_eea(code), "{code}");
        }
        for code in ["GB", "CH", "US"] {
            assert!(!is_eea(code), "{code}");
        }
    }

    /// Adequacy decisions hold on their dates: the UK until 2031-12-27, Brazil from
    /// 2026-01-26.
    #[test]
    fn adequacy_validity() {
        let day = |s| Date::parse(s).unwrap();
        assert!(adequacy_on("GB", day("2031-12-27")).is_some());
        assert!(adequacy_on("GB", day("2031-12-28")).is_none());
        assert!(adequacy_on("BR", day("2026-01-25")).is_none());
        assert!(adequacy_on("BR", day("2026-01-26")).is_some());
        assert_eq!(adequacy_on("US", day("2026-11-22")).map(|a| a.scope), Some("dpf_certified"));
        assert!(adequacy_on("CN", day("2026-11-22")).is_none());
    }
}

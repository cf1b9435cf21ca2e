//! A finding's words in both languages: the English text, which sorting, deduplication,
//! caps and ids use (so that order and ids never depend on the language), and its French
//! when the construction site gave one. Emitters pick the language with `Text::get`.

use std::cell::Cell;
use std::fmt;
use std::ops::Deref;

use crate::manifest::enums::Language;

/// A message, label or help line in English, and in French when it has been translated.
/// Derefs to the English text: everything that compares, sorts or keys findings reads
/// English, whatever language the output is in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Text {
    pub en: String,
    /// `None` until the construction site is translated: French output falls back to English.
    pub fr: Option<String>,
}

impl Text {
    /// Both languages; the French gets French typography (`words::french`).
    pub fn new(en: impl Into<String>, fr: impl AsRef<str>) -> Text {
        Text { en: en.into(), fr: Some(crate::words::french(fr.as_ref())) }
    }

    /// The text in `language`: the English when no French was given.
    pub fn get(&self, language: Language) -> &str {
        match (language, &self.fr) {
            (Language::Fr, Some(fr)) => fr,
            _ => &self.en,
        }
    }

    /// The English text.
    pub fn as_str(&self) -> &str {
        &self.en
    }

    /// Both languages transformed alike (escaping, a prefix added to each).
    pub fn map(&self, f: impl Fn(&str) -> String) -> Text {
        Text { en: f(&self.en), fr: self.fr.as_deref().map(f) }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

/// Displays in French while `t!` formats its French sentence, else in English: a `Text`
/// built from parts (a list `a, b et c`, a clause) then reads in the sentence's language.
impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let language = if FRENCH.with(Cell::get) { Language::Fr } else { Language::En };
        f.pad(self.get(language))
    }
}

thread_local! {
    /// Set while `t!` formats a French sentence (`in_french`).
    static FRENCH: Cell<bool> = const { Cell::new(false) };
}

/// Runs `format` with `Text` arguments displaying their French; for `t!`.
pub fn in_french(format: impl FnOnce() -> String) -> String {
    let before = FRENCH.with(|c| c.replace(true));
    let text = format();
    FRENCH.with(|c| c.set(before));
    text
}

impl From<String> for Text {
    fn from(en: String) -> Text {
        Text { en, fr: None }
    }
}

impl From<&str> for Text {
    fn from(en: &str) -> Text {
        Text { en: en.to_owned(), fr: None }
    }
}

impl From<&String> for Text {
    fn from(en: &String) -> Text {
        Text { en: en.clone(), fr: None }
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.en == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.en == *other
    }
}

/// `t!("unknown store '{name}'", "magasin inconnu « {name} »")`: one finding text in both
/// languages, each a `format!` string (arguments by capture, or after the two strings).
macro_rules! t {
    ($en:literal, $fr:literal $(,)?) => {
        $crate::diag::Text::new(format!($en), $crate::diag::in_french(|| format!($fr)))
    };
    ($en:literal, $fr:literal, $($arg:tt)+) => {
        $crate::diag::Text::new(
            format!($en, $($arg)+),
            $crate::diag::in_french(|| format!($fr, $($arg)+)),
        )
    };
}
pub(crate) use t;

#[cfg(test)]
mod tests {
    use super::*;

    /// French output picks the French, falls back to English; everything else reads English.
    #[test]
    fn picks_the_language() {
        let name = "crm";
        let both = t!("unknown store '{name}'", "magasin inconnu « {name} »");
        assert_eq!(both.get(Language::En), "unknown store 'crm'");
        assert_eq!(both.get(Language::Fr), "magasin inconnu «\u{a0}crm\u{a0}»");
        assert_eq!(&*both, "unknown store 'crm'");
        let english = Text::from("only English");
        assert_eq!(english.get(Language::Fr), "only English");
        let n = 2;
        let args = t!("{} of {n}", "{} sur {n}", 1);
        assert_eq!(args.get(Language::Fr), "1 sur 2");
        // A part built in both languages reads in the sentence's language.
        let list = t!("a and b", "a et b");
        let whole = t!("uses {list}", "utilise {list}");
        assert_eq!(
            (whole.en.as_str(), whole.get(Language::Fr)),
            ("uses a and b", "utilise a et b")
        );
        assert_eq!(format!("{list}"), "a and b");
    }
}

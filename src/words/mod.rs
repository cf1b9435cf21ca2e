//! The one catalogue of words, in English and French: every label, heading and sentence the
//! outputs print that is not a vocabulary value (those are in `vocab::tables`), one file per
//! area. One place, so that one test holds them all to both languages.

pub mod dsr;
pub mod finding;
pub mod map;
pub mod register;
pub mod scan;
pub mod site;

use crate::manifest::enums::Language;

/// ": " in English, " : " in French typography (a space before the colon).
pub fn colon(language: Language) -> &'static str {
    match language {
        Language::En => ": ",
        Language::Fr => " : ",
    }
}

/// French typography on a French sentence: a no-break space inside « » and before : ; ? !,
/// so that a line never breaks between the mark and its word. Written sentences use plain
/// spaces; this turns them (idempotent: a no-break space already there stays).
pub fn french(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '«' if chars.peek() == Some(&' ') => {
                chars.next();
                out.push_str("«\u{a0}");
            }
            ' ' if matches!(chars.peek(), Some('»' | ':' | ';' | '?' | '!')) => {
                out.push('\u{a0}');
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::vocab::tables::Label;

    /// Words whose French is the English on purpose: the same word in both languages.
    const SAME_ON_PURPOSE: &[&str] = &[
        "site.source",
        "site.table",
        "map.SyncEdge",
        "register.Description",
        "register.Article",
        "register.RightInformed",
        "register.RightRectification",
    ];

    /// Every word of every area, `(area.key, label)`.
    fn every_word() -> Vec<(String, Label)> {
        let mut out = Vec::new();
        for (key, en, fr) in super::site::WORDS {
            out.push((format!("site.{key}"), Label { en, fr }));
        }
        for t in super::map::ALL {
            let (en, fr) = super::map::pair(*t);
            out.push((format!("map.{t:?}"), Label { en, fr }));
        }
        for l in super::register::L::ALL {
            out.push((format!("register.{l:?}"), l.label()));
        }
        for w in super::dsr::W::ALL {
            out.push((format!("dsr.{w:?}"), w.label()));
        }
        out
    }

    /// Every key is unique and has both languages, trimmed; no French word is its English
    /// one (an untranslated copy) unless listed as the same on purpose.
    #[test]
    fn every_word_is_in_both_languages() {
        let words = every_word();
        assert!(words.len() > 300, "{} words", words.len());
        let mut keys: Vec<&str> = words.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "a key is listed twice");
        let mut untranslated = Vec::new();
        for (key, label) in &words {
            for text in [label.en, label.fr] {
                assert!(!text.trim().is_empty(), "{key} is empty in a language");
                assert_eq!(text, text.trim(), "{key}");
            }
            if label.en == label.fr && !SAME_ON_PURPOSE.contains(&key.as_str()) {
                untranslated.push(format!("{key}: {}", label.en));
            }
        }
        assert!(untranslated.is_empty(), "French equals English:\n{}", untranslated.join("\n"));
        for key in SAME_ON_PURPOSE {
            assert!(words.iter().any(|(k, _)| k == key), "{key} is listed but is no word");
        }
    }

    /// French typography: no-break spaces inside quotes and before high punctuation only.
    #[test]
    fn french_typography() {
        assert_eq!(
            super::french("magasin « crm » : inconnu ; pourquoi ? voilà !"),
            "magasin «\u{a0}crm\u{a0}»\u{a0}: inconnu\u{a0}; pourquoi\u{a0}? voilà\u{a0}!"
        );
        assert_eq!(super::french("a:b, c ·d"), "a:b, c ·d");
    }

    /// The maps' list is complete and in declaration order: a word added in the middle of the
    /// enum, or left out of `ALL`, fails here.
    #[test]
    fn the_maps_list_holds_every_word() {
        for (i, t) in super::map::ALL.iter().enumerate() {
            assert_eq!(*t as usize, i, "{t:?}");
        }
        assert_eq!(super::map::ALL.len(), super::map::Text::DomainNotStated as usize + 1);
    }
}

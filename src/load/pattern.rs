//! A schema's `pattern`, matched by hand for the three the map writes by the million (ids,
//! category keys, field references) and by the regex for the others. At 500,000 fields the
//! regex's per-thread cache pool and search cost more than the check itself; the hand
//! matchers accept exactly what the patterns accept (`tests` compares them on generated
//! strings), and the regex stays for every message that shows the pattern.

use std::fmt;

use regex::Regex;

use crate::manifest::text::{CATEGORY_PATTERN, FIELD_REF_PATTERN, ID_PATTERN};

pub struct Pattern {
    regex: Regex,
    fast: Option<fn(&str) -> bool>,
}

impl Pattern {
    pub fn new(pattern: &str) -> Result<Pattern, regex::Error> {
        let fast: Option<fn(&str) -> bool> = match pattern {
            ID_PATTERN => Some(is_id),
            CATEGORY_PATTERN => Some(is_category),
            FIELD_REF_PATTERN => Some(is_field_ref),
            _ => None,
        };
        Ok(Pattern { regex: Regex::new(pattern)?, fast })
    }

    pub fn is_match(&self, text: &str) -> bool {
        match self.fast {
            Some(fast) => fast(text),
            None => self.regex.is_match(text),
        }
    }

    pub fn as_str(&self) -> &str {
        self.regex.as_str()
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.regex, f)
    }
}

fn id_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-'
}

/// `^[a-z0-9][a-z0-9_-]*$`
fn is_id(text: &str) -> bool {
    match text.as_bytes() {
        [first, rest @ ..] => {
            (first.is_ascii_lowercase() || first.is_ascii_digit())
                && rest.iter().all(|&b| id_byte(b))
        }
        [] => false,
    }
}

/// `^[a-z0-9_]+(\.[a-z0-9_]+)*$`
fn is_category(text: &str) -> bool {
    text.split('.').all(|part| {
        !part.is_empty()
            && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    })
}

/// `^[a-z0-9][a-z0-9_-]*\.([a-z0-9][a-z0-9_-]*|\*)$`
fn is_field_ref(text: &str) -> bool {
    text.split_once('.')
        .is_some_and(|(store, field)| is_id(store) && (field == "*" || is_id(field)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to four characters over an alphabet that exercises each class
    /// (and some beyond), plus longer ones: the hand matcher and the regex agree.
    #[test]
    fn the_hand_matchers_accept_what_the_patterns_accept() {
        let alphabet = ['a', 'z', '0', '9', '_', '-', '.', '*', 'A', ' ', 'é', '\n'];
        let mut texts = vec![String::new()];
        let mut layer = vec![String::new()];
        for _ in 0..4 {
            let next: Vec<String> = layer
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(next.iter().cloned());
            layer = next;
        }
        texts.extend(
            ["crm.email", "user.contact.email", "a.b.c", "crm.*", "crm.*.x", "a..b", "email\n"]
                .map(str::to_owned),
        );
        for source in [ID_PATTERN, CATEGORY_PATTERN, FIELD_REF_PATTERN] {
            let pattern = Pattern::new(source).unwrap();
            assert!(pattern.fast.is_some(), "{source}");
            for text in &texts {
                assert_eq!(
                    pattern.is_match(text),
                    pattern.regex.is_match(text),
                    "{source} {text:?}"
                );
            }
        }
        let other = Pattern::new("^x$").unwrap();
        assert!(other.fast.is_none() && other.is_match("x") && !other.is_match("y"));
    }
}

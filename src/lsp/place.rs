//! Where in a manifest the cursor is, read from the text around it: the word being typed,
//! the key whose value it is, that key's parent and the top-level section. Read from the
//! text, not the parsed manifest, because the buffer being typed is usually not valid YAML
//! yet (`from: sh` mid-word, `uses: [crm.`).

/// The cursor's place in a manifest.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Place<'a> {
    /// The id characters just before the cursor (`crm.em`).
    pub word: &'a str,
    /// The byte the word starts at.
    pub word_start: usize,
    /// The key whose value is being typed (`uses`), if any.
    pub key: Option<&'a str>,
    /// The key above it (`transfer` for `transfer: {mechanism: …}`).
    pub parent: Option<&'a str>,
    /// The top-level key the cursor is under (`flows`).
    pub section: Option<&'a str>,
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_.*-".contains(c)
}

/// The place of the cursor at `byte` of `text`.
pub(super) fn at(text: &str, byte: usize) -> Place<'_> {
    let byte = byte.min(text.len());
    let line_start = text[..byte].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..byte];
    let word_len = before.len() - before.trim_end_matches(is_word).len();
    let word_start = byte - word_len;
    let rest = &text[line_start..word_start];
    let above: Vec<&str> = text[..line_start].lines().rev().collect();
    let (key, parent) = match last_key(rest) {
        // A key on the cursor's own line (`from: sh`, `{id: x, to: c`); its parent is the
        // key of an open `{` before it, else the key above.
        Some((key, at)) => {
            let head = &rest[..at];
            let open = head.rfind('{').filter(|&b| head.rfind('}').is_none_or(|c| c < b));
            let parent = match open.and_then(|b| last_key(&head[..b])) {
                Some((parent, _)) => Some(parent),
                None => key_above(&above, column(rest)).map(|(k, _)| k),
            };
            (Some(key), parent)
        }
        // An item of a block list (`  - crm.em`): the key is on a line above, less indented
        // (or as indented, a list being allowed there). A line that is not an item starts
        // a new key: nothing of the map goes there.
        None => match item(rest).and_then(|level| key_above(&above, level)) {
            Some((key, skipped)) => {
                let line = above[skipped];
                (Some(key), key_above(&above[skipped + 1..], column(line)).map(|(k, _)| k))
            }
            None => (None, None),
        },
    };
    let section = above
        .iter()
        .find(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
        .and_then(|l| l.split_once(':'))
        .map(|(k, _)| k);
    Place { word: &before[before.len() - word_len..], word_start, key, parent, section }
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The column a line's keys start at: after the `- ` of a list item.
fn column(line: &str) -> usize {
    indent(line) + if is_item(line) { 2 } else { 0 }
}

fn is_item(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    trimmed.starts_with("- ") || trimmed == "-"
}

/// The column of a list item's dash, when the line is one.
fn item(line: &str) -> Option<usize> {
    is_item(line).then(|| indent(line))
}

/// The last `key:` of a line and the byte it starts at, when what follows it is its value
/// (`from: sh` → `from`; `[crm.a, ` has none).
fn last_key(line: &str) -> Option<(&str, usize)> {
    let bytes = line.as_bytes();
    let mut found = None;
    for (i, _) in line.match_indices(':') {
        // `key: value` or `key:` at the end: a URL's colon is not a key's.
        if bytes.get(i + 1).is_some_and(|b| *b != b' ') {
            continue;
        }
        let head = &line[..i];
        let key_len = head.len() - head.trim_end_matches(is_word).len();
        if key_len > 0 {
            found = Some((&head[head.len() - key_len..], i - key_len));
        }
    }
    found
}

/// The nearest key above (`lines` from the nearest up) whose keys start left of `level`,
/// or at it when that line is not a list item; with the number of lines passed over.
fn key_above<'a>(lines: &[&'a str], level: usize) -> Option<(&'a str, usize)> {
    for (i, line) in lines.iter().enumerate() {
        let content = line.split(" #").next().unwrap_or(line);
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let own = column(content);
        if own < level || (own == level && !is_item(content)) {
            return last_key(content).map(|(k, _)| (k, i));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `|` marks the cursor.
    fn place(text: &str) -> (String, Option<String>, Option<String>, Option<String>) {
        let byte = text.find('|').expect("a cursor");
        let text = text.replace('|', "");
        let p = at(&text, byte);
        (p.word.into(), p.key.map(Into::into), p.parent.map(Into::into), p.section.map(Into::into))
    }

    fn is(
        word: &str,
        key: Option<&str>,
        parent: Option<&str>,
        section: &str,
    ) -> (String, Option<String>, Option<String>, Option<String>) {
        (word.into(), key.map(Into::into), parent.map(Into::into), Some(section.into()))
    }

    /// Values typed in block and flow style, on the key's line or in a list below it.
    #[test]
    fn finds_the_key_of_the_value_being_typed() {
        assert_eq!(
            place("flows:\n  - from: sh|\n"),
            is("sh", Some("from"), Some("flows"), "flows")
        );
        assert_eq!(
            place("flows:\n  - {id: a, from: shop, to: c|"),
            is("c", Some("to"), Some("flows"), "flows")
        );
        assert_eq!(
            place("purposes:\n  - id: a\n    uses: [crm.email, crm.|"),
            is("crm.", Some("uses"), Some("purposes"), "purposes")
        );
        assert_eq!(
            place("purposes:\n  - id: a\n    uses:\n      - crm.email\n      - cr|"),
            is("cr", Some("uses"), Some("purposes"), "purposes")
        );
        assert_eq!(
            place("purposes:\n  - id: a\n    uses:\n    - |"),
            is("", Some("uses"), Some("purposes"), "purposes")
        );
        assert_eq!(
            place("stores:\n  - id: a\n    transfer: {mechanism: s|"),
            is("s", Some("mechanism"), Some("transfer"), "stores")
        );
        assert_eq!(
            place("purposes:\n  - id: a\n    dpia:\n      status: |"),
            is("", Some("status"), Some("dpia"), "purposes")
        );
        // A new key, not a value: nothing to complete from the map.
        assert_eq!(place("stores:\n  - id: a\n    ow|").1, None);
    }
}

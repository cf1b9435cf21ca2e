//! The one escaper: text from a map (ids, names, file names, source lines) made safe for
//! where it is printed, a terminal or CI log, HTML and XML, Markdown. Every writer of those
//! formats goes through here, so that one set of tests says what each format lets through.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: C0 and C1 controls (ESC, BEL,
/// backspace, CSI…), line breaks of any kind, and the invisible marks that reorder or hide
/// text (bidirectional overrides, zero-width joiners of the "Trojan source" kind).
fn unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// One line of text for a terminal or a CI log: line breaks and control characters become
/// visible escapes (`\n`, `\u{1b}`), so that a value can neither start a line of its own
/// (a forged `::error` annotation) nor move the cursor, retitle or clear the terminal.
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_for_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if unsafe_for_terminal(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A whole text made for a terminal (`trace`, `impact`, `diff` as text): its own line
/// breaks stay, every other unsafe character becomes a visible escape. Values that may hold
/// line breaks of their own go through [`terminal`] first.
pub fn terminal_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && unsafe_for_terminal(c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(terminal).collect();
    Cow::Owned(lines.join("\n"))
}

/// A whole source file for a terminal, with every byte offset kept (spans still point at
/// the same text): line breaks stay, each other unsafe character becomes a replacement of
/// the same length in bytes and in characters (`?`, `¿`, `�` for 1-, 2- and 3-byte ones).
pub fn terminal_source(text: &str) -> Cow<'_, str> {
    let lone_cr = |i: usize| text.as_bytes().get(i + 1) != Some(&b'\n');
    let unsafe_at =
        |(i, c): (usize, char)| c != '\n' && (c != '\r' || lone_cr(i)) && unsafe_for_terminal(c);
    if !text.char_indices().any(unsafe_at) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if !unsafe_at((i, c)) {
            out.push(c);
            continue;
        }
        match c.len_utf8() {
            // A lone `\r` ends a line: a space keeps it from moving the cursor back.
            1 if c == '\r' => out.push(' '),
            1 => out.push('?'),
            2 => out.push('¿'),
            3 => out.push('\u{FFFD}'),
            _ => out.push_str("????"),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A forged annotation, ESC sequences and bidi overrides are shown, not obeyed; plain
    /// text, accents and tabs are left as they are.
    #[test]
    fn terminal_text_cannot_break_lines_or_drive_the_terminal() {
        let forged = "crmm\n::error file=FAKE.yaml,line=1::INJECTED";
        assert_eq!(terminal(forged), "crmm\\n::error file=FAKE.yaml,line=1::INJECTED");
        assert_eq!(terminal("\u{1b}]0;owned\u{7}\u{1b}[2J"), "\\u{1b}]0;owned\\u{7}\\u{1b}[2J");
        assert_eq!(terminal("a\r\u{9b}b\u{202e}c\u{2028}"), "a\\r\\u{9b}b\\u{202e}c\\u{2028}");
        assert!(matches!(terminal("Clients é\tx"), Cow::Borrowed("Clients é\tx")));
    }

    /// A rendered text keeps its lines; the rest is escaped.
    #[test]
    fn terminal_lines_keep_their_breaks() {
        assert_eq!(terminal_lines("a\u{1b}[2J\nb\r\n"), "a\\u{1b}[2J\nb\\r\n");
        assert!(matches!(terminal_lines("a\nb\n"), Cow::Borrowed(_)));
    }

    /// Source text keeps its length and line breaks; what would drive the terminal is
    /// replaced in place.
    #[test]
    fn terminal_source_keeps_offsets() {
        let text = "a: \u{1b}[2J\nb: \u{9b}x\u{202e}\r\nc: \rd";
        let shown = terminal_source(text);
        assert_eq!(shown, "a: ?[2J\nb: ¿x\u{FFFD}\r\nc:  d");
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown.chars().count(), text.chars().count());
        assert!(matches!(terminal_source("a: 1\r\n"), Cow::Borrowed(_)));
    }
}

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

/// Text for HTML and XML (SVG), in content and in attribute values: markup characters as
/// entities, line breaks as `&#10;` (kept inside attributes), and the control characters
/// XML 1.0 forbids as spaces.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            c if (c as u32) < 0x20 && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Where Markdown text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Markdown {
    /// A pull-request comment (`diff`, `trace`, `impact`): one line, and nothing that
    /// GitHub makes live there either (`@mentions`, `~~`, `!`, `{}`).
    Comment,
    /// A table cell or heading of a Markdown file (the register): line breaks as `<br>`.
    Cell,
}

/// Text from a manifest, safe in Markdown: HTML and Markdown punctuation escaped so that it
/// cannot open a tag, a link or a new table cell; control characters as spaces.
pub fn markdown(text: &str, to: Markdown) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match (c, to) {
            ('&', _) => out.push_str("&amp;"),
            ('<', _) => out.push_str("&lt;"),
            ('>', _) => out.push_str("&gt;"),
            ('\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#', _)
            | ('~' | '!' | '{' | '}', Markdown::Comment) => {
                out.push('\\');
                out.push(c);
            }
            ('@', Markdown::Comment) => out.push_str("&#64;"),
            ('\n' | '\r' | '\t', Markdown::Comment) => out.push(' '),
            ('\n', Markdown::Cell) => out.push_str("<br>"),
            ('\r', Markdown::Cell) => {}
            (c, _) if c.is_control() && c != '\t' => out.push(' '),
            (c, _) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Markup cannot open a tag or leave an attribute; XML-forbidden characters go.
    #[test]
    fn markup_escapes_tags_quotes_and_controls() {
        assert_eq!(
            markup("<script>alert(1)</script> & \"co\" 'x'"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot; &#39;x&#39;"
        );
        assert_eq!(markup("a\nb\u{1b}c\td"), "a&#10;b c\td");
    }

    /// Markdown text cannot open HTML, a link, a table cell; in a comment it cannot mention
    /// anyone nor start a line; in a cell line breaks are `<br>`.
    #[test]
    fn markdown_escapes_live_syntax() {
        assert_eq!(
            markdown("<b>a|b</b> @team *x*", Markdown::Comment),
            "&lt;b&gt;a\\|b&lt;/b&gt; &#64;team \\*x\\*"
        );
        assert_eq!(markdown("two\nlines", Markdown::Comment), "two lines");
        assert_eq!(
            markdown("<script>alert(1)</script> & co | [x](y)\r\nz", Markdown::Cell),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co \\| \\[x\\](y)<br>z"
        );
        assert_eq!(markdown("dpo@x.eu ~ok~ \u{1b}", Markdown::Cell), "dpo@x.eu ~ok~  ");
    }

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

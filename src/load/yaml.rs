//! YAML text → a tree of [`Node`]s with byte spans, through serde-saphyr, under explicit
//! limits. The tree borrows plain scalars from the text; it lives only while one file is
//! validated and converted into manifest types.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

/// Limits that protect the machine from hostile or accidental input. A legitimate map is
/// far below each of them; the benchmark's largest file (a 20 MB manifest) loads.
pub mod limits {
    /// Largest manifest file read, in bytes.
    pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
    /// Deepest nesting of mappings and sequences. A manifest needs about 8.
    pub const MAX_DEPTH: usize = 64;
    /// Parser events a file may produce (a scalar, a mapping start, …).
    pub const MAX_EVENTS: usize = 40_000_000;
    /// Nodes a file may hold.
    pub const MAX_NODES: usize = 20_000_000;
    /// Events replayed through aliases in one file: a YAML "billion laughs" stops here.
    pub const MAX_ALIAS_REPLAY: usize = 100_000;
    /// Documents in one file.
    pub const MAX_DOCUMENTS: usize = 10_000;
}

/// A YAML value and the bytes it came from (for aliases: the anchored definition).
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub start: u32,
    pub end: u32,
    pub kind: NodeKind<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Key<'a>, Node<'a>)>),
}

/// A mapping key: always text in a manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Key<'a> {
    pub name: Cow<'a, str>,
    pub start: u32,
    pub end: u32,
}

impl NodeKind<'_> {
    /// What the node is, in the words an error message uses.
    pub fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a number",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// A YAML error: what and where (byte offset in the file).
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub offset: usize,
}

/// Parses every document of `text`.
pub fn parse(text: &str) -> Result<Vec<Node<'_>>, YamlError> {
    let options = serde_saphyr::options! {
        // YAML 1.2: `no`, `on`, `yes` stay strings.
        strict_booleans: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_events: limits::MAX_EVENTS,
            max_nodes: limits::MAX_NODES,
            max_depth: limits::MAX_DEPTH,
            max_documents: limits::MAX_DOCUMENTS,
            max_total_scalar_bytes: limits::MAX_FILE_BYTES as usize,
            max_reader_input_bytes: Some(limits::MAX_FILE_BYTES as usize),
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: limits::MAX_ALIAS_REPLAY,
        },
    };
    let docs: Result<Vec<Spanned<Node<'_>>>, _> =
        serde_saphyr::from_multiple_with_options(text, options);
    match docs {
        Ok(docs) => Ok(docs.into_iter().map(unspan).collect()),
        Err(err) => Err(convert_error(text, &err)),
    }
}

fn convert_error(text: &str, err: &serde_saphyr::Error) -> YamlError {
    let location = err.location();
    let offset = location.map_or(0, |loc| location_offset(text, &loc));
    let mut message = err.without_snippet().to_string();
    // serde-saphyr prefixes "error: line L column C: "; we print places ourselves.
    if let Some(rest) = message.strip_prefix("error: ") {
        message = rest.to_owned();
    }
    if let Some(idx) = message.find(": ")
        && message.starts_with("line ")
    {
        message = message[idx + 2..].to_owned();
    }
    YamlError { message: humanize(strip_position(&message)), offset }
}

/// Drops a trailing " at line L, column C": the finding shows the place.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i)
            if message[i..].chars().all(|c| c.is_ascii_digit() || " atlinecolum,".contains(c)) =>
        {
            &message[..i]
        }
        _ => message,
    }
}

/// Rewords the parser's budget messages into what a person can act on.
fn humanize(message: &str) -> String {
    if message.contains("alias replay limit") || message.contains("Alias") {
        format!(
            "aliases expand to more than {} values (a YAML alias bomb?); {message}",
            limits::MAX_ALIAS_REPLAY
        )
    } else if message.contains("Depth") || message.contains("recursion limit") {
        format!("nesting deeper than {} levels; {message}", limits::MAX_DEPTH)
    } else if message.contains("budget breached") {
        format!("the file exceeds a size limit of the loader; {message}")
    } else {
        message.to_owned()
    }
}

/// A byte offset for a location: the parser gives bytes for most nodes and only line and
/// column (in characters) for some syntax errors.
fn location_offset(text: &str, loc: &Location) -> usize {
    if let Some(b) = loc.span().byte_offset() {
        return usize::try_from(b).unwrap_or(0).min(text.len());
    }
    let (line, column) = (loc.line() as usize, loc.column() as usize);
    if line == 0 {
        return 0;
    }
    let line_start =
        text.split_inclusive('\n').take(line - 1).map(str::len).sum::<usize>().min(text.len());
    let rest = &text[line_start..];
    let in_line = rest
        .char_indices()
        .take_while(|(_, c)| *c != '\n')
        .nth(column.saturating_sub(1))
        .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
    line_start + in_line
}

fn span_of(loc: &Location) -> (u32, u32) {
    let span = loc.span();
    let start = span.byte_offset().unwrap_or(0);
    let len = span.byte_len().unwrap_or(0);
    let start32 = u32::try_from(start).unwrap_or(u32::MAX);
    (start32, u32::try_from(start + len).unwrap_or(u32::MAX))
}

fn unspan<'a>(spanned: Spanned<Node<'a>>) -> Node<'a> {
    // `defined` is where the text is (for an alias, the anchored value): it is what a
    // diagnostic must show and what a scalar's original spelling is read from.
    let (start, end) = span_of(&spanned.defined);
    Node { start, end, kind: spanned.value.kind }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

fn leaf<'a>(kind: NodeKind<'a>) -> Node<'a> {
    // The span is filled in by `unspan` from the enclosing `Spanned`.
    Node { start: 0, end: 0, kind }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(leaf(NodeKind::Null))
    }

    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(leaf(NodeKind::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        d.deserialize_any(NodeVisitor)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(leaf(NodeKind::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(leaf(NodeKind::Int(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(leaf(i64::try_from(v).map_or(NodeKind::Float(v as f64), NodeKind::Int)))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Node<'de>, E> {
        Ok(leaf(i64::try_from(v).map_or(NodeKind::Float(v as f64), NodeKind::Int)))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Node<'de>, E> {
        Ok(leaf(i64::try_from(v).map_or(NodeKind::Float(v as f64), NodeKind::Int)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node<'de>, E> {
        Ok(leaf(NodeKind::Float(v)))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(leaf(NodeKind::Str(Cow::Borrowed(v))))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(leaf(NodeKind::Str(Cow::Owned(v.to_owned()))))
    }

    fn visit_string<E>(self, v: String) -> Result<Node<'de>, E> {
        Ok(leaf(NodeKind::Str(Cow::Owned(v))))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Node<'de>, E> {
        Ok(leaf(NodeKind::Str(Cow::Owned(String::from_utf8_lossy(v).into_owned()))))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element::<Spanned<Node<'de>>>()? {
            items.push(unspan(item));
        }
        Ok(leaf(NodeKind::Seq(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some(key) = map.next_key::<Spanned<KeyText<'de>>>()? {
            let value = map.next_value::<Spanned<Node<'de>>>()?;
            let (start, end) = span_of(&key.defined);
            entries.push((Key { name: key.value.0, start, end }, unspan(value)));
        }
        Ok(leaf(NodeKind::Map(entries)))
    }
}

/// A mapping key read as text, borrowed from the input when possible.
struct KeyText<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = KeyText<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key written as text")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_entries<'a, 'b>(node: &'b Node<'a>) -> &'b [(Key<'a>, Node<'a>)] {
        match &node.kind {
            NodeKind::Map(m) => m,
            other => panic!("expected a map, got {other:?}"),
        }
    }

    /// Keys and values carry the byte range of their text.
    #[test]
    fn spans_cover_keys_and_scalars() {
        let text = "stores:\n  - id: crm\n    records: 12\n";
        let docs = parse(text).unwrap();
        let stores = &map_entries(&docs[0])[0];
        assert_eq!(&text[stores.0.start as usize..stores.0.end as usize], "stores");
        let NodeKind::Seq(items) = &stores.1.kind else { panic!() };
        let entries = map_entries(&items[0]);
        assert_eq!(entries[0].1.kind, NodeKind::Str("crm".into()));
        assert_eq!(&text[entries[0].1.start as usize..entries[0].1.end as usize], "crm");
        assert_eq!(entries[1].1.kind, NodeKind::Int(12));
    }

    /// YAML 1.1 booleans stay strings; `~` is null.
    #[test]
    fn yaml_1_2_scalars() {
        let docs = parse("a: no\nb: on\nc: true\nd: ~\n").unwrap();
        let kinds: Vec<_> = map_entries(&docs[0]).iter().map(|(_, v)| v.kind.clone()).collect();
        assert_eq!(
            kinds,
            [
                NodeKind::Str("no".into()),
                NodeKind::Str("on".into()),
                NodeKind::Bool(true),
                NodeKind::Null
            ]
        );
    }

    /// Each `---` starts a document; an empty or comment-only file has none.
    #[test]
    fn documents() {
        assert_eq!(parse("a: 1\n---\nb: 2\n").unwrap().len(), 2);
        assert!(parse("").unwrap().is_empty());
        assert!(parse("# only a comment\n").unwrap().is_empty());
    }

    /// An aliased value points at its anchored definition.
    #[test]
    fn alias_spans_point_at_the_anchor() {
        let text = "a: &x hello\nb: *x\n";
        let docs = parse(text).unwrap();
        let b = &map_entries(&docs[0])[1].1;
        assert_eq!(&text[b.start as usize..b.end as usize], "hello");
    }

    /// Duplicate keys, tabs and syntax errors are errors with a position.
    #[test]
    fn errors_have_positions() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.offset, 10);
        assert!(err.message.contains("duplicate"), "{}", err.message);
        let err = parse("a:\n\t- x\n").unwrap_err();
        assert!(err.message.contains("tab"), "{}", err.message);
        assert_eq!(err.offset, 4, "the parser points just past the tab");
    }

    /// An alias bomb and deep nesting stop at a limit instead of eating the machine.
    #[test]
    fn bombs_and_depth_stop_at_limits() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let err = parse(&bomb).unwrap_err();
        assert!(err.message.contains("alias"), "{}", err.message);
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("nesting"), "{}", err.message);
    }
}

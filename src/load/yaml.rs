//! YAML text → a tree of [`Node`]s with byte spans, through serde-saphyr, under explicit
//! limits. The tree borrows plain scalars from the text; it lives only while one file is
//! validated and converted into manifest types.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

mod located;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Location;

use self::located::{Located, UseSite};

use super::syntax::{Problem, classify};
use crate::diag::{Text, t};
use crate::source::SourceFile;

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
    /// Where the same key first appears in this mapping, when this one repeats it: YAML
    /// forbids it, and the validator reports every repetition, both places shown.
    pub repeats: Option<(u32, u32)>,
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

/// A YAML error: what and where (byte offset in the file), in our words in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: Text,
    pub offset: usize,
    /// What to do.
    pub help: Option<Text>,
}

/// The parser's options: YAML 1.2 booleans, repeated keys passed through (reported while
/// building the tree), the limits of `limits`. Public so that the parse-only floors of the
/// benchmarks (`datacarto-synth --parse-only`, `benches/check.rs`) pay for the same checks.
pub fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        // YAML 1.2: `no`, `on`, `yes` stay strings.
        strict_booleans: true,
        // Repeated keys are detected while building the tree, so that every one of them is
        // reported (the parser would stop at the first), at the repeating key itself even
        // through an alias.
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
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
    }
}

/// Parses every document of a file of the source map. The same tree as [`parse`], made
/// faster: strings borrowed from the file are placed by their own bytes, the parser's
/// location structure read only for the other nodes.
pub fn parse_file(file: &Arc<SourceFile>) -> Result<Vec<Node<'_>>, YamlError> {
    located::reading(file, || parse(&file.text))
}

/// Parses every document of `text`.
pub fn parse(text: &str) -> Result<Vec<Node<'_>>, YamlError> {
    let options = options();
    let docs: Result<Vec<Located<Node<'_>>>, _> =
        serde_saphyr::from_multiple_with_options(text, options);
    match docs {
        Ok(docs) => Ok(docs.into_iter().map(unspan).collect()),
        Err(err) => Err(convert_error(text, &err)),
    }
}

fn convert_error(text: &str, err: &serde_saphyr::Error) -> YamlError {
    // Where the problem is used, not where an alias's anchor defines it: a key repeated
    // through `*alias` is reported at the alias.
    let location = err
        .locations()
        .and_then(serde_saphyr::Locations::primary_location)
        .or_else(|| err.location());
    let offset = location.map_or(0, |loc| location_offset(text, &loc));
    let problem = classify(err);
    match explain(text, offset, &problem) {
        Some(hint) => {
            YamlError { message: hint.message, offset: hint.offset, help: Some(hint.help) }
        }
        None => YamlError { message: problem.message(), offset, help: Some(problem.help()) },
    }
}

/// A clearer place and words for a syntax error.
struct Hint {
    offset: usize,
    message: Text,
    help: Text,
}

/// The syntax errors that the line itself explains: a tab (shown where it is, not where
/// the parser noticed it), a line out of line with its neighbours, a value holding an
/// unquoted `: `.
fn explain(text: &str, offset: usize, problem: &Problem) -> Option<Hint> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let first = line_start + (line.len() - line.trim_start_matches([' ', '\t']).len());
    match problem {
        Problem::Tab => {
            // The parser reports a tab where it gives up, often at the end of the line before.
            let tab = text[line_start..]
                .find('\t')
                .map(|i| line_start + i)
                .or_else(|| text[..offset].rfind('\t'))?;
            let tab_line_start = text[..tab].rfind('\n').map_or(0, |i| i + 1);
            let indenting = text[tab_line_start..tab].chars().all(|c| c == ' ' || c == '\t');
            let message = if indenting {
                t!(
                    "a tab in the indentation: YAML indents with spaces only",
                    "une tabulation dans l'indentation : YAML indente avec des espaces seulement"
                )
            } else {
                problem.message()
            };
            Some(Hint { offset: tab, message, help: problem.help() })
        }
        Problem::Colon => {
            let before = &text[line_start..offset];
            if before.contains(": ") {
                let key = before.trim_start().trim_start_matches("- ");
                let key = key.split(':').next().unwrap_or("key");
                return Some(Hint {
                    offset,
                    message: t!(
                        "a second ': ' on this line: YAML reads it as a key inside the value",
                        "un second ': ' sur cette ligne : YAML le lit comme une clé dans la valeur"
                    ),
                    help: t!(
                        "quote the value: {key}: \"…\"",
                        "mettez la valeur entre guillemets : {key}: \"…\""
                    ),
                });
            }
            Some(Hint {
                offset: first,
                message: t!(
                    "this line is indented more than the keys it belongs with",
                    "cette ligne est plus indentée que les clés dont elle fait partie"
                ),
                help: t!(
                    "keys of one mapping start in the same column",
                    "les clés d'un même dictionnaire commencent dans la même colonne"
                ),
            })
        }
        Problem::LineUp => {
            let token: String = text[first..line_end].chars().take_while(|c| *c != ':').collect();
            let token = token.trim();
            let message = if token.is_empty() {
                problem.message()
            } else {
                t!(
                    "'{token}' does not line up with the lines above it",
                    "'{token}' n'est pas aligné sur les lignes au-dessus"
                )
            };
            Some(Hint { offset: first, message, help: problem.help() })
        }
        _ => None,
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

fn unspan<'a>(located: Located<Node<'a>>) -> Node<'a> {
    // `defined` is where the text is (for an alias, the anchored value): it is what a
    // diagnostic must show and what a scalar's original spelling is read from.
    let (start, end) = located.defined;
    Node { start, end, kind: located.value.kind }
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl located::OwnText for Node<'_> {
    fn own_text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(Cow::Borrowed(s)) => Some(s),
            _ => None,
        }
    }

    fn first_entry(&self) -> Option<((u32, u32), bool)> {
        match &self.kind {
            NodeKind::Map(entries) => entries.first().map(|(k, _)| ((k.start, k.end), true)),
            NodeKind::Seq(items) => items.first().map(|item| ((item.start, item.end), false)),
            _ => None,
        }
    }
}

impl located::OwnText for KeyText<'_> {
    fn own_text(&self) -> Option<&str> {
        match &self.0 {
            Cow::Borrowed(s) => Some(s),
            Cow::Owned(_) => None,
        }
    }
}

fn leaf<'a>(kind: NodeKind<'a>) -> Node<'a> {
    // The span is filled in by `unspan` from the enclosing `Located`.
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
        while let Some(item) = seq.next_element::<Located<Node<'de>>>()? {
            items.push(unspan(item));
        }
        Ok(leaf(NodeKind::Seq(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        // The parser gives no count; a field's mapping has five to eight keys: one
        // allocation instead of two (four, then eight), for each of half a million fields.
        let mut entries: Vec<(Key<'de>, Node<'de>)> =
            Vec::with_capacity(map.size_hint().unwrap_or(8).min(1024));
        // Manifest mappings are small: a scan of the keys so far beats hashing them; a map is
        // built only for the rare large mapping.
        let mut index: Option<std::collections::HashMap<Cow<'de, str>, (u32, u32)>> = None;
        // Where a key is used: by its own bytes in a file without aliases, else as the parser
        // says (through an alias, the bytes are the anchor's).
        let by_bytes = located::keys_by_bytes();
        loop {
            let key = if by_bytes {
                map.next_key::<located::OwnKey<KeyText<'de>>>()?.map(|k| k.0)
            } else {
                map.next_key::<UseSite<KeyText<'de>>>()?
            };
            let Some(key) = key else { break };
            let value = map.next_value::<Located<Node<'de>>>()?;
            // A repeated key is shown where it is written: at the alias, when it is one.
            let (start, end) = key.referenced;
            let name = key.value.0;
            let repeats = match &mut index {
                Some(index) => match index.get(&name) {
                    Some(first) => Some(*first),
                    None => {
                        index.insert(name.clone(), (start, end));
                        None
                    }
                },
                None => entries
                    .iter()
                    .find(|(k, _)| k.repeats.is_none() && k.name == name)
                    .map(|(k, _)| (k.start, k.end)),
            };
            entries.push((Key { name, start, end, repeats }, unspan(value)));
            if index.is_none() && entries.len() >= 32 {
                index = Some(
                    entries
                        .iter()
                        .filter(|(k, _)| k.repeats.is_none())
                        .map(|(k, _)| (k.name.clone(), (k.start, k.end)))
                        .collect(),
                );
            }
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

    /// Every YAML file of the examples and the test fixtures, with its path.
    fn corpus() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                    #[expect(clippy::disallowed_methods, reason = "a test reads its corpus")]
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        out.push((path.display().to_string(), text));
                    }
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        walk(&root.join("examples"), &mut out);
        walk(&root.join("tests"), &mut out);
        out
    }

    /// Placing borrowed strings by their own bytes (`parse_file`) gives the tree, places
    /// included, that asking the parser for every place gives (`parse`): keys and values
    /// plain, quoted, empty, anchored, tagged, reached through aliases (as keys too), block
    /// and flow, multi-byte, CRLF, several documents; then every manifest of the examples
    /// and fixtures (errors included).
    #[test]
    fn borrowed_places_are_the_parsers() {
        let tricky = [
            "a: &x \"héllo\"\nb: *x\nc:\n  - [1, {d: é, e: [true, 2.5]}]\n  - ~\n  -\n*x : 2\n",
            "&k a: &v héllo\nb: *v\n*k : c\n\"d\": 'e'\n",
            "- |\n  a block\n  of text\n- 'quoted'\n- >-\n  folded\n---\nx: y\n",
            "{a: 1, 'b': \"c\", \"\": '', d: [x, 'y', \"z\"]}\n",
            "k: !!str 12\n!!str t: v\n&a !!str u: w\n*a : dup\n",
            "key:   value   # comment\nother: 'it''s'\nesc: \"a\\tb\"\n",
            "? complex\n: value\n",
            "a: b\n---\n- &r x\n- *r\n- {*r : y}\n- [&s 'q', *s]\n",
            "'a': 1\n\"b\": 2\n'': 3\nclé: 'valeur'\n",
            "a: b\r\nc: 'd'\r\n&e f: g\r\n*e : h\r\n",
            "a: one\n  two\nb: c\n",
            "a:\n  - &id001 {x: y}\n  - *id001\n[k]: v\n",
            "a: |\n  x\nb: >\n  y\nc: |-\n  z\nd: >-\n  w\ne: |2\n   v\n",
            "? &k\n  key\n: v\n*k : w\n",
            "? &k # note\n  key\n: v\n*k : w\n",
            "&m\nkey: v\n",
            "s: \"*\"\nt: '5 * 3'\n",
            "a: 1\n\"b\\tc\": 2\n'it''s': 3\nd: {\"e\\u00e9\": 4}\n",
            "x: 1\n\"long\n  key\": 2\n",
            "- - a\n  - b\n- [c, [d]]\n- {e: {f: g}}\n- []\n- {}\n- [h: i]\n- [j, k: l]\n",
            "a: &m\n  b: c\nd: !!map\n  e: f\ng: *m\nh:\n- *m\n- i\nj: &s [1]\nk:\n  - *s\n",
            "# lead\n---\n- &x k: v\n- &y\n  l: w\n-\n  m: n\n- # note\n  o: p\n",
            "? [q]\n: r\n{s: t}: u\n[v]: w\n",
            "--- x: y\n",
            "-   a: b\n    c: d\n-\tq\n",
        ];
        let mut texts: Vec<(String, String)> =
            tricky.iter().map(|t| ("tricky".to_owned(), (*t).to_owned())).collect();
        let corpus = corpus();
        assert!(corpus.len() > 100, "the examples and fixtures are found");
        texts.extend(corpus);
        let mut sources = crate::source::SourceMap::new();
        for (path, text) in texts {
            let id = sources.add(path.clone(), text);
            let file = sources.shared(id);
            assert_eq!(parse_file(&file), parse(&file.text), "{path}:\n{}", file.text);
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

    /// A repeated key is kept in the tree and marked with where it first appears, even
    /// through an alias; tabs and syntax errors are errors with a position.
    #[test]
    fn errors_have_positions() {
        let docs = parse("a: 1\nb: 2\na: 3\n").unwrap();
        let keys: Vec<_> =
            map_entries(&docs[0]).iter().map(|(k, _)| (k.start, k.repeats)).collect();
        assert_eq!(keys, [(0, None), (5, None), (10, Some((0, 1)))]);
        let text = "&k a: 1\nb: 2\n*k : 3\n";
        let docs = parse(text).unwrap();
        let third = &map_entries(&docs[0])[2].0;
        assert_eq!(&text[third.start as usize..third.end as usize], "*k", "at the alias");
        assert!(third.repeats.is_some());
        let err = parse("a:\n\t- x\n").unwrap_err();
        assert!(err.message.contains("tab"), "{}", err.message);
        assert_eq!(err.offset, 3, "at the tab itself");
    }

    /// Tabs are shown where they are; lines out of line and unquoted `: ` get words and a
    /// help, at the start of the line or at the colon.
    #[test]
    fn syntax_errors_get_hints() {
        let text = "stores:\n  - id: crm\n\tname: CRM\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.offset, text.find('\t').unwrap(), "{err:?}");
        assert_eq!(err.message, "a tab in the indentation: YAML indents with spaces only");
        assert_eq!(err.help.as_deref(), Some("replace the tab with spaces"));
        let text = "stores:\n  - id: crm\n    description: Note: text\n";
        let err = parse(text).unwrap_err();
        assert!(err.message.starts_with("a second ': '"), "{err:?}");
        assert_eq!(err.help.as_deref(), Some("quote the value: description: \"…\""));
        let text = "stores:\n  - id: crm\n    name: CRM\n  kind: crm\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.message, "'kind' does not line up with the lines above it");
        assert_eq!(err.offset, text.find("kind").unwrap());
    }

    /// Each kind of broken YAML gets a sentence of our own in both languages, and a help;
    /// none is the parser's wording.
    #[test]
    fn syntax_errors_in_our_words() {
        use crate::manifest::enums::Language;
        for (text, en) in [
            ("a: [b\n", "'[' is never closed"),
            ("a: [b}\n", "'[' closed by '}'"),
            ("\"x\n", "a quote that is never closed"),
            ("a: @x\n", "a value cannot start with '@' unless it is quoted"),
            ("a: \"\\q\"\n", "an unknown escape"),
            ("a: |0\n  x\n", "a text block"),
            ("a: 1\n... x\n", "a document marker"),
            ("a: {b: c d: e}\n", "inside brackets"),
            ("<<: 3\n", "'<<' merges"),
            (": 1\n", "an empty key"),
            ("? [a]\n: 1\n", "a key that is a list"),
            ("a: &x 1\nb: *y\n", "an alias '*name'"),
            ("a: !<x y\n", "a YAML tag"),
            ("a: .nan\n", "'.nan' is not a number"),
            ("a: 'x' y\n", "text after the closing quote"),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.message.starts_with(en), "{text:?}: {err:?}");
            assert!(err.message.fr.as_ref().is_some_and(|fr| *fr != err.message.en), "{err:?}");
            assert!(err.help.as_ref().is_some_and(|h| h.fr.is_some()), "{err:?}");
        }
        let err = parse("a: [b\n").unwrap_err();
        assert_eq!(err.message.get(Language::Fr), "'[' n'est jamais fermé");
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

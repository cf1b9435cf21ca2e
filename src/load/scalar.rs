//! The one rule for reading a YAML scalar as text or as a whole number, shared by the
//! validator (what it accepts) and the deserializer (what it reads), so that a value the
//! validator lets through can always be read, and one it refuses is never half-read.

use super::yaml::{Node, NodeKind};

/// A scalar read where text is expected: a string as it is, a number as it is written
/// (`007`, `1.10`, `2024`: the spelling, not the parsed value). A boolean is not text: a bare
/// `true` where a sentence or a name is expected is a slip far more often than the word, and
/// quoting it (`"true"`) says the word. Null, lists and mappings are not text.
pub fn as_text<'n>(node: &'n Node<'_>, source: &'n str) -> Option<&'n str> {
    match &node.kind {
        NodeKind::Str(s) => Some(s.as_ref()),
        NodeKind::Int(_) | NodeKind::Float(_) => source.get(node.start as usize..node.end as usize),
        NodeKind::Bool(_) | NodeKind::Null | NodeKind::Seq(_) | NodeKind::Map(_) => None,
    }
}

/// Whether a node of this kind is read as text (see [`as_text`]).
pub fn is_text(kind: &NodeKind<'_>) -> bool {
    matches!(kind, NodeKind::Str(_) | NodeKind::Int(_) | NodeKind::Float(_))
}

/// A scalar read where a whole number is expected: an integer, or a number without a
/// fraction (`1e3`) that fits in 64 bits. A larger one (`18446744073709551616`) is refused
/// here rather than rounded.
pub fn as_whole(kind: &NodeKind<'_>) -> Option<i64> {
    // 2^63: the first float outside i64.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    match *kind {
        NodeKind::Int(i) => Some(i),
        NodeKind::Float(f) if f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f) => Some(f as i64),
        _ => None,
    }
}

/// A scalar read where a number is expected.
pub fn as_number(kind: &NodeKind<'_>) -> Option<f64> {
    match *kind {
        NodeKind::Int(i) => Some(i as f64),
        NodeKind::Float(f) => Some(f),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    fn values(text: &str) -> Vec<Node<'_>> {
        let docs = parse(text).unwrap();
        let NodeKind::Map(entries) = docs.into_iter().next().unwrap().kind else { panic!() };
        entries.into_iter().map(|(_, v)| v).collect()
    }

    /// Numbers are text as written; booleans, null and collections are not.
    #[test]
    fn text_keeps_the_spelling_of_numbers() {
        let text = "a: 007\nb: 1.10\nc: true\nd: ~\ne: [x]\nf: \"true\"\n";
        let got: Vec<_> =
            values(text).iter().map(|n| as_text(n, text).map(str::to_owned)).collect();
        let want = [Some("007"), Some("1.10"), None, None, None, Some("true")];
        assert_eq!(got, want.map(|w| w.map(str::to_owned)));
    }

    /// Whole numbers fit in 64 bits; a fraction or an overflow is not one.
    #[test]
    fn whole_numbers_fit() {
        let text = "a: 3\nb: 1e3\nc: 1.5\nd: 18446744073709551616\ne: x\n";
        let got: Vec<_> = values(text).iter().map(|n| as_whole(&n.kind)).collect();
        assert_eq!(got, [Some(3), Some(1000), None, None, None]);
    }
}

//! A value with the bytes of its definition or of its use, read through serde-saphyr's
//! `Spanned` protocol without `serde_saphyr::Spanned` itself, which allocates a string for
//! a marker key and walks its locations field by field for every node: half a million
//! fields are about ten million nodes and keys. A string the parser lends from the file
//! is placed by its own bytes instead, and its location is not read at all.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::source::SourceFile;

/// The newtype name serde-saphyr answers with a value's locations (its `Spanned<T>` asks
/// the same way); the first key of the answer is `MARKER`. The dependency is pinned to a
/// minor version, and the tests of `yaml` check every span this reads.
const NEWTYPE: &str = "__yaml_spanned";
const MARKER: &str = "__serde_saphyr_private_spanned";
const FIELDS: &[&str] = &[MARKER, "value", "referenced", "defined"];
/// The fields of serde-saphyr's `Location`, as both of its readers ask for them.
const LOCATION: &[&str] = &["line", "column", "span", "source_id"];

/// A value and where its text is (for an alias: the anchored value), as the byte range
/// `(start, end)`: what a node of the tree needs. Where it is used is not read.
pub(super) struct Located<T> {
    pub value: T,
    pub defined: (u32, u32),
}

/// What a located value says of its own text: a string the parser lends from the input
/// knows where it is, so its place needs no location structure from the parser (reading
/// one for every key and string cost `check` about 7 % of its CPU on a 500,000-field map).
pub(super) trait OwnText {
    /// The value's text, when it is borrowed from the input.
    fn own_text(&self) -> Option<&str>;

    /// For a mapping or a sequence with entries: where its first key or item is, and
    /// whether it is a mapping. A collection is placed from it (see `collection_place`).
    fn first_entry(&self) -> Option<((u32, u32), bool)> {
        None
    }
}

thread_local! {
    /// The file `yaml::parse_file` is reading on this thread, where a borrowed string's bytes
    /// are, and whether it has no `*` at all (so no alias). Nothing outside `parse_file`:
    /// every place is then asked of the parser.
    static INPUT: RefCell<Option<(Arc<SourceFile>, bool)>> = const { RefCell::new(None) };
    /// Set when a key read by [`OwnKey`] was not lent from the file: the file is read again
    /// with every key's place asked of the parser.
    static AGAIN: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read` with `file` as the input borrowed strings are placed in. In a file without
/// an alias, keys are read as [`OwnKey`]s; if one of them was not lent from the file (a
/// quoted key with an escape), `read` runs again with keys placed by the parser.
pub(super) fn reading<R>(file: &Arc<SourceFile>, read: impl Fn() -> R) -> R {
    /// Puts back what the thread-local held, even when a read panics: a later `parse` on
    /// this thread must not find this file there.
    struct Restore(Option<(Arc<SourceFile>, bool)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            INPUT.with(|c| c.replace(self.0.take()));
            AGAIN.with(|a| a.set(false));
        }
    }
    let no_alias = memchr::memchr(b'*', file.text.as_bytes()).is_none();
    let _restore = Restore(INPUT.with(|c| c.replace(Some((Arc::clone(file), no_alias)))));
    AGAIN.with(|a| a.set(false));
    let result = read();
    if !AGAIN.with(|a| a.replace(false)) {
        return result;
    }
    INPUT.with(|c| c.replace(Some((Arc::clone(file), false))));
    read()
}

/// Whether keys are read as [`OwnKey`]s: in `reading`, in a file without an alias.
pub(super) fn keys_by_bytes() -> bool {
    INPUT.with_borrow(|input| input.as_ref().is_some_and(|(_, no_alias)| *no_alias))
}

/// A key placed by its own bytes, the parser's location structure not asked for: only where
/// [`keys_by_bytes`], so that the bytes a key lends are where it is written. A key the file
/// does not lend fails the read and has `reading` start again.
pub(super) struct OwnKey<T>(pub UseSite<T>);

impl<'de, T: de::Deserialize<'de> + OwnText> de::Deserialize<'de> for OwnKey<T> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = T::deserialize(deserializer)?;
        match value.own_text().and_then(place_of) {
            Some(referenced) => Ok(OwnKey(UseSite { value, referenced })),
            None => {
                AGAIN.with(|a| a.set(true));
                Err(de::Error::custom("a key to place through the parser"))
            }
        }
    }
}

/// Where a string lent from the input is, as the parser would say it: a quoted scalar's
/// place includes its quotes. `None` when `s` is not in the input. This is where a value's
/// text is (for an alias, the anchored one); where a key is used is this only in a file
/// without aliases (`OwnKey`), since a key reached through an alias lends the anchor's
/// bytes, and telling an alias apart from its text is not reliable (an anchor may sit on
/// the line above its key).
fn place_of(s: &str) -> Option<(u32, u32)> {
    INPUT.with_borrow(|input| {
        let input = input.as_ref()?.0.text.as_bytes();
        let start = (s.as_ptr() as usize).checked_sub(input.as_ptr() as usize)?;
        let end = start.checked_add(s.len()).filter(|&end| end <= input.len())?;
        let (mut start, mut end) = (start, end);
        // Lent from inside quotes (no escape in it): the parser's place has the quotes. A
        // plain scalar is never next to a quote: one would be part of it.
        if let (Some(&open), Some(&close)) = (input.get(start.wrapping_sub(1)), input.get(end))
            && open == close
            && (open == b'"' || open == b'\'')
        {
            (start, end) = (start - 1, end + 1);
        }
        Some((u32::try_from(start).ok()?, u32::try_from(end).ok()?))
    })
}

/// Where a collection is, as the parser places it, from where its first entry is
/// (`first`): a block one at its first key or `-`, empty; a flow one at its bracket, one
/// byte. `None` when the bytes around the entry are anything else (an anchor, a tag, a
/// comment, an explicit `?` key, an implicit pair in a flow sequence…): the parser is asked.
fn collection_place(((first, first_end), mapping): ((u32, u32), bool)) -> Option<(u32, u32)> {
    INPUT.with_borrow(|input| {
        let input = input.as_ref()?.0.text.as_bytes();
        let (first, first_end) = (usize::try_from(first).ok()?, usize::try_from(first_end).ok()?);
        let before = input.get(..first)?;
        let at = before.iter().rposition(|b| !matches!(b, b' ' | b'\t'));
        // A block mapping's first key is an implicit one: `:` follows it on its line.
        let implicit = || {
            input.get(first_end..).and_then(|rest| rest.iter().find(|b| !matches!(b, b' ' | b'\t')))
                == Some(&b':')
        };
        let place = match (at.map(|i| (i, before[i])), mapping) {
            (Some((i, b'{')), true) | (Some((i, b'[')), false) => (i, i + 1),
            (Some((i, b'-')), false) => (i, i),
            (None | Some((_, b'\n' | b'\r' | b'-')), true) if implicit() => (first, first),
            _ => return None,
        };
        Some((u32::try_from(place.0).ok()?, u32::try_from(place.1).ok()?))
    })
}

impl<'de, T: de::Deserialize<'de> + OwnText> de::Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let visitor = LocatedVisitor { defined: true, value: PhantomData };
        let (value, defined) = deserializer.deserialize_newtype_struct(NEWTYPE, visitor)?;
        Ok(Located { value, defined })
    }
}

/// A value and where it is used (for an alias: the `*alias` itself): what a mapping key
/// needs, a repeated key being shown at the alias that repeats it. Where its text is, which
/// the parser hands last, is not read.
pub(super) struct UseSite<T> {
    pub value: T,
    pub referenced: (u32, u32),
}

impl<'de, T: de::Deserialize<'de> + OwnText> de::Deserialize<'de> for UseSite<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let visitor = LocatedVisitor { defined: false, value: PhantomData };
        let (value, referenced) = deserializer.deserialize_newtype_struct(NEWTYPE, visitor)?;
        Ok(UseSite { value, referenced })
    }
}

/// Reads the value and one of its two places: `defined` or else `referenced`. Each place is
/// a structure of a dozen fields the parser builds for every node and key; the one not
/// wanted is passed over unread (or not reached at all), which halves that work.
///
/// The visitors of this module are marked `#[inline]`: whether the optimiser folded them
/// into the parser's calls depended on how the crate happened to be split into codegen
/// units, and an unrelated edit elsewhere cost `check` 5 % more instructions (measured with
/// callgrind). The marks help; they cannot stop the optimiser from breaking the recursion
/// of the tree reader inside serde-saphyr instead (docs/performance.md).
struct LocatedVisitor<T> {
    defined: bool,
    value: PhantomData<T>,
}

impl<'de, T: de::Deserialize<'de> + OwnText> Visitor<'de> for LocatedVisitor<T> {
    type Value = (T, (u32, u32));

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value with its location")
    }

    #[inline]
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_struct("Spanned", FIELDS, self)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        if map.next_key_seed(Name)? != Some(Key::Marker) {
            return Err(de::Error::custom("the YAML parser gave no location"));
        }
        map.next_value::<IgnoredAny>()?;
        let (mut value, mut place, mut found) = (None, (0, 0), false);
        while let Some(key) = map.next_key_seed(Name)? {
            match key {
                Key::Value => {
                    let v = map.next_value::<T>()?;
                    // A value placed by its own bytes, or a collection by its first entry's:
                    // the location that follows is not read. (A key read here is one that
                    // may be an alias: the parser says where it is used.)
                    if self.defined
                        && let Some(place) = v
                            .own_text()
                            .and_then(place_of)
                            .or_else(|| v.first_entry().and_then(collection_place))
                    {
                        return Ok((v, place));
                    }
                    value = Some(v);
                }
                Key::Defined if self.defined => {
                    (place, found) = (map.next_value_seed(Bytes)?, true);
                }
                Key::Referenced if !self.defined => {
                    (place, found) = (map.next_value_seed(Bytes)?, true);
                }
                Key::Defined | Key::Referenced => map.next_value_seed(Unread)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            if found && value.is_some() {
                break;
            }
        }
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        Ok((value, place))
    }
}

/// The keys of the protocol this reads; the others are skipped.
#[derive(PartialEq, Eq)]
enum Key {
    Marker,
    Value,
    Defined,
    Referenced,
    Span,
    ByteInfo,
    Other,
}

/// Reads a key as a [`Key`], without allocating.
struct Name;

impl<'de> DeserializeSeed<'de> for Name {
    type Value = Key;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Name {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a location field")
    }

    #[inline]
    fn visit_str<E>(self, v: &str) -> Result<Key, E> {
        Ok(match v {
            MARKER => Key::Marker,
            "value" => Key::Value,
            "defined" => Key::Defined,
            "referenced" => Key::Referenced,
            "span" => Key::Span,
            "byte_info" => Key::ByteInfo,
            _ => Key::Other,
        })
    }
}

/// Reads a location (`{line, column, span: {offset, len, byte_info}, …}`) as the byte range
/// of its span; a span without byte positions reads as `(0, 0)`, like `Span::byte_offset`
/// and `byte_len` giving `None`.
struct Bytes;

impl<'de> DeserializeSeed<'de> for Bytes {
    type Value = (u32, u32);

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(u32, u32), D::Error> {
        d.deserialize_struct("Location", LOCATION, self)
    }
}

impl<'de> Visitor<'de> for Bytes {
    type Value = (u32, u32);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a location")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(u32, u32), A::Error> {
        let mut bytes = (0, 0);
        while let Some(key) = map.next_key_seed(Name)? {
            match key {
                Key::Span => {
                    // The span is all that is read; what follows it (`source_id`) is not.
                    bytes = map.next_value_seed(SpanBytes)?;
                    break;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(bytes)
    }
}

/// A location nothing reads, passed over without looking into it.
struct Unread;

impl<'de> DeserializeSeed<'de> for Unread {
    type Value = ();

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct("Location", LOCATION, self)
    }
}

impl<'de> Visitor<'de> for Unread {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a location")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Ok(())
    }
}

/// Reads a span (`{offset, len, byte_info: [offset, len]}`) as a byte range.
struct SpanBytes;

impl<'de> DeserializeSeed<'de> for SpanBytes {
    type Value = (u32, u32);

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(u32, u32), D::Error> {
        d.deserialize_struct("Span", &["offset", "len", "byte_info"], self)
    }
}

impl<'de> Visitor<'de> for SpanBytes {
    type Value = (u32, u32);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a span")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(u32, u32), A::Error> {
        let mut bytes = (0, 0);
        while let Some(key) = map.next_key_seed(Name)? {
            match key {
                Key::ByteInfo => bytes = byte_range(map.next_value::<(u64, u64)>()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(bytes)
    }
}

/// `(offset, len)` → `(start, end)`, as `yaml::span_of` reads a `Location`: both parts at
/// the parser's "unavailable" mark give `(0, 0)`; what does not fit in 32 bits saturates.
fn byte_range((offset, len): (u64, u64)) -> (u32, u32) {
    const UNAVAILABLE: u64 = u32::MAX as u64;
    let (offset, len) =
        if offset == UNAVAILABLE && len == UNAVAILABLE { (0, 0) } else { (offset, len) };
    let start = u32::try_from(offset).unwrap_or(u32::MAX);
    (start, u32::try_from(offset.saturating_add(len)).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every place of a document in depth-first order: where each key is used and where
    /// each value and item is written, read through `$key` and `$value` (`UseSite` and
    /// `Located`, or `serde_saphyr::Spanned` for both).
    macro_rules! recorder {
        ($name:ident, $key:ident, $value:ident, $used:expr, $written:expr) => {
            struct $name(Vec<(u32, u32)>);

            impl OwnText for $name {
                fn own_text(&self) -> Option<&str> {
                    None
                }
            }

            impl<'de> de::Deserialize<'de> for $name {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    struct V;
                    impl<'de> Visitor<'de> for V {
                        type Value = $name;
                        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                            f.write_str("anything")
                        }
                        fn visit_seq<A: de::SeqAccess<'de>>(
                            self,
                            mut a: A,
                        ) -> Result<$name, A::Error> {
                            let mut out = Vec::new();
                            while let Some(item) = a.next_element::<$value<$name>>()? {
                                out.push($written(&item));
                                out.extend(item.value.0);
                            }
                            Ok($name(out))
                        }
                        fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<$name, A::Error> {
                            let mut out = Vec::new();
                            while let Some(key) = a.next_key::<$key<$name>>()? {
                                out.push($used(&key));
                                let value = a.next_value::<$value<$name>>()?;
                                out.push($written(&value));
                                out.extend(value.value.0);
                            }
                            Ok($name(out))
                        }
                        fn visit_str<E>(self, _: &str) -> Result<$name, E> {
                            Ok($name(Vec::new()))
                        }
                        fn visit_i64<E>(self, _: i64) -> Result<$name, E> {
                            Ok($name(Vec::new()))
                        }
                        fn visit_u64<E>(self, _: u64) -> Result<$name, E> {
                            Ok($name(Vec::new()))
                        }
                        fn visit_f64<E>(self, _: f64) -> Result<$name, E> {
                            Ok($name(Vec::new()))
                        }
                        fn visit_bool<E>(self, _: bool) -> Result<$name, E> {
                            Ok($name(Vec::new()))
                        }
                        fn visit_unit<E>(self) -> Result<$name, E> {
                            Ok($name(Vec::new()))
                        }
                        fn visit_none<E>(self) -> Result<$name, E> {
                            Ok($name(Vec::new()))
                        }
                    }
                    d.deserialize_any(V)
                }
            }
        };
    }

    use serde_saphyr::Spanned;
    fn theirs(l: &serde_saphyr::Location) -> (u32, u32) {
        let s = l.span();
        let start = s.byte_offset().unwrap_or(0) as u32;
        (start, start + s.byte_len().unwrap_or(0) as u32)
    }
    recorder!(ByLocated, UseSite, Located, |k: &UseSite<_>| k.referenced, |v: &Located<_>| v
        .defined);
    recorder!(
        BySpanned,
        Spanned,
        Spanned,
        |k: &Spanned<_>| theirs(&k.referenced),
        |v: &Spanned<_>| theirs(&v.defined)
    );

    /// Every key is used, and every value and item written, at the same bytes as through
    /// `serde_saphyr::Spanned`: block and flow collections, aliases and anchors (as a value
    /// and as a key), quoted keys, multi-byte text, null, several documents.
    #[test]
    fn same_bytes_as_serde_saphyr_spanned() {
        let texts = [
            "a: &x \"héllo\"\nb: *x\nc:\n  - [1, {d: é, e: [true, 2.5]}]\n  - ~\n  -\n*x : 2\n",
            "stores:\n  - id: crm\n    fields:\n      - id: email\n        name: E-mail\n        category: user.contact.email\n      - {id: phone, retention: {duration: P3Y}}\n",
            "- |\n  a block\n  of text\n- 'quoted'\n- >-\n  folded\n---\nx: y\n",
            "&k a: &v héllo\nb: *v\n*k : c\n\"d\": 'e'\n",
        ];
        for text in texts {
            let a: Vec<Located<ByLocated>> =
                serde_saphyr::from_multiple_with_options(text, crate::load::yaml::options())
                    .unwrap();
            let b: Vec<Spanned<BySpanned>> =
                serde_saphyr::from_multiple_with_options(text, crate::load::yaml::options())
                    .unwrap();
            assert_eq!(a.len(), b.len(), "{text}");
            for (a, b) in a.iter().zip(&b) {
                assert_eq!(a.defined, theirs(&b.defined));
                assert!(a.value.0.len() > 1, "{text}");
                assert_eq!(a.value.0, b.value.0, "{text}");
            }
        }
    }

    /// The parser's "unavailable" mark reads as nothing, like `Span::byte_offset`.
    #[test]
    fn unavailable_is_zero() {
        assert_eq!(byte_range((u64::from(u32::MAX), u64::from(u32::MAX))), (0, 0));
        assert_eq!(byte_range((3, 4)), (3, 7));
        assert_eq!(byte_range((u64::MAX, 1)), (u32::MAX, u32::MAX));
    }
}

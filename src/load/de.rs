//! A serde `Deserializer` over a validated [`Node`] tree, so that the manifest types are
//! read with their derives and every `Spanned<T>` gets the bytes its value came from.

use std::fmt;

use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::scalar;
use super::yaml::{Key, Node, NodeKind};
use crate::manifest::spanned::SPANNED_MARKER;
use crate::source::FileId;

/// A conversion error, with the bytes of the node it happened at when known. After
/// validation this only happens on a schema the validator does not cover: a bug, which still
/// becomes a diagnostic and not a crash.
#[derive(Debug)]
pub struct DeError {
    pub message: String,
    pub span: Option<(u32, u32)>,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError { message: msg.to_string(), span: None }
    }
}

/// Reads `T` from a node of the file `file` whose text is `text`.
pub fn from_node<'de, T: de::Deserialize<'de>>(
    node: &'de Node<'de>,
    file: FileId,
    text: &'de str,
) -> Result<T, DeError> {
    T::deserialize(NodeDe { node, file, text }).map_err(|mut e| {
        e.span.get_or_insert((node.start, node.end));
        e
    })
}

#[derive(Clone, Copy)]
struct NodeDe<'de> {
    node: &'de Node<'de>,
    file: FileId,
    text: &'de str,
}

impl<'de> NodeDe<'de> {
    fn error(&self, message: impl Into<String>) -> DeError {
        DeError { message: message.into(), span: Some((self.node.start, self.node.end)) }
    }

    /// Reads the node with `seed`; an error without a place gets this node's place, so that
    /// the loader can leave out just this value (a visitor's own errors carry none).
    fn read<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        let span = (self.node.start, self.node.end);
        seed.deserialize(self).map_err(|mut e| {
            e.span.get_or_insert(span);
            e
        })
    }

    fn spanned<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_seq(SpanSeq {
            file: self.file,
            start: self.node.start,
            end: self.node.end,
            value: Some(self),
            step: 0,
        })
    }
}

impl<'de> Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::Int(i) => visitor.visit_i64(*i),
            NodeKind::Float(f) => visitor.visit_f64(*f),
            NodeKind::Str(s) => visitor.visit_str(s),
            NodeKind::Seq(items) => {
                visitor.visit_seq(Items { items: items.iter(), file: self.file, text: self.text })
            }
            NodeKind::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
                file: self.file,
                text: self.text,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match scalar::as_text(self.node, self.text) {
            Some(text) => visitor.visit_str(text),
            None => Err(self.error(format!("expected text, found {}", self.node.kind.describe()))),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match scalar::as_whole(&self.node.kind).and_then(|i| u64::try_from(i).ok()) {
            Some(n) => visitor.visit_u64(n),
            None => Err(self.error("expected a whole number of zero or more")),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match scalar::as_number(&self.node.kind) {
            Some(n) => visitor.visit_f64(n),
            None => Err(self.error("expected a number")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED_MARKER {
            self.spanned(visitor)
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let Some(text) = scalar::as_text(self.node, self.text) else {
            let found = self.node.kind.describe();
            return Err(self.error(format!("expected a name, found {found}")));
        };
        let de: StrDeserializer<'_, DeError> = text.into_deserializer();
        visitor.visit_enum(de).map_err(|mut e: DeError| {
            e.span.get_or_insert((self.node.start, self.node.end));
            e
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u128 f32 char bytes byte_buf unit unit_struct seq
        tuple tuple_struct map struct
    }
}

/// Hands a `Spanned<T>` visitor its file, start, end and then the value.
struct SpanSeq<'de> {
    file: FileId,
    start: u32,
    end: u32,
    value: Option<NodeDe<'de>>,
    step: u8,
}

impl<'de> SeqAccess<'de> for SpanSeq<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        self.step += 1;
        match self.step {
            1 => seed.deserialize(self.file.0.into_deserializer()).map(Some),
            2 => seed.deserialize(self.start.into_deserializer()).map(Some),
            3 => seed.deserialize(self.end.into_deserializer()).map(Some),
            4 => match self.value.take() {
                Some(node) => node.read(seed).map(Some),
                None => Ok(None),
            },
            _ => Ok(None),
        }
    }
}

struct Items<'de> {
    items: std::slice::Iter<'de, Node<'de>>,
    file: FileId,
    text: &'de str,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => NodeDe { node, file: self.file, text: self.text }.read(seed).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'de> {
    entries: std::slice::Iter<'de, (Key<'de>, Node<'de>)>,
    value: Option<&'de Node<'de>>,
    file: FileId,
    text: &'de str,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(KeyDe { key, file: self.file }).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let node = self.value.take().ok_or_else(|| de::Error::custom("value without key"))?;
        NodeDe { node, file: self.file, text: self.text }.read(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A mapping key: text, with its span for `Spanned<String>` keys.
struct KeyDe<'de> {
    key: &'de Key<'de>,
    file: FileId,
}

impl<'de> Deserializer<'de> for KeyDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str(&self.key.name)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED_MARKER {
            visitor.visit_seq(KeySpanSeq { key: self, step: 0 })
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct KeySpanSeq<'de> {
    key: KeyDe<'de>,
    step: u8,
}

impl<'de> SeqAccess<'de> for KeySpanSeq<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        self.step += 1;
        let key = self.key.key;
        match self.step {
            1 => seed.deserialize(self.key.file.0.into_deserializer()).map(Some),
            2 => seed.deserialize(key.start.into_deserializer()).map(Some),
            3 => seed.deserialize(key.end.into_deserializer()).map(Some),
            4 => seed.deserialize(KeyDe { key, file: self.key.file }).map(Some),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{shape, validate::validate, yaml::parse};
    use crate::manifest::Document;

    fn load(text: &str) -> Document {
        let mut docs = parse(text).unwrap();
        let (_, errors) = validate(&mut docs[0], shape::document(), text);
        assert!(errors.is_empty(), "{errors:?}");
        from_node(&docs[0], FileId(3), text).unwrap()
    }

    /// Every attribute of the format reads into its type, spans included.
    #[test]
    fn reads_a_full_document() {
        let text = "stores:\n  - id: crm\n    kind: service-desk\n    location: FR\n    records: 12\n    fields:\n      - {id: zip, name: 007, completeness: 1, retention: {duration: P3Y, trigger: event:x}}\nflows:\n  - {from: crm, to: erp, fields: [zip, {a: b}], direction: both}\n";
        let doc = load(text);
        let store = &doc.stores.as_ref().unwrap()[0];
        assert_eq!(store.id.span.file, FileId(3));
        assert_eq!(&text[store.id.span.range()], "crm");
        let field = &store.fields.as_ref().unwrap()[0];
        assert_eq!(field.name.as_deref(), Some("007"));
        assert_eq!(field.completeness.as_ref().unwrap().value, 1.0);
        let flow = &doc.flows.as_ref().unwrap()[0];
        let fields = flow.fields.as_ref().unwrap();
        assert_eq!(fields[0].source.value.as_str(), "zip");
        assert_eq!(fields[0].target(), &fields[0].source, "`zip` carries zip to zip");
        assert_eq!(fields[1].target().value.as_str(), "b");
        assert_eq!(&text[fields[1].source.span.range()], "a");
        assert_eq!(&text[fields[1].target().span.range()], "b");
    }
}

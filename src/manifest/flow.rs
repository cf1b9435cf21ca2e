//! Flows: data moving from one store to another, field by field.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::entities::Allow;
use super::enums::{Direction, Frequency, Mechanism, TransferMechanism};
use super::spanned::Spanned;
use super::text::Id;

/// Data moving from one store to another.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// Default: `<from>-to-<to>`, made unique with `-2`, `-3`… in file order.
    pub id: Option<Spanned<Id>>,
    /// The source store.
    pub from: Spanned<Id>,
    /// The destination store.
    pub to: Spanned<Id>,
    /// The fields of the source store the flow carries: `email` (same id in the destination)
    /// or `order_total: lifetime_value` (source field: destination field).
    pub fields: Option<Vec<FieldMapping>>,
    pub mechanism: Option<Mechanism>,
    pub frequency: Option<Frequency>,
    /// Default: `one-way`.
    pub direction: Option<Direction>,
    /// The team that runs the flow.
    pub owner: Option<Spanned<Id>>,
    pub description: Option<String>,
    /// The safeguard for personal data leaving the EEA (GDPR Chapter V).
    pub transfer: Option<Transfer>,
    /// The purposes the flow serves, when the lineage of their used fields alone does not
    /// bring the flow into their journey (a flow without fields, a system-level link): the
    /// flow and its destination join the register rows of these purposes.
    pub purposes: Option<Vec<Spanned<Id>>>,
    pub allow: Option<Vec<Allow>>,
}

/// The Chapter V safeguard of a flow, or of a store that collects directly outside the EEA.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    pub mechanism: Spanned<TransferMechanism>,
    /// The contract, decision or certificate that documents it.
    pub reference: Option<String>,
}

/// One field a flow carries: `email`, or `order_total: lifetime_value`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldMapping {
    pub source: Spanned<Id>,
    /// The destination field when it is renamed (`order_total: lifetime_value`); `None`:
    /// the source's id, at the same place. Most mappings are `- email`: half a million ids
    /// not copied on the benchmark map. Read through [`FieldMapping::target`].
    renamed: Option<Spanned<Id>>,
}

impl FieldMapping {
    /// The destination field: the source's id unless renamed.
    pub fn target(&self) -> &Spanned<Id> {
        self.renamed.as_ref().unwrap_or(&self.source)
    }
}

impl<'de> Deserialize<'de> for FieldMapping {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Spans are read by an inner `Spanned<Id>`, so the mapping is read twice: once as
        // itself (string or one-entry map) inside a `Spanned` that gives the whole entry.
        let Spanned { value, span } = Spanned::<MappingShape>::deserialize(deserializer)?;
        Ok(match value {
            MappingShape::Same(id) => {
                FieldMapping { source: Spanned::new(id, span), renamed: None }
            }
            MappingShape::Renamed(source, target) => FieldMapping { source, renamed: Some(target) },
        })
    }
}

enum MappingShape {
    Same(Id),
    Renamed(Spanned<Id>, Spanned<Id>),
}

impl<'de> Deserialize<'de> for MappingShape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;
        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = MappingShape;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field id, or `source_field: destination_field`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<MappingShape, E> {
                Ok(MappingShape::Same(Id(v.to_owned())))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MappingShape, A::Error> {
                let Some((source, target)) = map.next_entry::<Spanned<Id>, Spanned<Id>>()? else {
                    return Err(de::Error::custom("an empty field mapping"));
                };
                if map.next_key::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::custom("a field mapping has one entry"));
                }
                Ok(MappingShape::Renamed(source, target))
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

impl JsonSchema for FieldMapping {
    fn schema_name() -> Cow<'static, str> {
        "FieldMapping".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let id = generator.subschema_for::<Id>();
        json_schema!({
            "description": "A field the flow carries: its id when the destination field has the same id, or `source_field: destination_field`.",
            "anyOf": [
                id,
                {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "propertyNames": id,
                    "additionalProperties": id,
                }
            ],
        })
    }
}

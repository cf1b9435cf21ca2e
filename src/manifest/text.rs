//! Text values with a syntax of their own (ids, category keys, field references, dates,
//! ISO 8601 durations, country codes): each a newtype whose JSON Schema carries the pattern
//! that the loader enforces.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::spanned::Spanned;

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $schema_name:literal, $pattern:expr, $description:literal $(, $format:literal)? $(; max_length = $max:expr)?) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $schema_name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                #[allow(unused_mut)]
                let mut schema = json_schema!({
                    "type": "string",
                    "pattern": $pattern,
                    "description": $description,
                });
                $( schema.insert("format".into(), $format.into()); )?
                $( schema.insert("maxLength".into(), $max.into()); )?
                schema
            }
        }
    };
}

/// The id syntax of manifest.md §2.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9_-]*$";
/// The longest id, in characters: ids name the site's pages and maps, and file systems
/// refuse names over 255 bytes ("File name too long" at build time, long after `check`).
pub const ID_MAX_LENGTH: usize = 100;
pub(crate) const CATEGORY_PATTERN: &str = "^[a-z0-9_]+(\\.[a-z0-9_]+)*$";
pub(crate) const FIELD_REF_PATTERN: &str = "^[a-z0-9][a-z0-9_-]*\\.([a-z0-9][a-z0-9_-]*|\\*)$";
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
// No look-ahead: the pattern must read the same in Rust's regex and in ECMA-262 editors.
pub(crate) const DURATION_PATTERN: &str = "^P([0-9]+Y([0-9]+M)?([0-9]+W)?([0-9]+D)?|[0-9]+M([0-9]+W)?([0-9]+D)?|[0-9]+W([0-9]+D)?|[0-9]+D)$";
const COUNTRY_PATTERN: &str = "^[A-Z]{2}$";
const ENV_REF_PATTERN: &str = "^env:[A-Za-z_][A-Za-z0-9_]*$";

text_type!(
    /// An entity id: lower case letters, digits, `_` and `-`, starting with a letter or digit.
    Id, "Id", ID_PATTERN,
    "An id: lower case letters, digits, `_` and `-`, starting with a letter or a digit, at most 100 characters. Unique per kind of entity."; max_length = ID_MAX_LENGTH
);
text_type!(
    /// A dotted data category key such as `user.contact.email`.
    CategoryKey, "CategoryKey", CATEGORY_PATTERN,
    "A data category key: dotted, lower case (`user.contact.email`). A key covers its children."
);
text_type!(
    /// `store.field`, or `store.*` for every field of a store.
    FieldRef, "FieldRef", FIELD_REF_PATTERN,
    "A field reference: `store.field`, or `store.*` for every field of the store."
);
text_type!(
    /// A calendar date, `YYYY-MM-DD`.
    DateText, "Date", DATE_PATTERN, "A calendar date, YYYY-MM-DD.", "date"
);
text_type!(
    /// An ISO 8601 period such as `P3Y` or `P18M`.
    Duration, "Duration", DURATION_PATTERN,
    "An ISO 8601 period of years, months, weeks and days: `P3Y`, `P18M`, `P1Y6M`, `P30D`."
);
text_type!(
    /// An ISO 3166-1 alpha-2 country code, upper case.
    Country, "Country", COUNTRY_PATTERN, "An ISO 3166-1 alpha-2 country code, upper case (FR, DE, US)."
);

text_type!(
    /// `env:NAME`: a value read from an environment variable when a command runs.
    EnvRef, "EnvRef", ENV_REF_PATTERN,
    "`env:NAME`: the environment variable that holds the value (a database URL holds a password: never write it in a manifest)."
);

impl EnvRef {
    /// The variable's name.
    pub fn var(&self) -> &str {
        self.0.strip_prefix("env:").unwrap_or(&self.0)
    }
}

/// The store and field parts of a [`FieldRef`]; the field is `None` for `store.*`.
impl FieldRef {
    pub fn parts(&self) -> (&str, Option<&str>) {
        let (store, field) = self.0.split_once('.').unwrap_or((&self.0, ""));
        (store, (field != "*").then_some(field))
    }
}

/// Where a store is hosted: one country code or a list of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Locations(pub Vec<Spanned<Country>>);

impl<'de> Deserialize<'de> for Locations {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The single form takes the span of the whole value; list items have their own.
        let Spanned { value, span } = Spanned::<LocationShape>::deserialize(deserializer)?;
        Ok(Locations(match value {
            LocationShape::One(code) => vec![Spanned::new(Country(code), span)],
            LocationShape::Many(codes) => codes,
        }))
    }
}

enum LocationShape {
    One(String),
    Many(Vec<Spanned<Country>>),
}

impl<'de> Deserialize<'de> for LocationShape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;
        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = LocationShape;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a country code or a list of them")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LocationShape, E> {
                Ok(LocationShape::One(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LocationShape, A::Error> {
                let mut codes = Vec::new();
                while let Some(code) = seq.next_element()? {
                    codes.push(code);
                }
                Ok(LocationShape::Many(codes))
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

impl JsonSchema for Locations {
    fn schema_name() -> Cow<'static, str> {
        "Locations".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let country = generator.subschema_for::<Country>();
        json_schema!({
            "description": "Where the data is hosted: a country code or a list of them.",
            "anyOf": [country, {"type": "array", "items": country}],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `store.*` has no field part.
    #[test]
    fn field_ref_parts() {
        assert_eq!(FieldRef("crm.email".into()).parts(), ("crm", Some("email")));
        assert_eq!(FieldRef("crm.*".into()).parts(), ("crm", None));
    }
}

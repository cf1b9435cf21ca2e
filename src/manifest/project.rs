//! `datacarto.yaml`: the project file at the root of a map (the controller's identity and
//! the settings).

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

use super::enums::{Language, LevelName};
use super::spanned::Spanned;
use super::text::Country;

/// The project file.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// The controller: the header of the GDPR register (art. 30(1)(a)).
    pub organization: Option<Spanned<Organization>>,
    /// The default language of HTML, SVG and register outputs. Default: `en`.
    pub language: Option<Language>,
    /// Globs, relative to the root, of files and folders to skip.
    pub exclude: Option<Vec<Spanned<String>>>,
    /// The level of each rule, and its options.
    pub rules: Option<RuleTable>,
    /// A link to each rule's documentation, for code scanning (SARIF `helpUri`): `{rule}` is
    /// replaced by the rule's name, e.g.
    /// `https://github.com/acme/data-map/blob/main/docs/rules/{rule}.md`.
    pub rule_help_uri: Option<String>,
    /// The zones of the map, left to right: each a column of the whole map holding the
    /// stores of its domains (a store's own `zone:` wins).
    pub zones: Option<Vec<Zone>>,
}

/// A zone of the map and the domains drawn in it.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    /// The zone's title on the map; stores name it in `zone:`.
    pub name: Spanned<String>,
    /// The domains whose stores are drawn in the zone.
    pub domains: Option<Vec<Spanned<String>>>,
}

/// The controller's identity.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    pub name: Option<String>,
    pub address: Option<String>,
    /// The country of the establishment.
    pub country: Option<Spanned<Country>>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The data protection officer.
    pub dpo: Option<Contact>,
    /// The EU representative, for controllers outside the EU (art. 27).
    pub representative: Option<Contact>,
    /// A link to the privacy notice given to people (GDPR arts. 13 and 14).
    pub privacy_policy: Option<String>,
}

/// A person or body to contact.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// A rule's setting: a level, or a mapping with `level` and the rule's options.
#[derive(Clone, Debug, PartialEq)]
pub enum RuleSetting {
    Level(LevelName),
    Detailed { level: Option<LevelName>, options: Vec<(Spanned<String>, Spanned<OptionValue>)> },
}

/// The value of a rule option.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OptionValue {
    Bool(bool),
    Int(i64),
    Number(f64),
    Text(String),
}

/// `rules:`, in file order, with the place of each rule name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RuleTable(pub Vec<(Spanned<String>, Spanned<RuleSetting>)>);

impl<'de> Deserialize<'de> for RuleTable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TableVisitor;
        impl<'de> Visitor<'de> for TableVisitor {
            type Value = RuleTable;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of rule names to levels")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleTable, A::Error> {
                let mut rules = Vec::new();
                while let Some(entry) = map.next_entry::<Spanned<String>, Spanned<RawSetting>>()? {
                    let (name, Spanned { value, span }) = entry;
                    let setting = match value {
                        RawSetting::Level(level) => RuleSetting::Level(level),
                        RawSetting::Detailed(options) => {
                            let mut level = None;
                            let mut rest = Vec::new();
                            for (key, value) in options {
                                match (&*key.value, &value.value) {
                                    ("level", OptionValue::Text(text)) => {
                                        level = LevelName::parse(text);
                                    }
                                    _ => rest.push((key, value)),
                                }
                            }
                            RuleSetting::Detailed { level, options: rest }
                        }
                    };
                    rules.push((name, Spanned::new(setting, span)));
                }
                Ok(RuleTable(rules))
            }
        }
        deserializer.deserialize_map(TableVisitor)
    }
}

enum RawSetting {
    Level(LevelName),
    Detailed(Vec<(Spanned<String>, Spanned<OptionValue>)>),
}

impl<'de> Deserialize<'de> for RawSetting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SettingVisitor;
        impl<'de> Visitor<'de> for SettingVisitor {
            type Value = RawSetting;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a level, or a mapping with `level` and options")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawSetting, E> {
                LevelName::parse(v)
                    .map(RawSetting::Level)
                    .ok_or_else(|| E::custom(format!("unknown level `{v}`")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawSetting, A::Error> {
                let mut options = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    options.push(entry);
                }
                Ok(RawSetting::Detailed(options))
            }
        }
        deserializer.deserialize_any(SettingVisitor)
    }
}

impl JsonSchema for RuleTable {
    fn schema_name() -> Cow<'static, str> {
        "RuleTable".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let level = generator.subschema_for::<LevelName>();
        let names = generator.subschema_for::<RuleName>();
        json_schema!({
            "description": "The level of each rule (`off`, `info`, `warn`, `error`), or a mapping with `level` and the rule's options.",
            "type": "object",
            "propertyNames": names,
            "additionalProperties": {
                "anyOf": [
                    level,
                    {
                        "type": "object",
                        "properties": {"level": level},
                        "additionalProperties": {"type": ["boolean", "integer", "number", "string"]},
                    }
                ]
            },
        })
    }
}

/// The name of a rule of the catalogue (`datacarto rules`).
pub struct RuleName;

impl JsonSchema for RuleName {
    fn schema_name() -> Cow<'static, str> {
        "RuleName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let names: Vec<&str> = crate::rules::names().collect();
        json_schema!({
            "description": "The name of a rule of the catalogue (`datacarto rules`).",
            "type": "string",
            "enum": names,
        })
    }
}

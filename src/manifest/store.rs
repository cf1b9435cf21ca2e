//! Stores and their fields, and the retention of a field or a purpose.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use super::entities::Allow;
use super::enums::{
    EndAction, ErasureMethod, FieldSource, RetentionBasis, RetentionTrigger, SecurityMeasure,
    SpecialCategory, StoreKind, StoreStatus,
};
use super::spanned::Spanned;
use super::text::{CategoryKey, Country, DateText, Duration, Id, Locations};

/// A place where data lives: an application, a database, a SaaS tool, a spreadsheet, a file
/// share, or an outside party that receives data.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Store {
    pub id: Spanned<Id>,
    /// Display name. Default: the id.
    pub name: Option<String>,
    /// What the store is.
    pub kind: Option<StoreKind>,
    /// The team that owns the store (a team id).
    pub owner: Option<Spanned<Id>>,
    /// A free grouping label that clusters the map. Default: the owner.
    pub domain: Option<String>,
    /// The zone of the map the store is drawn in (a column of the whole map: acquisition,
    /// customer master, activation…). Default: the zone of its domain in `zones:` of
    /// datacarto.yaml.
    pub zone: Option<String>,
    pub description: Option<String>,
    /// Default: `active`.
    pub status: Option<StoreStatus>,
    /// ISO country codes where the data is hosted: one or a list.
    pub location: Option<Locations>,
    /// The outside processor that operates the store; absent means operated in house.
    pub vendor: Option<String>,
    /// A link to the processor contract (GDPR art. 28).
    pub contract: Option<String>,
    /// True for an outside controller or recipient (data broker, ad platform, partner).
    pub external: Option<bool>,
    /// True for the customer master (golden record) of the map.
    pub referential: Option<bool>,
    /// The approximate number of records.
    #[schemars(range(min = 0))]
    pub records: Option<u64>,
    /// The Chapter V safeguard for a store outside the EEA that collects personal data
    /// directly (no flow brings it there): same shape as a flow's `transfer`.
    pub transfer: Option<super::flow::Transfer>,
    /// The security measures protecting the store, as CNIL families.
    pub security: Option<Vec<SecurityMeasure>>,
    /// How one person's data is erased here when they ask (GDPR art. 17): what the
    /// rights-request checklist (`datacarto dsr`) says to do in this store.
    pub erasure: Option<Erasure>,
    /// Which definition of each glossary term the store's records follow, as
    /// `term: definition` (`customer: buyer-12-months`).
    pub defines: Option<Defines>,
    /// Which teams may read, write and administer the store. A team that writes also reads;
    /// one that administers also writes. Absent: who has access is not stated.
    pub access: Option<Access>,
    /// The last quality audit of the store's records and when the next is due.
    pub quality: Option<StoreQuality>,
    /// The last review of the processor (the vendor's contract, security, sub-processors)
    /// and how often it is due (GDPR art. 28(1): sufficient guarantees, checked again).
    pub review: Option<Review>,
    /// The sub-processors the vendor engages for this store (GDPR art. 28(2) and (4)): who,
    /// where, for what. Absent: not stated; `[]`: the vendor engages none.
    pub sub_processors: Option<Vec<SubProcessor>>,
    /// Where the real system lives, for `datacarto scan`.
    pub scan: Option<super::scan::Scan>,
    /// The fields the store holds.
    pub fields: Option<Vec<Field>>,
    pub allow: Option<Vec<Allow>>,
}

/// `defines:` of a store: glossary term id → definition id, in file order, with places.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Defines(pub Vec<(Spanned<Id>, Spanned<Id>)>);

impl<'de> Deserialize<'de> for Defines {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DefinesVisitor;
        impl<'de> serde::de::Visitor<'de> for DefinesVisitor {
            type Value = Defines;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping of glossary terms to definitions")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Defines, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry::<Spanned<Id>, Spanned<Id>>()? {
                    pairs.push(pair);
                }
                Ok(Defines(pairs))
            }
        }
        deserializer.deserialize_map(DefinesVisitor)
    }
}

impl JsonSchema for Defines {
    fn schema_name() -> Cow<'static, str> {
        "Defines".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let id = generator.subschema_for::<Id>();
        json_schema!({
            "description": "Which definition of each glossary term the store's records follow: `term: definition`.",
            "type": "object",
            "propertyNames": id,
            "additionalProperties": id,
        })
    }
}

/// A store's quality audit: what it measured and when.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoreQuality {
    /// The share of complete records, from 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub completeness: Option<Spanned<f64>>,
    /// The share of records that duplicate another one (the same person twice), 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub duplicates_rate: Option<Spanned<f64>>,
    /// The day of the last audit.
    pub last_audit: Option<Spanned<DateText>>,
    /// How often the audit is due: an ISO 8601 period (`P1Y`, `P6M`).
    pub audit_every: Option<Spanned<Duration>>,
}

/// A processor's review: when it was last done and how often it is due.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The day of the last review.
    pub last: Option<Spanned<DateText>>,
    /// How often the review is due: an ISO 8601 period (`P1Y`, `P6M`).
    pub every: Option<Spanned<Duration>>,
}

/// A sub-processor engaged by a store's vendor.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubProcessor {
    /// Its name (the company).
    pub name: String,
    /// Where it processes the data: an ISO 3166-1 alpha-2 code.
    pub country: Spanned<Country>,
    /// What it does for the vendor (hosting, e-mail delivery, support).
    pub purpose: Option<String>,
}

/// A field's quality audit.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldQuality {
    /// The share of values that duplicate another record's (the same e-mail twice), 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    pub duplicates_rate: Option<Spanned<f64>>,
    /// The day of the last audit.
    pub last_audit: Option<Spanned<DateText>>,
    /// How often the audit is due: an ISO 8601 period (`P1Y`, `P6M`).
    pub audit_every: Option<Spanned<Duration>>,
}

/// Access rights to a store, by team.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Access {
    /// Teams that read the data (and only read it).
    pub read: Option<Vec<Spanned<Id>>>,
    /// Teams that create and change records (they read too).
    pub write: Option<Vec<Spanned<Id>>>,
    /// Teams that administer the store: users, rights, exports, deletion (they write too).
    pub admin: Option<Vec<Spanned<Id>>>,
}

/// How a store erases one person's data on request.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Erasure {
    /// The method: `api`, `manual`, `automatic-retention` or `not-possible`.
    pub method: Spanned<ErasureMethod>,
    /// How to do it, for whoever handles the request: the call, the screen, the script,
    /// the runbook link.
    pub how: Option<String>,
    /// Why the data cannot be erased (with `not-possible`): a legal obligation to keep it,
    /// an append-only system… Also for any other method, what limits it.
    pub reason: Option<String>,
}

// A field as written: the schema of `fields:` items (its doc comment is the schema's
// description). It is read, then folded into the smaller `Field`, its rarely written
// attributes boxed.
/// A field of a store.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Field")]
struct FieldDecl {
    /// Unique within its store; referenced as `store.field`.
    id: Spanned<Id>,
    name: Option<String>,
    /// The column that holds the field in the scanned system, when it is not the field id:
    /// `COLUMN`, or `TABLE.COLUMN` when several tables have it.
    column: Option<Spanned<String>>,
    /// The table (collection, sheet, object) of the store the field belongs to: the site
    /// lists a store's fields table by table. Fields stay `store.field`: ids are unique in
    /// the store whatever their table.
    table: Option<String>,
    /// The data category key (fideslang or the map's own).
    category: Option<Spanned<CategoryKey>>,
    /// Whether the field holds personal data. Default: derived from the category.
    personal: Option<bool>,
    /// The special category when the category does not say it.
    special: Option<SpecialCategory>,
    /// True for a customer identifier usable to reconcile stores.
    identifier: Option<bool>,
    /// The share of records where the field is filled, from 0 to 1.
    #[schemars(range(min = 0.0, max = 1.0))]
    completeness: Option<Spanned<f64>>,
    /// The standard the values follow (free text: `email`, `E.164`, `ISO 8601`…).
    format: Option<String>,
    /// How the data enters the store.
    source: Option<FieldSource>,
    /// How the data is collected (the collection plan).
    collection: Option<String>,
    /// What collecting it costs (free text: `0.40 EUR per record`, `included in the form`).
    collection_cost: Option<String>,
    /// How it is kept up to date (the person's account page, a yearly campaign, a flow).
    update: Option<String>,
    /// What keeping it up to date costs.
    update_cost: Option<String>,
    retention: Option<Box<Spanned<Retention>>>,
    description: Option<String>,
    /// True for a field kept only until its users move off it.
    deprecated: Option<bool>,
    /// The last quality audit of this field and when the next is due (its completeness is
    /// the field's `completeness`).
    quality: Option<Box<FieldQuality>>,
    allow: Option<Vec<Allow>>,
}

/// A field of a store (the schema: `FieldDecl`, as written).
#[derive(Clone, Debug)]
pub struct Field {
    pub id: Spanned<Id>,
    pub name: Option<String>,
    pub category: Option<Spanned<CategoryKey>>,
    pub personal: Option<bool>,
    pub special: Option<SpecialCategory>,
    pub identifier: Option<bool>,
    pub completeness: Option<Spanned<f64>>,
    pub format: Option<String>,
    pub source: Option<FieldSource>,
    // Boxed, like `quality`: rarely written, and a map holds hundreds of thousands of fields
    // (each unboxed one made every field about 120 bytes larger).
    pub retention: Option<Box<Spanned<Retention>>>,
    pub deprecated: Option<bool>,
    pub quality: Option<Box<FieldQuality>>,
    /// The free-text attributes most fields leave unwritten, boxed: a map holds hundreds of
    /// thousands of fields, twice while it resolves, and inline they made each one 176 bytes
    /// larger. `None` when none is written. The model keeps the same box.
    pub notes: Option<Box<FieldNotes>>,
    pub allow: Option<Vec<Allow>>,
}

/// The rarely written free-text attributes of a field (see `FieldDecl` for what each says).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldNotes {
    pub column: Option<Spanned<String>>,
    pub table: Option<String>,
    pub collection: Option<String>,
    pub collection_cost: Option<String>,
    pub update: Option<String>,
    pub update_cost: Option<String>,
    pub description: Option<String>,
}

impl FieldNotes {
    /// Whether none of the notes is written.
    pub fn is_empty(&self) -> bool {
        *self == FieldNotes::default()
    }

    /// The notes boxed, or `None` when none is written.
    pub fn boxed(self) -> Option<Box<FieldNotes>> {
        (!self.is_empty()).then(|| Box::new(self))
    }
}

impl From<FieldDecl> for Field {
    fn from(f: FieldDecl) -> Field {
        let notes = FieldNotes {
            column: f.column,
            table: f.table,
            collection: f.collection,
            collection_cost: f.collection_cost,
            update: f.update,
            update_cost: f.update_cost,
            description: f.description,
        };
        Field {
            id: f.id,
            name: f.name,
            category: f.category,
            personal: f.personal,
            special: f.special,
            identifier: f.identifier,
            completeness: f.completeness,
            format: f.format,
            source: f.source,
            retention: f.retention,
            deprecated: f.deprecated,
            quality: f.quality,
            notes: notes.boxed(),
            allow: f.allow,
        }
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        FieldDecl::deserialize(deserializer).map(Field::from)
    }
}

impl JsonSchema for Field {
    fn schema_name() -> Cow<'static, str> {
        FieldDecl::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        FieldDecl::json_schema(generator)
    }
}

/// How long data is kept: a sentence, or a structured period.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Retention {
    /// A sentence saying how long: `3 years after the last order`. A bare number is refused.
    Text(#[schemars(pattern(r"[^\s0-9.,+-]"))] String),
    Period(RetentionPeriod),
}

/// A structured retention period.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetentionPeriod {
    /// An ISO 8601 period: `P3Y`, `P13M`.
    pub duration: Option<Duration>,
    /// The event the period runs from.
    pub trigger: Option<Trigger>,
    /// What happens at the end of the period.
    pub end_action: Option<EndAction>,
    /// Where the period comes from.
    pub basis: Option<RetentionBasis>,
    /// The text or decision the period comes from.
    pub reference: Option<String>,
    /// The criteria used when no number fits.
    pub criteria: Option<String>,
}

/// A retention trigger: one of the vocabulary, or `event:<name>`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Trigger {
    Known(RetentionTrigger),
    Event(String),
}

impl Trigger {
    pub fn as_str(&self) -> &str {
        match self {
            Trigger::Known(t) => t.as_str(),
            Trigger::Event(e) => e,
        }
    }
}

impl JsonSchema for Trigger {
    fn schema_name() -> Cow<'static, str> {
        "Trigger".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let known = generator.subschema_for::<RetentionTrigger>();
        json_schema!({
            "description": "The event a retention period runs from, or `event:<name>` for another event.",
            "anyOf": [known, {"type": "string", "pattern": "^event:[a-z0-9_-]+$"}],
        })
    }
}

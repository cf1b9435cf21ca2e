//! The entities a map holds by the hundred thousand (stores and their fields, flows and
//! their field mappings, purposes and their uses) read straight from a validated tree,
//! without serde's visitors, field-name seeds and `Spanned` protocol: at 500,000 fields that
//! layer cost about as much as validating the tree.
//!
//! This is only a faster road to the same value. Anything it does not expect (a key it does
//! not know, a key written twice, a value of another kind, a required key missing) makes it
//! give up (`None`), and the entity is read by serde as before (`de`), with the same errors,
//! places and pruning. Rarely written nested attributes (`retention:`, `transfer:`, `allow:`…)
//! are read by serde here too. `tests` checks that both roads give the same value on every
//! example and fixture of the repository.

use serde::de::DeserializeOwned;

use super::de;
use super::scalar;
use super::yaml::{Key, Node, NodeKind};
use crate::manifest::entities::{Category, Objective, Subject, Team, Term};
use crate::manifest::enums::{
    Art9Condition, Direction, FieldSource, Frequency, LegalBasis, Mechanism, PurposeStatus,
    SecurityMeasure, SpecialCategory, StoreKind, StoreStatus,
};
use crate::manifest::flow::{FieldMapping, Flow};
use crate::manifest::project::Project;
use crate::manifest::purpose::Purpose;
use crate::manifest::spanned::Spanned;
use crate::manifest::store::{Field, Store};
use crate::manifest::text::{CategoryKey, DateText, FieldRef, Id};
use crate::source::{FileId, Span};

/// A manifest type that may be read without serde; the default is not to.
pub(super) trait Direct: DeserializeOwned {
    fn direct(_r: &Reader<'_>, _node: &Node<'_>) -> Option<Self> {
        None
    }
}

impl Direct for Team {}
impl Direct for Objective {}
impl Direct for Subject {}
impl Direct for Category {}
impl Direct for Term {}
impl Direct for Project {}

/// The file a tree comes from, and its text (numbers read as text are read as written).
pub(super) struct Reader<'t> {
    pub file: FileId,
    pub text: &'t str,
}

/// Reads the entries of a mapping node into slots, one per key, each with its reader: a
/// key not listed, or listed twice, gives up. Evaluates to the tuple of the slots.
macro_rules! entries {
    ($r:expr, $node:expr, { $($key:literal => $slot:ident : $read:expr),+ $(,)? }) => {{
        $(let mut $slot = None;)+
        for (key, value) in $r.entries($node)? {
            match key.name.as_ref() {
                $($key => {
                    if $slot.is_some() {
                        return None;
                    }
                    $slot = Some($read(value)?);
                })+
                _ => return None,
            }
        }
        ($($slot,)+)
    }};
}

impl Reader<'_> {
    fn entries<'n, 'a>(&self, node: &'n Node<'a>) -> Option<&'n [(Key<'a>, Node<'a>)]> {
        match &node.kind {
            NodeKind::Map(entries) => Some(entries),
            _ => None,
        }
    }

    fn span(&self, node: &Node<'_>) -> Span {
        Span { file: self.file, start: node.start, end: node.end }
    }

    /// Text as `de` reads it ([`scalar::as_text`]).
    fn text<'n>(&'n self, node: &'n Node<'_>) -> Option<&'n str> {
        scalar::as_text(node, self.text)
    }

    fn string(&self, node: &Node<'_>) -> Option<String> {
        self.text(node).map(str::to_owned)
    }

    fn id(&self, node: &Node<'_>) -> Option<Id> {
        self.string(node).map(Id)
    }

    fn spanned_id(&self, node: &Node<'_>) -> Option<Spanned<Id>> {
        Some(Spanned::new(self.id(node)?, self.span(node)))
    }

    fn spanned<T>(
        &self,
        node: &Node<'_>,
        read: impl Fn(&Node<'_>) -> Option<T>,
    ) -> Option<Spanned<T>> {
        Some(Spanned::new(read(node)?, self.span(node)))
    }

    /// `Option<T>`: null is `None`, anything else must read as `T`.
    fn optional<T>(
        &self,
        node: &Node<'_>,
        read: impl Fn(&Node<'_>) -> Option<T>,
    ) -> Option<Option<T>> {
        match node.kind {
            NodeKind::Null => Some(None),
            _ => read(node).map(Some),
        }
    }

    /// A list, allocated at its length: collecting through `Option` would grow it by
    /// doubling, up to twice the memory for a store's fields (a field is 392 bytes).
    fn list<T>(&self, node: &Node<'_>, read: impl Fn(&Node<'_>) -> Option<T>) -> Option<Vec<T>> {
        let NodeKind::Seq(items) = &node.kind else { return None };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(read(item)?);
        }
        Some(out)
    }

    /// Only a YAML boolean is a boolean (serde's `bool` refuses anything else).
    fn boolean(&self, node: &Node<'_>) -> Option<bool> {
        match node.kind {
            NodeKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    fn whole(&self, node: &Node<'_>) -> Option<u64> {
        scalar::as_whole(&node.kind).and_then(|i| u64::try_from(i).ok())
    }

    fn number(&self, node: &Node<'_>) -> Option<f64> {
        scalar::as_number(&node.kind)
    }

    /// A rarely written attribute, through serde.
    fn serde<T: DeserializeOwned>(&self, node: &Node<'_>) -> Option<T> {
        de::from_node(node, self.file, self.text).ok()
    }
}

/// A value of a closed vocabulary: its text, matched as serde's derive matches it.
macro_rules! vocab {
    ($r:expr, $ty:ty) => {
        |n: &Node<'_>| $r.optional(n, |n| <$ty>::parse($r.text(n)?))
    };
}

impl Direct for Store {
    fn direct(r: &Reader<'_>, node: &Node<'_>) -> Option<Store> {
        let opt_string = |n: &Node<'_>| r.optional(n, |n| r.string(n));
        let opt_bool = |n: &Node<'_>| r.optional(n, |n| r.boolean(n));
        let opt_id = |n: &Node<'_>| r.optional(n, |n| r.spanned_id(n));
        let (
            id,
            name,
            kind,
            owner,
            domain,
            zone,
            description,
            status,
            location,
            vendor,
            contract,
            external,
            referential,
            records,
            transfer,
            security,
            erasure,
            defines,
            access,
            quality,
            review,
            sub_processors,
            scan,
            fields,
            allow,
        ) = entries!(r, node, {
            "id" => id: |n| r.spanned_id(n),
            "name" => name: opt_string,
            "kind" => kind: vocab!(r, StoreKind),
            "owner" => owner: opt_id,
            "domain" => domain: opt_string,
            "zone" => zone: opt_string,
            "description" => description: opt_string,
            "status" => status: vocab!(r, StoreStatus),
            "location" => location: |n| r.optional(n, |n| r.serde(n)),
            "vendor" => vendor: opt_string,
            "contract" => contract: opt_string,
            "external" => external: opt_bool,
            "referential" => referential: opt_bool,
            "records" => records: |n| r.optional(n, |n| r.whole(n)),
            "transfer" => transfer: |n| r.optional(n, |n| r.serde(n)),
            "security" => security: |n| r.optional(n, |n| {
                r.list(n, |n| SecurityMeasure::parse(r.text(n)?))
            }),
            "erasure" => erasure: |n| r.optional(n, |n| r.serde(n)),
            "defines" => defines: |n| r.optional(n, |n| r.serde(n)),
            "access" => access: |n| r.optional(n, |n| r.serde(n)),
            "quality" => quality: |n| r.optional(n, |n| r.serde(n)),
            "review" => review: |n| r.optional(n, |n| r.serde(n)),
            "sub_processors" => sub_processors: |n| r.optional(n, |n| r.serde(n)),
            "scan" => scan: |n| r.optional(n, |n| r.serde(n)),
            "fields" => fields: |n| r.optional(n, |n| r.list(n, |n| Field::direct(r, n))),
            "allow" => allow: |n| r.optional(n, |n| r.serde(n)),
        });
        Some(Store {
            id: id?,
            name: name.flatten(),
            kind: kind.flatten(),
            owner: owner.flatten(),
            domain: domain.flatten(),
            zone: zone.flatten(),
            description: description.flatten(),
            status: status.flatten(),
            location: location.flatten(),
            vendor: vendor.flatten(),
            contract: contract.flatten(),
            external: external.flatten(),
            referential: referential.flatten(),
            records: records.flatten(),
            transfer: transfer.flatten(),
            security: security.flatten(),
            erasure: erasure.flatten(),
            defines: defines.flatten(),
            access: access.flatten(),
            quality: quality.flatten(),
            review: review.flatten(),
            sub_processors: sub_processors.flatten(),
            scan: scan.flatten(),
            fields: fields.flatten(),
            allow: allow.flatten(),
        })
    }
}

impl Direct for Field {
    fn direct(r: &Reader<'_>, node: &Node<'_>) -> Option<Field> {
        let opt_string = |n: &Node<'_>| r.optional(n, |n| r.string(n));
        let opt_bool = |n: &Node<'_>| r.optional(n, |n| r.boolean(n));
        let (
            id,
            name,
            column,
            table,
            category,
            personal,
            special,
            identifier,
            completeness,
            format,
            source,
            collection,
            collection_cost,
            update,
            update_cost,
            retention,
            description,
            deprecated,
            quality,
            allow,
        ) = entries!(r, node, {
            "id" => id: |n| r.spanned_id(n),
            "name" => name: opt_string,
            "column" => column: |n| r.optional(n, |n| r.spanned(n, |n| r.string(n))),
            "table" => table: opt_string,
            "category" => category: |n| {
                r.optional(n, |n| r.spanned(n, |n| r.string(n).map(CategoryKey)))
            },
            "personal" => personal: opt_bool,
            "special" => special: vocab!(r, SpecialCategory),
            "identifier" => identifier: opt_bool,
            "completeness" => completeness: |n| {
                r.optional(n, |n| r.spanned(n, |n| r.number(n)))
            },
            "format" => format: opt_string,
            "source" => source: vocab!(r, FieldSource),
            "collection" => collection: opt_string,
            "collection_cost" => collection_cost: opt_string,
            "update" => update: opt_string,
            "update_cost" => update_cost: opt_string,
            "retention" => retention: |n| r.optional(n, |n| r.serde(n)),
            "description" => description: opt_string,
            "deprecated" => deprecated: opt_bool,
            "quality" => quality: |n| r.optional(n, |n| r.serde(n)),
            "allow" => allow: |n| r.optional(n, |n| r.serde(n)),
        });
        Some(Field {
            id: id?,
            name: name.flatten(),
            column: column.flatten(),
            table: table.flatten(),
            category: category.flatten(),
            personal: personal.flatten(),
            special: special.flatten(),
            identifier: identifier.flatten(),
            completeness: completeness.flatten(),
            format: format.flatten(),
            source: source.flatten(),
            collection: collection.flatten(),
            collection_cost: collection_cost.flatten(),
            update: update.flatten(),
            update_cost: update_cost.flatten(),
            retention: retention.flatten(),
            description: description.flatten(),
            deprecated: deprecated.flatten(),
            quality: quality.flatten(),
            allow: allow.flatten(),
        })
    }
}

impl Direct for Flow {
    fn direct(r: &Reader<'_>, node: &Node<'_>) -> Option<Flow> {
        let opt_id = |n: &Node<'_>| r.optional(n, |n| r.spanned_id(n));
        let (
            id,
            from,
            to,
            fields,
            mechanism,
            frequency,
            direction,
            owner,
            description,
            transfer,
            purposes,
            allow,
        ) = entries!(r, node, {
            "id" => id: opt_id,
            "from" => from: |n| r.spanned_id(n),
            "to" => to: |n| r.spanned_id(n),
            "fields" => fields: |n| r.optional(n, |n| r.list(n, |n| mapping(r, n))),
            "mechanism" => mechanism: vocab!(r, Mechanism),
            "frequency" => frequency: vocab!(r, Frequency),
            "direction" => direction: vocab!(r, Direction),
            "owner" => owner: opt_id,
            "description" => description: |n| r.optional(n, |n| r.string(n)),
            "transfer" => transfer: |n| r.optional(n, |n| r.serde(n)),
            "purposes" => purposes: |n| r.optional(n, |n| r.list(n, |n| r.spanned_id(n))),
            "allow" => allow: |n| r.optional(n, |n| r.serde(n)),
        });
        Some(Flow {
            id: id.flatten(),
            from: from?,
            to: to?,
            fields: fields.flatten(),
            mechanism: mechanism.flatten(),
            frequency: frequency.flatten(),
            direction: direction.flatten(),
            owner: owner.flatten(),
            description: description.flatten(),
            transfer: transfer.flatten(),
            purposes: purposes.flatten(),
            allow: allow.flatten(),
        })
    }
}

/// A flow's field: `email` (both ends at the item), or `source: target` (each at its own
/// text). As serde reads it: a string (not a number) or a mapping of exactly one entry.
fn mapping(r: &Reader<'_>, node: &Node<'_>) -> Option<FieldMapping> {
    match &node.kind {
        NodeKind::Str(id) => {
            let span = r.span(node);
            Some(FieldMapping {
                source: Spanned::new(Id(id.to_string()), span),
                target: Spanned::new(Id(id.to_string()), span),
            })
        }
        NodeKind::Map(entries) => match entries.as_slice() {
            [(key, value)] => Some(FieldMapping {
                source: Spanned::new(
                    Id(key.name.to_string()),
                    Span { file: r.file, start: key.start, end: key.end },
                ),
                target: r.spanned_id(value)?,
            }),
            _ => None,
        },
        _ => None,
    }
}

impl Direct for Purpose {
    fn direct(r: &Reader<'_>, node: &Node<'_>) -> Option<Purpose> {
        let opt_string = |n: &Node<'_>| r.optional(n, |n| r.string(n));
        let opt_bool = |n: &Node<'_>| r.optional(n, |n| r.boolean(n));
        let opt_id = |n: &Node<'_>| r.optional(n, |n| r.spanned_id(n));
        let opt_date =
            |n: &Node<'_>| r.optional(n, |n| r.spanned(n, |n| r.string(n).map(DateText)));
        let opt_category =
            |n: &Node<'_>| r.optional(n, |n| r.spanned(n, |n| r.string(n).map(CategoryKey)));
        let (
            id,
            name,
            objective,
            owner,
            description,
            data_use,
            legal_basis,
            legal_reference,
            legitimate_interest,
            lia,
            consent_record,
            special_condition,
            subjects,
            uses,
            needs,
            collect,
            retention,
            recipients,
            profiling,
            automated_decision,
            dpia,
            status,
            schedule1_condition,
            retention_policy,
            retention_policy_followed,
            retention_policy_deviation,
            created,
            updated,
            allow,
        ) = entries!(r, node, {
            "id" => id: |n| r.spanned_id(n),
            "name" => name: opt_string,
            "objective" => objective: opt_id,
            "owner" => owner: opt_id,
            "description" => description: opt_string,
            "use" => data_use: opt_category,
            "legal_basis" => legal_basis: |n| {
                r.optional(n, |n| r.spanned(n, |n| LegalBasis::parse(r.text(n)?)))
            },
            "legal_reference" => legal_reference: opt_string,
            "legitimate_interest" => legitimate_interest: opt_string,
            "lia" => lia: opt_string,
            "consent_record" => consent_record: |n| {
                r.optional(n, |n| r.spanned(n, |n| r.string(n).map(FieldRef)))
            },
            "special_condition" => special_condition: vocab!(r, Art9Condition),
            "subjects" => subjects: |n| r.optional(n, |n| r.list(n, |n| r.spanned_id(n))),
            "uses" => uses: |n| {
                r.optional(n, |n| r.list(n, |n| r.spanned(n, |n| r.string(n).map(FieldRef))))
            },
            "needs" => needs: |n| {
                r.optional(n, |n| r.list(n, |n| r.spanned(n, |n| r.string(n).map(CategoryKey))))
            },
            "collect" => collect: |n| r.optional(n, |n| r.serde(n)),
            "retention" => retention: |n| r.optional(n, |n| r.serde(n)),
            "recipients" => recipients: |n| {
                r.optional(n, |n| r.list(n, |n| r.spanned(n, |n| r.string(n))))
            },
            "profiling" => profiling: opt_bool,
            "automated_decision" => automated_decision: opt_bool,
            "dpia" => dpia: |n| r.optional(n, |n| r.serde(n)),
            "status" => status: vocab!(r, PurposeStatus),
            "schedule1_condition" => schedule1_condition: opt_string,
            "retention_policy" => retention_policy: opt_string,
            "retention_policy_followed" => retention_policy_followed: opt_bool,
            "retention_policy_deviation" => retention_policy_deviation: opt_string,
            "created" => created: opt_date,
            "updated" => updated: opt_date,
            "allow" => allow: |n| r.optional(n, |n| r.serde(n)),
        });
        Some(Purpose {
            id: id?,
            name: name.flatten(),
            objective: objective.flatten(),
            owner: owner.flatten(),
            description: description.flatten(),
            data_use: data_use.flatten(),
            legal_basis: legal_basis.flatten(),
            legal_reference: legal_reference.flatten(),
            legitimate_interest: legitimate_interest.flatten(),
            lia: lia.flatten(),
            consent_record: consent_record.flatten(),
            special_condition: special_condition.flatten(),
            subjects: subjects.flatten(),
            uses: uses.flatten(),
            needs: needs.flatten(),
            collect: collect.flatten(),
            retention: retention.flatten(),
            recipients: recipients.flatten(),
            profiling: profiling.flatten(),
            automated_decision: automated_decision.flatten(),
            dpia: dpia.flatten(),
            status: status.flatten(),
            schedule1_condition: schedule1_condition.flatten(),
            retention_policy: retention_policy.flatten(),
            retention_policy_followed: retention_policy_followed.flatten(),
            retention_policy_deviation: retention_policy_deviation.flatten(),
            created: created.flatten(),
            updated: updated.flatten(),
            allow: allow.flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::{shape, validate, yaml};
    use crate::manifest::store::Retention;

    /// Both roads on every entity of every document of `text`: the same value whenever the
    /// direct one reads it. Returns (entities, read directly).
    fn both_roads(text: &str) -> (usize, usize) {
        let Ok(mut docs) = yaml::parse(text) else { return (0, 0) };
        let (mut entities, mut direct) = (0, 0);
        for doc in &mut docs {
            let _ = validate::validate_all(doc, shape::document(), text);
            let NodeKind::Map(entries) = &doc.kind else { continue };
            for (key, value) in entries {
                let NodeKind::Seq(items) = &value.kind else { continue };
                for item in items {
                    let (d, s) = match key.name.as_ref() {
                        "stores" => same::<Store>(item, text),
                        "flows" => same::<Flow>(item, text),
                        "purposes" => same::<Purpose>(item, text),
                        _ => continue,
                    };
                    entities += usize::from(s);
                    direct += usize::from(d);
                }
            }
        }
        (entities, direct)
    }

    /// (read directly, read by serde); panics when both read and differ.
    fn same<T: Direct + std::fmt::Debug>(node: &Node<'_>, text: &str) -> (bool, bool) {
        let r = Reader { file: FileId(7), text };
        let direct = T::direct(&r, node);
        let serde = de::from_node::<T>(node, FileId(7), text).ok();
        if let (Some(d), Some(s)) = (&direct, &serde) {
            assert_eq!(format!("{d:?}"), format!("{s:?}"), "{text}");
        }
        assert!(serde.is_some() || direct.is_none(), "read directly, not by serde: {text}");
        (direct.is_some(), serde.is_some())
    }

    fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }

    /// Every example and fixture reads the same both ways; every entity of the examples
    /// (valid maps) is read directly, so the direct road is the one taken.
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test reads the repository's maps")]
    fn same_value_as_serde_on_every_example_and_fixture() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for (dir, all_direct) in [("examples", true), ("tests/fixtures", false), ("maps", false)] {
            let mut files = Vec::new();
            yaml_files(&root.join(dir), &mut files);
            let (mut entities, mut direct) = (0, 0);
            for path in files {
                let Ok(text) = std::fs::read_to_string(&path) else { continue };
                let (e, d) = both_roads(&text);
                if all_direct {
                    assert_eq!(d, e, "{}: every entity read directly", path.display());
                }
                (entities, direct) = (entities + e, direct + d);
            }
            assert!(direct > 0 || dir == "maps", "{dir}: {direct} of {entities}");
        }
    }

    /// The synthetic benchmark map, every entity read directly.
    #[test]
    fn same_value_on_the_synthetic_map() {
        let spec =
            crate::synth::Spec { stores: 40, fields: 600, flows: 120, purposes: 30, seed: 3 };
        for (path, text) in crate::synth::generate(&spec) {
            let (entities, direct) = both_roads(&text);
            assert_eq!(direct, entities, "{path}");
        }
    }

    /// Every attribute of the direct road, each in the spelling that tests it (numbers as
    /// text, null, spans of renamed mappings, nested attributes through serde).
    #[test]
    fn every_attribute_reads_the_same() {
        let text = r#"
stores:
  - id: crm
    name: 007
    kind: crm
    owner: sales
    domain: d
    zone: z
    description: ~
    status: legacy
    location: [FR, DE]
    vendor: V
    contract: https://x
    external: false
    referential: true
    records: 1e3
    transfer: {mechanism: scc_commission}
    security: [encryption]
    erasure: {method: api, how: call}
    defines: {customer: buyer}
    access: {read: [a], write: [b]}
    quality: {completeness: 0.5, last_audit: 2024-01-02}
    review: {last: 2024-01-02, every: P1Y}
    sub_processors: [{name: S, country: US}]
    fields:
      - id: email
        name: 1.10
        column: T.EMAIL
        table: t
        category: user.contact.email
        personal: true
        special: health
        identifier: true
        completeness: 1
        format: email
        source: collected
        collection: c
        collection_cost: cc
        update: u
        update_cost: uc
        retention: {duration: P3Y, trigger: event:x}
        description: d
        deprecated: false
        quality: {duplicates_rate: 0.1}
        allow: [{rule: missing-retention, reason: r}]
      - {id: zip, retention: 3 years after the last order}
flows:
  - id: f
    from: crm
    to: erp
    fields: [email, {zip: postcode}]
    mechanism: api
    frequency: daily
    direction: both
    owner: sales
    description: x
    transfer: {mechanism: adequacy, reference: r}
    purposes: [p]
  - {from: crm, to: erp, fields: ~}
purposes:
  - id: p
    name: P
    objective: o
    owner: sales
    description: x
    use: marketing.communications.email
    legal_basis: consent
    legal_reference: l
    legitimate_interest: li
    lia: https://lia
    consent_record: crm.consent
    special_condition: explicit_consent
    subjects: [customer]
    uses: [crm.email, crm.*]
    needs: [user.contact]
    collect: [{category: user.contact, collection: form}]
    retention: {duration: P1Y}
    recipients: [erp, A bank]
    profiling: true
    automated_decision: false
    dpia: {status: done, link: x}
    status: active
    schedule1_condition: s
    retention_policy: rp
    retention_policy_followed: true
    retention_policy_deviation: dev
    created: 2024-01-02
    updated: 2024-02-03
"#;
        assert_eq!(both_roads(text), (4, 4));
        let mut docs = yaml::parse(text).unwrap();
        let _ = validate::validate_all(&mut docs[0], shape::document(), text);
        let NodeKind::Map(entries) = &docs[0].kind else { panic!() };
        let NodeKind::Seq(stores) = &entries[0].1.kind else { panic!() };
        let r = Reader { file: FileId(1), text };
        let store = Store::direct(&r, &stores[0]).unwrap();
        assert_eq!(store.name.as_deref(), Some("007"), "a number read as written");
        assert_eq!(store.records, Some(1000));
        let fields = store.fields.unwrap();
        assert!(matches!(
            fields[1].retention.as_deref().map(|r| &r.value),
            Some(Retention::Text(_))
        ));
        let NodeKind::Seq(flows) = &entries[1].1.kind else { panic!() };
        let flow = Flow::direct(&r, &flows[0]).unwrap();
        let renamed = &flow.fields.unwrap()[1];
        assert_eq!(&text[renamed.source.span.range()], "zip");
        assert_eq!(&text[renamed.target.span.range()], "postcode");
    }

    /// Lists are allocated at their length, as serde allocates them (a field is 392 bytes:
    /// growing by doubling cost 65 MB at 500,000 fields).
    #[test]
    fn lists_take_no_more_room_than_their_items() {
        let text = "{id: a, fields: [{id: b}, {id: c}, {id: d}, {id: e}, {id: f}]}";
        let node = yaml::parse(text).unwrap().remove(0);
        let store = Store::direct(&Reader { file: FileId(0), text }, &node).unwrap();
        let fields = store.fields.unwrap();
        assert_eq!((fields.len(), fields.capacity()), (5, 5));
    }

    /// What the direct road does not expect is left to serde, which reports it as before:
    /// a key it does not know, a key written twice, a value of another kind, a missing id.
    #[test]
    fn the_unexpected_is_left_to_serde() {
        let r = |text| Reader { file: FileId(0), text };
        for text in [
            "{id: a, colour: red}",
            "{id: a, name: x, name: y}",
            "{id: a, records: many}",
            "{id: a, external: yes}",
            "{name: x}",
            "{id: a, fields: [{id: b, personal: 1}]}",
            "{id: a, kind: [crm]}",
            "[a]",
        ] {
            let node = yaml::parse(text).unwrap().remove(0);
            assert!(Store::direct(&r(text), &node).is_none(), "{text}");
        }
        for text in ["{from: a, to: b, fields: [7]}", "{from: a, to: b, fields: [{x: y, z: w}]}"] {
            let node = yaml::parse(text).unwrap().remove(0);
            assert!(Flow::direct(&r(text), &node).is_none(), "{text}");
        }
    }
}

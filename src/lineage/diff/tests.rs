//! Unit tests of `diff` on small in-memory maps: entities added, removed and changed
//! attribute by attribute, recipients and transfers, findings by id.

use super::*;
use crate::diag::{Entity as FindingEntity, EntityKind};
use crate::lineage::compile_yaml;

const OLD: &str = "
stores:
  - id: crm
    location: [FR]
    fields: [{id: email, category: user.contact.email}, {id: name, category: user.name}]
  - id: legacy
    fields: [{id: x}]
  - id: mailer
    vendor: Mailer Ltd
    location: [FR]
    fields: [{id: email, category: user.contact.email}]
flows:
  - {id: crm-mailer, from: crm, to: mailer, fields: [email], mechanism: api}
purposes:
  - {id: mail, name: Mail, uses: [crm.email, mailer.email], legal_basis: consent}
";

/// The new map: legacy gone, a US tool added with a flow, the mailer moved to the US with a
/// safeguard, a field renamed in display, the purpose using more fields.
const NEW: &str = "
stores:
  - id: crm
    location: [FR]
    fields: [{id: email, name: E-mail address, category: user.contact.email}, {id: name, category: user.name}]
  - id: mailer
    vendor: Mailer Ltd
    location: [US]
    fields: [{id: email, category: user.contact.email}, {id: name, category: user.name}]
  - id: survey
    location: [US]
    fields: [{id: email, category: user.contact.email}]
flows:
  - id: crm-mailer
    from: crm
    to: mailer
    fields: [email, name]
    mechanism: api
    transfer: {mechanism: scc_commission}
  - {id: crm-survey, from: crm, to: survey, fields: [email], mechanism: api, frequency: weekly}
purposes:
  - {id: mail, name: Mail, uses: [crm.email, crm.name, mailer.email], legal_basis: consent}
";

fn finding(rule: &'static str, key: &str, level: Level) -> Finding {
    let mut f = Finding::new(rule, format!("about {key}"))
        .entity(FindingEntity::new(EntityKind::Store, key));
    f.level = level;
    f.id = format!("{rule}:{key}");
    f
}

fn run(old_findings: &[Finding], new_findings: &[Finding]) -> Diff {
    let (old_model, old_graph) = compile_yaml(OLD);
    let (new_model, new_graph) = compile_yaml(NEW);
    diff(
        &Map { model: &old_model, graph: &old_graph, findings: old_findings, root: "old" },
        &Map { model: &new_model, graph: &new_graph, findings: new_findings, root: "new" },
    )
}

fn ids(entities: &[Entity]) -> Vec<&str> {
    entities.iter().map(|e| e.id.as_str()).collect()
}

/// Entities are matched by id; a field that comes or goes with its store says so.
#[test]
fn entities_added_removed_changed() {
    let d = run(&[], &[]);
    assert_eq!(ids(&d.stores.added), ["survey"]);
    assert_eq!(ids(&d.stores.removed), ["legacy"]);
    assert_eq!(ids(&d.fields.added), ["mailer.name", "survey.email"]);
    assert_eq!(d.fields.added.iter().map(|e| e.with_store).collect::<Vec<_>>(), [false, true]);
    assert_eq!(ids(&d.fields.removed), ["legacy.x"]);
    assert!(d.fields.removed[0].with_store);
    assert_eq!(ids(&d.flows.added), ["crm-survey"]);
    assert_eq!(d.flows.added[0].detail, "crm → survey, api, weekly, 1 field");

    let changed: Vec<(&str, Vec<&str>)> = d
        .stores
        .changed
        .iter()
        .chain(&d.fields.changed)
        .chain(&d.flows.changed)
        .chain(&d.purposes.changed)
        .map(|c| (c.id.as_str(), c.changes.iter().map(|a| a.attribute).collect()))
        .collect();
    assert_eq!(
        changed,
        [
            ("mailer", vec!["location"]),
            ("crm.email", vec!["name"]),
            ("crm-mailer", vec!["fields", "transfer"]),
            ("mail", vec!["uses"]),
        ]
    );
    let name = &d.fields.changed[0].changes[0];
    assert_eq!(
        (name.before.as_deref(), name.after.as_deref()),
        (Some("email"), Some("E-mail address"))
    );
    let uses = &d.purposes.changed[0].changes[0];
    assert_eq!(uses.added.as_deref(), Some(&["crm.name".to_owned()][..]));
    assert_eq!(uses.removed.as_deref(), Some(&[][..]));
    assert_eq!(d.summary.stores.added, 1);
}

/// Recipients and transfers outside the EEA, derived from both maps.
#[test]
fn recipients_and_transfers() {
    let d = run(&[], &[]);
    let recipients: Vec<(&str, &str, &str)> = d
        .recipients
        .added
        .iter()
        .map(|r| (r.purpose.as_str(), r.store.as_str(), r.class))
        .collect();
    assert_eq!(recipients, [("mail", "survey", "internal")]);
    assert!(d.recipients.removed.is_empty(), "the mailer still receives the e-mail");
    let added: Vec<(&str, &str, &str)> = d
        .transfers
        .added
        .iter()
        .map(|t| (t.flow.as_str(), t.store.as_str(), t.mechanism.as_str()))
        .collect();
    assert_eq!(
        added,
        [("crm-mailer", "mailer", "scc_commission"), ("crm-survey", "survey", "none")]
    );
    assert_eq!(d.transfers.added[1].countries, ["US"]);
    assert!(d.transfers.removed.is_empty() && d.transfers.changed.is_empty());
}

/// Findings by id, with the map folder taken out of file paths; new errors are counted.
#[test]
fn findings_by_id() {
    let mut yaml_old = finding("yaml-syntax", "old/a.yaml", Level::Error);
    yaml_old.id = "yaml-syntax:old/a.yaml".to_owned();
    let mut yaml_new = finding("yaml-syntax", "new/a.yaml", Level::Error);
    yaml_new.id = "yaml-syntax:new/a.yaml".to_owned();
    let old = [
        yaml_old,
        finding("orphan-store", "legacy", Level::Warn),
        finding("silo", "crm", Level::Warn),
    ];
    let new = [
        yaml_new,
        finding("silo", "crm", Level::Error),
        finding("transfer-without-safeguard", "crm-survey->survey", Level::Error),
        finding("missing-security", "survey", Level::Info),
    ];
    let d = run(&old, &new);
    let added: Vec<&str> = d.findings.added.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(added, ["transfer-without-safeguard:crm-survey->survey", "missing-security:survey"]);
    let removed: Vec<&str> = d.findings.removed.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(removed, ["orphan-store:legacy"]);
    assert_eq!(d.findings.level_changed.len(), 1);
    assert_eq!(d.summary.new_errors, 2, "one new error, one raised to error");
}

/// The same map twice: nothing to say.
#[test]
fn no_change() {
    let (model, graph) = compile_yaml(OLD);
    let side = Map { model: &model, graph: &graph, findings: &[], root: "." };
    let d = diff(&side, &side);
    assert!(d.is_empty());
    let mut out = Vec::new();
    render(&d, crate::lineage::Format::Md, &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "**datacarto diff**: no change.\n\n");
}

/// Markdown: the summary line first, manifest text escaped, long lists folded.
#[test]
fn markdown_comment() {
    let many: Vec<Finding> =
        (0..12).map(|i| finding("missing-security", &format!("s{i:02}"), Level::Info)).collect();
    let d = run(&[], &many);
    let mut out = Vec::new();
    render(&d, crate::lineage::Format::Md, &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    assert!(
        md.starts_with(
            "**datacarto diff**: 1 store added, 1 removed, 1 changed; 2 fields added, 1 removed, 1 changed; \
             1 flow added, 1 changed; 1 purpose changed · 2 new transfers outside the EEA, 1 new recipient · \
             12 new findings.\n"
        ),
        "{md}"
    );
    assert!(md.contains("<details><summary>12 changes</summary>"), "{md}");
    assert!(md.contains("#### Transfers outside the EEA (2)"), "{md}");
    assert!(md.contains("safeguard: **none**"), "{md}");
}

/// A flow added without a field list is described as "fields not stated", not "0 fields".
#[test]
fn a_flow_without_fields_is_not_stated() {
    let (old_model, old_graph) = compile_yaml("stores:\n  - id: a\n  - id: b\n");
    let (new_model, new_graph) =
        compile_yaml("stores:\n  - id: a\n  - id: b\nflows:\n  - {from: a, to: b}\n");
    let d = diff(
        &Map { model: &old_model, graph: &old_graph, findings: &[], root: "old" },
        &Map { model: &new_model, graph: &new_graph, findings: &[], root: "new" },
    );
    assert_eq!(d.flows.added[0].detail, "a → b, fields not stated");
}

/// An attribute the old map did not state reads "(not stated) → value", never "(none)":
/// the old map did not say there was none.
#[test]
fn an_attribute_first_stated_was_not_stated_before() {
    let (old_model, old_graph) = compile_yaml("stores:\n  - id: a\n");
    let (new_model, new_graph) = compile_yaml("stores:\n  - id: a\n    vendor: Acme\n");
    let d = diff(
        &Map { model: &old_model, graph: &old_graph, findings: &[], root: "old" },
        &Map { model: &new_model, graph: &new_graph, findings: &[], root: "new" },
    );
    let mut out = Vec::new();
    render(&d, crate::lineage::Format::Text, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("(not stated) → Acme"), "{text}");
    assert!(!text.contains("(none)"), "{text}");
}

/// Every attribute of a store, field, flow and purpose in the manifest schema is compared by
/// `diff` (under its name with spaces for underscores), except the id it matches on and a
/// store's `fields` (compared as entities of their own). A new schema attribute fails here
/// until `diff` compares it.
#[test]
fn every_schema_attribute_is_compared() {
    let schema = crate::load::shape::schema_of::<crate::manifest::Document>();
    let (model, _) = compile_yaml(
        "stores:\n  - {id: s, fields: [{id: f}]}\nflows:\n  - {from: s, to: s}\npurposes:\n  - {id: p}\n",
    );
    type Fill = for<'m> fn(&'m Model, usize, &mut attrs::Attrs<'m>);
    let names = |fill: Fill| {
        let mut out = Vec::new();
        fill(&model, 0, &mut out);
        out.iter().map(|(n, _)| (*n).to_owned()).collect::<Vec<String>>()
    };
    let kinds = [
        ("Store", names(attrs::store), &["id", "fields"][..]),
        ("Field", names(attrs::field), &["id"][..]),
        ("Flow", names(attrs::flow), &["id"][..]),
        ("Purpose", names(attrs::purpose), &["id"][..]),
    ];
    let mut missing = Vec::new();
    for (def, compared, skipped) in kinds {
        let props = schema["$defs"][def]["properties"].as_object().expect(def);
        for key in props.keys().filter(|k| !skipped.contains(&k.as_str())) {
            if !compared.contains(&key.replace('_', " ")) {
                missing.push(format!("{def}.{key}"));
            }
        }
    }
    assert!(missing.is_empty(), "diff does not compare: {missing:?}");
}

/// The governance attributes are compared with readable values: a sub-processor added,
/// the review redone, the erasure method changed, a suppression added, a store's access.
#[test]
fn governance_attributes_changes() {
    let old = "stores:\n  - id: s\n    vendor: V\n    review: {last: 2025-01-10, every: P1Y}\n    erasure: {method: manual, how: the screen}\n    fields: [{id: f, category: user.contact.email}]\n";
    let new = "teams:\n  - {id: t}\nstores:\n  - id: s\n    vendor: V\n    review: {last: 2026-01-12, every: P1Y}\n    erasure: {method: api}\n    access: {read: [t]}\n    sub_processors: [{name: Host, country: IE, purpose: hosting}]\n    allow: [{rule: orphan-store, reason: kept for the audit}]\n    fields: [{id: f, category: user.contact.email}]\n";
    let (old_model, old_graph) = compile_yaml(old);
    let (new_model, new_graph) = compile_yaml(new);
    let d = diff(
        &Map { model: &old_model, graph: &old_graph, findings: &[], root: "old" },
        &Map { model: &new_model, graph: &new_graph, findings: &[], root: "new" },
    );
    let changes: Vec<(&str, Option<&str>, Option<&str>)> = d.stores.changed[0]
        .changes
        .iter()
        .map(|c| (c.attribute, c.before.as_deref(), c.after.as_deref()))
        .collect();
    assert_eq!(
        changes,
        [
            ("erasure", Some("manual: the screen"), Some("api")),
            ("access", None, Some("t: read")),
            ("review", Some("last 2025-01-10, every P1Y"), Some("last 2026-01-12, every P1Y")),
            ("sub processors", None, Some("Host (IE): hosting")),
            ("allow", None, Some("orphan-store: kept for the audit")),
        ]
    );
}

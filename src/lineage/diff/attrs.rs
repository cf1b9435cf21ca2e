//! The attributes `diff` compares, entity by entity: each value rendered as the text a
//! reviewer reads (enumerations as spelt in YAML, references by id, retention in words).
//! Lists are compared as sets, so reordering a list is not a change.

use std::borrow::Cow;

use crate::manifest::store::{Retention, RetentionPeriod};
use crate::model::{FieldId, FieldOrigin, FlowId, Model, PurposeId, Recipient, StoreId, TeamId};

use super::{AttrChange, Entity, more};

/// A value as the reviewer reads it, borrowed from the model where it can be: comparing two
/// maps of 100,000 fields should not allocate a string per attribute.
#[derive(Clone, Debug)]
pub(super) enum Attr<'m> {
    One(Option<Cow<'m, str>>),
    Many(Vec<Cow<'m, str>>),
    /// Compared as a number, written only when it differs.
    Number(Option<f64>),
    /// Compared field by field, written in words only when it differs.
    Retention(Option<&'m Retention>),
    /// Fields as `(store, field)`, compared as a set; written `store.field` only when they
    /// differ (a purpose may use thousands).
    Fields(Vec<(&'m str, &'m str)>),
}

pub(super) type Attrs<'m> = Vec<(&'static str, Attr<'m>)>;

/// Text borrowed from the model, or a `&'static` spelling of an enumeration.
fn one<'m>(value: Option<&'m str>) -> Attr<'m> {
    Attr::One(value.map(Cow::Borrowed))
}

fn name<'m>(value: &'m str) -> Attr<'m> {
    Attr::One(Some(Cow::Borrowed(value)))
}

fn number(value: Option<f64>) -> Attr<'static> {
    Attr::Number(value)
}

/// Whether two retentions say the same.
pub(super) fn same_retention(a: Option<&Retention>, b: Option<&Retention>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(Retention::Text(x)), Some(Retention::Text(y))) => x == y,
        (Some(Retention::Period(x)), Some(Retention::Period(y))) => {
            x.duration == y.duration
                && x.trigger == y.trigger
                && x.end_action == y.end_action
                && x.basis == y.basis
                && x.reference == y.reference
                && x.criteria == y.criteria
        }
        _ => false,
    }
}

fn flag(value: bool) -> Attr<'static> {
    Attr::One(Some(Cow::Borrowed(if value { "yes" } else { "no" })))
}

/// A flag a purpose may leave unsaid: absent stays absent, not "no".
fn stated_flag(value: Option<bool>) -> Attr<'static> {
    Attr::One(value.map(|v| Cow::Borrowed(if v { "yes" } else { "no" })))
}

fn team(model: &Model, team: Option<TeamId>) -> Attr<'_> {
    one(team.map(|t| model.team(t).id.as_str()))
}

fn many<'m>(items: impl Iterator<Item = &'m str>) -> Attr<'m> {
    Attr::Many(items.map(Cow::Borrowed).collect())
}

/// A retention in words: `P3Y after last_contact_from_subject, then delete (recommended: …)`.
pub(super) fn retention(value: &Retention) -> Cow<'_, str> {
    match value {
        Retention::Text(t) => Cow::Borrowed(t.as_str()),
        Retention::Period(RetentionPeriod {
            duration,
            trigger,
            end_action,
            basis,
            reference,
            criteria,
        }) => {
            let mut out = duration
                .as_ref()
                .map_or_else(|| "no duration".to_owned(), |d| d.as_str().to_owned());
            if let Some(t) = trigger {
                out.push_str(&format!(" after {}", t.as_str()));
            }
            if let Some(a) = end_action {
                out.push_str(&format!(", then {a}"));
            }
            let why: Vec<String> =
                [basis.map(|b| b.to_string()), reference.clone(), criteria.clone()]
                    .into_iter()
                    .flatten()
                    .collect();
            if !why.is_empty() {
                out.push_str(&format!(" ({})", why.join(": ")));
            }
            Cow::Owned(out)
        }
    }
}

pub(super) fn store<'m>(model: &'m Model, index: usize, out: &mut Attrs<'m>) {
    let s = model.store(StoreId::new(index));
    out.clear();
    out.extend([
        ("name", name(&s.name)),
        ("kind", one(s.kind.map(|k| k.as_str()))),
        ("owner", team(model, s.owner)),
        ("domain", one(s.domain.as_deref())),
        ("description", one(s.description.as_deref())),
        ("status", name(s.status.as_str())),
        ("location", many(s.location.iter().map(|l| l.value.as_str()))),
        ("vendor", one(s.vendor.as_deref())),
        ("contract", one(s.contract.as_deref())),
        ("external", flag(s.external)),
        ("referential", flag(s.referential)),
        ("records", number(s.records.map(|r| r as f64))),
        ("security", many(s.security.iter().map(|m| m.as_str()))),
        ("zone", one(s.zone.as_deref())),
        ("transfer", one(s.transfer.as_ref().map(|t| t.mechanism.value.as_str()))),
        ("transfer reference", one(s.transfer.as_ref().and_then(|t| t.reference.as_deref()))),
        ("erasure", more::erasure(s)),
        ("defines", more::defines(model, s)),
        ("access", more::access(model, s)),
        ("quality", more::quality(s.quality.as_ref())),
        ("review", more::review(s.review.as_ref())),
        ("sub processors", more::sub_processors(s)),
        ("scan", more::scan(s)),
        ("allow", more::allow(&s.allow)),
    ]);
}

pub(super) fn store_entity(model: &Model, index: usize) -> Entity {
    let s = model.store(StoreId::new(index));
    let mut detail: Vec<String> = s.kind.map(|k| k.to_string()).into_iter().collect();
    if !s.location.is_empty() {
        detail.push(s.location.iter().map(|l| l.value.as_str()).collect::<Vec<_>>().join(", "));
    }
    if s.external {
        detail.push("external".to_owned());
    } else if let Some(vendor) = &s.vendor {
        detail.push(format!("run by {vendor}"));
    }
    detail.push(crate::lineage::count(s.fields.len(), "field", "fields"));
    Entity {
        id: s.id.clone(),
        name: Some(s.name.clone()),
        detail: detail.join(", "),
        with_store: false,
    }
}

pub(super) fn field<'m>(model: &'m Model, index: usize, out: &mut Attrs<'m>) {
    let f = model.field(FieldId::new(index));
    out.clear();
    out.extend([
        ("name", name(&f.name)),
        ("category", one(f.category.as_ref().map(|c| c.value.as_str()))),
        ("personal", flag(f.personal)),
        ("special", one(f.special.map(|s| s.as_str()))),
        ("identifier", flag(f.identifier)),
        ("completeness", number(f.completeness.as_ref().map(|c| c.value))),
        ("format", one(f.format.as_deref())),
        ("source", one(f.source.map(|s| s.as_str()))),
        ("collection", one(f.collection())),
        ("table", one(f.table())),
        ("retention", Attr::Retention(f.retention.as_ref().map(|r| &r.value))),
        ("description", one(f.description())),
        ("deprecated", flag(f.deprecated)),
        ("declared", flag(f.origin == FieldOrigin::Declared)),
        ("column", one(f.column().map(|c| c.value.as_str()))),
        ("collection cost", one(f.collection_cost())),
        ("update", one(f.update())),
        ("update cost", one(f.update_cost())),
        ("quality", more::quality(f.quality.as_deref())),
        ("allow", more::allow(&f.allow)),
    ]);
}

pub(super) fn field_entity(model: &Model, index: usize) -> Entity {
    let id = FieldId::new(index);
    let f = model.field(id);
    let mut detail = vec![if f.personal { "personal" } else { "not personal" }.to_owned()];
    if let Some(c) = &f.category {
        detail.push(c.value.clone());
    }
    if let FieldOrigin::Inferred { flow, .. } = f.origin {
        detail.push(format!("undeclared, delivered by {}", model.flow(flow).id));
    }
    Entity {
        id: model.field_path(id),
        name: Some(f.name.clone()),
        detail: detail.join(", "),
        with_store: false,
    }
}

/// `email → contact_email`, or `email` when the name does not change.
fn carried(model: &Model, flow: FlowId) -> Attr<'_> {
    let f = model.flow(flow);
    Attr::Many(
        f.fields
            .iter()
            .map(|c| {
                let (s, t) = (&model.field(c.source).id, &model.field(c.target).id);
                if s == t { Cow::Borrowed(s.as_str()) } else { Cow::Owned(format!("{s} → {t}")) }
            })
            .collect(),
    )
}

pub(super) fn flow<'m>(model: &'m Model, index: usize, out: &mut Attrs<'m>) {
    let id = FlowId::new(index);
    let f = model.flow(id);
    out.clear();
    out.extend([
        ("from", name(&model.store(f.from).id)),
        ("to", name(&model.store(f.to).id)),
        ("fields", carried(model, id)),
        ("mechanism", one(f.mechanism.map(|m| m.as_str()))),
        ("frequency", one(f.frequency.map(|m| m.as_str()))),
        ("direction", name(f.direction.as_str())),
        ("owner", team(model, f.owner)),
        ("description", one(f.description.as_deref())),
        ("transfer", one(f.transfer.as_ref().map(|t| t.mechanism.value.as_str()))),
        ("transfer reference", one(f.transfer.as_ref().and_then(|t| t.reference.as_deref()))),
        ("purposes", many(f.purposes.iter().map(|p| model.purpose(*p).id.as_str()))),
        ("allow", more::allow(&f.allow)),
    ]);
}

pub(super) fn flow_entity(model: &Model, index: usize) -> Entity {
    let id = FlowId::new(index);
    let f = model.flow(id);
    let arrow = if f.direction == crate::manifest::enums::Direction::Both { "⇄" } else { "→" };
    let mut detail = vec![format!("{} {arrow} {}", model.store(f.from).id, model.store(f.to).id)];
    detail.extend(f.mechanism.map(|m| m.to_string()));
    detail.extend(f.frequency.map(|m| m.to_string()));
    detail.push(if f.fields.is_empty() {
        // No field list: what it carries is unknown, not nothing.
        "fields not stated".to_owned()
    } else {
        crate::lineage::count(f.fields.len(), "field", "fields")
    });
    Entity { id: f.id.clone(), name: None, detail: detail.join(", "), with_store: false }
}

pub(super) fn purpose<'m>(model: &'m Model, index: usize, out: &mut Attrs<'m>) {
    let p = model.purpose(PurposeId::new(index));
    let pair =
        |f: FieldId| (model.store(model.field(f).store).id.as_str(), model.field(f).id.as_str());
    out.clear();
    out.extend([
        ("name", name(&p.name)),
        ("objective", one(p.objective.map(|o| model.objective(o).id.as_str()))),
        ("owner", team(model, p.owner)),
        ("description", one(p.description.as_deref())),
        ("use", one(p.data_use.as_ref().map(|u| u.value.as_str()))),
        ("legal basis", one(p.legal_basis.as_ref().map(|b| b.value.as_str()))),
        ("legal reference", one(p.legal_reference.as_deref())),
        ("legitimate interest", one(p.legitimate_interest.as_deref())),
        ("lia", one(p.lia.as_deref())),
        ("consent record", Attr::One(p.consent_record.map(|f| Cow::Owned(model.field_path(f))))),
        ("special condition", one(p.special_condition.map(|c| c.as_str()))),
        ("subjects", many(p.subjects.iter().map(|s| model.subject(*s).id.as_str()))),
        ("uses", Attr::Fields(p.uses.iter().map(|f| pair(*f)).collect())),
        ("needs", many(p.needs.iter().map(|n| n.value.as_str()))),
        ("retention", Attr::Retention(p.retention.as_ref().map(|r| &r.value))),
        (
            "recipients",
            many(p.recipients.iter().map(|r| match r {
                Recipient::Store(s) => model.store(*s).id.as_str(),
                Recipient::Text(t) => t.as_str(),
            })),
        ),
        ("profiling", stated_flag(p.profiling)),
        ("automated decision", stated_flag(p.automated_decision)),
        ("dpia", one(p.dpia_status.map(|d| d.as_str()))),
        ("dpia link", one(p.dpia_link.as_deref())),
        ("status", name(p.status.as_str())),
        ("collect", more::collect(&p.collect)),
        ("schedule1 condition", one(p.schedule1_condition.as_deref())),
        ("retention policy", one(p.retention_policy.as_deref())),
        ("retention policy followed", stated_flag(p.retention_policy_followed)),
        ("retention policy deviation", one(p.retention_policy_deviation.as_deref())),
        ("created", Attr::One(p.created.map(|d| Cow::Owned(d.to_string())))),
        ("updated", Attr::One(p.updated.map(|d| Cow::Owned(d.to_string())))),
        ("allow", more::allow(&p.allow)),
    ]);
}

pub(super) fn purpose_entity(model: &Model, index: usize) -> Entity {
    let p = model.purpose(PurposeId::new(index));
    let mut detail: Vec<String> =
        p.legal_basis.as_ref().map(|b| b.value.to_string()).into_iter().collect();
    if !p.is_active() {
        detail.push(p.status.to_string());
    }
    detail.push(format!("uses {}", crate::lineage::count(p.uses.len(), "field", "fields")));
    Entity {
        id: p.id.clone(),
        name: Some(p.name.clone()),
        detail: detail.join(", "),
        with_store: false,
    }
}

/// The attributes that differ, in the order the entity lists them; strings are made only
/// for what differs.
pub(super) fn compare(old: &Attrs<'_>, new: &Attrs<'_>) -> Vec<AttrChange> {
    let owned = |v: &Option<Cow<'_, str>>| v.as_ref().map(|x| x.clone().into_owned());
    let mut out = Vec::new();
    for ((name, before), (_, after)) in old.iter().zip(new) {
        match (before, after) {
            (Attr::One(b), Attr::One(a)) if b != a => out.push(AttrChange {
                attribute: name,
                before: owned(b),
                after: owned(a),
                added: None,
                removed: None,
            }),
            (Attr::Number(b), Attr::Number(a)) if b != a => out.push(AttrChange {
                attribute: name,
                before: b.map(|x| x.to_string()),
                after: a.map(|x| x.to_string()),
                added: None,
                removed: None,
            }),
            (Attr::Fields(b), Attr::Fields(a)) => {
                if b == a {
                    continue;
                }
                let path = |(s, f): &(&str, &str)| format!("{s}.{f}");
                let (mut bs, mut as_) = (b.clone(), a.clone());
                bs.sort_unstable();
                as_.sort_unstable();
                if bs == as_ {
                    continue;
                }
                let missing = |from: &[(&str, &str)], other: &[(&str, &str)]| -> Vec<String> {
                    from.iter().filter(|x| other.binary_search(x).is_err()).map(path).collect()
                };
                let join = |v: &[(&str, &str)]| {
                    (!v.is_empty()).then(|| v.iter().map(path).collect::<Vec<_>>().join(", "))
                };
                out.push(AttrChange {
                    attribute: name,
                    before: join(b),
                    after: join(a),
                    added: Some(missing(&as_, &bs)),
                    removed: Some(missing(&bs, &as_)),
                });
            }
            (Attr::Retention(b), Attr::Retention(a)) if !same_retention(*b, *a) => {
                out.push(AttrChange {
                    attribute: name,
                    before: b.map(|r| retention(r).into_owned()),
                    after: a.map(|r| retention(r).into_owned()),
                    added: None,
                    removed: None,
                });
            }
            (Attr::Many(b), Attr::Many(a)) => {
                if b == a {
                    continue;
                }
                let mut bs: Vec<&str> = b.iter().map(|x| x.as_ref()).collect();
                let mut as_: Vec<&str> = a.iter().map(|x| x.as_ref()).collect();
                bs.sort_unstable();
                as_.sort_unstable();
                if bs == as_ {
                    continue;
                }
                let added: Vec<String> = as_
                    .iter()
                    .filter(|x| bs.binary_search(x).is_err())
                    .map(|x| (*x).to_owned())
                    .collect();
                let removed: Vec<String> = bs
                    .iter()
                    .filter(|x| as_.binary_search(x).is_err())
                    .map(|x| (*x).to_owned())
                    .collect();
                let join = |v: &[Cow<'_, str>]| {
                    (!v.is_empty())
                        .then(|| v.iter().map(|x| x.as_ref()).collect::<Vec<_>>().join(", "))
                };
                out.push(AttrChange {
                    attribute: name,
                    before: join(b),
                    after: join(a),
                    added: Some(added),
                    removed: Some(removed),
                });
            }
            _ => {}
        }
    }
    out
}

//! `diff OLD NEW`: what changed between two compiled maps. Stores, fields (`store.field`),
//! flows and purposes are matched by id and compared attribute by attribute, with readable
//! before/after values. Two things derived from the whole map are compared too, because a
//! reviewer cannot see them in the changed lines: the recipients of each register purpose
//! (stores that receive its personal data by a flow) and the transfers outside the EEA.
//! Findings are matched by their stable id (with file paths made relative to each map, so
//! that two folders or two checkouts compare).

mod attrs;
mod derived;
mod findings;
mod more;
mod render;

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::Serialize;

use self::attrs::{Attrs, compare};
pub use self::derived::{Recipient, Transfer};
use self::derived::{RecipientKey, TransferKey};
pub use self::render::render;
use super::JSON_VERSION;
use crate::diag::{Finding, Level};
use crate::graph::LineageGraph;
use crate::model::{Model, StoreId};

/// One side of a diff: a compiled map and the folder it was loaded from, as given to `load`
/// (file paths in finding ids start with it).
pub struct Map<'a> {
    pub model: &'a Model,
    pub graph: &'a LineageGraph,
    pub findings: &'a [Finding],
    pub root: &'a str,
}

#[derive(Debug, Serialize)]
pub struct Diff {
    pub version: u32,
    pub summary: Summary,
    pub stores: Changes,
    pub fields: Changes,
    pub flows: Changes,
    pub purposes: Changes,
    pub recipients: Appeared<Recipient>,
    pub transfers: TransferChanges,
    pub findings: FindingChanges,
}

#[derive(Debug, Default, Serialize)]
pub struct Changes {
    pub added: Vec<Entity>,
    pub removed: Vec<Entity>,
    pub changed: Vec<Changed>,
}

/// An entity added or removed: its id, name and a one-line description.
#[derive(Debug, Serialize)]
pub struct Entity {
    pub id: String,
    pub name: Option<String>,
    pub detail: String,
    /// For a field: its store was added or removed with it (renderers list it with the store).
    pub with_store: bool,
}

#[derive(Debug, Serialize)]
pub struct Changed {
    pub id: String,
    pub changes: Vec<AttrChange>,
}

/// One attribute that differs. Lists also say which items were added and removed.
#[derive(Debug, Serialize)]
pub struct AttrChange {
    pub attribute: &'static str,
    pub before: Option<String>,
    pub after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed: Option<Vec<String>>,
}

#[derive(Debug, Serialize)]
pub struct Appeared<T> {
    pub added: Vec<T>,
    pub removed: Vec<T>,
}

#[derive(Debug, Serialize)]
pub struct TransferChanges {
    pub added: Vec<Transfer>,
    pub removed: Vec<Transfer>,
    /// The same flow into the same store, with other countries or another safeguard.
    pub changed: Vec<TransferChange>,
}

#[derive(Debug, Serialize)]
pub struct TransferChange {
    pub before: Transfer,
    pub after: Transfer,
}

#[derive(Debug, Serialize)]
pub struct FindingChanges {
    /// Findings of NEW whose id OLD does not have.
    pub added: Vec<FindingRef>,
    /// Findings of OLD whose id NEW does not have.
    pub removed: Vec<FindingRef>,
    /// The same finding at another level.
    pub level_changed: Vec<LevelChange>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FindingRef {
    pub id: String,
    pub rule: &'static str,
    pub level: Level,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct LevelChange {
    pub id: String,
    pub before: Level,
    pub after: Level,
    pub message: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub stores: Counts,
    pub fields: Counts,
    pub flows: Counts,
    pub purposes: Counts,
    pub recipients: Counts,
    pub transfers: Counts,
    pub findings: Counts,
    /// Findings at error level in NEW that OLD did not have at error level: what
    /// `--fail-on new-errors` fails on.
    pub new_errors: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
}

impl Diff {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        let s = &self.summary;
        [s.stores.total(), s.fields.total(), s.flows.total(), s.purposes.total()]
            .iter()
            .chain(&[s.recipients.total(), s.transfers.total(), s.findings.total()])
            .all(|n| *n == 0)
    }
}

impl Counts {
    pub fn total(&self) -> usize {
        self.added + self.removed + self.changed
    }

    fn of(changes: &Changes) -> Counts {
        Counts {
            added: changes.added.len(),
            removed: changes.removed.len(),
            changed: changes.changed.len(),
        }
    }
}

/// Compares two maps.
pub fn diff(old: &Map<'_>, new: &Map<'_>) -> Diff {
    let (a, b) = (old.model, new.model);
    let stores = entities(a, b, store_ids(a), store_ids(b), attrs::store, attrs::store_entity);
    let fields = field_changes(a, b);
    let flows = entities(a, b, flow_ids(a), flow_ids(b), attrs::flow, attrs::flow_entity);
    let purposes =
        entities(a, b, purpose_ids(a), purpose_ids(b), attrs::purpose, attrs::purpose_entity);

    let recipients = appeared(
        &derived::recipients(old.model, old.graph),
        &derived::recipients(new.model, new.graph),
    );
    let transfers =
        transfer_changes(&derived::transfers(old.model), &derived::transfers(new.model));
    let findings = findings::changes(old, new);
    let new_errors = findings.added.iter().filter(|f| f.level == Level::Error).count()
        + findings.level_changed.iter().filter(|c| c.after == Level::Error).count();
    let summary = Summary {
        stores: Counts::of(&stores),
        fields: Counts::of(&fields),
        flows: Counts::of(&flows),
        purposes: Counts::of(&purposes),
        recipients: Counts {
            added: recipients.added.len(),
            removed: recipients.removed.len(),
            changed: 0,
        },
        transfers: Counts {
            added: transfers.added.len(),
            removed: transfers.removed.len(),
            changed: transfers.changed.len(),
        },
        findings: Counts {
            added: findings.added.len(),
            removed: findings.removed.len(),
            changed: findings.level_changed.len(),
        },
        new_errors,
    };
    Diff {
        version: JSON_VERSION,
        summary,
        stores,
        fields,
        flows,
        purposes,
        recipients,
        transfers,
        findings,
    }
}

fn store_ids(m: &Model) -> Vec<(&str, usize)> {
    m.stores.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect()
}

fn flow_ids(m: &Model) -> Vec<(&str, usize)> {
    m.flows.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect()
}

fn purpose_ids(m: &Model) -> Vec<(&str, usize)> {
    m.purposes.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect()
}

/// An id of one map or both, with the entity's index in each.
enum Pair<'m> {
    Old(usize),
    New(usize),
    Both(&'m str, usize, usize),
}

/// Matches two lists of `(id, index)` and calls `on` for each id, in id order.
fn matched<'m>(
    mut old: Vec<(&'m str, usize)>,
    mut new: Vec<(&'m str, usize)>,
    mut on: impl FnMut(Pair<'m>),
) {
    old.sort_unstable();
    new.sort_unstable();
    let (mut a, mut b) = (old.into_iter().peekable(), new.into_iter().peekable());
    loop {
        let order = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(x), Some(y)) => x.0.cmp(y.0),
        };
        match order {
            Ordering::Less => on(Pair::Old(a.next().expect("peeked").1)),
            Ordering::Greater => on(Pair::New(b.next().expect("peeked").1)),
            Ordering::Equal => {
                let (id, i) = a.next().expect("peeked");
                let (_, j) = b.next().expect("peeked");
                on(Pair::Both(id, i, j));
            }
        }
    }
}

/// Stores, flows or purposes: matched by id and compared.
fn entities<'m>(
    old: &'m Model,
    new: &'m Model,
    old_ids: Vec<(&'m str, usize)>,
    new_ids: Vec<(&'m str, usize)>,
    attrs_of: fn(&'m Model, usize, &mut Attrs<'m>),
    entity_of: fn(&Model, usize) -> Entity,
) -> Changes {
    let mut changes = Changes::default();
    // Two buffers for all the entities: no allocation per entity compared.
    let (mut before, mut after) = (Attrs::new(), Attrs::new());
    matched(old_ids, new_ids, |pair| match pair {
        Pair::Old(i) => changes.removed.push(entity_of(old, i)),
        Pair::New(j) => changes.added.push(entity_of(new, j)),
        Pair::Both(id, i, j) => {
            attrs_of(old, i, &mut before);
            attrs_of(new, j, &mut after);
            let diffs = compare(&before, &after);
            if !diffs.is_empty() {
                changes.changed.push(Changed { id: id.to_owned(), changes: diffs });
            }
        }
    });
    changes
}

/// Fields, store by store: a store's fields are matched among themselves, so that no sort
/// runs over the 100,000 fields of a large map. A field of a store added or removed comes
/// or goes `with_store`.
fn field_changes<'m>(old: &'m Model, new: &'m Model) -> Changes {
    let mut changes = Changes::default();
    let (mut before, mut after) = (Attrs::new(), Attrs::new());
    let fields_of = |m: &'m Model, s: usize| -> Vec<(&'m str, usize)> {
        m.fields_of(StoreId::new(s)).map(|f| (m.field(f).id.as_str(), f.index())).collect()
    };
    let whole = |m: &'m Model, s: usize, out: &mut Vec<Entity>| {
        let mut fields = fields_of(m, s);
        fields.sort_unstable();
        out.extend(
            fields
                .into_iter()
                .map(|(_, f)| Entity { with_store: true, ..attrs::field_entity(m, f) }),
        );
    };
    matched(store_ids(old), store_ids(new), |pair| match pair {
        Pair::Old(s) => whole(old, s, &mut changes.removed),
        Pair::New(s) => whole(new, s, &mut changes.added),
        Pair::Both(store, s, t) => {
            matched(fields_of(old, s), fields_of(new, t), |pair| match pair {
                Pair::Old(i) => changes.removed.push(attrs::field_entity(old, i)),
                Pair::New(j) => changes.added.push(attrs::field_entity(new, j)),
                Pair::Both(field, i, j) => {
                    attrs::field(old, i, &mut before);
                    attrs::field(new, j, &mut after);
                    let diffs = compare(&before, &after);
                    if !diffs.is_empty() {
                        changes
                            .changed
                            .push(Changed { id: format!("{store}.{field}"), changes: diffs });
                    }
                }
            })
        }
    });
    changes
}

/// What is in `new` and not in `old`, and the other way round; both sorted.
fn appeared(old: &[RecipientKey<'_>], new: &[RecipientKey<'_>]) -> Appeared<Recipient> {
    let missing = |from: &[RecipientKey<'_>], other: &[RecipientKey<'_>]| -> Vec<Recipient> {
        from.iter().filter(|x| other.binary_search(x).is_err()).map(|x| x.owned()).collect()
    };
    Appeared { added: missing(new, old), removed: missing(old, new) }
}

fn transfer_changes<'m>(old: &[TransferKey<'m>], new: &[TransferKey<'m>]) -> TransferChanges {
    let before: BTreeMap<(&str, &str), &TransferKey<'m>> =
        old.iter().map(|t| ((t.flow, t.store), t)).collect();
    let after: BTreeMap<(&str, &str), &TransferKey<'m>> =
        new.iter().map(|t| ((t.flow, t.store), t)).collect();
    let mut out = TransferChanges { added: Vec::new(), removed: Vec::new(), changed: Vec::new() };
    for (k, t) in &after {
        match before.get(k) {
            None => out.added.push(t.owned()),
            Some(b) if b != t => {
                out.changed.push(TransferChange { before: b.owned(), after: t.owned() })
            }
            Some(_) => {}
        }
    }
    out.removed =
        before.iter().filter(|(k, _)| !after.contains_key(*k)).map(|(_, t)| t.owned()).collect();
    out
}

#[cfg(test)]
mod tests;

//! What a map implies beyond its lines, compared by `diff`: the recipients of each register
//! purpose and the transfers outside the EEA. Both follow docs/register.md (recipients,
//! transfers) and the rule `transfer-without-safeguard`, so that a diff names what the
//! register and `check` will say.

use petgraph::Direction::Outgoing;
use serde::Serialize;

use crate::graph::{LineageGraph, node};
use crate::manifest::enums::Direction;
use crate::model::{FieldId, Model, StoreId};
use crate::vocab::tables;

/// A store that receives personal data a purpose uses, by a flow.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Recipient {
    pub purpose: String,
    pub store: String,
    /// `internal`, `processor` (the store has a `vendor`) or `third party` (`external: true`).
    pub class: &'static str,
}

/// A flow carrying personal data into a store located outside the EEA.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Transfer {
    pub flow: String,
    pub store: String,
    /// The store's countries outside the EEA.
    pub countries: Vec<String>,
    /// The flow's `transfer.mechanism`, or `none`.
    pub mechanism: String,
}

/// A recipient as computed, borrowed from its model; made a [`Recipient`] only when it
/// differs between the two maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct RecipientKey<'m> {
    purpose: &'m str,
    store: &'m str,
    class: &'static str,
}

impl RecipientKey<'_> {
    pub(super) fn owned(self) -> Recipient {
        Recipient {
            purpose: self.purpose.to_owned(),
            store: self.store.to_owned(),
            class: self.class,
        }
    }
}

/// A transfer as computed, borrowed from its model.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct TransferKey<'m> {
    pub(super) flow: &'m str,
    pub(super) store: &'m str,
    countries: Vec<&'m str>,
    mechanism: &'static str,
}

impl TransferKey<'_> {
    pub(super) fn owned(&self) -> Transfer {
        Transfer {
            flow: self.flow.to_owned(),
            store: self.store.to_owned(),
            countries: self.countries.iter().map(|c| (*c).to_owned()).collect(),
            mechanism: self.mechanism.to_owned(),
        }
    }
}

fn class(model: &Model, store: StoreId) -> &'static str {
    let s = model.store(store);
    if s.external {
        "third party"
    } else if s.vendor.is_some() {
        "processor"
    } else {
        "internal"
    }
}

/// For each active purpose using personal data (a register row), the stores its used
/// personal fields flow into (either way of a sync), other than the field's own store.
/// Sorted.
pub(super) fn recipients<'m>(model: &'m Model, graph: &LineageGraph) -> Vec<RecipientKey<'m>> {
    let mut out = Vec::new();
    let mut stores: Vec<StoreId> = Vec::new();
    for purpose in &model.purposes {
        if !purpose.is_active() {
            continue;
        }
        stores.clear();
        for &f in purpose.uses.iter().filter(|f| model.field(**f).personal) {
            let home = model.field(f).store;
            for n in graph.fields.neighbors_directed(node(f.index()), Outgoing) {
                let store = model.field(FieldId::new(n.index())).store;
                if store != home {
                    stores.push(store);
                }
            }
        }
        stores.sort_unstable();
        stores.dedup();
        out.extend(stores.iter().map(|&s| RecipientKey {
            purpose: purpose.id.as_str(),
            store: model.store(s).id.as_str(),
            class: class(model, s),
        }));
    }
    out.sort_unstable();
    out
}

/// Every flow (and for a sync, each way) carrying a personal field into a store with a
/// country outside the EEA, as the rule `transfer-without-safeguard` sees it. Sorted.
pub(super) fn transfers(model: &Model) -> Vec<TransferKey<'_>> {
    let mut out = Vec::new();
    for flow in &model.flows {
        let mut ways = vec![(flow.to, flow.fields.iter().any(|c| model.field(c.source).personal))];
        if flow.direction == Direction::Both && flow.from != flow.to {
            ways.push((flow.from, flow.fields.iter().any(|c| model.field(c.target).personal)));
        }
        for (store, personal) in ways {
            if !personal {
                continue;
            }
            let mut countries: Vec<&str> = model
                .store(store)
                .location
                .iter()
                .map(|c| c.value.as_str())
                .filter(|c| !tables::is_eea(c))
                .collect();
            if countries.is_empty() {
                continue;
            }
            countries.sort_unstable();
            countries.dedup();
            out.push(TransferKey {
                flow: flow.id.as_str(),
                store: model.store(store).id.as_str(),
                countries,
                mechanism: flow.transfer.as_ref().map_or("none", |t| t.mechanism.value.as_str()),
            });
        }
    }
    out.sort();
    out
}

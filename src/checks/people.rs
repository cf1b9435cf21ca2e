//! Whose data a store holds, and which fields identify them, as far as the map tells: the
//! facts that make `silo`, `no-referential` and `missing-identifier` compare like with like
//! (an HR store of employees is no silo of the customer master).

use petgraph::Direction::{self, Incoming, Outgoing};
use petgraph::graph::NodeIndex;

use crate::graph::{LineageGraph, node};
use crate::model::{Model, StoreId};

/// Identifier fields, by field index: marked `identifier: true`, or fed by a flow from an
/// identifier (a customer number copied into another store identifies the customer there
/// too, whether or not the copy repeats the flag).
pub(crate) fn identifiers(model: &Model, graph: &LineageGraph) -> Vec<bool> {
    let mut marked: Vec<bool> = model.fields.iter().map(|f| f.identifier).collect();
    let mut stack: Vec<NodeIndex> = (0..marked.len()).filter(|&i| marked[i]).map(node).collect();
    while let Some(n) = stack.pop() {
        for m in graph.fields.neighbors_directed(n, Outgoing) {
            if !marked[m.index()] {
                marked[m.index()] = true;
                stack.push(m);
            }
        }
    }
    marked
}

/// Whether a store holds an identifier field, inherited ones included.
pub(crate) fn has_identifier(model: &Model, identifiers: &[bool], store: StoreId) -> bool {
    model.fields_of(store).any(|f| identifiers[f.index()])
}

/// The data subjects of each store: those of the active purposes that use its fields; for a
/// store no purpose uses, those of the purposes using fields its fields feed (the same
/// people's data, further on) or are fed by (where their data came from). Direct uses come
/// first because a purpose's `subjects` cover all its fields at once: bookkeeping on staff
/// and patients must not make the HR store a store of patients. A store no purpose reaches
/// has none: unknown, not "nobody".
pub(crate) struct StoreSubjects {
    /// Words of one set: one bit per subject of the model.
    words: usize,
    /// `words` words per store.
    sets: Vec<u64>,
}

impl StoreSubjects {
    pub(crate) fn compute(model: &Model, graph: &LineageGraph) -> StoreSubjects {
        let words = model.subjects.len().div_ceil(64).max(1);
        let mut seeds = vec![0u64; model.fields.len() * words];
        for purpose in model.purposes.iter().filter(|p| p.is_active()) {
            for field in &purpose.uses {
                for s in &purpose.subjects {
                    seeds[field.index() * words + s.index() / 64] |= 1 << (s.index() % 64);
                }
            }
        }
        // Two separate spreads, never turning back: data of a purpose's people flows down to
        // its copies and up to its sources, but a source feeding two stores does not make
        // the people of one the people of the other.
        let down = spread(graph, &seeds, words, Outgoing);
        let up = spread(graph, &seeds, words, Incoming);
        let mut direct = vec![0u64; model.stores.len() * words];
        let mut reached = vec![0u64; model.stores.len() * words];
        for (i, field) in model.fields.iter().enumerate() {
            let store = field.store.index() * words;
            for w in 0..words {
                direct[store + w] |= seeds[i * words + w];
                reached[store + w] |= down[i * words + w] | up[i * words + w];
            }
        }
        for store in direct.chunks_mut(words).zip(reached.chunks(words)) {
            if store.0.iter().all(|w| *w == 0) {
                store.0.copy_from_slice(store.1);
            }
        }
        StoreSubjects { words, sets: direct }
    }

    /// The subjects of a store (a bit set).
    pub(crate) fn of(&self, store: StoreId) -> &[u64] {
        &self.sets[store.index() * self.words..(store.index() + 1) * self.words]
    }

    /// The union of the subjects of several stores.
    pub(crate) fn union(&self, stores: &[StoreId]) -> Vec<u64> {
        let mut set = vec![0u64; self.words];
        for s in stores {
            for (w, x) in set.iter_mut().zip(self.of(*s)) {
                *w |= x;
            }
        }
        set
    }

    /// Whether two stores' people may be the same: they share a subject, or one of them is
    /// unknown (then nothing says they differ).
    pub(crate) fn may_share(a: &[u64], b: &[u64]) -> bool {
        let known = |s: &[u64]| s.iter().any(|w| *w != 0);
        !known(a) || !known(b) || a.iter().zip(b).any(|(x, y)| x & y != 0)
    }

    /// The subject ids of a set, in model order.
    pub(crate) fn names(model: &Model, set: &[u64]) -> Vec<String> {
        (0..model.subjects.len())
            .filter(|i| set[i / 64] & (1 << (i % 64)) != 0)
            .map(|i| model.subjects[i].id.clone())
            .collect()
    }
}

/// Each field's set grown by the sets of the fields that reach it in `direction`; a field
/// with a set of its own (a purpose uses it) keeps it: the nearest use says best whose data
/// travels there.
fn spread(graph: &LineageGraph, seeds: &[u64], words: usize, direction: Direction) -> Vec<u64> {
    let mut sets = seeds.to_vec();
    let mut stack: Vec<usize> = (0..seeds.len() / words)
        .filter(|i| seeds[i * words..(i + 1) * words].iter().any(|w| *w != 0))
        .collect();
    while let Some(n) = stack.pop() {
        for m in graph.fields.neighbors_directed(node(n), direction) {
            let m = m.index();
            if seeds[m * words..(m + 1) * words].iter().any(|w| *w != 0) {
                continue;
            }
            let mut grew = false;
            for w in 0..words {
                let before = sets[m * words + w];
                let after = before | sets[n * words + w];
                if after != before {
                    sets[m * words + w] = after;
                    grew = true;
                }
            }
            if grew {
                stack.push(m);
            }
        }
    }
    sets
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Direct uses say whose data a store holds; lineage stands in for a store no purpose
    /// uses; a store nothing reaches is unknown. Identifiers pass down flows.
    #[test]
    fn people_of_stores_and_inherited_identifiers() {
        let (model, graph) = crate::lineage::compile_yaml(
            "stores:
  - id: hr
    fields: [{id: name, identifier: true}]
  - id: pms
    fields: [{id: name}]
  - id: accountant
    fields: [{id: staff}, {id: patients}]
  - id: intake
    fields: [{id: name}]
  - id: sheet
    fields: [{id: name}]
flows:
  - {from: hr, to: accountant, fields: [{name: staff}]}
  - {from: pms, to: accountant, fields: [{name: patients}]}
  - {from: intake, to: pms, fields: [name]}
purposes:
  - {id: payroll, subjects: [employee], uses: [hr.name]}
  - {id: care, subjects: [patient], uses: [pms.name]}
  - {id: bookkeeping, subjects: [employee, patient], uses: ['accountant.*']}
",
        );
        let subjects = StoreSubjects::compute(&model, &graph);
        let of = |id: &str| {
            StoreSubjects::names(&model, subjects.of(model.store_by_id(id).unwrap())).join(",")
        };
        assert_eq!(of("hr"), "employee");
        assert_eq!(of("pms"), "patient");
        assert_eq!(of("intake"), "patient");
        assert_eq!(of("sheet"), "");
        let ids = identifiers(&model, &graph);
        let identifying: Vec<String> =
            model.field_ids().filter(|f| ids[f.index()]).map(|f| model.field_path(f)).collect();
        assert_eq!(identifying, ["accountant.staff", "hr.name"]);
    }
}

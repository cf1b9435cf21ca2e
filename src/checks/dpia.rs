//! The DPIA screening: the criteria of the CNIL's list a purpose meets, computed from the
//! map with their evidence. Shared by `dpia-required` and the register's DPIA column, so
//! that both say the same; a fact, not a rule (nothing outside `checks` imports a rule).

use std::collections::BTreeSet;

use crate::checks::facts::{personal_uses, quoted_list};
use crate::diag::{Text, t};
use crate::graph::{GroupRows, LineageGraph, OriginStores};
use crate::manifest::enums::SpecialCategory;
use crate::model::{FieldId, Model, PurposeId, StoreId};
use crate::vocab::categories::covers;

/// A DPIA criterion met, with the evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Criterion {
    /// The id in the `dpia_criterion` table: `special_data`, `profiling`, …
    pub id: &'static str,
    /// What meets the criterion, in both languages.
    pub evidence: Text,
}

const MONITORING: &[&str] = &[
    "user.location.precise",
    "user.behavior.browsing_history",
    "user.behavior.search_history",
    "user.device.cookie_id",
];

/// Where a purpose's personal data enters the map (the stores of the origins of its used
/// personal fields): the smallest store ids, all of them unless `more`, and the external
/// ones likewise. The check reads them capped from `OriginStores` (one pass over the lineage
/// for every purpose); the register passes its journey's full sets.
#[derive(Clone, Debug, Default)]
pub(crate) struct Entry {
    pub stores: Vec<StoreId>,
    pub more: bool,
    pub external: Vec<StoreId>,
    pub external_more: bool,
}

impl Entry {
    /// From the full set of origin stores.
    pub(crate) fn from_set(model: &Model, stores: &BTreeSet<StoreId>) -> Entry {
        Entry {
            stores: stores.iter().copied().collect(),
            more: false,
            external: stores.iter().copied().filter(|s| model.store(*s).external).collect(),
            external_more: false,
        }
    }
}

/// How many origin stores the check keeps per group: the evidence names four and counts
/// exactly up to this; beyond, it says "more than".
const STORES_KEPT: usize = 8;
/// External origin stores kept: the evidence names two.
const EXTERNAL_KEPT: usize = 3;

/// The origin stores of every purpose's personal data, computed once for the whole map.
pub(crate) struct Entries<'a> {
    graph: &'a LineageGraph,
    all: OriginStores,
    external: OriginStores,
}

impl<'a> Entries<'a> {
    pub(crate) fn new(model: &Model, graph: &'a LineageGraph) -> Entries<'a> {
        let rows = GroupRows::new(graph);
        Entries {
            graph,
            all: OriginStores::build(&rows, graph, model, STORES_KEPT, |_| true),
            external: OriginStores::build(&rows, graph, model, EXTERNAL_KEPT, |s| {
                model.store(s).external
            }),
        }
    }

    /// Where the personal data purpose `id` uses enters the map.
    pub(crate) fn of(&self, model: &Model, id: PurposeId) -> Entry {
        let personal: Vec<FieldId> = personal_uses(model, model.purpose(id)).collect();
        let all = self.all.of(self.graph, &personal);
        let external = self.external.of(self.graph, &personal);
        Entry {
            stores: all.stores,
            more: all.more,
            external: external.stores,
            external_more: external.more,
        }
    }
}

/// The DPIA criteria a purpose meets, in the order of the table above, given where its
/// personal data enters the map.
pub(crate) fn criteria_from(
    model: &Model,
    id: PurposeId,
    large_scale: f64,
    entry: &Entry,
) -> Vec<Criterion> {
    let purpose = model.purpose(id);
    let mut met = Vec::new();
    let mut push = |id: &'static str, evidence: Text| met.push(Criterion { id, evidence });

    let special: Vec<String> = purpose
        .uses
        .iter()
        .filter(|f| {
            model.field(**f).special.is_some_and(|s| s != SpecialCategory::NationalIdNumber)
        })
        .map(|f| model.field_path(*f))
        .collect();
    if !special.is_empty() {
        let list = quoted_list(&special, 2);
        push("special_data", t!("special-category data ({list})", "données sensibles ({list})"));
    }
    if purpose.profiling == Some(true) {
        push("profiling", t!("profiling", "profilage"));
    }
    if purpose.automated_decision == Some(true) {
        push("automated_decision", t!("automated decisions", "décisions automatisées"));
    }
    let stores: BTreeSet<_> = purpose.uses.iter().map(|f| model.field(*f).store).collect();
    if let Some(big) =
        stores.iter().find(|s| model.store(**s).records.is_some_and(|r| r as f64 >= large_scale))
    {
        let s = model.store(*big);
        push(
            "large_scale",
            t!(
                "large scale ('{}' holds {} records)",
                "grande échelle ('{}' contient {} enregistrements)",
                s.id,
                s.records.unwrap_or(0)
            ),
        );
    }
    let names = |stores: &[StoreId]| -> Vec<String> {
        stores.iter().map(|s| model.store(*s).id.clone()).collect()
    };
    // Capped lists name their first ones and say "and more": their length is not a count.
    let listed = |names: &[String], more: bool, max: usize| {
        if more {
            let shown: Vec<String> = names.iter().take(max).map(|s| format!("'{s}'")).collect();
            let shown = shown.join(", ");
            t!("{shown} and more", "{shown} et d'autres")
        } else {
            quoted_list(names, max)
        }
    };
    if entry.stores.len() >= 3 || !entry.external.is_empty() {
        let evidence = if !entry.external.is_empty() {
            let list = listed(&names(&entry.external), entry.external_more, 2);
            t!(
                "combining data from external {list}",
                "croisement de données venant de l'extérieur {list}"
            )
        } else if entry.more {
            let (n, list) = (entry.stores.len(), listed(&names(&entry.stores), true, 4));
            t!(
                "combining data that enters the map in more than {n} stores ({list})",
                "croisement de données qui entrent dans la carte par plus de {n} outils ({list})"
            )
        } else {
            let (n, list) = (entry.stores.len(), quoted_list(&names(&entry.stores), 4));
            t!(
                "combining data that enters the map in {n} stores ({list})",
                "croisement de données qui entrent dans la carte par {n} outils ({list})"
            )
        };
        push("combining", evidence);
    }
    let vulnerable: Vec<String> = purpose
        .subjects
        .iter()
        .filter(|s| model.subject(**s).vulnerable)
        .map(|s| model.subject(*s).id.clone())
        .collect();
    if !vulnerable.is_empty() {
        let list = quoted_list(&vulnerable, 3);
        push(
            "vulnerable_subjects",
            t!("vulnerable people ({list})", "personnes vulnérables ({list})"),
        );
    }
    let monitoring: Vec<String> = purpose
        .uses
        .iter()
        .filter(|f| {
            model
                .field(**f)
                .category
                .as_ref()
                .is_some_and(|c| MONITORING.iter().any(|m| covers(m, &c.value)))
        })
        .map(|f| model.field_path(*f))
        .collect();
    if !monitoring.is_empty() {
        push("systematic_monitoring", {
            let list = quoted_list(&monitoring, 2);
            t!("systematic monitoring ({list})", "surveillance systématique ({list})")
        });
    }
    met
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_from_memory;
    use crate::model::resolve::resolve;

    /// `n` source stores each feeding the hub's e-mail; a purpose uses the hub's e-mail and
    /// is profiling (so that one more criterion makes a finding).
    fn fed_by(n: usize, external: bool) -> (Model, LineageGraph) {
        let mut y = String::from(
            "stores:\n  - {id: hub, fields: [{id: email, category: user.contact.email}]}\n",
        );
        for i in 0..n {
            y.push_str(&format!("  - {{id: s{i}, external: {external}, fields: [{{id: email, category: user.contact.email}}]}}\n"));
        }
        y.push_str("flows:\n");
        for i in 0..n {
            y.push_str(&format!("  - {{from: s{i}, to: hub, fields: [email]}}\n"));
        }
        y.push_str(
            "purposes:\n  - {id: p, subjects: [customer], profiling: true, uses: [hub.email]}\n",
        );
        let loaded = load_from_memory(&[("map.yaml", y.as_str())]);
        let (model, _) = resolve(loaded.manifests, &loaded.project, None);
        let graph = LineageGraph::build(&model);
        (model, graph)
    }

    fn combining(n: usize, external: bool) -> Option<String> {
        let (model, graph) = fed_by(n, external);
        let p = model.purpose_ids().next().unwrap();
        let entry = Entries::new(&model, &graph).of(&model, p);
        criteria_from(&model, p, 1e9, &entry)
            .into_iter()
            .find(|c| c.id == "combining")
            .map(|c| c.evidence.en)
    }

    /// Counted exactly while the map's origins fit the list the check keeps; beyond, "more
    /// than", never a wrong count; external origins named, with "and more" when capped.
    #[test]
    fn combining_evidence_counts_what_it_knows() {
        assert_eq!(combining(2, false), None);
        assert_eq!(
            combining(5, false).as_deref(),
            Some(
                "combining data that enters the map in 5 stores ('s0', 's1', 's2', 's3' and 1 more)"
            )
        );
        assert_eq!(
            combining(12, false).as_deref(),
            Some(
                "combining data that enters the map in more than 8 stores ('s0', 's1', 's10', 's11' and more)"
            )
        );
        assert_eq!(
            combining(2, true).as_deref(),
            Some("combining data from external 's0' and 's1'")
        );
        assert_eq!(
            combining(5, true).as_deref(),
            Some("combining data from external 's0', 's1' and more")
        );
    }
}

//! The DPIA screening: the criteria of the CNIL's list a purpose meets, computed from the
//! map with their evidence. Shared by `dpia-required` and the register's DPIA column, so
//! that both say the same; a fact, not a rule (nothing outside `checks` imports a rule).

use std::collections::BTreeSet;

use crate::checks::facts::{personal_uses, quoted_list};
use crate::graph::LineageGraph;
use crate::manifest::enums::SpecialCategory;
use crate::model::{FieldId, Model, PurposeId, StoreId};
use crate::vocab::categories::covers;

/// A DPIA criterion met, with the evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Criterion {
    /// The id in the `dpia_criterion` table: `special_data`, `profiling`, …
    pub id: &'static str,
    pub evidence: String,
}

const MONITORING: &[&str] = &[
    "user.location.precise",
    "user.behavior.browsing_history",
    "user.behavior.search_history",
    "user.device.cookie_id",
];

/// The DPIA criteria a purpose meets, in the order of the table above.
pub(crate) fn criteria(
    model: &Model,
    graph: &LineageGraph,
    id: PurposeId,
    large_scale: f64,
) -> Vec<Criterion> {
    let personal: Vec<FieldId> = personal_uses(model, model.purpose(id)).collect();
    let origin_stores: BTreeSet<StoreId> =
        graph.origins_of(&personal).into_iter().map(|o| model.field(o).store).collect();
    criteria_from(model, id, large_scale, &origin_stores)
}

/// The same, given the stores where the purpose's personal data enters the map (the
/// register has walked the lineage already).
pub(crate) fn criteria_from(
    model: &Model,
    id: PurposeId,
    large_scale: f64,
    origin_stores: &BTreeSet<StoreId>,
) -> Vec<Criterion> {
    let purpose = model.purpose(id);
    let mut met = Vec::new();
    let mut push = |id: &'static str, evidence: String| met.push(Criterion { id, evidence });

    let special: Vec<String> = purpose
        .uses
        .iter()
        .filter(|f| {
            model.field(**f).special.is_some_and(|s| s != SpecialCategory::NationalIdNumber)
        })
        .map(|f| model.field_path(*f))
        .collect();
    if !special.is_empty() {
        push("special_data", format!("special-category data ({})", quoted_list(&special, 2)));
    }
    if purpose.profiling == Some(true) {
        push("profiling", "profiling".to_owned());
    }
    if purpose.automated_decision == Some(true) {
        push("automated_decision", "automated decisions".to_owned());
    }
    let stores: BTreeSet<_> = purpose.uses.iter().map(|f| model.field(*f).store).collect();
    if let Some(big) =
        stores.iter().find(|s| model.store(**s).records.is_some_and(|r| r as f64 >= large_scale))
    {
        let s = model.store(*big);
        push(
            "large_scale",
            format!("large scale ('{}' holds {} records)", s.id, s.records.unwrap_or(0)),
        );
    }
    let external: Vec<String> = origin_stores
        .iter()
        .filter(|s| model.store(**s).external)
        .map(|s| model.store(*s).id.clone())
        .collect();
    if origin_stores.len() >= 3 || !external.is_empty() {
        let names: Vec<String> = origin_stores.iter().map(|s| model.store(*s).id.clone()).collect();
        let evidence = if external.is_empty() {
            format!(
                "combining data that enters the map in {} stores ({})",
                names.len(),
                quoted_list(&names, 4)
            )
        } else {
            format!("combining data from external {}", quoted_list(&external, 2))
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
        push("vulnerable_subjects", format!("vulnerable people ({})", quoted_list(&vulnerable, 3)));
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
        push(
            "systematic_monitoring",
            format!("systematic monitoring ({})", quoted_list(&monitoring, 2)),
        );
    }
    met
}

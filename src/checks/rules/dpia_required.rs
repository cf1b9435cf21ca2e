//! `dpia-required`: a purpose meeting two or more DPIA criteria computed from the map, with
//! no assessment done or in progress. The screening is public: the register reuses it.

use std::collections::BTreeSet;

use crate::checks::Context;
use crate::checks::facts::{personal_uses, purpose_entity, quoted_list, register_purposes};
use crate::checks::registry::{Family, Rule, RuleOption};
use crate::diag::{Finding, Level};
use crate::graph::LineageGraph;
use crate::manifest::enums::{DpiaStatus, SpecialCategory};
use crate::model::{FieldId, Model, PurposeId, StoreId};
use crate::vocab::categories::covers;

pub static RULE: Rule = Rule {
    name: "dpia-required",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a purpose meeting two or more DPIA criteria computed from the map, whose `dpia.status` is neither `done` nor `in-progress`",
    options: &[RuleOption {
        name: "large_scale_records",
        description: "the number of records from which a store counts as large scale",
        min: 1.0,
        max: 1e15,
        default: 100_000.0,
    }],
    check: Some(check),
    doc: r#"## What it finds

An active purpose using personal data that meets two or more of these criteria, computed from
the map, and whose `dpia.status` is neither `done` nor `in-progress`:

| criterion | met when |
|---|---|
| special-category data | a used field has a special category (art. 9 or art. 10) |
| profiling | `profiling: true` |
| automated decision | `automated_decision: true` |
| large scale | a store holding a used field has `records` ≥ the threshold (default 100,000) |
| combining | the origins of the used personal fields (where the data enters the map, through the lineage) lie in three or more stores, or in an `external` store |
| vulnerable subjects | `child`, `employee`, `patient`, or a subject declared `vulnerable: true` |
| systematic monitoring | a used field in `user.location.precise`, `user.behavior.browsing_history`, `user.behavior.search_history` or `user.device.cookie_id` |

The finding lists the criteria met and why.

## Why it matters

A data protection impact assessment is required for processing likely to result in a high
risk (GDPR art. 35). The EDPB guidelines (WP248 rev.01) list nine criteria; meeting two of
them usually calls for a DPIA.

## Example

```yaml
purposes:
  - id: targeted-ads
    profiling: true
    uses: [crm.email, web.cookie_id]    # cookie_id: systematic monitoring
```

## Fix

Carry out the assessment and record it:

```yaml
    dpia: {status: done, link: https://intranet.example/dpia/targeted-ads}
```

or, if an assessment concluded it is not needed, `status: not-required` with a suppression
that says why.

## Configuration

```yaml
rules:
  dpia-required: {large_scale_records: 500000}
```
"#,
};

/// A DPIA criterion met, with the evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criterion {
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
pub fn criteria(
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
pub fn criteria_from(
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

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let threshold = cx.config.option(RULE.name, "large_scale_records");
    for id in register_purposes(model) {
        let purpose = model.purpose(id);
        if matches!(purpose.dpia_status, Some(DpiaStatus::Done | DpiaStatus::InProgress)) {
            continue;
        }
        let met = criteria(model, cx.graph, id, threshold);
        if met.len() < 2 {
            continue;
        }
        let evidence: Vec<&str> = met.iter().map(|c| c.evidence.as_str()).collect();
        out.push(
            Finding::new(
                RULE.name,
                format!("purpose '{}' meets {} DPIA criteria: {}", purpose.id, met.len(), crate::checks::facts::and_list(&evidence)),
            )
            .entity(purpose_entity(purpose))
            .at(purpose.span, "")
            .help("carry out a data protection impact assessment (GDPR art. 35) and record it: 'dpia: {status: done, link: …}'"),
        );
    }
}

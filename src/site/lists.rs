//! The list pages: stores, purposes, flows, fields, teams, objectives (the chain from
//! objectives to fields, and what nobody uses), the collection plan and the findings.

use std::collections::BTreeMap;

use tera::Value;

use super::common::{
    category_label, enum_label, field_marks, findings_json, id_name, place, purpose_link,
    store_link, store_marks, team_link,
};
use super::{Inputs, Site};
use crate::checks::facts;
use crate::diag::EntityKind;
use crate::manifest::enums::{Direction, FieldSource, Language, PurposeStatus};
use crate::model::FieldId;

pub(super) fn stores(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let model = inputs.model;
    let lang = site.language;
    let rows: Vec<Value> = model
        .store_ids()
        .map(|s| {
            let store = model.store(s);
            obj! {
                "id": store.id.as_str(), "name": store.name.as_str(),
                "kind": store.kind.map(|k| enum_label("store_kind", k.as_str(), lang)).unwrap_or_default(),
                "owner": store.owner.map(|t| team_link(model, t)),
                "domain": store.domain.as_deref().unwrap_or_default(),
                "location": store.location.iter().map(|c| c.value.as_str()).collect::<Vec<_>>().join(", "),
                "field_count": store.fields.len(),
                "marks": store_marks(model, s, lang),
                "finding_count": site.findings.stores.get(&store.id).map_or(0, Vec::len),
            }
        })
        .collect();
    obj! {"page_title": site.word("stores"), "stores": rows}
}

pub(super) fn purposes(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let model = inputs.model;
    let lang = site.language;
    let rows: Vec<Value> = model
        .purposes
        .iter()
        .map(|p| {
            obj! {
                "id": p.id.as_str(), "name": p.name.as_str(),
                "objective": p.objective.map(|o| model.objective(o).name.as_str()).unwrap_or_default(),
                "legal_basis": p.legal_basis.as_ref().map(|b| enum_label("legal_basis", b.value.as_str(), lang)).unwrap_or_default(),
                "status": enum_label("purpose_status", p.status.as_str(), lang),
                "field_count": p.uses.len(),
                "personal": facts::personal_uses(model, p).next().is_some(),
                "finding_count": site.findings.purposes.get(&p.id).map_or(0, Vec::len),
            }
        })
        .collect();
    obj! {"page_title": site.word("purposes"), "purposes": rows}
}

pub(super) fn flows(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let model = inputs.model;
    let lang = site.language;
    let mut marks: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for f in &inputs.report.findings {
        if let Some(e) = f.entity.as_ref().filter(|e| e.kind == EntityKind::Flow) {
            marks
                .entry(e.path.as_str())
                .or_default()
                .push(obj! {"class": f.level.as_str(), "text": f.rule});
        }
    }
    let rows: Vec<Value> = model
        .flows
        .iter()
        .map(|f| {
            let arrow = if f.direction == Direction::Both { " ⇄ " } else { " → " };
            let carried: Vec<String> = f
                .fields
                .iter()
                .map(|c| {
                    let (s, t) = (&model.field(c.source).id, &model.field(c.target).id);
                    if s == t { s.clone() } else { format!("{s}{arrow}{t}") }
                })
                .collect();
            let how: Vec<String> = [
                f.mechanism.map(|m| enum_label("mechanism", m.as_str(), lang)),
                f.frequency.map(|q| enum_label("frequency", q.as_str(), lang)),
            ]
            .into_iter()
            .flatten()
            .collect();
            let transfer = f.transfer.as_ref().map_or_else(String::new, |t| {
                let m = enum_label("transfer_mechanism", t.mechanism.value.as_str(), lang);
                t.reference.as_ref().map_or_else(|| m.clone(), |r| format!("{m} ({r})"))
            });
            obj! {
                "id": f.id.as_str(), "description": f.description.as_deref(), "place": place(inputs, f.span),
                "from": store_link(model, f.from),
                "to": store_link(model, f.to),
                // No field list is "not stated", never an empty cell.
                "fields_stated": !carried.is_empty(),
                "carried": carried, "how": how.join(", "), "transfer": transfer,
                "marks": marks.get(f.id.as_str()).cloned().unwrap_or_default(),
            }
        })
        .collect();
    obj! {"page_title": site.word("flows"), "flows": rows}
}

/// A field in a list: where it is, what it is, who uses it.
fn field_item(inputs: &Inputs<'_>, lang: Language, f: FieldId) -> Value {
    let (model, graph) = (inputs.model, inputs.graph);
    let field = model.field(f);
    let store = model.store(field.store);
    obj! {
        "id": field.id.as_str(), "name": field.name.as_str(), "path": model.field_path(f), "store": store.id.as_str(), "store_name": store.name.as_str(), "table": field.table(),
        "marks": field_marks(model, f, lang),
        "purposes": graph.purposes_using(f).iter().map(|p| purpose_link(model, *p)).collect::<Vec<_>>(),
        "useful": graph.is_useful(f),
    }
}

/// Every field, grouped by category: "which stores hold the customer's e-mail?" is one
/// group.
pub(super) fn fields(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let model = inputs.model;
    let lang = site.language;
    let mut groups: BTreeMap<String, Vec<FieldId>> = BTreeMap::new();
    for f in model.field_ids() {
        let key =
            model.field(f).category.as_ref().map_or_else(|| "~".to_owned(), |c| c.value.clone());
        groups.entry(key).or_default().push(f);
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(key, fields)| {
            let label = if key == "~" {
                match lang {
                    Language::En => "No category".to_owned(),
                    Language::Fr => "Sans catégorie".to_owned(),
                }
            } else {
                format!("{} ({key})", category_label(model, &key, lang))
            };
            let anchor = key.replace('.', "-").replace('~', "none");
            obj! {"key": anchor, "label": label, "fields": fields.iter().map(|f| field_item(inputs, lang, *f)).collect::<Vec<_>>()}
        })
        .collect();
    obj! {"page_title": site.word("fields"), "groups": groups}
}

pub(super) fn teams(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let model = inputs.model;
    // What each team owns, in one pass over each list (not one per team).
    let n = model.teams.len();
    let (mut stores, mut purposes, mut flows) =
        (vec![Vec::new(); n], vec![Vec::new(); n], vec![Vec::new(); n]);
    for s in &model.stores {
        if let Some(t) = s.owner {
            stores[t.index()].push(id_name(&s.id, &s.name));
        }
    }
    for p in &model.purposes {
        if let Some(t) = p.owner {
            purposes[t.index()].push(id_name(&p.id, &p.name));
        }
    }
    for f in &model.flows {
        if let Some(t) = f.owner {
            flows[t.index()].push(f.id.as_str());
        }
    }
    let teams: Vec<Value> = model
        .teams
        .iter()
        .zip(stores.into_iter().zip(purposes).zip(flows))
        .map(|(team, ((stores, purposes), flows))| {
            obj! {"id": team.id.as_str(), "name": team.name.as_str(), "email": team.email.as_deref(), "description": team.description.as_deref(),
                   "stores": stores, "purposes": purposes, "flows": flows}
        })
        .collect();
    obj! {"page_title": site.word("teams"), "teams": teams}
}

/// Objectives → purposes → fields, and what nobody uses.
pub(super) fn objectives(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let (model, graph) = (inputs.model, inputs.graph);
    let lang = site.language;
    let purpose_item = |p: &crate::model::Purpose| {
        let fields: Vec<Value> =
            p.uses.iter().map(|f| super::common::field_link(model, *f)).collect();
        obj! {"id": p.id.as_str(), "name": p.name.as_str(), "fields": fields}
    };
    let mut objectives: Vec<Value> = model
        .objective_ids()
        .map(|o| {
            let objective = model.objective(o);
            let purposes: Vec<Value> = model.purposes.iter().filter(|p| p.objective == Some(o)).map(purpose_item).collect();
            obj! {"id": objective.id.as_str(), "name": objective.name.as_str(), "description": objective.description.as_deref(), "purposes": purposes}
        })
        .collect();
    let orphans: Vec<Value> =
        model.purposes.iter().filter(|p| p.objective.is_none()).map(purpose_item).collect();
    if !orphans.is_empty() {
        let name = match lang {
            Language::En => "Purposes without an objective",
            Language::Fr => "Finalités sans objectif",
        };
        objectives.push(
            obj! {"id": "no-objective", "name": name, "description": (), "purposes": orphans},
        );
    }
    let unused: Vec<Value> = model
        .field_ids()
        .filter(|f| !graph.is_useful(*f))
        .map(|f| field_item(inputs, lang, f))
        .collect();
    let rule_entities = |rule: &str| -> Vec<String> {
        inputs
            .report
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .filter_map(|f| f.entity.as_ref().map(|e| e.path.clone()))
            .collect()
    };
    let orphan_stores: Vec<Value> = rule_entities("orphan-store")
        .iter()
        .filter_map(|id| model.store_by_id(id))
        .map(|s| store_link(model, s))
        .collect();
    let title = match lang {
        Language::En => "Objectives, purposes and fields",
        Language::Fr => "Objectifs, finalités et champs",
    };
    obj! {"page_title": title, "objectives": objectives, "unused": unused,
    "unused_flows": rule_entities("unused-flow"), "orphan_stores": orphan_stores}
}

/// The collection plan: data purposes need and do not have, and how each field is collected.
pub(super) fn plan(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let model = inputs.model;
    let lang = site.language;
    let mut missing = Vec::new();
    for p in model.purposes.iter().filter(|p| p.status != PurposeStatus::Retired) {
        for need in &p.needs {
            let covered = p.uses.iter().any(|f| {
                model
                    .field(*f)
                    .category
                    .as_ref()
                    .is_some_and(|c| facts::category_covers(model, &need.value, &c.value))
            });
            if !covered {
                missing.push(obj! {"purpose": id_name(&p.id, &p.name), "key": need.value.as_str(), "label": category_label(model, &need.value, lang)});
            }
        }
    }
    let collected: Vec<Value> = model
        .field_ids()
        .filter(|f| {
            let field = model.field(*f);
            field.collection().is_some() || field.source == Some(FieldSource::Collected)
        })
        .map(|f| {
            let field = model.field(f);
            let store = model.store(field.store);
            obj! {
                "id": field.id.as_str(), "name": field.name.as_str(), "path": model.field_path(f), "store": store.id.as_str(), "store_name": store.name.as_str(),
                "source": field.source.map(|s| enum_label("field_source", s.as_str(), lang)).unwrap_or_default(),
                "collection": field.collection().unwrap_or_default(),
                "completeness": super::common::percent(field.completeness.as_ref().map(|c| c.value)),
            }
        })
        .collect();
    // The plan with its cost: each need, the means and costs of collecting and updating it.
    let costs: Vec<Value> = crate::plan::build(model, lang)
        .into_iter()
        .map(|r| {
            let to_collect = r.to_collect();
            obj! {
                "purpose": id_name(&r.purpose, &r.purpose_name), "need": r.need.as_str(),
                "label": category_label(model, &r.need, lang), "fields": r.fields,
                "to_collect": to_collect,
                "collection": r.collection, "collection_cost": r.collection_cost,
                "update": r.update, "update_cost": r.update_cost,
            }
        })
        .collect();
    obj! {"page_title": site.word("collection_plan"), "missing": missing, "collected": collected, "costs": costs}
}

pub(super) fn findings(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let lang = site.language;
    let all: Vec<&crate::diag::Finding> = inputs.report.findings.iter().collect();
    let mut rules: Vec<&str> = all.iter().map(|f| f.rule).collect();
    rules.sort_unstable();
    rules.dedup();
    use crate::diag::Level;
    let levels: Vec<Value> = [Level::Error, Level::Warn, Level::Info]
        .iter()
        .map(|l| obj! {"value": l.as_str(), "label": l.word(lang)})
        .collect();
    let s = &inputs.report.summary;
    let counts = crate::diag::emit::counts(s.errors, s.warnings, s.infos, lang);
    let summary = match lang {
        Language::En => format!("{counts}, {} suppressed.", s.suppressed),
        Language::Fr => {
            let fr = crate::diag::emit::plural(s.suppressed, "suspendu", "suspendus", true);
            format!("{counts}, {fr}.")
        }
    };
    obj! {"page_title": site.word("findings"), "summary": summary, "rules": rules, "levels": levels,
    "findings": findings_json(inputs, &all, lang)}
}

/// The accepted risks: every finding an `allow:` silences, with its reason, expiry and the
/// place of the entry, for an auditor to review.
pub(super) fn accepted(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let lang = site.language;
    let risks: Vec<Value> = inputs
        .report
        .accepted
        .iter()
        .map(|a| {
            let f = &a.finding;
            obj! {
                "level": f.level.as_str(),
                "level_label": f.level.word(lang),
                "rule": f.rule,
                "message": f.message.get(lang),
                "place": f.primary.as_ref().map(|l| place(inputs, l.span)).unwrap_or_default(),
                "reason": a.reason.as_str(),
                "until": a.until.map(|d| d.to_string()),
                "allow": place(inputs, a.allow),
            }
        })
        .collect();
    obj! {"page_title": site.word("accepted_risks"), "risks": risks}
}

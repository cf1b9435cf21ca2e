//! The home page, and the page of each store and each purpose.

use std::collections::BTreeSet;

use tera::Value;

use super::common::{
    self, category_label, enum_label, field_link, field_marks, findings_json, place, purpose_link,
    store_marks,
};
use super::{Inputs, Site, maps};
use crate::checks::facts;
use crate::diag::Level;
use crate::manifest::enums::{Direction, Language};
use crate::map::view::Selection;
use crate::model::{FieldId, PurposeId, StoreId};
use crate::register::{cells, layout};

/// The home page: key figures and the system map.
pub(super) fn home(inputs: &Inputs<'_>, site: &Site, map: &str, map_data: &str) -> Value {
    let (model, graph, report) = (inputs.model, inputs.graph, inputs.report);
    let lang = site.language;
    let personal = model.field_ids().filter(|f| model.field(*f).personal).count();
    let unused = model.field_ids().filter(|f| !graph.is_useful(*f)).count();
    let share = if model.fields.is_empty() {
        0.0
    } else {
        unused as f64 * 100.0 / model.fields.len() as f64
    };
    let count = |level: Level| report.findings.iter().filter(|f| f.level == level).count();
    let fr = lang == Language::Fr;
    let figure =
        |value: Value, label: &str, href: &str| obj! {"value": value, "label": label, "href": href};
    let level = |value: usize, label: &str, href: &str, level: &str| {
        obj! {"value": value, "label": label, "href": href, "level": level}
    };
    let figures = vec![
        figure(model.stores.len().into(), site.word("stores"), "stores.html"),
        figure(model.fields.len().into(), site.word("fields"), "fields.html"),
        figure(
            personal.into(),
            if fr { "champs personnels" } else { "personal fields" },
            "fields.html",
        ),
        figure(model.flows.len().into(), site.word("flows"), "flows.html"),
        figure(model.purposes.len().into(), site.word("purposes"), "purposes.html"),
        level(
            count(Level::Error),
            if fr { "erreurs" } else { "errors" },
            "findings.html?level=error",
            "error",
        ),
        level(
            count(Level::Warn),
            if fr { "avertissements" } else { "warnings" },
            "findings.html?level=warn",
            "warn",
        ),
        figure(count(Level::Info).into(), "infos", "findings.html?level=info"),
        figure(
            format!("{share:.0} %").into(),
            if fr { "des champs inutilisés" } else { "of fields nobody uses" },
            "objectives.html#unused",
        ),
    ];
    let domains: Vec<Value> = super::maps::domain_links(model)
        .into_iter()
        .map(|(name, href)| obj! {"name": name, "href": href})
        .collect();
    obj! {
        "page_title": site.title.as_str(),
        "figures": figures,
        "map": map,
        "map_data": map_data,
        "domain_maps": domains,
    }
}

/// A store's page and its focused map.
pub(super) fn store(inputs: &Inputs<'_>, site: &Site, id: StoreId) -> (Value, String) {
    let (model, graph) = (inputs.model, inputs.graph);
    let lang = site.language;
    let s = model.store(id);
    let groups = field_groups(inputs, site, id);
    let any_field = !s.fields.is_empty();
    let mut flows = Vec::new();
    for flow in graph.flows_touching(id).into_iter().map(|f| model.flow(f)) {
        let (other, direction) = if flow.from == id {
            (flow.to, if flow.direction == Direction::Both { "⇄" } else { "→" })
        } else if flow.to == id {
            (flow.from, if flow.direction == Direction::Both { "⇄" } else { "←" })
        } else {
            continue;
        };
        flows.push(obj! {
            "id": flow.id.as_str(),
            "direction": direction,
            "other": common::store_link(model, other),
            "fields": flow.fields.iter().map(|c| model.field(if flow.from == id { c.source } else { c.target }).id.as_str()).collect::<Vec<_>>().join(", "),
            "how": how(flow.mechanism.map(|m| m.as_str()), flow.frequency.map(|f| f.as_str()), lang),
        });
    }
    let purposes: BTreeSet<PurposeId> =
        model.fields_of(id).flat_map(|f| graph.purposes_using(f).iter().copied()).collect();
    let findings =
        site.findings.stores.get(&s.id).map(|v| findings_json(inputs, v, lang)).unwrap_or_default();
    let operator = s.vendor.clone().map_or_else(
        || {
            // An external store without `vendor:` is run by its owner; an internal one's
            // operator is simply not written.
            let key = if s.external { "owner" } else { "operator_not_stated" };
            site.word(key).to_owned()
        },
        |v| match &s.contract {
            Some(c) => format!("{v} ({c})"),
            None => v,
        },
    );
    let svg = maps::svg(&site.maps_findings, Selection::Focus { store: id, depth: 1 });
    let page = obj! {
        "page_title": s.name.as_str(),
        "store": obj! {
            "id": s.id.as_str(),
            "description": s.description.as_deref(),
            "kind": s.kind.map(|k| enum_label("store_kind", k.as_str(), lang)).unwrap_or_default(),
            "application": s.is_application(),
            "owner": s.owner.map(|t| common::team_link(model, t)),
            "domain": s.domain.as_deref().unwrap_or_default(),
            "status": enum_label("store_status", s.status.as_str(), lang),
            "location": s.location.iter().map(|c| country(&c.value, lang)).collect::<Vec<_>>().join(", "),
            "operator": if s.external && s.vendor.is_none() { match lang { Language::En => "outside party", Language::Fr => "tiers externe" }.to_owned() } else { operator },
            "records": s.records.map(|r| r.to_string()).unwrap_or_default(),
            "security": s.security.iter().map(|m| enum_label("security_measure", m.as_str(), lang)).collect::<Vec<_>>().join(", "),
            "place": place(inputs, s.span),
            "marks": store_marks(model, id, lang),
            "fields": any_field,
            "groups": groups,
            "flows": flows,
            "purposes": purposes.iter().map(|p| purpose_link(model, *p)).collect::<Vec<_>>(),
        },
        "findings": findings,
        "map": svg.as_str(),
    };
    (page, svg)
}

fn country(code: &str, lang: Language) -> String {
    crate::vocab::tables::country(code)
        .map_or_else(|| code.to_owned(), |c| format!("{} ({code})", c.label.get(lang)))
}

fn how(mechanism: Option<&str>, frequency: Option<&str>, lang: Language) -> String {
    let parts: Vec<String> = [
        mechanism.map(|m| enum_label("mechanism", m, lang)),
        frequency.map(|f| enum_label("frequency", f, lang)),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(", ")
}

/// One row of a store's field table.
/// A store's fields table by table (`table:`), tables in the order they first appear and
/// the fields without one last; a store whose fields name no table is one group without a
/// title. A 1,600-field database is browsed table by table, each a collapsible section.
fn field_groups(inputs: &Inputs<'_>, site: &Site, id: StoreId) -> Vec<Value> {
    let model = inputs.model;
    let mut order: Vec<Option<&str>> = Vec::new();
    let mut members: std::collections::HashMap<Option<&str>, Vec<FieldId>> =
        std::collections::HashMap::new();
    for f in model.fields_of(id) {
        let table = model.field(f).table();
        let list = members.entry(table).or_default();
        if list.is_empty() {
            order.push(table);
        }
        list.push(f);
    }
    if order.iter().all(Option::is_none) {
        let fields: Vec<Value> = model.fields_of(id).map(|f| field_row(inputs, site, f)).collect();
        return if fields.is_empty() { Vec::new() } else { vec![obj! {"fields": fields}] };
    }
    // Fields without a table close the list, under "table not stated".
    order.sort_by_key(Option::is_none);
    order
        .into_iter()
        .enumerate()
        .map(|(i, table)| {
            let fields: Vec<Value> =
                members[&table].iter().map(|f| field_row(inputs, site, *f)).collect();
            obj! {
                "label": table.unwrap_or(site.word("table_not_stated")),
                "stated": table.is_some(),
                "anchor": format!("table-{}", i + 1),
                "count": fields.len(),
                "fields": fields,
            }
        })
        .collect()
}

fn field_row(inputs: &Inputs<'_>, site: &Site, f: FieldId) -> Value {
    let (model, graph) = (inputs.model, inputs.graph);
    let lang = site.language;
    let field = model.field(f);
    let (destinations, destinations_more) =
        common::capped(&graph.downstream(f, Some(1)), |r| field_link(model, r.field), lang);
    let (purposes, purposes_more) =
        common::capped(graph.purposes_using(f), |p| purpose_link(model, *p), lang);
    obj! {
        "id": field.id.as_str(),
        "name": field.name.as_str(),
        "table": field.table(),
        "category": field.category.as_ref().map(|c| category_label(model, &c.value, lang)).unwrap_or_default(),
        "marks": field_marks(model, f, lang),
        "completeness": common::percent(field.completeness.as_ref().map(|c| c.value)),
        "retention": field.retention.as_ref().and_then(|r| crate::register::retention::sentence(&r.value, lang)).unwrap_or_default(),
        "origin": common::origin(model, f, lang),
        "destinations": destinations,
        "destinations_more": destinations_more,
        "purposes": purposes,
        "purposes_more": purposes_more,
        "used": graph.is_used(f),
        "useful": graph.is_useful(f),
        "place": place(inputs, field.span),
    }
}

/// A purpose's page and its lineage map.
pub(super) fn purpose(inputs: &Inputs<'_>, site: &Site, id: PurposeId) -> (Value, String) {
    let (model, graph) = (inputs.model, inputs.graph);
    let lang = site.language;
    let p = model.purpose(id);
    let fields: Vec<Value> = p
        .uses
        .iter()
        .map(|f| {
            let field = model.field(*f);
            let store = model.store(field.store);
            // Where the field is copied from, one flow up (its origins, all the way up, would
            // be a walk of the whole lineage per field: the register row below and `trace`
            // give them); a field nothing feeds says how it is collected.
            let sources = graph.upstream(*f, Some(1));
            let collected = if sources.is_empty() { common::origin(model, *f, lang) } else { String::new() };
            let (origins, origins_more) = common::capped(&sources, |r| field_link(model, r.field), lang);
            obj! {
                "id": field.id.as_str(), "name": field.name.as_str(), "path": model.field_path(*f), "store": store.id.as_str(), "store_name": store.name.as_str(),
                "category": field.category.as_ref().map(|c| category_label(model, &c.value, lang)).unwrap_or_default(),
                "marks": field_marks(model, *f, lang), "origins": origins, "origins_more": origins_more, "collected": collected,
            }
        })
        .collect();
    let needs: Vec<Value> = p
        .needs
        .iter()
        .map(|n| {
            let covered = p.uses.iter().any(|f| {
                model.field(*f).category.as_ref().is_some_and(|c| facts::category_covers(model, &n.value, &c.value))
            });
            obj! {"key": n.value.as_str(), "label": category_label(model, &n.value, lang), "missing": !covered}
        })
        .collect();
    let register: Vec<Value> = site
        .register()
        .rows
        .iter()
        .find(|r| r.reference == p.id)
        .map(|row| {
            layout::columns(layout::Layout::Art30)
                .iter()
                .map(|c| obj! {"label": c.title.get(lang), "lines": row_lines(&cells::lines(c.cell, row, site.register()), lang)})
                .collect()
        })
        .unwrap_or_default();
    let findings = site
        .findings
        .purposes
        .get(&p.id)
        .map(|v| findings_json(inputs, v, lang))
        .unwrap_or_default();
    let svg = maps::svg(&site.maps, Selection::Purpose(id));
    let page = obj! {
        "page_title": p.name.as_str(),
        "purpose": obj! {
            "id": p.id.as_str(),
            "description": p.description.as_deref(),
            "objective": p.objective.map(|o| common::id_name(&model.objective(o).id, &model.objective(o).name)),
            "owner": p.owner.map(|t| common::team_link(model, t)),
            "legal_basis": p.legal_basis.as_ref().map(|b| enum_label("legal_basis", b.value.as_str(), lang)).unwrap_or_else(|| site.word("legal_basis_not_stated").to_owned()),
            "subjects": p.subjects.iter().map(|s| subject_label(inputs, *s, lang)).collect::<Vec<_>>().join(", "),
            "status": enum_label("purpose_status", p.status.as_str(), lang),
            "place": place(inputs, p.span),
            "fields": fields,
            "needs": needs,
        },
        "register": register,
        "findings": findings,
        "map": svg.as_str(),
    };
    (page, svg)
}

/// A register cell on a purpose's page: its first lines, and how many more the register
/// itself lists (a cell naming hundreds of stores would make the page megabytes long).
fn row_lines(lines: &[String], lang: Language) -> Vec<String> {
    const SHOWN: usize = 12;
    let mut shown = lines[..lines.len().min(SHOWN)].to_vec();
    let more = common::and_more(lines.len().saturating_sub(SHOWN), lang);
    if !more.is_empty() {
        shown.push(more);
    }
    shown
}

fn subject_label(inputs: &Inputs<'_>, s: crate::model::SubjectId, lang: Language) -> String {
    let subject = inputs.model.subject(s);
    crate::vocab::tables::subject_label(&subject.id)
        .map_or_else(|| subject.name.clone(), |l| l.get(lang).to_owned())
}

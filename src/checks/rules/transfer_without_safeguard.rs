//! `transfer-without-safeguard`: personal data flowing to a store outside the EEA, or
//! collected directly in one, with no Chapter V mechanism.

use crate::checks::Context;
use crate::checks::facts::{outside_eea, quoted_list};
use crate::diag::{Entity, EntityKind, Finding, t};
use crate::manifest::enums::Direction;
use crate::model::{FieldId, Flow, Model, StoreId};
use crate::rules::transfer_without_safeguard::RULE;
use crate::vocab::tables;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for flow in &model.flows {
        if flow.transfer.is_some() {
            continue;
        }
        for (to, reversed) in directions(flow) {
            // The destination's countries first: reading the carried fields is a visit to
            // each of them, and most flows stay inside the EEA.
            let countries = outside_eea(model, to);
            if countries.is_empty() {
                continue;
            }
            let carried = personal_carried(model, flow, reversed);
            if carried.is_empty() {
                continue;
            }
            out.push(finding(cx, flow, to, &countries, &carried));
        }
    }
    for (s, store) in model.stores.iter().enumerate() {
        if store.transfer.is_some() || store.external {
            continue;
        }
        let countries = outside_eea(model, StoreId::new(s));
        if countries.is_empty() {
            continue;
        }
        // Personal fields nothing feeds: the data enters the map here, abroad.
        let collected: Vec<String> = store
            .fields
            .iter()
            .filter(|f| model.field(**f).personal)
            .filter(|f| {
                let node = crate::graph::node(f.index());
                cx.graph
                    .fields
                    .neighbors_directed(node, petgraph::Direction::Incoming)
                    .next()
                    .is_none()
            })
            .map(|f| model.field_path(*f))
            .collect();
        if !collected.is_empty() {
            out.push(store_finding(cx, StoreId::new(s), &countries, &collected));
        }
    }
}

fn store_finding(
    cx: &Context<'_>,
    s: StoreId,
    countries: &[&str],
    collected: &[String],
) -> Finding {
    let store = cx.model.store(s);
    let adequate = countries.iter().all(|c| tables::adequacy_on(c, cx.config.as_of).is_some());
    let help = if adequate {
        let (list, has) = (countries.join(", "), if countries.len() == 1 { "has" } else { "have" });
        let benefit = if countries.len() == 1 { "bénéficie" } else { "bénéficient" };
        t!(
            "{list} {has} an adequacy decision: declare 'transfer: {{mechanism: adequacy}}' on the store (and check its scope)",
            "{list} {benefit} d'une décision d'adéquation : déclarez 'transfer: {{mechanism: adequacy}}' sur l'outil (et vérifiez sa portée)"
        )
    } else {
        t!(
            "declare the safeguard on the store: 'transfer: {{mechanism: scc_commission, reference: …}}' (or bcr, adequacy, …)",
            "déclarez la garantie sur l'outil : 'transfer: {{mechanism: scc_commission, reference: …}}' (ou bcr, adequacy, …)"
        )
    };
    Finding::new(
        RULE.name,
        t!(
            "store '{}' collects personal data ({}) directly, hosted in {} outside the EEA, with no transfer safeguard", "l'outil '{}' collecte directement des données personnelles ({}), hébergé en {} hors de l'EEE, sans garantie de transfert",
            store.id,
            quoted_list(collected, 3),
            countries.join(", ")
        ),
    )
    .entity(Entity::new(EntityKind::Store, store.id.as_str()))
    .key(store.id.clone())
    .at(store.span, t!("no 'transfer:'", "'transfer:' non renseigné"))
    .help(help)
}

/// The stores a flow delivers to, and whether the data goes there back against the flow.
fn directions(flow: &Flow) -> Vec<(StoreId, bool)> {
    let mut out = vec![(flow.to, false)];
    if flow.direction == Direction::Both && flow.from != flow.to {
        out.push((flow.from, true));
    }
    out
}

/// The personal fields a flow carries towards its destination, or back towards its source
/// (`reversed`, a synchronisation): the fields as they leave.
fn personal_carried(model: &Model, flow: &Flow, reversed: bool) -> Vec<FieldId> {
    let leaving = |c: &crate::model::Carried| if reversed { c.target } else { c.source };
    flow.fields.iter().map(leaving).filter(|f| model.field(*f).personal).collect()
}

fn finding(
    cx: &Context<'_>,
    flow: &Flow,
    to: StoreId,
    countries: &[&str],
    carried: &[FieldId],
) -> Finding {
    let model = cx.model;
    let fields: Vec<String> = carried.iter().map(|f| model.field_path(*f)).collect();
    let adequate: Vec<&str> = countries
        .iter()
        .copied()
        .filter(|c| tables::adequacy_on(c, cx.config.as_of).is_some())
        .collect();
    let help = if adequate.len() == countries.len() {
        let (list, has) = (adequate.join(", "), if adequate.len() == 1 { "has" } else { "have" });
        let benefit = if adequate.len() == 1 { "bénéficie" } else { "bénéficient" };
        t!(
            "{list} {has} an adequacy decision: declare 'transfer: {{mechanism: adequacy}}' (and check its scope)",
            "{list} {benefit} d'une décision d'adéquation : déclarez 'transfer: {{mechanism: adequacy}}' (et vérifiez sa portée)"
        )
    } else {
        t!(
            "declare the safeguard: 'transfer: {{mechanism: scc_commission, reference: …}}' (or bcr, adequacy, …)",
            "déclarez la garantie : 'transfer: {{mechanism: scc_commission, reference: …}}' (ou bcr, adequacy, …)"
        )
    };
    Finding::new(
        RULE.name,
        t!(
            "flow '{}' carries personal data ({}) to '{}', hosted in {} outside the EEA, with no transfer safeguard", "le flux '{}' transporte des données personnelles ({}) vers '{}', hébergé en {} hors de l'EEE, sans garantie de transfert",
            flow.id,
            quoted_list(&fields, 3),
            model.store(to).id,
            countries.join(", ")
        ),
    )
    .entity(Entity::new(EntityKind::Flow, flow.id.as_str()))
    .key(format!("{}->{}", flow.id, model.store(to).id))
    .at(flow.span, t!("no 'transfer:'", "'transfer:' non renseigné"))
    .related(model.store(to).span, t!("hosted in {}", "hébergé en {}", countries.join(", ")))
    .help(help)
}

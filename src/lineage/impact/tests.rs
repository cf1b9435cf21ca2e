//! Unit tests of `impact` on small in-memory maps: broken flows, fields left without a
//! source (through loops and syncs), fields still fed, purposes and register rows.

use super::*;
use crate::lineage::{Target, compile_yaml, resolve_target};

/// web collects the e-mail and the name; tills collect the e-mail too. The CRM gets both and
/// sends the name to the mailer (a two-way sync) and the e-mail to a US ad platform.
const MAP: &str = "
stores:
  - id: web
    fields: [{id: email, category: user.contact.email}, {id: name, category: user.name}]
  - id: tills
    fields: [{id: email, category: user.contact.email}]
  - id: crm
    fields: [{id: email, category: user.contact.email}, {id: name, category: user.name}]
  - id: mailer
    vendor: Mailer Ltd
    fields: [{id: name, category: user.name}]
  - id: ads
    location: [US]
    external: true
    fields: [{id: email, category: user.contact.email}]
flows:
  - {id: web-crm, from: web, to: crm, fields: [email, name], mechanism: api}
  - {id: tills-crm, from: tills, to: crm, fields: [email]}
  - {id: crm-mailer, from: crm, to: mailer, fields: [name], direction: both}
  - {id: crm-ads, from: crm, to: ads, fields: [email], transfer: {mechanism: scc_commission}}
purposes:
  - {id: shop, uses: [web.*], legal_basis: contract}
  - {id: mail, uses: [mailer.name], legal_basis: consent}
  - {id: ads, uses: [ads.email], legal_basis: consent}
  - {id: later, uses: [crm.name], status: planned}
  - {id: stats, uses: [tills.email], legal_basis: legitimate_interests}
";

fn run(target: &str) -> Impact {
    let (model, graph) = compile_yaml(MAP);
    let target = resolve_target(&model, target).unwrap();
    impact(&model, &graph, target)
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &str) -> Vec<&str> {
    items.iter().map(id).collect()
}

/// Removing web: its flow breaks; the name is left without a source in the CRM and in the
/// mailer (the sync between them feeds nothing new); the e-mail keeps the tills.
#[test]
fn store_removal() {
    let i = run("web");
    assert_eq!(i.removed.kind, "store");
    assert_eq!(i.removed.fields, ["web.email", "web.name"]);
    assert_eq!(ids(&i.flows, |f| &f.flow), ["web-crm"]);
    assert!(i.flows[0].breaks);
    assert_eq!(ids(&i.left_without_source, |u| &u.field), ["crm.name", "mailer.name"]);
    assert_eq!(i.left_without_source[1].through, ["web", "crm", "mailer"]);
    assert_eq!(ids(&i.still_fed, |s| &s.field), ["crm.email"]);
    assert_eq!(i.still_fed[0].loses, ["web-crm"]);
    assert_eq!(i.still_fed[0].fed_by, ["tills-crm"]);
    // Planned purposes count; the shop uses web directly, the mailer downstream.
    assert_eq!(ids(&i.purposes, |p| &p.id), ["later", "mail", "shop"]);
    let shop = i.purposes.iter().find(|p| p.id == "shop").unwrap();
    assert_eq!(shop.direct, ["web.email", "web.name"]);
    let mail = i.purposes.iter().find(|p| p.id == "mail").unwrap();
    assert_eq!(mail.downstream[0].field, "mailer.name");
    assert_eq!(i.purposes[0].status, "planned");
}

/// Register rows: only active purposes with personal data, with the cells that change.
#[test]
fn register_rows_of_a_store_removal() {
    let i = run("web");
    let rows: Vec<(&str, Vec<&str>)> =
        i.register.iter().map(|r| (r.purpose.as_str(), r.cells.clone())).collect();
    assert_eq!(
        rows,
        [
            // ads.email's data entered the map in web.email (among others): its sources change.
            ("ads", vec![CELL_SOURCES]),
            ("mail", vec![CELL_SOURCES]),
            ("shop", vec![CELL_DATA, CELL_SOURCES, CELL_LOCATIONS, CELL_RECIPIENTS]),
        ]
    );
    assert_eq!(i.register[2].recipients_lost, ["crm"]);
}

/// Removing the ad platform: the flow into it breaks; the purposes whose data reached it
/// lose a recipient, a location and a transfer outside the EEA.
#[test]
fn removing_a_recipient_abroad() {
    let i = run("ads");
    assert_eq!(ids(&i.flows, |f| &f.flow), ["crm-ads"]);
    assert!(i.left_without_source.is_empty());
    let rows: Vec<(&str, Vec<&str>)> =
        i.register.iter().map(|r| (r.purpose.as_str(), r.cells.clone())).collect();
    assert_eq!(
        rows,
        [
            ("ads", vec![CELL_DATA, CELL_SOURCES, CELL_LOCATIONS]),
            ("shop", vec![CELL_LOCATIONS]),
            ("stats", vec![CELL_LOCATIONS]),
        ]
    );
    // crm.email → ads.email: the purposes using crm.email directly would lose a recipient;
    // none does here, so no row names ads as a recipient lost.
    assert!(i.register.iter().all(|r| r.recipients_lost.is_empty()));
}

/// Removing one field: flows that carry something else only carry less.
#[test]
fn field_removal() {
    let i = run("crm.email");
    assert_eq!(i.removed.kind, "field");
    let flows: Vec<(&str, bool)> = i.flows.iter().map(|f| (f.flow.as_str(), f.breaks)).collect();
    assert_eq!(flows, [("crm-ads", true), ("tills-crm", true), ("web-crm", false)]);
    assert_eq!(i.flows[2].fields, ["web.email → crm.email"]);
    assert_eq!(ids(&i.left_without_source, |u| &u.field), ["ads.email"]);
    assert_eq!(ids(&i.purposes, |p| &p.id), ["ads"]);
}

/// A loop fed only through the removed field is left without a source; one that holds its
/// own data (an origin) is not.
#[test]
fn loops_and_origins() {
    let (model, graph) = compile_yaml(
        "
stores:
  - id: a
    fields: [{id: x}]
  - id: b
    fields: [{id: x}]
  - id: c
    fields: [{id: x}]
  - id: p
    fields: [{id: x}]
  - id: q
    fields: [{id: x}]
flows:
  - {from: a, to: b, fields: [x]}
  - {from: b, to: c, fields: [x], direction: both}
  - {from: p, to: q, fields: [x], direction: both}
",
    );
    let i = impact(&model, &graph, Target::Store(model.store_by_id("a").unwrap()));
    assert_eq!(ids(&i.left_without_source, |u| &u.field), ["b.x", "c.x"]);
    let i = impact(&model, &graph, Target::Store(model.store_by_id("p").unwrap()));
    assert!(i.left_without_source.is_empty(), "q.x is an origin of its own");
}

/// Every format renders, and the JSON parses back with its version.
#[test]
fn formats() {
    let i = run("web");
    for format in [crate::lineage::Format::Text, crate::lineage::Format::Md] {
        let mut out = Vec::new();
        render(&i, format, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("1 flow breaks, 2 fields left without a source"), "{text}");
    }
    let mut out = Vec::new();
    render(&i, crate::lineage::Format::Json, &mut out).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["flows"][0]["flow"], "web-crm");
}

/// On a cycle s0 → s1 → s2 → s0, removing s0 leaves s1 and s2 without a source, as on the
/// chain s0 → s1 → s2; neither is said to be still fed by nothing.
#[test]
fn a_cycle_without_its_entry_is_left_without_a_source() {
    let store = |id: &str| {
        format!("  - {{id: {id}, fields: [{{id: email, category: user.contact.email}}]}}\n")
    };
    let flow =
        |a: &str, b: &str| format!("  - {{id: {a}-{b}, from: {a}, to: {b}, fields: [email]}}\n");
    for cycle in [false, true] {
        let mut map = format!("stores:\n{}{}{}flows:\n", store("s0"), store("s1"), store("s2"));
        map.push_str(&flow("s0", "s1"));
        map.push_str(&flow("s1", "s2"));
        if cycle {
            map.push_str(&flow("s2", "s0"));
        }
        let (model, graph) = compile_yaml(&map);
        let i = impact(&model, &graph, resolve_target(&model, "s0").unwrap());
        assert_eq!(
            ids(&i.left_without_source, |u| &u.field),
            ["s1.email", "s2.email"],
            "cycle: {cycle}"
        );
        assert!(i.still_fed.iter().all(|s| !s.fed_by.is_empty()), "cycle: {cycle}");
    }
}

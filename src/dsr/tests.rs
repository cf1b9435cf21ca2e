//! The checklist on small maps: which stores, which key, what is not stated.

use super::{Checklist, Erasure, Format, Inputs, Key, Operator, Role, build, encode};
use crate::graph::LineageGraph;
use crate::manifest::enums::{ErasureMethod, Language};

const MAP: &str = r#"
stores:
  - id: shop
    erasure: {method: api, how: "DELETE /customers/{id}"}
    fields:
      - {id: customer_id, category: user.unique_id, identifier: true}
      - {id: email, category: user.contact.email}
  - id: crm
    vendor: Relatia
    contract: https://dpa.example/relatia
    fields:
      - {id: client_no, category: user.unique_id}
      - {id: email, category: user.contact.email}
  - id: ads
    external: true
    erasure: {method: not-possible, reason: another controller}
    fields:
      - {id: hashed_email, category: user.contact.email}
  - id: hr
    fields:
      - {id: employee_id, category: user.unique_id, identifier: true}
  - id: stock
    fields:
      - {id: sku, personal: false}
flows:
  - from: shop
    to: crm
    fields: [{customer_id: client_no}, email]
  - from: crm
    to: ads
    fields: [{email: hashed_email}]
purposes:
  - id: newsletter
    subjects: [customer]
    uses: [crm.email]
    recipients: [Statutory auditors]
  - id: payroll
    subjects: [employee]
    uses: [hr.employee_id]
  - id: old
    status: retired
    subjects: [prospect]
    uses: [shop.email]
"#;

fn checklist(yaml: &str, subject: &str, lang: Language) -> Checklist {
    let loaded = crate::load::load_from_memory(&[("map.yaml", yaml)]);
    assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
    let (model, _) = crate::model::resolve::resolve(loaded.manifests, &loaded.project, None);
    let graph = LineageGraph::build(&model);
    let subject = model.subject_by_id(subject).expect("a subject");
    build(&Inputs { model: &model, graph: &graph, sources: &loaded.sources }, subject, lang)
}

/// The stores come from lineage: where the purpose uses the data (crm), where it comes
/// from (shop), where it is copied (ads); not the other subjects' stores, nor data-free
/// ones.
#[test]
fn stores_follow_the_data_both_ways() {
    let c = checklist(MAP, "customer", Language::En);
    let stores: Vec<(&str, Role)> = c.stores.iter().map(|s| (s.id.as_str(), s.role)).collect();
    assert_eq!(stores, [("ads", Role::Copy), ("crm", Role::Used), ("shop", Role::Source)]);
    assert!(!c.stores.iter().any(|s| s.id == "hr" || s.id == "stock"));
}

/// The key: the store's identifier; else the field a flow fills from an identifier.
#[test]
fn the_key_is_the_identifier_or_the_mapped_master_id() {
    let c = checklist(MAP, "customer", Language::En);
    let key = |id: &str| c.stores.iter().find(|s| s.id == id).map(|s| s.key.clone());
    assert_eq!(key("shop"), Some(Key::Identifiers { fields: vec!["customer_id".into()] }));
    match key("crm") {
        Some(Key::Mapped { fields }) => {
            assert_eq!(fields[0].field, "client_no");
            assert_eq!(fields[0].from, "shop.customer_id");
        }
        other => panic!("{other:?}"),
    }
    // ads holds a hashed e-mail that no identifier feeds: how to find a person is unknown.
    assert_eq!(key("ads"), Some(Key::NotStated { attribute: "identifier" }));
}

/// An erasure method the map does not give is "not stated" with the attribute to fill,
/// never "none"; a stated one is carried as written.
#[test]
fn erasure_not_stated_is_said_and_listed_as_a_gap() {
    let c = checklist(MAP, "customer", Language::En);
    let crm = c.stores.iter().find(|s| s.id == "crm").expect("crm");
    assert_eq!(crm.erasure, Erasure::NotStated { attribute: "erasure" });
    let shop = c.stores.iter().find(|s| s.id == "shop").expect("shop");
    assert!(matches!(shop.erasure, Erasure::Stated { method: ErasureMethod::Api, .. }));
    let gaps: Vec<(&str, &str)> = c.gaps.iter().map(|g| (g.store.as_str(), g.attribute)).collect();
    assert_eq!(gaps, [("ads", "identifier"), ("crm", "erasure")]);
    let md = String::from_utf8(encode(&c, Format::Md).expect("md")).expect("UTF-8");
    assert!(md.contains("not stated: add 'erasure:' to the store"), "{md}");
    assert!(!md.to_lowercase().contains("| none |") && !md.contains("| no |"), "{md}");
}

/// Processors and third parties to notify, with the flow that brings the data; the free
/// text recipients of the purposes too.
#[test]
fn processors_and_third_parties_to_notify() {
    let c = checklist(MAP, "customer", Language::En);
    let notify: Vec<(&str, &Operator, Vec<String>)> =
        c.notify.iter().map(|n| (n.store.as_str(), &n.operator, n.via.clone())).collect();
    assert_eq!(notify.len(), 2);
    assert_eq!(notify[0], ("ads", &Operator::ThirdParty, vec!["crm-to-ads".to_owned()]));
    assert_eq!(notify[1].0, "crm");
    assert_eq!(notify[1].2, vec!["shop-to-crm".to_owned()]);
    assert_eq!(c.other_recipients, ["Statutory auditors"]);
}

/// A subject no active purpose names: the checklist says the map does not tell, rather
/// than an empty list that reads as "no data anywhere".
#[test]
fn a_subject_without_purpose_is_not_stated() {
    let c = checklist(MAP, "prospect", Language::Fr);
    assert!(c.stores.is_empty());
    let md = String::from_utf8(encode(&c, Format::Md).expect("md")).expect("UTF-8");
    assert!(md.contains("Non renseigné : aucune finalité en cours"), "{md}");
    let html = String::from_utf8(encode(&c, Format::Html).expect("html")).expect("UTF-8");
    assert!(html.contains("Non renseigné"), "{html}");
}

/// Text from the map cannot become markup.
#[test]
fn manifest_text_is_escaped() {
    let yaml = MAP.replace("DELETE /customers/{id}", "<script>x</script> | [a](b)");
    let c = checklist(&yaml, "customer", Language::En);
    let html = String::from_utf8(encode(&c, Format::Html).expect("html")).expect("UTF-8");
    assert!(!html.contains("<script>x"), "{html}");
    let md = String::from_utf8(encode(&c, Format::Md).expect("md")).expect("UTF-8");
    assert!(md.contains("&lt;script&gt;x&lt;/script&gt; \\| \\[a\\](b)"), "{md}");
}

/// The same map gives the same bytes, in every format.
#[test]
fn output_is_deterministic() {
    for format in [Format::Md, Format::Html, Format::Xlsx, Format::Json] {
        let a = encode(&checklist(MAP, "customer", Language::En), format).expect("bytes");
        let b = encode(&checklist(MAP, "customer", Language::En), format).expect("bytes");
        assert_eq!(a, b, "{format:?}");
    }
}

/// Whose data a store holds is read as the rules read it: a store its own purposes use for
/// staff is not a store of customers because it feeds a store used for both; a source
/// feeding two stores does not make the people of one the people of the other.
#[test]
fn people_are_not_mixed_through_shared_stores() {
    let yaml = r#"
stores:
  - id: hr
    fields: [{id: employee_id, category: user.unique_id, identifier: true}]
  - id: shop
    fields: [{id: email, category: user.contact.email}]
  - id: books
    fields:
      - {id: employee_id, category: user.unique_id}
      - {id: email, category: user.contact.email}
flows:
  - {from: hr, to: books, fields: [employee_id]}
  - {from: shop, to: books, fields: [email]}
purposes:
  - {id: payroll, subjects: [employee], uses: [hr.employee_id]}
  - {id: bookkeeping, subjects: [customer, employee], uses: [books.employee_id, books.email]}
"#;
    let c = checklist(yaml, "customer", Language::En);
    let stores: Vec<&str> = c.stores.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stores, ["books", "shop"]);
    let c = checklist(yaml, "employee", Language::En);
    let stores: Vec<&str> = c.stores.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(stores, ["books", "hr", "shop"]);
}

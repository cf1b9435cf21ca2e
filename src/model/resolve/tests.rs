//! Resolution does not depend on how entities are spread over files, nor on their order.

use std::fmt::Write as _;

use proptest::prelude::*;

use super::resolve;
use crate::load::load_from_memory;
use crate::model::{FieldOrigin, Model, Recipient};

/// Everything the model says, without places: ids, fields in store order, flows with what
/// they carry, purposes with what they use.
fn canonical(model: &Model) -> String {
    let mut out = String::new();
    for s in &model.stores {
        let _ = write!(
            out,
            "store {} owner={:?} domain={:?}:",
            s.id,
            s.owner.map(|t| &model.team(t).id),
            s.domain
        );
        for f in &s.fields {
            let field = model.field(*f);
            let inferred = match field.origin {
                FieldOrigin::Declared => String::new(),
                FieldOrigin::Inferred { flow, from } => {
                    format!("<{}:{}", model.flow(flow).id, model.field_path(from))
                }
            };
            let _ =
                write!(out, " {}{}{}", field.id, if field.personal { "*" } else { "" }, inferred);
        }
        out.push('\n');
    }
    for flow in &model.flows {
        let carried: Vec<String> = flow
            .fields
            .iter()
            .map(|c| format!("{}>{}", model.field_path(c.source), model.field_path(c.target)))
            .collect();
        let _ = writeln!(
            out,
            "flow {} {}>{} {:?}",
            flow.id,
            model.store(flow.from).id,
            model.store(flow.to).id,
            carried
        );
    }
    for p in &model.purposes {
        let uses: Vec<String> = p.uses.iter().map(|f| model.field_path(*f)).collect();
        let recipients: Vec<String> = p
            .recipients
            .iter()
            .map(|r| match r {
                Recipient::Store(s) => model.store(*s).id.clone(),
                Recipient::Text(t) => t.clone(),
            })
            .collect();
        let _ = writeln!(out, "purpose {} {uses:?} {recipients:?}", p.id);
    }
    out
}

/// Entity snippets, each a whole YAML document. Flow ids are written where two flows share
/// `from` and `to`, since default ids are numbered in file order by design.
const SNIPPETS: &[&str] = &[
    "teams: [{id: it}]",
    "stores: [{id: a, owner: it, fields: [{id: x, category: user.contact.email}, {id: y}]}]",
    "stores: [{id: b, fields: [{id: z}]}]",
    "stores: [{id: c}]",
    "flows: [{id: ab1, from: a, to: b, fields: [x]}]",
    "flows: [{id: ab2, from: a, to: b, fields: [{y: w}]}]",
    "flows: [{from: b, to: c, fields: [x, w]}]",
    "flows: [{from: c, to: a, fields: [{x: y2}], direction: both}]",
    "purposes: [{id: p, uses: [c.*, a.x], recipients: [b, 'Partner Ltd']}]",
    "purposes: [{id: q, uses: [b.x]}]",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any split of the same entities into files, in any order, resolves to the same model.
    #[test]
    fn layout_changes_nothing(assignment in proptest::collection::vec(0usize..4, SNIPPETS.len()),
                              names in Just(vec!["a.yaml", "m/b.yaml", "z.yaml", "0.yaml"]).prop_shuffle()) {
        let baseline = {
            let files: Vec<(String, String)> = SNIPPETS.iter().enumerate().map(|(i, s)| (format!("f{i:02}.yaml"), (*s).to_owned())).collect();
            let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
            let loaded = load_from_memory(&files);
            assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
            let (model, findings) = resolve(loaded.manifests, &loaded.project, None);
            assert!(findings.is_empty(), "{findings:#?}");
            canonical(&model)
        };
        let mut texts = vec![String::new(); 4];
        for (snippet, file) in SNIPPETS.iter().zip(&assignment) {
            texts[*file].push_str("---\n");
            texts[*file].push_str(snippet);
            texts[*file].push('\n');
        }
        let files: Vec<(&str, &str)> = names.iter().zip(&texts).map(|(n, t)| (*n, t.as_str())).collect();
        let loaded = load_from_memory(&files);
        prop_assert!(loaded.findings.is_empty());
        let (model, findings) = resolve(loaded.manifests, &loaded.project, None);
        prop_assert!(findings.is_empty());
        prop_assert_eq!(canonical(&model), baseline);
    }
}

/// Default flow ids are `<from>-to-<to>`, numbered in file order, never taking a written id.
#[test]
fn default_flow_ids() {
    let loaded = load_from_memory(&[(
        "m.yaml",
        "stores: [{id: a, fields: [{id: x}]}, {id: b}]\nflows:\n  - {from: a, to: b}\n  - {id: a-to-b, from: a, to: b}\n  - {from: a, to: b}\n",
    )]);
    let (model, findings) = resolve(loaded.manifests, &loaded.project, None);
    assert!(findings.is_empty());
    let ids: Vec<(&str, bool)> =
        model.flows.iter().map(|f| (f.id.as_str(), f.explicit_id)).collect();
    assert_eq!(ids, [("a-to-b", true), ("a-to-b-2", false), ("a-to-b-3", false)]);
}

/// A field inferred in a store can be carried on by a flow declared before the one that
/// creates it.
#[test]
fn inference_chains_in_any_order() {
    let loaded = load_from_memory(&[(
        "m.yaml",
        "stores: [{id: a, fields: [{id: x, category: user.contact.email}]}, {id: b}, {id: c}]\nflows:\n  - {id: first, from: b, to: c, fields: [x]}\n  - {id: second, from: a, to: b, fields: [x]}\n",
    )]);
    let (model, findings) = resolve(loaded.manifests, &loaded.project, None);
    assert!(findings.is_empty(), "{findings:#?}");
    let cx = model.field_by_path("c.x").unwrap();
    assert!(model.field(cx).personal, "inherits the category's personal flag");
    assert_eq!(model.flow(model.flow_by_id("first").unwrap()).fields.len(), 1);
}

/// Personal and special flags derive from categories, declared ones included.
#[test]
fn personal_and_special_from_categories() {
    let loaded = load_from_memory(&[(
        "m.yaml",
        "categories:\n  - {id: user.loyalty, parent: user}\n  - {id: system.audit, personal: true, parent: system}\nstores:\n  - id: a\n    fields:\n      - {id: tier, category: user.loyalty}\n      - {id: log, category: system.audit.trail}\n      - {id: health, category: user.health_and_medical.record_id}\n      - {id: op, category: system.operations}\n      - {id: religion, special: religious_philosophical_beliefs}\n",
    )]);
    let (model, findings) = resolve(loaded.manifests, &loaded.project, None);
    assert!(findings.is_empty(), "{findings:#?}");
    let flags = |p: &str| {
        let f = model.field(model.field_by_path(p).unwrap());
        (f.personal, f.special.map(|s| s.as_str()))
    };
    assert_eq!(flags("a.tier"), (true, None));
    assert_eq!(flags("a.log"), (true, None));
    assert_eq!(flags("a.health"), (true, Some("health")));
    assert_eq!(flags("a.op"), (false, None));
    assert_eq!(flags("a.religion"), (true, Some("religious_philosophical_beliefs")));
}

/// A field of the manifests and of the model stays small: a map holds hundreds of thousands
/// of them, twice while it resolves (`check` on 500,000 fields stays under 1 GB: see
/// docs/performance.md). Before the rarely written `quality:` and `retention:` were boxed,
/// each took 600 bytes and more; before the free-text notes were, about 400.
#[test]
fn fields_stay_small() {
    let model = std::mem::size_of::<crate::model::Field>();
    let manifest = std::mem::size_of::<crate::manifest::store::Field>();
    assert!(model <= 240, "a model field takes {model} bytes");
    assert!(manifest <= 224, "a manifest field takes {manifest} bytes");
}

/// The boxed notes of a field reach the model whole, and a field without any has none (an
/// empty `table:` names none).
#[test]
fn field_notes_move_into_the_model() {
    let loaded = load_from_memory(&[(
        "s.yaml",
        "stores:\n  - id: crm\n    fields:\n      - {id: email, description: the login, table: users, column: MAIL, collection: web form, collection_cost: none, update: account page, update_cost: none}\n      - {id: phone}\n      - {id: city, table: ' '}\n  - id: shop\nflows:\n  - {from: crm, to: shop, fields: [email]}\n",
    )]);
    let (model, findings) = resolve(loaded.manifests, &loaded.project, None);
    assert!(findings.is_empty(), "{findings:#?}");
    let field = |path: &str| model.field(model.field_by_path(path).unwrap());
    let email = field("crm.email");
    assert_eq!(email.description(), Some("the login"));
    assert_eq!(email.table(), Some("users"));
    assert_eq!(email.column().map(|c| c.value.as_str()), Some("MAIL"));
    assert_eq!(email.collection(), Some("web form"));
    assert_eq!(email.collection_cost(), Some("none"));
    assert_eq!(email.update(), Some("account page"));
    assert_eq!(email.update_cost(), Some("none"));
    assert!(field("crm.phone").notes.is_none());
    assert!(field("crm.city").notes.is_none(), "a blank table is not stated");
    assert_eq!(field("crm.city").table(), None);
    // Inferred where a flow brings it: the description travels, the rest is not stated.
    let inferred = field("shop.email");
    assert_eq!(inferred.description(), Some("the login"));
    assert_eq!((inferred.table(), inferred.column(), inferred.collection()), (None, None, None));
}

/// Sorting by index keeps equal keys in their first order and every item once.
#[test]
fn sorted_by_is_stable() {
    let items = vec![("b", 1), ("a", 2), ("b", 3), ("a", 4), ("c", 5)];
    let sorted = super::sorted_by(items, |i| i.0);
    assert_eq!(sorted, [("a", 2), ("a", 4), ("b", 1), ("b", 3), ("c", 5)]);
    assert!(super::sorted_by(Vec::<(&str, u8)>::new(), |i| i.0).is_empty());
}

//! The engine against `check`: whatever the edits, a run of the engine (patched or
//! resolved whole) says what a check of the map from scratch says.

#![expect(clippy::disallowed_methods, reason = "the tests write the maps they check")]

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::commands::compile;

const PROJECT: &str = "organization: {name: Example}\nzones:\n  - {name: Front, domains: [sales]}\n  - {name: Back, domains: [ops]}\n";
const TEAMS: &str = "teams:\n  - id: sales\n  - id: ops\n";
const FLOWS: &str = "flows:\n  - {from: shop, to: crm, fields: [email, phone, {email: copy}], owner: sales}\n  - {from: crm, to: archive, fields: [copy, phone], owner: ops}\n";
const PURPOSES: &str = "purposes:\n  - id: follow-up\n    owner: sales\n    legal_basis: contract\n    uses: [crm.email, crm.copy, archive.copy, \"shop.*\"]\n    consent_record: crm.email\n";

/// The shop's store file as it is edited: the same stores with the same fields in every
/// variant but the one with a repeated field, the next two (a field added; a field
/// removed) and the broken one.
const SHOPS: [&str; 11] = [
    "stores:\n  - id: shop\n    owner: sales\n    fields:\n      - {id: email, category: user.contact.email}\n      - {id: phone, category: user.contact.phone_number}\n",
    // A name and a description.
    "stores:\n  - id: shop\n    name: The shop\n    owner: sales\n    description: Sells\n    fields:\n      - {id: email, name: E-mail, category: user.contact.email}\n      - {id: phone, category: user.contact.phone_number}\n",
    // A category no longer personal: the fields inferred downstream follow it.
    "stores:\n  - id: shop\n    owner: sales\n    fields:\n      - {id: email, category: system.operations}\n      - {id: phone, category: user.health}\n",
    // An unknown owner and a misspelt allow: findings in the edited file.
    "stores:\n  - id: shop\n    owner: salse\n    allow: [{rule: unused-feild, reason: x}]\n    fields:\n      - {id: email, category: user.contact.email}\n      - {id: phone, category: user.contact.phone_number}\n",
    // Another domain, hence another zone.
    "stores:\n  - id: shop\n    owner: ops\n    fields:\n      - {id: email, category: user.contact.email}\n      - {id: phone, category: user.contact.phone_number}\n",
    // A field declared twice: not the same fields (a repeat more).
    "stores:\n  - id: shop\n    owner: sales\n    fields:\n      - {id: email, category: user.contact.email}\n      - {id: phone, category: user.contact.phone_number}\n      - {id: email, category: user.name}\n",
    // Moved down the file: every span changes.
    "# the shop\n\n\nstores:\n  - id: shop\n    owner: sales\n    fields:\n      - {id: email, category: user.contact.email}\n      - {id: phone, category: user.contact.phone_number}\n",
    // A field added, a field removed: ids move, the map is resolved whole.
    "stores:\n  - id: shop\n    owner: sales\n    fields:\n      - {id: email, category: user.contact.email}\n      - {id: phone, category: user.contact.phone_number}\n      - {id: birth, category: user.demographic.date_of_birth}\n",
    "stores:\n  - id: shop\n    owner: sales\n    fields:\n      - {id: email, category: user.contact.email}\n",
    // Mid-edit: a value the schema refuses (left out, reported), then broken YAML.
    "stores:\n  - id: shop\n    owner: sales\n    fields:\n      - {id: email, category: user.contact.email, identifier: maybe}\n      - {id: phone, category: user.contact.phone_number}\n",
    "stores:\n  - id: shop\n    owner: sales\n    fields: [\n",
];

const CRMS: [&str; 3] = [
    "stores:\n  - id: crm\n    owner: sales\n    fields:\n      - {id: email}\n  - id: archive\n    owner: ops\n",
    // The second declaration of `crm`, elsewhere, is a duplicate id pointing here.
    "stores:\n  - id: crm\n    owner: sales\n    name: CRM\n    fields:\n      - {id: email}\n  - id: archive\n    owner: ops\n    kind: database\n",
    "stores:\n  - id: crm\n    owner: ops\n    fields:\n      - {id: email, category: user.contact.email}\n  - id: archive\n    owner: ops\n",
];

/// The purposes file as it is edited: the same purposes in all but the last (one added).
const PURPOSE_FILES: [&str; 5] = [
    PURPOSES,
    // Another legal basis, other fields used, one of them misspelt.
    "purposes:\n  - id: follow-up\n    owner: sales\n    legal_basis: consent\n    uses: [crm.phone, crm.emial, \"archive.*\"]\n",
    // An unknown owner and subject, a consent record without its store.
    "purposes:\n  - id: follow-up\n    owner: marketing\n    subjects: [customr]\n    consent_record: email\n    uses: [shop.email]\n",
    // Written with the shop's store in the same file.
    "stores:\n  - id: extra\n    owner: sales\npurposes:\n  - id: follow-up\n    owner: sales\n    uses: [extra.*]\n",
    "purposes:\n  - id: follow-up\n    owner: sales\n  - id: newsletter\n    owner: sales\n    uses: [crm.email]\n",
];

/// The flows file as it is edited: the same flows, between the same stores with the same
/// fields, in all but the last two (a field more; another destination).
const FLOW_FILES: [&str; 6] = [
    FLOWS,
    // Another owner (unknown), a description, a mechanism, purposes (one unknown).
    "flows:\n  - {from: shop, to: crm, fields: [email, phone, {email: copy}], owner: marketing, description: Nightly, mechanism: api, purposes: [follow-up, folow-up]}\n  - {from: crm, to: archive, fields: [copy, phone], owner: ops, direction: two_way}\n",
    // Moved down the file and written in block style: every span changes, the inferred
    // fields' too.
    "# flows\n\nflows:\n  - from: shop\n    to: crm\n    owner: sales\n    fields:\n      - email\n      - phone\n      - email: copy\n  - from: crm\n    to: archive\n    owner: ops\n    fields: [copy, phone]\n",
    // Its own id.
    "flows:\n  - {id: intake, from: shop, to: crm, fields: [email, phone, {email: copy}], owner: sales}\n  - {from: crm, to: archive, fields: [copy, phone], owner: ops}\n",
    "flows:\n  - {from: shop, to: crm, fields: [email, phone, {email: copy}, {phone: mobile}], owner: sales}\n  - {from: crm, to: archive, fields: [copy, phone], owner: ops}\n",
    "flows:\n  - {from: shop, to: archive, fields: [email, phone, {email: copy}], owner: sales}\n  - {from: crm, to: archive, fields: [copy, phone], owner: ops}\n",
];

const DUPLICATE: &str = "stores:\n  - id: crm\n    owner: sales\n    fields:\n      - {id: fax}\n";

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
    std::fs::write(path, text).expect("a manifest");
}

fn map() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a folder");
    write(dir.path(), "datacarto.yaml", PROJECT);
    write(dir.path(), "teams.yaml", TEAMS);
    write(dir.path(), "stores/shop.yaml", SHOPS[0]);
    write(dir.path(), "stores/crm.yaml", CRMS[0]);
    write(dir.path(), "flows.yaml", FLOWS);
    write(dir.path(), "purposes.yaml", PURPOSES);
    dir
}

/// Everything a check says and resolves, as text: two runs agree when these are equal.
fn said(c: &Compiled) -> String {
    let m = &c.model;
    let findings: Vec<_> = c
        .report
        .findings
        .iter()
        .map(|f| (&f.id, f.level, &f.message, &f.primary, &f.related, &f.help))
        .collect();
    format!(
        "{findings:#?}\n{:?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:?}\n{:?}",
        c.report.summary,
        m.stores,
        m.fields,
        m.flows,
        m.purposes,
        m.domains(),
        m.teams
    )
}

fn fresh(dir: &Path) -> Compiled {
    let options = LoadOptions { within_map: true, ..LoadOptions::default() };
    compile(dir, &[], Date::parse("2026-01-01").expect("a day"), &options).expect("checks")
}

fn engine(dir: &Path) -> Engine {
    Engine::new(dir, LoadOptions { within_map: true, ..LoadOptions::default() })
}

/// The map, and an engine that checked it once (resolving it whole).
fn checked() -> (tempfile::TempDir, Engine) {
    let dir = map();
    let mut engine = engine(dir.path());
    engine.compile(&[], day()).expect("checks");
    (dir, engine)
}

fn day() -> Date {
    Date::parse("2026-01-01").expect("a day")
}

/// Writes each text as `rel` in turn, each time checking that the engine resolved the map
/// as `how` says and said what a check from scratch says.
fn edits(dir: &Path, engine: &mut Engine, rel: &str, texts: &[&str], how: Resolution) {
    for text in texts {
        write(dir, rel, text);
        let run = engine.compile(&[], day()).expect("checks");
        assert_eq!(engine.resolution(), how, "{rel}: {text}");
        assert_eq!(said(&run), said(&fresh(dir)), "{rel}: {text}");
    }
}

#[test]
fn an_edit_that_keeps_every_id_patches_the_last_model() {
    let (dir, mut engine) = checked();
    assert_eq!(engine.resolution(), Resolution::Whole);
    let shops = [SHOPS[1], SHOPS[2], SHOPS[3], SHOPS[4], SHOPS[6], SHOPS[9], SHOPS[0]];
    edits(dir.path(), &mut engine, "stores/shop.yaml", &shops, Resolution::Patched(1));
}

#[test]
fn what_the_patch_changes_is_seen_downstream() {
    let dir = map();
    let mut engine = engine(dir.path());
    let before = engine.compile(&[], day()).expect("checks");
    let inferred = |c: &Compiled, path: &str| {
        let f = c.model.field(c.model.field_by_path(path).expect("the field"));
        (f.name.clone(), f.personal, f.special)
    };
    assert_eq!(inferred(&before, "archive.copy"), ("email".to_owned(), true, None));
    drop(before);
    write(dir.path(), "stores/shop.yaml", SHOPS[1]);
    let named = engine.compile(&[], day()).expect("checks");
    // Inferred through two flows: shop.email → crm.copy → archive.copy.
    assert_eq!(inferred(&named, "archive.copy"), ("E-mail".to_owned(), true, None));
    drop(named);
    write(dir.path(), "stores/shop.yaml", SHOPS[2]);
    let recategorised = engine.compile(&[], day()).expect("checks");
    assert_eq!(engine.resolution(), Resolution::Patched(1));
    assert_eq!(inferred(&recategorised, "archive.copy"), ("email".to_owned(), false, None));
}

#[test]
fn an_edit_of_purposes_that_keeps_their_ids_patches_them() {
    let (dir, mut engine) = checked();
    let texts = [PURPOSE_FILES[1], PURPOSE_FILES[2], PURPOSE_FILES[0]];
    edits(dir.path(), &mut engine, "purposes.yaml", &texts, Resolution::Patched(1));
    // A second declaration of a store: a mistyped field of a purpose is suggested from
    // it too, which only the whole map knows.
    write(dir.path(), "stores/dup.yaml", DUPLICATE);
    engine.compile(&[], day()).expect("checks");
    let mistyped = PURPOSES.replace("crm.copy,", "crm.fax,");
    edits(dir.path(), &mut engine, "purposes.yaml", &[&mistyped], Resolution::Whole);
}

#[test]
fn an_edit_of_flows_that_keeps_their_stores_and_fields_patches_them() {
    let (dir, mut engine) = checked();
    let texts = [FLOW_FILES[1], FLOW_FILES[2], FLOW_FILES[0]];
    edits(dir.path(), &mut engine, "flows.yaml", &texts, Resolution::Patched(1));
    // An id written where it was made from the stores: another flow, resolved whole.
    edits(dir.path(), &mut engine, "flows.yaml", &[FLOW_FILES[3]], Resolution::Whole);
}

#[test]
fn an_edit_that_moves_ids_resolves_the_whole_map() {
    let (dir, mut engine) = checked();
    for (rel, text) in [
        ("stores/shop.yaml", SHOPS[5]),
        ("stores/shop.yaml", SHOPS[7]),
        ("stores/shop.yaml", SHOPS[8]),
        ("stores/shop.yaml", SHOPS[10]),
        ("flows.yaml", FLOW_FILES[4]),
        ("flows.yaml", FLOW_FILES[5]),
        ("flows.yaml", &FLOWS.replace("[copy, phone]", "[copy, phone, fax]")),
        ("teams.yaml", "teams:\n  - id: sales\n"),
        ("purposes.yaml", PURPOSE_FILES[3]),
        ("purposes.yaml", PURPOSE_FILES[4]),
    ] {
        edits(dir.path(), &mut engine, rel, &[text], Resolution::Whole);
    }
}

#[test]
fn a_held_model_is_copied_and_one_let_go_of_is_patched_in_place() {
    let dir = map();
    let mut engine = engine(dir.path());
    let held = engine.compile(&[], day()).expect("checks");
    write(dir.path(), "stores/shop.yaml", SHOPS[1]);
    let patched = engine.compile(&[], day()).expect("checks");
    assert_eq!(engine.resolution(), Resolution::Patched(1));
    let shop =
        |c: &Compiled| c.model.store(c.model.store_by_id("shop").expect("shop")).name.clone();
    assert_eq!(shop(&held), "shop");
    assert_eq!(shop(&patched), "The shop");
    assert_ne!(held.model.fields.as_ptr(), patched.model.fields.as_ptr(), "a copy");
    // Once nothing else holds it, the model is patched where it is.
    let fields = patched.model.fields.as_ptr();
    drop(patched);
    write(dir.path(), "stores/shop.yaml", SHOPS[2]);
    let in_place = engine.compile(&[], day()).expect("checks");
    assert_eq!(engine.resolution(), Resolution::Patched(1));
    assert_eq!(in_place.model.fields.as_ptr(), fields, "the same fields");
}

/// One step of an editing session.
#[derive(Clone, Debug)]
enum Step {
    Shop(usize),
    Crm(usize),
    Purposes(usize),
    Flows(usize),
    /// A second declaration of `crm` (a duplicate id) added or removed.
    Duplicate(bool),
    /// The shop's file opened in an editor with a text.
    Open(usize),
    Close,
    /// From now on, the result of each run dropped before the next (as `lsp` does), or
    /// held (as `serve` does), in turn.
    Hold,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..SHOPS.len()).prop_map(Step::Shop),
        2 => (0..CRMS.len()).prop_map(Step::Crm),
        2 => (0..PURPOSE_FILES.len()).prop_map(Step::Purposes),
        2 => (0..FLOW_FILES.len()).prop_map(Step::Flows),
        1 => any::<bool>().prop_map(Step::Duplicate),
        1 => (0..SHOPS.len()).prop_map(Step::Open),
        1 => Just(Step::Close),
        1 => Just(Step::Hold),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Whatever the edits, the engine's run is a check from scratch.
    #[test]
    fn a_run_is_a_check(steps in proptest::collection::vec(step(), 1..8)) {
        let dir = map();
        let mut engine = engine(dir.path());
        let mut open = BTreeMap::new();
        let mut hold = true;
        let mut _held = Some(engine.compile(&[], day()).expect("checks"));
        for step in steps {
            match step {
                Step::Shop(i) => write(dir.path(), "stores/shop.yaml", SHOPS[i]),
                Step::Crm(i) => write(dir.path(), "stores/crm.yaml", CRMS[i]),
                Step::Purposes(i) => write(dir.path(), "purposes.yaml", PURPOSE_FILES[i]),
                Step::Flows(i) => write(dir.path(), "flows.yaml", FLOW_FILES[i]),
                Step::Duplicate(true) => write(dir.path(), "stores/dup.yaml", DUPLICATE),
                Step::Duplicate(false) => {
                    let _ = std::fs::remove_file(dir.path().join("stores/dup.yaml"));
                }
                Step::Open(i) => {
                    open.insert("stores/shop.yaml".to_owned(), SHOPS[i].to_owned());
                }
                Step::Close => {
                    open.clear();
                }
                Step::Hold => hold = !hold,
            }
            if !hold {
                _held = None;
            }
            let read = engine.read(&open).expect("reads");
            let run = engine.check(read, &[], day()).expect("checks");
            let options = LoadOptions { within_map: true, overlay: open.clone(), ..LoadOptions::default() };
            let scratch = compile(dir.path(), &[], day(), &options).expect("checks");
            prop_assert_eq!(said(&run), said(&scratch));
            _held = Some(run);
        }
    }
}

//! The journey rule of docs/register.md on small maps, one case each: a flow upstream, an
//! onward copy (absent from the row), a synchronisation, a direct collection abroad, a store
//! without location, a flow naming its purposes; and "not stated" where the map says nothing.

use super::cells::{self, Cell};
use super::rows::{Register, Row};
use super::tests::{PROJECT, register_of};
use crate::manifest::enums::Language;

fn one(map: &str) -> Register {
    register_of(&[("datacarto.yaml", PROJECT), ("map.yaml", map)], Language::En)
}

fn row<'r>(reg: &'r Register, id: &str) -> &'r Row {
    reg.rows.iter().find(|r| r.reference == id).unwrap_or_else(|| panic!("no row {id}"))
}

fn stores(row: &Row) -> Vec<&str> {
    row.locations.iter().map(|l| l.store.id.as_str()).collect()
}

fn recipients(row: &Row) -> Vec<&str> {
    let r = &row.recipients;
    r.internal
        .iter()
        .chain(&r.processors)
        .chain(&r.third_parties)
        .map(|r| r.name.as_str())
        .collect()
}

fn transfers(row: &Row) -> Vec<(&str, Option<&str>, Vec<&str>)> {
    row.transfers
        .iter()
        .map(|t| {
            let flows = t.flows.iter().map(String::as_str).collect();
            (t.store.id.as_str(), t.mechanism.as_ref().map(|m| m.id.as_str()), flows)
        })
        .collect()
}

fn gaps<'r>(reg: &'r Register, cell: &str) -> Vec<(&'r str, bool)> {
    reg.coverage
        .iter()
        .filter(|g| g.cell.id == cell)
        .map(|g| (g.fix.as_str(), g.mandatory))
        .collect()
}

/// One flow upstream: `a → b (US)` with an adequacy safeguard brings the data to where the
/// purpose uses it; the row shows that flow's safeguard, and no gap.
#[test]
fn flow_upstream_brings_its_safeguard() {
    let reg = one("stores:
  - {id: a, location: FR, fields: [{id: email, category: user.contact.email}]}
  - {id: b, location: US, vendor: Mailer Inc, fields: [{id: email, category: user.contact.email}]}
flows:
  - {id: a-b, from: a, to: b, fields: [email], transfer: {mechanism: adequacy}}
purposes:
  - {id: p, subjects: [customer], uses: [b.email]}
");
    let p = row(&reg, "p");
    assert_eq!(stores(p), ["a", "b"]);
    assert_eq!(transfers(p), [("b", Some("adequacy"), vec!["a-b"])]);
    assert_eq!(recipients(p), ["b"]);
    assert!(gaps(&reg, "transfers").is_empty(), "{:?}", reg.coverage);
}

/// An onward copy — `a → c (US)` after where the purpose uses `a.email` — is not in the
/// row: not a location, not a recipient, not a transfer, no gap.
#[test]
fn onward_copy_is_not_in_the_row() {
    let reg = one(
        "stores:
  - {id: a, location: FR, security: [backup], fields: [{id: email, category: user.contact.email}]}
  - {id: c, name: Ads, location: US, external: true, security: [encryption], fields: [{id: email, category: user.contact.email}]}
flows:
  - {id: a-c, from: a, to: c, fields: [email]}
purposes:
  - {id: p, subjects: [customer], recipients: [Printer], uses: [a.email]}
  - {id: ads, subjects: [customer], uses: [c.email]}
",
    );
    let p = row(&reg, "p");
    assert_eq!(stores(p), ["a"]);
    assert_eq!(recipients(p), ["Printer"]);
    assert!(p.transfers.is_empty());
    let security: Vec<&str> = p.security.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(security, ["backup"]);
    for cell in [Cell::Locations, Cell::Recipients, Cell::Transfers, Cell::Security] {
        let lines = cells::lines(cell, p, &reg).join("\n");
        assert!(!lines.contains("Ads") && !lines.contains("United States"), "{cell:?}: {lines}");
    }
    assert!(reg.coverage.iter().all(|g| g.row.as_deref() != Some("p") || g.cell.id != "transfers"));
    // The purpose that uses the copy has the transfer, and the gap at the flow.
    let ads = row(&reg, "ads");
    assert_eq!(transfers(ads), [("c", None, vec!["a-c"])]);
    assert_eq!(gaps(&reg, "transfers"), [("`transfer` of flow 'a-c'", true)]);
}

/// A synchronisation is one group: both ends are on the journey whichever end the purpose
/// uses, with the sync's safeguard; what leaves the pair onward is not.
#[test]
fn sync_both_ends_not_onward() {
    let reg = one(
        "stores:
  - {id: a, location: FR, fields: [{id: email, category: user.contact.email}]}
  - {id: b, location: US, vendor: Sync Inc, fields: [{id: email, category: user.contact.email}]}
  - {id: c, location: FR, fields: [{id: email, category: user.contact.email}]}
flows:
  - {id: a-b, from: a, to: b, direction: both, fields: [email], transfer: {mechanism: scc_commission}}
  - {id: b-c, from: b, to: c, fields: [email]}
purposes:
  - {id: p, subjects: [customer], uses: [a.email]}
",
    );
    let p = row(&reg, "p");
    assert_eq!(stores(p), ["a", "b"]);
    assert_eq!(transfers(p), [("b", Some("scc_commission"), vec!["a-b"])]);
    assert!(!recipients(p).contains(&"c"));
}

/// A store outside the EEA that collects the data directly carries the safeguard itself;
/// without one, the gap asks for the store's `transfer`, and fails `--check`.
#[test]
fn direct_collection_abroad() {
    let map = |transfer: &str| {
        format!(
            "stores:
  - {{id: form, location: US, vendor: Formly Inc{transfer}, fields: [{{id: email, category: user.contact.email}}]}}
purposes:
  - {{id: p, subjects: [customer], uses: [form.email]}}
"
        )
    };
    let reg = one(&map(", transfer: {mechanism: adequacy, reference: DPF}"));
    let p = row(&reg, "p");
    assert_eq!(transfers(p), [("form", Some("adequacy"), vec![])]);
    assert_eq!(p.transfers[0].reference.as_deref(), Some("DPF"));
    assert!(gaps(&reg, "transfers").is_empty());

    let reg = one(&map(""));
    assert_eq!(transfers(row(&reg, "p")), [("form", None, vec![])]);
    assert_eq!(gaps(&reg, "transfers"), [("`transfer` of store 'form'", true)]);
    assert!(reg.has_mandatory_gaps());
}

/// A store abroad both fed by a flow and collecting data itself holds two transfers: the
/// flow's safeguard and its own; each missing one is asked where it belongs.
#[test]
fn fed_and_collecting_abroad() {
    let reg = one(
        "stores:
  - {id: crm, location: FR, fields: [{id: email, category: user.contact.email}]}
  - {id: survey, location: US, vendor: AskPulse, fields: [{id: email, category: user.contact.email}, {id: answers, category: user.content.private}]}
flows:
  - {id: crm-survey, from: crm, to: survey, fields: [email]}
purposes:
  - {id: p, subjects: [customer], uses: [survey.email, survey.answers]}
",
    );
    let p = row(&reg, "p");
    assert_eq!(transfers(p), [("survey", None, vec!["crm-survey"]), ("survey", None, vec![])]);
    assert_eq!(cells::lines(Cell::Transfers, p, &reg).len(), 1, "one line for the same words");
    assert_eq!(
        gaps(&reg, "transfers"),
        [("`transfer` of flow 'crm-survey'", true), ("`transfer` of store 'survey'", true)]
    );
}

/// An outside party the data comes from (external, no flow in) is a source, not a transfer.
#[test]
fn external_source_abroad_is_no_transfer() {
    let reg = one("stores:
  - {id: partner, location: US, external: true, fields: [{id: email, category: user.contact.email}]}
  - {id: crm, location: FR, fields: [{id: email, category: user.contact.email}]}
flows:
  - {id: in, from: partner, to: crm, fields: [email]}
purposes:
  - {id: p, subjects: [customer], uses: [crm.email]}
");
    let p = row(&reg, "p");
    assert!(p.transfers.is_empty());
    assert_eq!(p.sources[0].store.id, "partner");
}

/// A store of the journey without `location`: the transfers are "not stated" naming the
/// store and the attribute, in every transfer cell; never "None" or "No"; a mandatory gap.
#[test]
fn store_without_location_is_not_stated() {
    let reg = one("stores:
  - {id: shop, location: FR, fields: [{id: email, category: user.contact.email}]}
  - {id: helpdesk, name: Helpdesk, fields: [{id: email, category: user.contact.email}]}
flows:
  - {id: shop-helpdesk, from: shop, to: helpdesk, fields: [email]}
purposes:
  - {id: p, subjects: [customer], uses: [helpdesk.email]}
");
    let p = row(&reg, "p");
    let unlocated: Vec<&str> = p.unlocated.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(unlocated, ["helpdesk"]);
    let line = "Helpdesk — not stated (`location` of store 'helpdesk')";
    assert_eq!(*cells::lines(Cell::Transfers, p, &reg), [line]);
    assert_eq!(*cells::lines(Cell::TransferCountries, p, &reg), [line]);
    assert_eq!(
        *cells::lines(Cell::TransferAny, p, &reg),
        ["Not stated (`location` of store 'helpdesk')"]
    );
    assert!(cells::lines(Cell::Locations, p, &reg).contains(&line.to_owned()));
    assert_eq!(gaps(&reg, "transfers"), [("`location` of store 'helpdesk'", true)]);
    assert!(reg.has_mandatory_gaps());
    // In French too, and never « Aucun » / « Non ».
    let fr = register_of(
        &[
            ("datacarto.yaml", PROJECT),
            (
                "map.yaml",
                "stores:\n  - {id: h, fields: [{id: email, category: user.contact.email}]}\npurposes:\n  - {id: p, subjects: [customer], uses: [h.email]}\n",
            ),
        ],
        Language::Fr,
    );
    let p = row(&fr, "p");
    assert_eq!(
        *cells::lines(Cell::TransferAny, p, &fr),
        ["Non renseigné (`location` du système « h »)"]
    );
    assert_eq!(
        *cells::lines(Cell::Transfers, p, &fr),
        ["h — non renseigné (`location` du système « h »)"]
    );
}

/// A flow the lineage cannot attribute (it carries no field) joins the journeys of the
/// purposes it names: its destination is a recipient, its safeguard the transfer's.
#[test]
fn flow_naming_its_purposes() {
    let reg = one("stores:
  - {id: crm, location: FR, fields: [{id: email, category: user.contact.email}]}
  - {id: insurer, name: Insurer, location: CH, external: true}
flows:
  - {id: claims, from: crm, to: insurer, purposes: [claims], transfer: {mechanism: adequacy}}
purposes:
  - {id: claims, subjects: [customer], uses: [crm.email]}
  - {id: other, subjects: [customer], uses: [crm.email]}
");
    let claims = row(&reg, "claims");
    assert_eq!(recipients(claims), ["Insurer"]);
    assert_eq!(claims.recipients.third_parties[0].flows, ["claims"]);
    assert_eq!(transfers(claims), [("insurer", Some("adequacy"), vec!["claims"])]);
    assert!(recipients(row(&reg, "other")).is_empty(), "only the purposes it names");
}

/// A misspelt purpose in a flow's `purposes:` is an unknown reference with a suggestion.
#[test]
fn flow_purposes_unknown_id() {
    let loaded = crate::load::load_from_memory(&[(
        "map.yaml",
        "stores:
  - {id: a, fields: [{id: x}]}
  - {id: b}
flows:
  - {from: a, to: b, purposes: [newsleter]}
purposes:
  - {id: newsletter, uses: [a.x]}
",
    )]);
    let (model, findings) =
        crate::model::resolve::resolve(loaded.manifests, &loaded.project, loaded.project_file);
    assert!(model.flows[0].purposes.is_empty());
    let f: Vec<_> = findings.iter().filter(|f| f.rule == "unknown-reference").collect();
    assert_eq!(f.len(), 1, "{findings:?}");
    assert!(f[0].message.contains("unknown purpose 'newsleter'"), "{}", f[0].message);
    let text = format!("{:?}", f[0]);
    assert!(text.contains("newsletter"), "a suggestion: {text}");
}

/// Profiling and automated decisions the purpose does not state are "not stated" (JSON
/// `null`), "likely" for targeted advertising; stated values print as they are.
#[test]
fn flags_not_stated() {
    let reg = one(
        "stores:
  - {id: a, location: FR, fields: [{id: email, category: user.contact.email}]}
purposes:
  - {id: ads, subjects: [customer], use: marketing.advertising.third_party.targeted, uses: [a.email]}
  - {id: mail, subjects: [customer], uses: [a.email]}
  - {id: said, subjects: [customer], profiling: false, automated_decision: true, uses: [a.email]}
",
    );
    assert_eq!(
        *cells::lines(Cell::Flags, row(&reg, "ads"), &reg),
        [
            "Profiling: Likely, not stated (`profiling` of purpose 'ads')",
            "Automated decision: Not stated (`automated_decision` of purpose 'ads')"
        ]
    );
    assert_eq!(
        *cells::lines(Cell::Flags, row(&reg, "said"), &reg),
        ["Profiling: No", "Automated decision: Yes"]
    );
    let mail = row(&reg, "mail");
    let json = serde_json::to_value(mail).unwrap();
    assert!(json["profiling"].is_null() && json["automated_decision"].is_null());
    assert_eq!(json["profiling_likely"], false);
    assert!(!cells::lines(Cell::Flags, mail, &reg).iter().any(|l| l.ends_with(": No")));
    let flags: Vec<_> = reg
        .coverage
        .iter()
        .filter(|g| g.cell.id == "flags")
        .map(|g| (g.row.as_deref().unwrap(), g.fix.as_str(), g.mandatory))
        .collect();
    assert_eq!(
        flags,
        [
            ("ads", "`profiling` of purpose 'ads'", false),
            ("ads", "`automated_decision` of purpose 'ads'", false),
            ("mail", "`profiling` of purpose 'mail'", false),
            ("mail", "`automated_decision` of purpose 'mail'", false),
        ]
    );
    let likely = reg
        .coverage
        .iter()
        .find(|g| g.row.as_deref() == Some("ads") && g.cell.id == "flags")
        .unwrap();
    assert!(likely.why.contains("suggests"), "{}", likely.why);
}

/// A register with no row while the map holds personal data fails `--check`; a map
/// without personal data does not.
#[test]
fn no_row_with_personal_data_fails() {
    let reg = one("stores:
  - {id: a, location: FR, fields: [{id: email, category: user.contact.email}]}
purposes:
  - {id: p, status: planned, uses: [a.email]}
");
    assert!(reg.rows.is_empty());
    assert_eq!(gaps(&reg, "activities"), [("`uses` of an active purpose", true)]);
    assert!(reg.has_mandatory_gaps());
    let reg = one("stores:\n  - {id: a, fields: [{id: sku, category: system.operations}]}\n");
    assert!(gaps(&reg, "activities").is_empty());
}

/// A DPIA declared required on fewer than two computed criteria is a gap; an uncategorised
/// used field makes the special-category cell "not stated", not "No".
#[test]
fn inconsistencies_are_gaps() {
    let reg = one(
        "stores:
  - {id: a, location: FR, fields: [{id: email, category: user.contact.email}, {id: note, personal: true}]}
purposes:
  - {id: p, subjects: [customer], dpia: {status: required}, profiling: true, uses: [a.email]}
  - {id: q, subjects: [customer], uses: [a.note]}
",
    );
    let dpia = gaps(&reg, "dpia");
    assert_eq!(dpia.len(), 1);
    assert!(dpia[0].0.contains("`profiling`") && !dpia[0].1);
    let q = row(&reg, "q");
    assert_eq!(
        *cells::lines(Cell::Special, q, &reg),
        ["Not stated (`category` of field 'a.note')"]
    );
    assert_eq!(gaps(&reg, "special"), [("`category` of field 'a.note'", false)]);
    assert_eq!(*cells::lines(Cell::Special, row(&reg, "p"), &reg), ["No"]);
}

//! The processor register on small maps built in memory: one row per live vendor store, its
//! purposes from the journeys, sub-processors stated / none / not stated, transfers and their
//! safeguards, the review, the mandatory gaps, and no empty cell in either language.

use super::processors::{self, Processors};
use super::table::Table;
use crate::manifest::enums::Language;

fn processors_of(map: &str, language: Language) -> (Processors, Table) {
    let files = [("datacarto.yaml", super::tests::PROJECT), ("map.yaml", map)];
    super::tests::derived_of(&files, language, |inputs, register| {
        let p = processors::build(inputs, &register);
        let table = p.table();
        (p, table)
    })
}

/// A shop collecting e-mails, a helpdesk (vendor, US sub-processor, review overdue), an
/// e-mailing tool in the US reached with SCCs (sub-processors `[]`), a vendor store nobody's
/// purpose crosses, with no location, and a retired vendor store.
const MAP: &str = "\
stores:
  - {id: shop, location: FR, security: [backup], fields: [{id: email, category: user.contact.email}]}
  - id: helpdesk
    name: Helpdesk
    vendor: Helpora
    contract: dpa.pdf
    location: IE
    security: [encryption]
    review: {last: 2025-01-10, every: P1Y}
    sub_processors:
      - {name: Helpora Inc., country: US, purpose: night support}
      - {name: Irlcloud, country: IE}
    fields: [{id: email, category: user.contact.email}, {id: note, personal: true}]
  - id: mailer
    vendor: Mailco
    location: US
    sub_processors: []
    fields: [{id: email, category: user.contact.email}]
  - {id: idle, vendor: Idleco, fields: [{id: sku, category: system.operations}]}
  - {id: gone, vendor: Goneco, status: retired, fields: [{id: email, category: user.contact.email}]}
flows:
  - {from: shop, to: helpdesk, fields: [email]}
  - {from: shop, to: mailer, fields: [email], transfer: {mechanism: scc_commission, reference: SCC-1}}
purposes:
  - {id: support, name: Support, subjects: [customer], legal_basis: contract, uses: [helpdesk.email]}
  - {id: news, name: News, subjects: [customer], legal_basis: consent, uses: [mailer.email]}
";

fn row(table: &Table, store: &str) -> Vec<String> {
    let r = table.rows.iter().find(|r| r.reference == store).expect(store);
    r.cells.iter().map(|c| c.join("\n")).collect()
}

/// One row per live store with a vendor (not the retired one, not the in-house shop), each
/// with the purposes whose journey crosses it; a store no purpose reaches says so.
#[test]
fn one_row_per_live_vendor_store_with_its_purposes() {
    let (p, table) = processors_of(MAP, Language::En);
    let ids: Vec<&str> = p.processors.iter().map(|p| p.store.id.as_str()).collect();
    assert_eq!(ids, ["helpdesk", "idle", "mailer"]);
    assert_eq!(row(&table, "helpdesk")[3], "Support (support)");
    assert_eq!(row(&table, "mailer")[3], "News (news)");
    assert!(
        row(&table, "idle")[3].starts_with("None in the register"),
        "{:?}",
        row(&table, "idle")
    );
    assert_eq!(row(&table, "idle")[4], "No personal data among its fields");
}

/// Sub-processors: listed when written, "None" only for `[]`, "not stated" when absent; a
/// sub-processor outside the EEA is an onward transfer.
#[test]
fn sub_processors_stated_none_and_not_stated() {
    let (_, table) = processors_of(MAP, Language::En);
    let helpdesk = row(&table, "helpdesk");
    assert_eq!(helpdesk[7], "Helpora Inc. — United States: night support\nIrlcloud — Ireland");
    assert_eq!(helpdesk[8], "Helpora Inc. — United States: onward transfer by a sub-processor");
    assert_eq!(row(&table, "mailer")[7], "None");
    assert_eq!(row(&table, "idle")[7], "Not stated (`sub_processors` of store 'idle')");
}

/// Transfers carry the safeguard of the flows bringing personal data there; a store without
/// location is "not stated" (and a mandatory gap), never "none".
#[test]
fn transfers_countries_and_mandatory_gaps() {
    let (p, table) = processors_of(MAP, Language::En);
    assert_eq!(
        row(&table, "mailer")[8],
        "United States: Standard contractual clauses of the Commission (art. 46(2)(c)) — SCC-1"
    );
    let idle = row(&table, "idle");
    assert_eq!(idle[5], "Not stated (`location` of store 'idle')");
    assert!(idle[8].contains("Not stated (`location` of store 'idle')"), "{}", idle[8]);
    assert!(!idle[8].contains("None"), "{}", idle[8]);
    let mandatory: Vec<(&str, &str)> = p
        .coverage
        .iter()
        .filter(|g| g.mandatory)
        .map(|g| (g.row.as_deref().unwrap_or(""), g.cell.id.as_str()))
        .collect();
    assert_eq!(mandatory, [("idle", "purposes"), ("idle", "countries")]);
    assert!(table.has_mandatory_gaps());
    let optional: Vec<(&str, &str)> = p
        .coverage
        .iter()
        .filter(|g| !g.mandatory)
        .map(|g| (g.row.as_deref().unwrap_or(""), g.cell.id.as_str()))
        .collect();
    assert!(optional.contains(&("helpdesk", "categories")), "{optional:?}");
    assert!(optional.contains(&("mailer", "contract")), "{optional:?}");
    assert!(!optional.contains(&("mailer", "sub_processors")), "{optional:?}");
    assert!(!optional.iter().any(|(r, _)| *r == "gone"), "{optional:?}");
}

/// The review says the last day, the period and the next day, and whether it is overdue on
/// the run date.
#[test]
fn review_and_overdue() {
    let (_, table) = processors_of(MAP, Language::En);
    assert_eq!(
        row(&table, "helpdesk")[10],
        "Last review: 2025-01-10\nReviewed every: 1 year\nNext review due: 2026-01-10 (overdue)"
    );
    assert_eq!(row(&table, "mailer")[10], "Not stated (`review` of store 'mailer')");
}

/// No cell is empty and none says a bare "No", in English and in French.
#[test]
fn never_an_empty_cell() {
    for lang in [Language::En, Language::Fr] {
        let (_, table) = processors_of(MAP, lang);
        assert_eq!(table.columns.len(), 11);
        for r in &table.rows {
            assert_eq!(r.cells.len(), table.columns.len());
            for c in &r.cells {
                assert!(!c.is_empty() && c.iter().all(|l| !l.trim().is_empty()), "{r:?}");
                assert!(c.iter().all(|l| l != "No" && l != "Non"), "{r:?}");
            }
        }
    }
    let (_, fr) = processors_of(MAP, Language::Fr);
    assert_eq!(row(&fr, "idle")[7], "Non renseigné (`sub_processors` du système « idle »)");
}

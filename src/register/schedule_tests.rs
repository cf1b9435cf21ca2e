//! The retention schedule on small maps built in memory: the field's own retention wins,
//! else the retention of each active purpose using it, else "not stated"; rows by store and
//! category; gaps; no empty cell in either language.

use super::schedule::{self, Schedule};
use super::table::Table;
use crate::manifest::enums::Language;

fn schedule_of(map: &str, language: Language) -> (Schedule, Table) {
    let files = [("datacarto.yaml", super::tests::PROJECT), ("map.yaml", map)];
    super::tests::derived_of(&files, language, |inputs, register| {
        let s = schedule::build(inputs, &register);
        let table = s.table();
        (s, table)
    })
}

/// A CRM whose e-mail states its own retention, whose first name takes the retention of
/// the two purposes using it, whose phone has none, an uncategorised note, a sentence, and a
/// retired store (left out).
const MAP: &str = "\
stores:
  - id: crm
    fields:
      - {id: email, category: user.contact.email, retention: {duration: P3Y, trigger: last_contact_from_subject, end_action: delete, basis: recommended, reference: CNIL}}
      - {id: first_name, category: user.name.first}
      - {id: phone, category: user.contact.phone_number}
      - {id: note, personal: true}
      - {id: sku, category: system.operations}
  - id: erp
    fields:
      - {id: invoice, category: user.financial, retention: ten years after the invoice}
  - {id: old, status: retired, fields: [{id: email, category: user.contact.email}]}
purposes:
  - {id: news, subjects: [customer], legal_basis: consent, uses: [crm.first_name], retention: {duration: P2Y, trigger: collection, end_action: anonymise}}
  - {id: sales, subjects: [customer], legal_basis: contract, uses: [crm.first_name], retention: {duration: P5Y, trigger: contract_end}}
  - {id: gone, status: retired, subjects: [customer], legal_basis: contract, uses: [crm.phone], retention: P1Y}
";

fn cells(table: &Table, reference: &str) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .filter(|r| r.reference == reference)
        .map(|r| r.cells.iter().map(|c| c.join("\n")).collect())
        .collect()
}

/// Rows by live store and category; the field's own retention, part by part.
#[test]
fn a_fields_own_retention_part_by_part() {
    let (s, table) = schedule_of(MAP, Language::En);
    let refs: Vec<&str> = table.rows.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(
        refs,
        [
            "crm/user.contact.email",
            "crm/user.contact.phone_number",
            "crm/user.name.first",
            "crm/user.name.first",
            "crm/uncategorised",
            "erp/user.financial"
        ]
    );
    let email = &cells(&table, "crm/user.contact.email")[0];
    assert_eq!(email[0], "Email address (user.contact.email)");
    assert_eq!(email[2], "crm.email");
    assert_eq!(email[3], "3 years");
    assert_eq!(email[4], "the last contact from the person");
    assert_eq!(email[5], "Deletion");
    assert_eq!(email[6], "Recommended by the authority: CNIL");
    assert_eq!(email[7], "`retention` of field 'crm.email'");
    assert_eq!(s.entries[0].retention.as_ref().unwrap().end_action.as_ref().unwrap().id, "delete");
}

/// Without its own, a field takes the retention of each active purpose using it (one row
/// each); a retired purpose's does not count: not stated, a gap, never "none".
#[test]
fn purposes_retention_then_not_stated() {
    let (s, table) = schedule_of(MAP, Language::En);
    let first = cells(&table, "crm/user.name.first");
    let periods: Vec<(&str, &str, &str)> =
        first.iter().map(|r| (r[3].as_str(), r[5].as_str(), r[7].as_str())).collect();
    assert_eq!(
        periods,
        [
            ("2 years", "Anonymisation", "`retention` of purpose 'news'"),
            (
                "5 years",
                "Not stated (`retention.end_action` of purpose 'sales')",
                "`retention` of purpose 'sales'"
            ),
        ]
    );
    let phone = &cells(&table, "crm/user.contact.phone_number")[0];
    for c in &phone[3..] {
        assert_eq!(
            c,
            "Not stated (`retention` of field 'crm.phone', or of a purpose that uses it)"
        );
    }
    let gaps: Vec<(&str, &str)> =
        s.coverage.iter().filter_map(|g| Some((g.row.as_deref()?, g.cell.id.as_str()))).collect();
    assert_eq!(
        gaps,
        [
            ("crm/user.contact.phone_number", "retention"),
            ("crm/user.name.first", "end_action"),
            ("crm/uncategorised", "retention")
        ]
    );
    assert!(s.coverage.iter().all(|g| !g.mandatory));
    assert!(!table.rows.iter().any(|r| r.reference.starts_with("old/")));
    assert!(!table.rows.iter().any(|r| r.cells[2].iter().any(|f| f.contains("sku"))));
}

/// A retention written as a sentence is the period; its parts are not stated. An
/// uncategorised field says so in the category cell.
#[test]
fn sentences_and_uncategorised() {
    let (_, table) = schedule_of(MAP, Language::En);
    let invoice = &cells(&table, "erp/user.financial")[0];
    assert_eq!(invoice[3], "ten years after the invoice");
    assert_eq!(invoice[4], "Not stated (`retention.trigger` of field 'erp.invoice')");
    let note = &cells(&table, "crm/uncategorised")[0];
    assert_eq!(note[0], "Not stated (`category` of field 'crm.note')");
}

/// No cell is empty, in English and in French.
#[test]
fn never_an_empty_cell() {
    for lang in [Language::En, Language::Fr] {
        let (_, table) = schedule_of(MAP, lang);
        for r in &table.rows {
            assert_eq!(r.cells.len(), table.columns.len());
            for c in &r.cells {
                assert!(!c.is_empty() && c.iter().all(|l| !l.trim().is_empty()), "{r:?}");
            }
        }
    }
    let (_, fr) = schedule_of(MAP, Language::Fr);
    assert_eq!(cells(&fr, "crm/user.contact.email")[0][3], "3 ans");
    assert_eq!(cells(&fr, "crm/user.contact.email")[0][5], "Suppression");
}

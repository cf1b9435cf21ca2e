//! `datacarto check` on a realistic map, `examples/02-clinic-network`, against the findings
//! derived by hand from the written definitions (docs/rules/*.md and the lineage definitions
//! of the rule catalogue: used, useful, useful flow, origins, field graph, store graph), not
//! from the implementation. The example's README gives the reasoning behind each line.

use serde_json::Value;

use crate::support::{project_root, run_in};

const EXAMPLE: &str = "examples/02-clinic-network";

/// Every finding `check --as-of 2026-11-22` must report, as `(rule, entity)`, sorted.
/// Not there, on purpose: `silo` on `hr`. pms is the patient master; hr holds the staff
/// (its only purpose, payroll, is about `employee`s, the master's purposes about
/// `patient`s), so it is no silo of it (silo.md: only a store that may hold the master's
/// people is reported).
const EXPECTED: &[(&str, &str)] = &[
    // Profiling, automated decision and vulnerable subjects (patient); dpia.status `required`.
    ("dpia-required", "no-show-scoring"),
    // Vulnerable subjects (patient) and combining: origins in booking-site (e-mail, first
    // name, last visit), patient-crm (satisfaction_score, fed by no flow) and survey-tool
    // (answers): three stores. No dpia.
    ("dpia-required", "satisfaction-surveys"),
    // pms.email -> patient-crm.email -> pms.email through two one-way flows; one group,
    // reported on its first field. (consents-sync is `direction: both`: not a cycle.)
    ("flow-cycle", "patient-crm.email"),
    // A flow from the retired store old-agenda.
    ("legacy-in-use", "old-agenda-migration"),
    // legitimate_interests without `legitimate_interest`.
    ("legitimate-interest-undocumented", "satisfaction-surveys"),
    // Used directly by patient-care, completeness 0.55 < 0.8.
    ("low-completeness", "pms.reason_for_visit"),
    // Needs user.demographic.age_range; no used field covers it.
    ("missing-data", "prevention-newsletter"),
    // Holds personal data (payroll and patient invoices) and does not say how to erase them
    // (the retired old-agenda has none either: not reported).
    ("missing-erasure", "accounting-firm"),
    // An active store without owner (the retired old-agenda has none either: not reported).
    ("missing-owner", "rooms"),
    // Personal data, no retention on the purpose nor on any personal field it uses.
    ("missing-retention", "satisfaction-surveys"),
    // Holds personal data, lists no security measures.
    ("missing-security", "accounting-firm"),
    // A vendor, personal data, no contract.
    ("processor-without-contract", "accounting-firm"),
    // Default id of the pms -> accounting-firm flow. Bypass: both its fields also arrive,
    // from the same source field to the same destination field, through pms-to-payment then
    // payment-to-accounting.
    ("redundant-flow", "pms-to-accounting-firm"),
    // Kept P5Y; its only purpose, prevention-newsletter, keeps P3Y.
    ("retention-conflict", "patient-crm.newsletter_optin"),
    // Personal data into survey-tool (US, outside the EEA) with no `transfer`.
    ("transfer-without-safeguard", "crm-to-survey"),
    // The answers are typed into the survey tool, in the US: a direct collection abroad.
    ("transfer-without-safeguard", "survey-tool"),
    // No category.
    ("uncategorised-field", "rooms.equipment"),
    // pms-to-sms delivers first_name, which sms-gateway does not declare.
    ("undeclared-field", "sms-gateway.first_name"),
    // source: received, and no flow delivers it.
    ("unsourced-field", "patient-crm.satisfaction_score"),
    // Non-personal, used by no purpose, feeds nothing.
    ("unused-field", "bi.equipment"),
    // Non-personal (no category), feeds only bi.equipment, which is not useful.
    ("unused-field", "rooms.equipment"),
    // Second default id of rooms -> bi; its only field lands on bi.equipment, not useful.
    ("unused-flow", "rooms-to-bi-2"),
    // Personal; feeds only pms.gender, which is not useful.
    ("unused-personal-data", "booking-site.gender"),
    // Personal; no purpose uses it (patient-care lists pms fields, not pms.*), feeds nothing.
    ("unused-personal-data", "pms.gender"),
];

/// `check --format json --as-of DATE` on the example: exit code, sorted `(rule, entity)`
/// pairs, and the summary.
fn check(as_of: &str) -> (i32, Vec<(String, String)>, Value) {
    let out = run_in(&project_root(), &["check", EXAMPLE, "--format", "json", "--as-of", as_of]);
    let json: Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let mut pairs: Vec<(String, String)> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let field = |key: &str| f[key].as_str().expect("a string").to_owned();
            (field("rule"), field("entity"))
        })
        .collect();
    pairs.sort();
    (out.code, pairs, json["summary"].clone())
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|&(rule, entity)| (rule.to_owned(), entity.to_owned())).collect()
}

/// The expected list is written sorted, so that a failure diff reads in the tool's order.
#[test]
fn the_expected_list_is_sorted() {
    let mut sorted = EXPECTED.to_vec();
    sorted.sort_unstable();
    assert_eq!(EXPECTED, sorted.as_slice());
}

/// Exactly the expected findings, and the one suppressed (`dpia-required` on `payroll`).
#[test]
fn clinic_network_reports_exactly_the_expected_findings() {
    let (code, found, summary) = check("2026-11-22");
    assert_eq!(code, 1, "four findings are errors");
    assert_eq!(found, owned(EXPECTED));
    assert_eq!(summary["suppressed"], 1);
    assert_eq!(summary["errors"], 4);
}

/// After its `until` date, the suppression on `payroll` no longer silences its
/// `dpia-required` finding and says that it expired.
#[test]
fn clinic_network_suppression_expires() {
    let (_, found, summary) = check("2028-01-01");
    let payroll: Vec<&str> = found
        .iter()
        .filter(|(_, entity)| entity == "payroll")
        .map(|(rule, _)| rule.as_str())
        .collect();
    assert_eq!(payroll, ["dpia-required", "invalid-suppression"]);
    assert_eq!(summary["suppressed"], 0);
}

//! Every rule on a map with an application (`kind: application`): data passes through it
//! like a copy, and no rule about kept data reports what it does not keep.

use super::check_yaml;
use crate::diag::Level;

/// The shop sends orders through a payment gateway (an application that stores nothing) to
/// the CRM, where a purpose uses them. `kind` is the gateway's kind.
fn shop(kind: &str, extra_flow: &str) -> String {
    format!(
        "teams:
  - {{id: sales, name: Sales}}
stores:
  - id: eshop
    owner: sales
    location: FR
    security: [access_control]
    erasure: {{method: manual}}
    referential: true
    fields:
      - {{id: customer_id, category: user.unique_id, identifier: true, retention: {{duration: P10Y}}}}
      - {{id: email, category: user.contact.email, completeness: 0.5}}
  - id: gateway
    kind: {kind}
    owner: sales
    vendor: PayCo
    contract: https://example.com/dpa
    location: FR
    security: [encryption]
  - id: crm
    owner: sales
    location: FR
    security: [access_control]
    erasure: {{method: manual}}
    fields:
      - {{id: customer_id, category: user.unique_id, identifier: true, source: received}}
      - {{id: email, category: user.contact.email, source: received}}
flows:
  - {{id: shop-to-gateway, from: eshop, to: gateway, fields: [customer_id, email]}}
  - {{id: gateway-to-crm, from: gateway, to: crm, fields: [customer_id, email]}}
{extra_flow}purposes:
  - id: orders
    owner: sales
    legal_basis: contract
    subjects: [customer]
    uses: [crm.customer_id, crm.email]
    retention: {{duration: P3Y}}
"
    )
}

fn about_gateway(findings: &[(&'static str, Level, String)]) -> Vec<(&'static str, String)> {
    findings.iter().filter(|f| f.2.starts_with("gateway")).map(|f| (f.0, f.2.clone())).collect()
}

/// Through an application, data reaches the CRM as through a copy (the shop's fields are
/// useful), and no rule reports the application: no undeclared field, no erasure, no
/// identifier, no retention or completeness inherited, no unused field. The same store as
/// a SaaS tool draws the findings of a store that keeps data: the test tells them apart.
#[test]
fn an_application_passes_data_through_without_false_findings() {
    let findings = check_yaml(&shop("application", ""));
    assert!(about_gateway(&findings).is_empty(), "{findings:#?}");
    let unused: Vec<_> = findings.iter().filter(|f| f.0.starts_with("unused-")).collect();
    assert!(unused.is_empty(), "the shop's data is used downstream: {unused:#?}");

    // The rules about processing still judge it: a processor without its contract.
    let no_contract =
        shop("application", "").replace("    contract: https://example.com/dpa\n", "");
    let processing = about_gateway(&check_yaml(&no_contract));
    assert_eq!(processing, [("processor-without-contract", "gateway".to_owned())]);

    let kept = about_gateway(&check_yaml(&shop("saas", "")));
    for rule in ["undeclared-field", "missing-erasure"] {
        assert!(kept.iter().any(|f| f.0 == rule), "{rule} missing from {kept:#?}");
    }
}

/// Data sent to an application and on to nowhere: the flow that brings it is reported
/// (`unused-flow`), the fields passing through are not reported a second time.
#[test]
fn data_an_application_sends_nowhere_is_one_finding_on_the_flow() {
    let dead_end = "  - {id: shop-to-tracker, from: eshop, to: tracker, fields: [email]}\n";
    let map = shop("application", dead_end).replace(
        "  - id: crm\n",
        "  - id: tracker\n    kind: application\n    owner: sales\n    location: FR\n    security: [encryption]\n  - id: crm\n",
    );
    let findings = check_yaml(&map);
    let about: Vec<_> =
        findings.iter().filter(|f| f.2.contains("tracker")).map(|f| (f.0, f.2.as_str())).collect();
    assert_eq!(about, [("unused-flow", "shop-to-tracker")], "{findings:#?}");
}

/// An application no flow touches and no purpose uses is still an isolated silo.
#[test]
fn an_isolated_application_is_still_an_orphan() {
    let map = shop("application", "").replace(
        "  - id: crm\n",
        "  - id: lonely\n    kind: application\n    owner: sales\n  - id: crm\n",
    );
    let findings = check_yaml(&map);
    assert!(findings.iter().any(|f| f.0 == "orphan-store" && f.2 == "lonely"), "{findings:#?}");
}

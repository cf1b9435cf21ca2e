//! One mistake, one finding: a bad value is reported at the value, in the project's words,
//! and its entity still loads, so that nothing cascades (no false "unused", no "unknown
//! store"); an invalid id is read as its closest valid id; the parser's words are replaced
//! where they help nobody (tabs, indentation, `location: [France]`, `dpia: done`).

use crate::support::{Map, Output};

const PROJECT: &str = "organization:
  name: Maison Dupont SAS
  country: FR
  email: privacy@maison-dupont.example
language: en
";

/// A map that `check` passes without a single finding; each test plants one mistake.
const CLEAN: &str = "teams:
  - id: marketing
stores:
  - id: shop
    owner: marketing
    location: FR
    referential: true
    security: [access_control]
    erasure: {method: api}
    fields:
      - {id: customer_id, category: user.unique_id, identifier: true, source: collected}
      - {id: email, category: user.contact.email, source: collected}
      - {id: optin, category: user.privacy_preferences, source: collected}
  - id: crm
    owner: marketing
    location: FR
    security: [access_control]
    erasure: {method: manual}
    fields:
      - {id: customer_id, category: user.unique_id, identifier: true, source: received}
      - {id: email, category: user.contact.email, source: received}
      - {id: optin, category: user.privacy_preferences, source: received}
flows:
  - from: shop
    to: crm
    fields: [customer_id, email, optin]
purposes:
  - id: newsletter
    owner: marketing
    legal_basis: consent
    consent_record: crm.optin
    subjects: [customer]
    uses: [crm.customer_id, crm.email, crm.optin]
    retention: {duration: P3Y, trigger: last_contact_from_subject, end_action: delete}
";

/// The clean map with each `(from, to)` replacement made (each `from` must occur once).
fn planted(edits: &[(&str, &str)]) -> Map {
    let mut text = CLEAN.to_owned();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "'{from}' occurs once in the clean map");
        text = text.replacen(from, to, 1);
    }
    Map::new(&[("datacarto.yaml", PROJECT), ("map.yaml", &text)])
}

fn concise(map: &Map) -> Output {
    let out = map.run(&["check", "--format", "concise"]);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out
}

/// The finding lines of a concise run (without the summary line).
fn lines(out: &Output) -> Vec<&str> {
    out.stdout
        .lines()
        .filter(|l| l.contains(": error[") || l.contains(": warn[") || l.contains(": info["))
        .collect()
}

/// The clean map is clean: every finding in the tests below comes from its one mistake.
#[test]
fn the_clean_map_has_no_finding() {
    let out = concise(&planted(&[]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(lines(&out).is_empty(), "{}", out.stdout);
}

/// `retention: 2024` (or `true`, `1.5`) on a purpose is one finding at the value; the
/// purpose still loads, so no field it uses turns "unused", and no other rule reports
/// the retention as missing.
#[test]
fn a_bad_retention_on_a_purpose_is_one_finding_at_the_value() {
    let mut shown = String::new();
    for bad in ["2024", "true", "1.5"] {
        let line = format!("    retention: {bad}\n");
        let map = planted(&[(
            "    retention: {duration: P3Y, trigger: last_contact_from_subject, end_action: delete}\n",
            &line,
        )]);
        let out = concise(&map);
        let found = lines(&out);
        assert_eq!(found.len(), 1, "one finding for 'retention: {bad}':\n{}", out.stdout);
        assert!(found[0].starts_with("map.yaml:34:16: error[schema]"), "{}", found[0]);
        for wrong in ["untagged", "variant", "unused-personal-data", "missing-retention"] {
            assert!(!out.stdout.contains(wrong), "{wrong}:\n{}", out.stdout);
        }
        shown.push_str(&format!("retention: {bad}\n{}\n", out.stdout));
    }
    insta::assert_snapshot!("bad_purpose_retention", shown);
}

/// `retention: 3` on a field and `records: 18446744073709551616` on a store are one
/// finding each; the store keeps its other attributes and the flows and purposes that
/// name it resolve.
#[test]
fn a_bad_value_on_a_field_or_a_store_keeps_the_store() {
    let map = planted(&[
        (
            "{id: email, category: user.contact.email, source: received}",
            "{id: email, category: user.contact.email, source: received, retention: 3}",
        ),
        ("  - id: crm\n", "  - id: crm\n    records: 18446744073709551616\n"),
    ]);
    let out = concise(&map);
    let found = lines(&out);
    assert_eq!(found.len(), 2, "{}", out.stdout);
    assert!(found[0].starts_with("map.yaml:15:14: error[schema]"), "{}", found[0]);
    assert!(found[1].starts_with("map.yaml:22:80: error[schema]"), "{}", found[1]);
    for wrong in ["unknown store", "unknown-reference", "unused", "whole number of zero"] {
        assert!(!out.stdout.contains(wrong), "{wrong}:\n{}", out.stdout);
    }
    insta::assert_snapshot!("bad_field_and_store_values", out.stdout);
}

/// An entity with an invalid id loads under its closest valid id: its other problems are
/// reported in the same run, and references written either way resolve.
#[test]
fn an_invalid_id_loads_under_its_closest_valid_id() {
    let map = planted(&[
        ("  - id: newsletter\n", "  - id: Newsletter Main\n"),
        ("    legal_basis: consent\n", "    legal_basis: consnt\n"),
        ("  - id: crm\n", "  - id: CRM\n"),
        ("    to: crm\n", "    to: CRM\n"),
    ]);
    let out = concise(&map);
    let found = lines(&out);
    assert!(out.stdout.contains("write 'newsletter_main'"), "{}", out.stdout);
    assert!(
        out.stdout.contains("did you mean 'consent'?"),
        "the purpose's other mistake:\n{}",
        out.stdout
    );
    // `uses: [crm.…]` and `consent_record: crm.optin` name the store written `CRM`.
    for wrong in ["unknown-reference", "unused", "missing-legal-basis"] {
        assert!(!out.stdout.contains(wrong), "{wrong}:\n{}", out.stdout);
    }
    assert_eq!(found.len(), 4, "{}", out.stdout);
    insta::assert_snapshot!("invalid_ids", out.stdout);
}

/// Tabs are shown where they are; a country written by name, `dpia: done` and a line out
/// of line say what to write.
#[test]
fn hints_where_the_parser_says_little() {
    let tab = planted(&[(
        "    owner: marketing\n    location: FR\n    referential",
        "\towner: marketing\n    location: FR\n    referential",
    )]);
    let out = concise(&tab);
    assert!(
        out.stdout.starts_with("map.yaml:5:1: error[yaml-syntax] a tab in the indentation"),
        "{}",
        out.stdout
    );
    let mut shown = out.stdout;
    let hints = planted(&[
        ("    location: FR\n    referential", "    location: [France]\n    referential"),
        ("    retention: {duration", "    dpia: done\n    retention: {duration"),
    ]);
    let out = concise(&hints);
    assert!(out.stdout.contains("write 'FR'"), "{}", out.stdout);
    assert!(out.stdout.contains("write 'dpia: {status: done}'"), "{}", out.stdout);
    shown.push_str(&out.stdout);
    let indent = planted(&[("    subjects: [customer]\n", "  subjects: [customer]\n")]);
    let out = concise(&indent);
    assert!(out.stdout.contains("'subjects' does not line up"), "{}", out.stdout);
    shown.push_str(&out.stdout);
    insta::assert_snapshot!("parser_hints", shown);
}

/// Countries are ISO 3166-1 alpha-2: `UK` is refused with `GB` suggested (not taken for
/// a country outside the EEA needing a safeguard), `EU` and `XX` are refused in words.
#[test]
fn countries_are_iso_3166_alpha_2_codes() {
    let map = planted(&[
        ("    location: FR\n    referential", "    location: [UK]\n    referential"),
        (
            "    location: FR\n    security: [access_control]\n    erasure: {method: manual}\n    fields:\n      - {id: customer_id, category: user.unique_id, identifier: true, source: received}",
            "    location: [EU, XX]\n    security: [access_control]\n    erasure: {method: manual}\n    fields:\n      - {id: customer_id, category: user.unique_id, identifier: true, source: received}",
        ),
    ]);
    let out = concise(&map);
    assert!(out.stdout.contains("write 'GB'"), "{}", out.stdout);
    assert!(out.stdout.contains("'EU' is not a country"), "{}", out.stdout);
    assert!(
        out.stdout.contains("'XX' is not an ISO 3166-1 alpha-2 country code"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("transfer-without-safeguard"), "{}", out.stdout);
    insta::assert_snapshot!("countries", out.stdout);
}

/// When a store id is declared twice, a mistyped field reference is suggested from every
/// declaration, saying the declarations must be merged.
#[test]
fn a_store_declared_twice_suggests_from_every_declaration() {
    let mut text = CLEAN.replacen("crm.optin]", "crm.optin, crm.phnoe]", 1);
    text.push_str("---\nstores:\n  - id: crm\n    fields:\n      - {id: phone, category: user.contact.phone_number}\n");
    let map = Map::new(&[("datacarto.yaml", PROJECT), ("map.yaml", &text)]);
    let out = concise(&map);
    assert!(out.stdout.contains("did you mean 'phone'?"), "{}", out.stdout);
    assert!(out.stdout.contains("merge the two declarations"), "{}", out.stdout);
    insta::assert_snapshot!("duplicate_store_suggestions", out.stdout);
}

/// A misspelt key is one finding: the rule that finds the attribute missing says nothing
/// more about it, since it was written.
#[test]
fn a_misspelt_key_is_not_reported_again_as_missing() {
    let map = planted(&[("    legal_basis: consent\n", "    legal_bsis: consent\n")]);
    let out = concise(&map);
    assert!(out.stdout.contains("did you mean 'legal_basis'?"), "{}", out.stdout);
    assert!(!out.stdout.contains("missing-legal-basis"), "{}", out.stdout);
    assert_eq!(lines(&out).len(), 1, "{}", out.stdout);
}

/// A transfer with a misspelt mechanism, on a flow without an id, is one finding: the flow
/// is not reported again as a transfer without a safeguard.
#[test]
fn a_bad_transfer_mechanism_is_not_reported_again_as_missing() {
    let map = planted(&[
        (
            "  - id: crm\n    owner: marketing\n    location: FR",
            "  - id: crm\n    owner: marketing\n    location: US",
        ),
        (
            "    fields: [customer_id, email, optin]\n",
            "    fields: [customer_id, email, optin]\n    transfer: {mechanism: scc}\n",
        ),
    ]);
    let out = concise(&map);
    assert!(out.stdout.contains("did you mean 'scc_commission'?"), "{}", out.stdout);
    assert!(!out.stdout.contains("transfer-without-safeguard"), "{}", out.stdout);
    assert_eq!(lines(&out).len(), 1, "{}", out.stdout);
}

/// A processor whose one country is refused is one finding: `processor-without-location`
/// does not report the location it was given as missing.
#[test]
fn a_refused_country_on_a_processor_is_not_reported_again_as_missing() {
    let map = planted(&[(
        "  - id: crm\n    owner: marketing\n    location: FR",
        "  - id: crm\n    owner: marketing\n    vendor: Acme CRM\n    contract: https://acme.example/dpa\n    location: [UK]",
    )]);
    let out = concise(&map);
    assert!(out.stdout.contains("write 'GB'"), "{}", out.stdout);
    assert!(!out.stdout.contains("processor-without-location"), "{}", out.stdout);
    assert_eq!(lines(&out).len(), 1, "{}", out.stdout);
}

//! `datacarto dsr`: the rights-request checklist of the example maps as snapshots (English
//! and French), the XLSX read back against the JSON, exit codes and usage errors.

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::support::{Map, project_root, run_in};

/// `datacarto dsr <args>` from the project root, and its stdout.
fn dsr(args: &[&str]) -> String {
    let mut all = vec!["dsr"];
    all.extend_from_slice(args);
    let out = run_in(&project_root(), &all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    out.stdout
}

/// The checklist of a retail customer: every store of their data, its key, its erasure
/// method, the processors to notify.
#[test]
fn example_customer_markdown() {
    let text = dsr(&["examples/01-retail", "--subject", "customer"]);
    insta::assert_snapshot!("dsr_retail_customer_md", text);
}

/// In French, with the gap of the clinic example (an accountant with no erasure method):
/// "non renseigné", never an empty cell.
#[test]
fn example_patient_french() {
    let text = dsr(&["examples/02-clinic-network", "--subject", "patient", "--lang", "fr"]);
    assert!(text.contains("non renseigné : ajouter 'erasure:'"), "{text}");
    insta::assert_snapshot!("dsr_clinic_patient_fr_md", text);
}

#[test]
fn example_customer_json() {
    let text = dsr(&["examples/01-retail", "--subject", "customer", "--format", "json"]);
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["version"], 1);
    insta::assert_snapshot!("dsr_retail_customer_json", text);
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The XLSX, read back: one row per store of the JSON, in its order, with its id and the
/// key; the parties to notify and the gaps on their own sheets.
#[test]
fn xlsx_matches_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("customer.xlsx");
    let example = project_root().join("examples/01-retail");
    let (e, p) = (example.to_str().unwrap(), path.to_str().unwrap());
    let out = run_in(&project_root(), &["dsr", e, "--subject", "customer", "-o", p]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let json: Value = serde_json::from_str(&dsr(&[
        "examples/01-retail",
        "--subject",
        "customer",
        "--format",
        "json",
    ]))
    .unwrap();
    let mut book: Xlsx<_> = open_workbook(&path).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Checklist", "Notify", "To complete"]);
    let sheet = book.worksheet_range("Checklist").unwrap();
    let stores = json["stores"].as_array().unwrap();
    assert_eq!(sheet.get_size(), (stores.len() + 1, 7));
    assert_eq!(text(sheet.get_value((0, 3))), "Key to find the person");
    for (r, store) in stores.iter().enumerate() {
        let name = text(sheet.get_value((r as u32 + 1, 0)));
        assert!(name.ends_with(&format!("({})", store["id"].as_str().unwrap())), "{name}");
        let key = text(sheet.get_value((r as u32 + 1, 3)));
        assert!(!key.is_empty(), "row {r}: the key cell is never empty");
    }
    let notify = book.worksheet_range("Notify").unwrap();
    let recipients = json["other_recipients"].as_array().unwrap().len();
    assert_eq!(notify.get_size().0, json["notify"].as_array().unwrap().len() + recipients + 1);
    let gaps = book.worksheet_range("To complete").unwrap();
    assert_eq!(gaps.get_size().0, json["gaps"].as_array().unwrap().len() + 1);
}

/// An unknown subject is a usage error naming the closest one; xlsx needs a file.
#[test]
fn usage_errors_exit_2() {
    let map = Map::new(&[(
        "map.yaml",
        "stores:\n  - id: crm\n    fields: [{id: email, category: user.contact.email}]\n",
    )]);
    let out = map.run(&["dsr", "--subject", "custmer"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("unknown subject 'custmer'"), "{}", out.stderr);
    assert!(out.stderr.contains("'customer'"), "{}", out.stderr);
    let out = map.run(&["dsr", "--subject", "customer", "--format", "xlsx"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("-o FILE"), "{}", out.stderr);
}

/// A subject that no purpose names: the checklist says the map does not tell, exit 0.
#[test]
fn subject_without_purpose_says_not_stated() {
    let map = Map::new(&[(
        "map.yaml",
        "stores:\n  - id: crm\n    fields: [{id: email, category: user.contact.email}]\n",
    )]);
    let out = map.run(&["dsr", "--subject", "customer"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Not stated: no active purpose names this category"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("## Stores holding their data"), "{}", out.stdout);
}

/// The site has a page per category of person named by a purpose, linked from
/// `rights.html`, holding the same stores as the checklist; a built-in category no purpose
/// names gets none.
#[test]
fn the_site_has_a_page_per_subject() {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let args = ["build", "examples/01-retail", "-o", site.to_str().unwrap()];
    let run = run_in(&project_root(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rights = std::fs::read_to_string(site.join("rights.html")).unwrap();
    for subject in ["customer", "loyalty_member", "prospect"] {
        assert!(rights.contains(&format!("href=\"subjects/{subject}.html\"")), "{subject}");
        assert!(site.join(format!("subjects/{subject}.html")).is_file(), "{subject}");
    }
    assert!(!site.join("subjects/patient.html").exists(), "no purpose names patients");
    let page = std::fs::read_to_string(site.join("subjects/customer.html")).unwrap();
    let json: Value = serde_json::from_str(&dsr(&[
        "examples/01-retail",
        "--subject",
        "customer",
        "--format",
        "json",
    ]))
    .unwrap();
    for store in json["stores"].as_array().unwrap() {
        let id = store["id"].as_str().unwrap();
        assert!(page.contains(&format!("<code>{id}</code>")), "{id}");
    }
}

/// A hostile name in the map is text on the subject's page, never markup.
#[test]
fn a_hostile_name_is_text_on_the_subject_page() {
    let name = "<img src=x onerror=alert(1)>";
    let map = Map::new(&[(
        "map.yaml",
        &format!(
            "stores:\n  - {{id: evil, name: \"{name}\", erasure: {{method: manual, how: \"{name}\"}}, fields: [{{id: x, name: \"{name}\", personal: true}}]}}\npurposes:\n  - {{id: p, name: \"{name}\", subjects: [customer], uses: [evil.x]}}\n"
        ),
    )]);
    let out = map.run(&["build", "-o", "site"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = std::fs::read_to_string(map.path().join("site/subjects/customer.html")).unwrap();
    assert!(!page.contains("<img"), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "{page}");
}

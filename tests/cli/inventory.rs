//! `datacarto export inventory` and `datacarto import inventory`: the example maps go out to
//! a workbook or a CSV file and come back with the same entities and the same findings; the
//! workbook's sheets, headings and drop-down lists; per-row errors at sheet, row and column.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::support::{Map, copy_dir, project_root, run_in};

const AS_OF: &str = "2026-11-22";
const EXAMPLES: [&str; 2] = ["examples/01-retail", "examples/02-clinic-network"];

/// The findings of `check`, without their line and column (the imported manifests are laid
/// out anew): id, rule, level, message, file.
fn findings(dir: &Path) -> Vec<(String, String, String, String, String)> {
    let out = run_in(dir, &["check", "--format", "json", "--as-of", AS_OF]);
    let json: Value = serde_json::from_str(&out.stdout).expect("check --format json");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_owned();
            (s("id"), s("rule"), s("level"), s("message"), s("file"))
        })
        .collect()
}

fn export(map: &Path, file: &Path, lang: &str) {
    let out = run_in(
        &project_root(),
        &[
            "export",
            "inventory",
            &map.to_string_lossy(),
            "-o",
            &file.to_string_lossy(),
            "--lang",
            lang,
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// Export → import gives the same map: the same findings, file by file, and an inventory
/// of the imported map identical to the first, in both formats and both languages.
#[test]
fn example_maps_round_trip_losslessly() {
    for example in EXAMPLES {
        let original = project_root().join(example);
        let expected = findings(&original);
        assert!(!expected.is_empty());
        for (ext, lang) in [("xlsx", "en"), ("csv", "fr"), ("csv", "en"), ("xlsx", "fr")] {
            let tmp = tempfile::tempdir().expect("a temporary folder");
            let file = tmp.path().join(format!("inventory.{ext}"));
            export(&original, &file, lang);
            let out_dir = tmp.path().join("map");
            let out = run_in(
                tmp.path(),
                &["import", "inventory", &file.to_string_lossy(), "-o", &out_dir.to_string_lossy()],
            );
            assert_eq!(out.code, 0, "{example} {ext} {lang}: {}", out.stderr);
            assert!(!out.stderr.contains("note:"), "{}", out.stderr);
            assert_eq!(findings(&out_dir), expected, "{example} through {ext} ({lang})");
            // The inventory of the imported map is the inventory of the original.
            let again = tmp.path().join(format!("again.{ext}"));
            export(&out_dir, &again, lang);
            if ext == "csv" {
                assert_eq!(
                    std::fs::read_to_string(&again).expect("csv"),
                    std::fs::read_to_string(&file).expect("csv"),
                    "{example} ({lang})"
                );
            } else {
                assert_eq!(sheets(&again), sheets(&file), "{example} ({lang})");
            }
        }
    }
}

/// Every sheet of a workbook as rows of text.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("a workbook");
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("a sheet");
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::String(s) => s.clone(),
                            Data::Empty => String::new(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// The workbook has one sheet per kind of entity, headings in the language asked for, a
/// frozen heading row and the drop-down lists of allowed values.
#[test]
fn workbook_has_sheets_headings_and_lists() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let file = tmp.path().join("inventaire.xlsx");
    export(&project_root().join(EXAMPLES[0]), &file, "fr");
    let sheets = sheets(&file);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "paramètres",
            "équipes",
            "objectifs",
            "personnes",
            "catégories",
            "glossaire",
            "outils",
            "champs",
            "flux",
            "finalités",
            "listes"
        ]
    );
    let fields = &sheets[7].1;
    assert_eq!(fields[0][..4], ["Outil", "Identifiant", "Nom", "Catégorie"]);
    assert!(
        fields.iter().any(|r| r[0] == "crm" && r[1] == "email" && r[3] == "user.contact.email")
    );
    // The stores sheet's XML: the heading row frozen, filters, the kind column's list.
    let archive = std::fs::File::open(&file).expect("the workbook");
    let mut zip = zip::ZipArchive::new(archive).expect("a zip archive");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet7.xml").expect("the stores sheet"),
        &mut xml,
    )
    .expect("xml");
    assert!(
        xml.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        )
    );
    assert!(xml.contains("<autoFilter ref=\"A1:"));
    assert!(xml.contains(r#"type="list""#) && xml.contains("sqref=\"D2:"), "{xml}");
    let lists = &sheets[10].1;
    assert!(lists.iter().any(|r| r.iter().any(|c| c == "legitimate_interests")));
    assert!(lists.iter().any(|r| r.iter().any(|c| c == "user.contact.email")));
}

/// Problems are told at their sheet, row and column, each with a way to fix it, and
/// nothing is written.
#[test]
fn import_reports_each_problem_at_its_cell() {
    let inventory = "\u{feff}[stores]\r\n\
        Id,Name,Kind,Records,Locaton\r\n\
        crm,CRM,crmm,many,FR\r\n\
        ,No id,crm,,\r\n\
        \r\n\
        [fields]\r\n\
        Store,Id,Category,Completeness\r\n\
        crn,email,user.contact.email,0.9\r\n\
        crm,phone,user.contact.phone_number,1.5\r\n\
        crm,phone,user.contact.phone_number,1\r\n";
    let map = Map::new(&[("inventory.csv", inventory)]);
    let out = map.run(&["import", "inventory", "inventory.csv", "-o", "out"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!map.path().join("out").exists(), "nothing is written");
    insta::assert_snapshot!("import_problems_read", out.stderr);
    // Fixed headings and rows, the loader's own checks speak at the cells.
    let fixed = inventory
        .replace("crm,phone,user.contact.phone_number,1\r\n", "")
        .replace("Locaton", "Location")
        .replace(",No id,crm,,\r\n", "")
        .replace("crn,", "crm,");
    map.write("inventory.csv", fixed.as_bytes());
    let out = map.run(&["import", "inventory", "inventory.csv", "-o", "out"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!map.path().join("out").exists(), "nothing is written");
    insta::assert_snapshot!("import_problems_loader", out.stderr);
}

/// A spreadsheet's text never reaches the terminal as control characters.
#[test]
fn control_characters_from_the_sheet_are_shown_escaped() {
    let inventory = "[stores]\nId,Kind\ncrm,\"crm\u{1b}[31m\"\n[notes\u{7}]\nx\n";
    let map = Map::new(&[("inventory.csv", inventory)]);
    let out = map.run(&["import", "inventory", "inventory.csv", "-o", "out"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stderr.contains('\u{1b}') && !out.stderr.contains('\u{7}'), "{}", out.stderr);
    assert!(out.stderr.contains("sheet 'stores', row 3, column B (Kind)"), "{}", out.stderr);
}

/// A dry run lists the files and writes nothing; `-o` never overwrites a file.
#[test]
fn dry_run_writes_nothing_and_output_never_overwrites() {
    let inventory = "[stores]\nId,Name\ncrm,CRM\n";
    let map = Map::new(&[("inventory.csv", inventory)]);
    let out = map.run(&["import", "inventory", "inventory.csv", "-o", "out", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "would write stores/crm.yaml (1 entity)\n");
    assert!(!map.path().join("out").exists());
    let out = map.run(&["import", "inventory", "inventory.csv", "-o", "out"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(map.path().join("out/stores/crm.yaml")).expect("written");
    assert_eq!(text, "stores:\n  - id: crm\n    name: CRM\n");
    let out = map.run(&["import", "inventory", "inventory.csv", "-o", "out"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

/// Importing a map's own inventory into it changes nothing, byte for byte.
#[test]
fn importing_a_maps_own_inventory_into_it_changes_nothing() {
    for example in EXAMPLES {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let map = tmp.path().join("map");
        copy_dir(&project_root().join(example), &map);
        let file = tmp.path().join("inventory.xlsx");
        export(&map, &file, "en");
        let out = run_in(tmp.path(), &["import", "inventory", "inventory.xlsx", "--into", "map"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stdout, "the map already says what the inventory says: nothing to change\n");
    }
}

/// A workshop's edits come back into the manifests in place: changed cells rewrite their
/// attribute where it stands, an emptied cell removes it, new rows become new entities in
/// the file their row names; every other byte, comments included, is untouched.
#[test]
fn into_edits_the_manifests_in_place() {
    let map = Map::new(&[
        (
            "stores/crm.yaml",
            "# The customer master.\nstores:\n  - id: crm  # do not rename\n    name: CRM\n    kind: crm\n    vendor: Acme  # DPA pending\n    location: [FR]\n    fields:\n      - id: email\n        category: user.contact.email\n        retention: {duration: P3Y, trigger: last_contact_from_subject}\n",
        ),
        (
            "flows.yaml",
            "flows:\n  # The nightly file.\n  - from: crm\n    to: crm\n    fields: [email]\n",
        ),
    ]);
    // The workshop's copy: the CRM renamed, its vendor cell emptied, the email's retention
    // and completeness changed, a new store; the flows sheet left out.
    let csv = "[stores]\r\n\
        File,Id,Name,Kind,Location,Vendor (processor)\r\n\
        stores/crm.yaml,crm,CRM Salesforce,crm,FR,\r\n\
        stores/shop.yaml,shop,Shop,ecommerce,,\r\n\
        \r\n\
        [fields]\r\n\
        Store,Id,Category,Completeness,Retention period,Retention runs from\r\n\
        crm,email,user.contact.email,0.9,P2Y,last_contact_from_subject\r\n";
    map.write("inventory.csv", csv.as_bytes());
    let out = map.run(&["import", "inventory", "inventory.csv", "--into", ".", "--dry-run"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("into_dry_run", out.stdout);
    assert!(
        std::fs::read_to_string(map.path().join("stores/crm.yaml")).expect("crm").contains("Acme")
    );
    let out = map.run(&["import", "inventory", "inventory.csv", "--into", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let crm = std::fs::read_to_string(map.path().join("stores/crm.yaml")).expect("crm");
    assert_eq!(
        crm,
        "# The customer master.\nstores:\n  - id: crm  # do not rename\n    name: CRM Salesforce\n    kind: crm\n    location: [FR]\n    fields:\n      - id: email\n        category: user.contact.email\n        retention: {duration: P2Y, trigger: last_contact_from_subject}\n        completeness: 0.9\n"
    );
    let flows = std::fs::read_to_string(map.path().join("flows.yaml")).expect("flows");
    assert_eq!(
        flows,
        "flows:\n  # The nightly file.\n  - from: crm\n    to: crm\n    fields: [email]\n"
    );
    let shop = std::fs::read_to_string(map.path().join("stores/shop.yaml")).expect("shop");
    assert_eq!(shop, "stores:\n  - id: shop\n    name: Shop\n    kind: ecommerce\n");
}

/// An application and a field's table go out to the inventory (the stores sheet's kind, the
/// fields sheet's table) and come back: the imported map is the same.
#[test]
fn applications_and_tables_round_trip() {
    let map = Map::new(&[(
        "map.yaml",
        "stores:
  - id: shop
    fields:
      - {id: orders-email, name: email, table: orders, category: user.contact.email}
  - id: gateway
    kind: application
flows:
  - {from: shop, to: gateway, fields: [orders-email]}
",
    )]);
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let file = tmp.path().join("inventory.csv");
    export(map.path(), &file, "en");
    let csv = std::fs::read_to_string(&file).expect("csv");
    assert!(csv.contains(",Table,"), "{csv}");
    assert!(csv.contains("application"), "{csv}");
    let out_dir = tmp.path().join("map");
    let out = run_in(
        tmp.path(),
        &["import", "inventory", &file.to_string_lossy(), "-o", &out_dir.to_string_lossy()],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let again = tmp.path().join("again.csv");
    export(&out_dir, &again, "en");
    assert_eq!(std::fs::read_to_string(&again).expect("csv"), csv);
    let written: String = walkdir::WalkDir::new(&out_dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert!(written.contains("table: orders"), "{written}");
    assert!(written.contains("kind: application"), "{written}");
}

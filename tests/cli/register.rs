//! `datacarto register`: the example map's register as snapshots, the XLSX read back cell by
//! cell, CSV injection, HTML escaping, the "Done when" scenario (a flow to a US store changes
//! the purpose's recipients and transfers), determinism, exit codes and `--check`.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::support::{Map, datacarto, project_root, run_in};

const AS_OF: &str = "2026-11-22";

/// `datacarto register examples/01-retail <args>` from the project root, and its stdout.
fn example(args: &[&str]) -> String {
    let mut all = vec!["register", "examples/01-retail", "--as-of", AS_OF];
    all.extend_from_slice(args);
    let out = run_in(&project_root(), &all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

#[test]
fn example_markdown() {
    insta::assert_snapshot!("example_md", example(&["--format", "md"]));
}

#[test]
fn example_json() {
    let text = example(&["--format", "json"]);
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["version"], 1);
    insta::assert_snapshot!("example_json", text);
}

#[test]
fn example_csv() {
    let out = datacarto()
        .current_dir(project_root())
        .args(["register", "examples/01-retail", "--as-of", AS_OF, "--format", "csv"])
        .output()
        .expect("datacarto runs");
    assert!(out.status.success());
    let bytes = out.stdout;
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 with a byte-order mark");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "RFC 4180 line ends");
    let text = String::from_utf8(bytes).expect("UTF-8");
    insta::assert_snapshot!("example_csv", text.replace("\r\n", "⏎\n"));
}

#[test]
fn example_cnil_french() {
    insta::assert_snapshot!("example_cnil_fr", example(&["--layout", "cnil", "--lang", "fr"]));
}

#[test]
fn example_ico_headers() {
    let text = example(&["--layout", "ico", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(headers.len(), 30);
    assert_eq!(headers[25], "Data Protection Act 2018 Schedule 1 Condition for processing");
    assert_eq!(headers[29], "Reasons for not adhering to policy document (if applicable)");
    assert_eq!(headers[0], "Business function");
    assert_eq!(headers[1], "Purpose of processing");
    assert_eq!(headers[24], "Link to record of personal data breach");
    assert_eq!(reader.records().count(), 8);
}

/// The register of a map compiled in this process: what the XLSX must show.
fn in_process(dir: &Path, layout: datacarto::register::Layout) -> datacarto::register::Register {
    use datacarto::register::{self, Inputs};
    let day = datacarto::date::Date::parse(AS_OF).unwrap();
    let compiled = datacarto::commands::compile(dir, &[], day, &Default::default()).unwrap();
    let inputs = Inputs {
        model: &compiled.model,
        graph: &compiled.graph,
        config: &compiled.config,
        sources: &compiled.sources,
    };
    register::build(&inputs, register::default_language(&compiled.model, layout))
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The XLSX, read back: its register sheet holds, cell by cell, what the row model says;
/// the CNIL layout adds one fiche sheet per activity.
#[test]
fn xlsx_matches_the_row_model() {
    use datacarto::register::{Layout, cells, layout};
    let dir = tempfile::tempdir().unwrap();
    let root = project_root();
    for (layout, name) in [(Layout::Art30, "art30"), (Layout::Ico, "ico"), (Layout::Cnil, "cnil")] {
        let path = dir.path().join(format!("{name}.xlsx"));
        let p = path.to_str().unwrap();
        let example = root.join("examples/01-retail");
        let e = example.to_str().unwrap();
        let out = run_in(&root, &["register", e, "--as-of", AS_OF, "--layout", name, "-o", p]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let reg = in_process(&example, layout);
        let mut book: Xlsx<_> = open_workbook(&path).expect("a workbook");
        let sheets = book.sheet_names();
        let fiches = if layout == Layout::Cnil { reg.rows.len() } else { 0 };
        assert_eq!(sheets.len(), 3 + fiches, "{sheets:?}");
        assert_eq!(sheets[1], "Register");
        let range = book.worksheet_range("Register").unwrap();
        let columns = layout::columns(layout);
        assert_eq!(range.get_size(), (reg.rows.len() + 1, columns.len()));
        for (c, column) in columns.iter().enumerate() {
            let title = text(range.get_value((0, c as u32)));
            assert!(title.ends_with(column.title.get(reg.language)), "{title}");
            for (r, row) in reg.rows.iter().enumerate() {
                let want = cells::text(column.cell, row, &reg);
                assert_eq!(text(range.get_value((r as u32 + 1, c as u32))), want, "{name} {r}:{c}");
            }
        }
        let controller = book.worksheet_range(&sheets[0]).unwrap();
        assert_eq!(text(controller.get_value((2, 1))), "Maison Dupont SAS");
        let coverage = book.worksheet_range(sheets.last().unwrap()).unwrap();
        assert_eq!(coverage.get_size().0, reg.coverage.len() + 1);
        if layout == Layout::Cnil {
            let fiche = book.worksheet_range("newsletter").unwrap();
            assert_eq!(text(fiche.get_value((0, 0))), "Newsletter");
            let cells: Vec<String> =
                (0..fiche.get_size().0 as u32).map(|r| text(fiche.get_value((r, 0)))).collect();
            for block in
                ["Actors", "Purposes", "Data subjects", "Retention", "Transfers", "Security"]
            {
                assert!(cells.iter().any(|c| c == block), "{block} in {cells:?}");
            }
        }
    }
}

/// A map whose manifest text tries formulas and markup.
fn hostile() -> Map {
    Map::new(&[
        ("datacarto.yaml", "organization:\n  name: \"@Evil Corp\"\n  phone: \"+33 1 23\"\n"),
        (
            "stores.yaml",
            "stores:\n  - id: crm\n    name: \"<script>alert(1)</script> & co\"\n    vendor: \"-2+3\"\n    fields:\n      - {id: email, category: user.contact.email}\n",
        ),
        (
            "purposes.yaml",
            "purposes:\n  - id: p\n    name: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")\"\n    description: \"+1 and -1\"\n    subjects: [customer]\n    uses: [crm.email]\n    recipients: [\"@SUM(A1:A2)\"]\n",
        ),
    ])
}

/// No CSV cell can start a formula: `= + - @` get a leading quote.
#[test]
fn csv_injection_is_neutralised() {
    let map = hostile();
    let out = map.run(&["register", "--format", "csv", "--layout", "cnil", "--lang", "en"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let body = out.stdout.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let record = reader.records().next().unwrap().unwrap();
    let cell = |title: &str| {
        let i =
            headers.iter().position(|h| h.ends_with(title)).unwrap_or_else(|| panic!("{title}"));
        record[i].to_owned()
    };
    assert_eq!(cell("Name of the activity"), "'=HYPERLINK(\"http://evil.example\",\"click\")");
    assert!(cell("Main purpose").starts_with("'=HYPERLINK"));
    assert!(cell("Controller").starts_with("'@Evil Corp"));
    assert_eq!(cell("External bodies"), "'@SUM(A1:A2)");
    for value in record.iter() {
        assert!(!value.starts_with(['=', '+', '-', '@', '\t', '\r']), "{value:?}");
    }
}

/// Every manifest string is escaped in HTML (and in Markdown).
#[test]
fn html_escapes_manifest_text() {
    let map = hostile();
    let out = map.run(&["register", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(!out.stdout.contains("<script>"));
    assert!(out.stdout.contains("<style>") && out.stdout.contains("class=\"fiche\""));
    let md = map.run(&["register", "--format", "md"]);
    assert!(md.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(!md.stdout.contains("<script>"));
}

const BASE: &[(&str, &str)] = &[
    ("datacarto.yaml", "organization:\n  name: Test SAS\n  email: privacy@test.example\n"),
    (
        "stores/crm.yaml",
        "stores:\n  - id: crm\n    name: CRM\n    location: FR\n    security: [access_control]\n    fields:\n      - {id: email, category: user.contact.email}\n      - {id: first_name, category: user.name.first}\n",
    ),
    (
        "purposes.yaml",
        "purposes:\n  - id: newsletter\n    name: Newsletter\n    legal_basis: consent\n    subjects: [customer]\n    uses: [crm.email, crm.first_name]\n    recipients: [crm]\n    retention: {duration: P3Y, trigger: last_contact_from_subject, end_action: delete}\n",
    ),
];

fn newsletter(map: &Map) -> Value {
    let out = map.run(&["register", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    json["rows"][0].clone()
}

/// A flow copying the newsletter's data onward from the CRM to a US store does not change
/// the newsletter's row (the copy belongs to the purposes that use it there); once the flow
/// names the newsletter in `purposes:`, it joins the journey: recipients and transfers
/// change, without touching the purpose.
#[test]
fn a_flow_to_a_us_store_changes_recipients_and_transfers() {
    let before = Map::new(BASE);
    let row = newsletter(&before);
    assert_eq!(row["transfers"], serde_json::json!([]));
    assert_eq!(row["recipients"]["third_parties"], serde_json::json!([]));
    assert_eq!(row["recipients"]["processors"], serde_json::json!([]));

    let after = Map::new(BASE);
    after.write(
        "stores/survey.yaml",
        b"stores:\n  - id: survey\n    name: SurveyCo forms\n    location: US\n    vendor: SurveyCo Inc\n    fields:\n      - {id: email, category: user.contact.email}\n",
    );
    after.write(
        "flows.yaml",
        b"flows:\n  - id: crm-to-survey\n    from: crm\n    to: survey\n    fields: [email]\n",
    );
    let purposes = BASE.iter().find(|(p, _)| *p == "purposes.yaml").unwrap().1;
    assert_eq!(std::fs::read_to_string(after.path().join("purposes.yaml")).unwrap(), purposes);
    let row = newsletter(&after);
    assert_eq!(row["transfers"], serde_json::json!([]), "an onward copy is not its transfer");
    assert_eq!(row["recipients"]["processors"], serde_json::json!([]));
    let check = after.run(&["register", "--check", "--as-of", AS_OF]);
    assert_eq!(check.code, 0, "{}", check.stdout);

    after.write(
        "flows.yaml",
        b"flows:\n  - id: crm-to-survey\n    from: crm\n    to: survey\n    fields: [email]\n    purposes: [newsletter]\n",
    );
    let row = newsletter(&after);
    let processors = row["recipients"]["processors"].as_array().unwrap();
    assert_eq!(processors.len(), 1);
    assert_eq!(processors[0]["name"], "SurveyCo forms");
    assert_eq!(processors[0]["flows"], serde_json::json!(["crm-to-survey"]));
    let transfers = row["transfers"].as_array().unwrap();
    assert_eq!(transfers.len(), 1);
    assert_eq!(transfers[0]["country"]["id"], "US");
    assert_eq!(transfers[0]["mechanism"], Value::Null);
    assert_eq!(transfers[0]["flows"], serde_json::json!(["crm-to-survey"]));

    // The DPO's CI sees it: the transfer has no safeguard, at the flow's line.
    let check = after.run(&["register", "--check", "--as-of", AS_OF]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check.stdout.contains("flows.yaml:2: error[newsletter] Transfers outside the EEA"),
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("`transfer` of flow 'crm-to-survey'"), "{}", check.stdout);

    // With the safeguard recorded on the flow, the register names it and CI passes.
    after.write(
        "flows.yaml",
        b"flows:\n  - id: crm-to-survey\n    from: crm\n    to: survey\n    fields: [email]\n    purposes: [newsletter]\n    transfer: {mechanism: scc_commission, reference: SCC 2021/914 module 2}\n",
    );
    let row = newsletter(&after);
    assert_eq!(row["transfers"][0]["mechanism"]["id"], "scc_commission");
    assert_eq!(row["transfers"][0]["reference"], "SCC 2021/914 module 2");
    let check = after.run(&["register", "--check", "--as-of", AS_OF]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

/// Same map, same bytes, in every format and layout, XLSX included.
#[test]
fn deterministic_bytes() {
    let root = project_root();
    let dir = tempfile::tempdir().unwrap();
    for layout in ["art30", "cnil", "ico", "processors", "retention"] {
        for format in ["csv", "xlsx", "html", "md", "json"] {
            let bytes: Vec<Vec<u8>> = (0..2)
                .map(|i| {
                    let path = dir.path().join(format!("{layout}-{i}.{format}"));
                    let args = [
                        "register",
                        "examples/01-retail",
                        "--as-of",
                        AS_OF,
                        "--layout",
                        layout,
                        "--format",
                        format,
                        "-o",
                        path.to_str().unwrap(),
                    ];
                    let out = run_in(&root, &args);
                    assert_eq!(out.code, 0, "{}", out.stderr);
                    std::fs::read(&path).unwrap()
                })
                .collect();
            assert!(!bytes[0].is_empty());
            assert!(bytes[0] == bytes[1], "{layout} {format} differs between two runs");
        }
    }
}

/// No controller, no register: exit 1 with the finding, nothing on stdout.
#[test]
fn missing_organization_is_an_error() {
    let map = Map::new(&[
        ("datacarto.yaml", "language: en\n"),
        ("purposes.yaml", BASE[2].1),
        ("stores/crm.yaml", BASE[1].1),
    ]);
    let out = map.run(&["register"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("error[missing-organization]"), "{}", out.stderr);
    assert!(out.stderr.contains("datacarto.yaml:1:1"), "{}", out.stderr);
}

/// Usage problems exit 2: XLSX needs a file.
#[test]
fn xlsx_needs_a_file() {
    let out = Map::new(BASE).run(&["register", "--format", "xlsx"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("give the file to write with -o FILE"), "{}", out.stderr);
}

/// `-o` picks the format from the extension and replaces an existing file.
#[test]
fn output_file_by_extension() {
    let map = Map::new(BASE);
    map.write("out/register.json", b"old");
    let out = map.run(&["register", "-o", "out/register.json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(map.path().join("out/register.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["rows"][0]["reference"], "newsletter");
}

/// The CNIL layout is French unless the map says otherwise; `--lang` overrides both.
#[test]
fn languages() {
    let map = Map::new(BASE);
    let fr = map.run(&["register", "--layout", "cnil"]);
    assert!(
        fr.stdout.contains("# Registre des activités de traitement — Test SAS"),
        "{}",
        fr.stdout
    );
    assert!(fr.stdout.contains("| Des données sont-elles transmises hors UE ? | Non |"));
    let en = map.run(&["register"]);
    assert!(en.stdout.contains("# Record of processing activities — Test SAS"));
    let forced = map.run(&["register", "--layout", "ico", "--lang", "fr"]);
    assert!(
        forced
            .stdout
            .contains("| Base légale du traitement (article 6) | Consentement (art. 6(1)(a)) |")
    );
}

/// `--check` passes on the example map and prints its coverage summary.
#[test]
fn check_on_the_example() {
    let out =
        run_in(&project_root(), &["register", "examples/01-retail", "--check", "--as-of", AS_OF]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    // Only the profiling and automated-decision flags some purposes leave unsaid: reported,
    // never failing.
    assert!(
        out.stdout.ends_with("\n8 empty cells (0 mandatory) in 8 activities\n"),
        "{}",
        out.stdout
    );
    assert_eq!(out.stdout.matches("] Profiling and automated decisions (art. 22): ").count(), 8);
}

/// A store without `location` on a purpose's journey and unsaid profiling print "not
/// stated" with the attribute to fill in every layout and text format (never "None" nor
/// "No"), JSON keeps `null`, and `--check` fails on the unknown location.
#[test]
fn not_stated_in_every_layout_and_format() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Test SAS\n  email: privacy@test.example\n"),
        (
            "map.yaml",
            "stores:\n  - {id: shop, location: FR, security: [backup], fields: [{id: email, category: user.contact.email}]}\n  - {id: helpdesk, name: Helpdesk, vendor: Helpora, contract: dpa.pdf, security: [backup], fields: [{id: email, category: user.contact.email}]}\nflows:\n  - {from: shop, to: helpdesk, fields: [email]}\npurposes:\n  - {id: support, subjects: [customer], legal_basis: contract, retention: P3Y, uses: [helpdesk.email]}\n",
        ),
    ]);
    for layout in ["art30", "cnil", "ico"] {
        for (lang, words, no) in [
            ("en", "not stated (`location` of store 'helpdesk')", "| No |"),
            ("fr", "non renseigné (`location` du système « helpdesk »)", "| Non |"),
        ] {
            for format in ["csv", "html", "md"] {
                let out = map.run(&[
                    "register", "--layout", layout, "--lang", lang, "--format", format, "--as-of",
                    AS_OF,
                ]);
                assert_eq!(out.code, 0, "{}", out.stderr);
                let text =
                    out.stdout.replace("&#96;", "`").replace("\\`", "`").replace("&#39;", "'");
                let lower = text.to_lowercase();
                assert!(lower.contains(words), "{layout} {lang} {format}:\n{text}");
                if format == "md" {
                    // No transfer cell says "none" while a journey store has no location
                    // (other cells may: no third party is a fact the map states).
                    let transfer = ["Transfer", "Transfert", "Countr", "Pays", "Recipient |"];
                    let transfer = [&transfer[..], &["Destinataire |", "safeguard", "garanties"]];
                    for line in text.lines() {
                        let none = line.contains("| None |") || line.contains("| Aucun |");
                        let about = transfer.concat().iter().any(|w| line.contains(w));
                        assert!(!(none && about), "{layout} {lang}: {line}\n{text}");
                    }
                    assert!(!text.contains("|  |"), "no empty cell, {layout} {lang}:\n{text}");
                    if layout == "cnil" {
                        assert!(!text.contains(&format!("hors UE ? {no}")), "{text}");
                    }
                }
            }
        }
    }
    let out = map.run(&["register", "--layout", "ico", "--format", "md", "--as-of", AS_OF]);
    assert!(
        out.stdout.contains("Profiling: Not stated (\\`profiling\\` of purpose 'support')"),
        "{}",
        out.stdout
    );
    let json: Value =
        serde_json::from_str(&map.run(&["register", "--format", "json", "--as-of", AS_OF]).stdout)
            .unwrap();
    assert_eq!(json["rows"][0]["profiling"], Value::Null);
    assert_eq!(json["rows"][0]["automated_decision"], Value::Null);
    assert_eq!(json["rows"][0]["unlocated"][0]["id"], "helpdesk");
    let check = map.run(&["register", "--check", "--as-of", AS_OF]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(check.stdout.contains("error[support] Transfers outside the EEA"), "{}", check.stdout);
}

/// The ICO layout's DPA 2018 block (columns 26–30) and the CNIL fiche's dates come from the
/// purpose's attributes; a purpose that states none leaves them empty, never "no".
#[test]
fn ico_dpa_block_and_cnil_dates() {
    let map = Map::new(&[
        (
            "datacarto.yaml",
            "organization: {name: Clinic Ltd, country: GB, email: dpo@clinic.example}\nlanguage: en\n",
        ),
        (
            "map.yaml",
            "stores:\n  - {id: pms, location: [GB], fields: [{id: notes, category: user.health_and_medical}]}\npurposes:\n  - id: care\n    legal_basis: contract\n    special_condition: health_social_care\n    schedule1_condition: Part 1 paragraph 2 (health or social care purposes)\n    retention_policy: https://intranet.example/retention\n    retention_policy_followed: false\n    retention_policy_deviation: Paper records are digitised first.\n    created: 2024-01-15\n    updated: 2026-02-01\n    subjects: [patient]\n    uses: [pms.notes]\n  - {id: other, legal_basis: contract, subjects: [patient], uses: [pms.notes]}\n",
        ),
    ]);
    let out = map.run(&["register", "--layout", "ico", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut reader = csv::Reader::from_reader(out.stdout.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    assert_eq!(rows[0][25], "Part 1 paragraph 2 (health or social care purposes)");
    assert_eq!(rows[0][26], "Performance of a contract (art. 6(1)(b))");
    assert_eq!(rows[0][27], "https://intranet.example/retention");
    assert_eq!(rows[0][28], "No");
    assert_eq!(rows[0][29], "Paper records are digitised first.");
    assert_eq!(
        rows[1][28], "Not stated (`retention_policy_followed` of purpose 'other')",
        "not stated says what to fill, never 'No' nor an empty cell"
    );
    let cnil = map.run(&["register", "--layout", "cnil", "--format", "md", "--lang", "fr"]);
    assert!(
        cnil.stdout.contains("| Date de création de la fiche | 2024-01-15 |"),
        "{}",
        cnil.stdout
    );
    assert!(
        cnil.stdout.contains("| Date de dernière mise à jour | 2026-02-01 |"),
        "{}",
        cnil.stdout
    );
}

/// Runs git in `dir` with a fixed identity and commit day, ignoring the user's settings.
fn git_at(dir: &std::path::Path, day: &str, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "commit.gpgsign=false", "-c", "user.name=Test"])
        .args(["-c", "user.email=test@example.invalid"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_DATE", format!("{day}T12:00:00Z"))
        .env("GIT_COMMITTER_DATE", format!("{day}T12:00:00Z"))
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The CNIL fiche's dates, when the purpose does not state them: "not stated" outside a
/// repository; in one, the first and last commit of the purpose's file. A date written in
/// the map wins over git.
#[test]
fn cnil_dates_from_git_history() {
    let purposes = "purposes:\n  - {id: care, legal_basis: contract, subjects: [patient], uses: [pms.email], created: 2024-01-15}\n  - {id: other, legal_basis: contract, subjects: [patient], uses: [pms.email]}\n";
    let map = Map::new(&[
        (
            "datacarto.yaml",
            "organization: {name: Clinic, country: FR, email: dpo@clinic.example}\nlanguage: en\n",
        ),
        (
            "map.yaml",
            "stores:\n  - {id: pms, location: [FR], fields: [{id: email, category: user.contact.email}]}\n",
        ),
        ("purposes.yaml", purposes),
    ]);
    let json = |map: &Map| {
        let out = map.run(&["register", "--layout", "cnil", "--format", "json"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (r["created"].as_str().map(str::to_owned), r["updated"].as_str().map(str::to_owned))
            })
            .collect::<Vec<_>>()
    };
    let some = |d: &str| Some(d.to_owned());
    assert_eq!(json(&map), vec![(some("2024-01-15"), None), (None, None)], "no repository");
    let md = map.run(&["register", "--layout", "cnil", "--format", "md"]);
    assert!(
        md.stdout.contains(
            "| Date of the last update | Not stated (\\`updated\\` of purpose 'other') |"
        ),
        "{}",
        md.stdout
    );

    git_at(map.path(), "2024-03-01", &["init", "--quiet"]);
    git_at(map.path(), "2024-03-01", &["add", "--all"]);
    git_at(map.path(), "2024-03-01", &["commit", "--quiet", "-m", "map"]);
    map.write("purposes.yaml", format!("# reviewed\n{purposes}").as_bytes());
    git_at(map.path(), "2025-07-14", &["commit", "--quiet", "-a", "-m", "review"]);
    // map.yaml changed later does not date the purposes of purposes.yaml.
    map.write("map.yaml", b"# later\nstores:\n  - {id: pms, location: [FR], fields: [{id: email, category: user.contact.email}]}\n");
    git_at(map.path(), "2026-01-02", &["commit", "--quiet", "-a", "-m", "store"]);
    assert_eq!(
        json(&map),
        vec![(some("2024-01-15"), some("2025-07-14")), (some("2024-03-01"), some("2025-07-14"))]
    );
    let md = map.run(&["register", "--layout", "cnil", "--format", "md"]);
    assert!(!md.stdout.contains("| Date of the last update | Not stated"), "{}", md.stdout);
    assert!(md.stdout.contains("| Date of the last update | 2025-07-14 |"), "{}", md.stdout);
}

/// The processor register of the example (art. 30(2)): one fiche per vendor store, in English
/// and French.
#[test]
fn example_processors() {
    insta::assert_snapshot!("example_processors_md", example(&["--layout", "processors"]));
    let fr = example(&["--layout", "processors", "--lang", "fr", "--format", "md"]);
    assert!(fr.starts_with("# Registre des sous-traitants — Maison Dupont SAS"), "{fr}");
    assert!(fr.contains("| Sous-traitants ultérieurs (art. 28.2) | Aucun |"), "{fr}");
    assert!(!fr.contains("|  |"), "no empty cell:\n{fr}");
}

/// The processor register in every format: the CSV has the eleven columns and one line per
/// vendor store, the JSON is the processor model, the XLSX reads back to the same cells, and
/// `--check` fails only on a mandatory gap.
#[test]
fn processors_in_every_format() {
    let csv = example(&["--layout", "processors", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(headers.len(), 11);
    assert_eq!(headers[7], "Sub-processors (art. 28(2))");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 6);
    assert!(records.iter().all(|r| r.iter().all(|c| !c.trim().is_empty())), "{csv}");

    let json: Value =
        serde_json::from_str(&example(&["--layout", "processors", "--format", "json"])).unwrap();
    assert_eq!(json["version"], 1);
    let wms = json["processors"].as_array().unwrap().iter().find(|p| p["store"]["id"] == "wms");
    assert_eq!(wms.unwrap()["sub_processors"], serde_json::json!([]));
    let crm = json["processors"].as_array().unwrap().iter().find(|p| p["store"]["id"] == "crm");
    assert_eq!(crm.unwrap()["sub_processors"], Value::Null);

    let html = example(&["--layout", "processors", "--format", "html"]);
    assert!(html.contains("<h1>Register of processors — Maison Dupont SAS</h1>"), "{html}");
    assert!(!html.contains("class=\"empty\""), "{html}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.xlsx");
    let p = path.to_str().unwrap();
    let out = run_in(
        &project_root(),
        &["register", "examples/01-retail", "--as-of", AS_OF, "--layout", "processors", "-o", p],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut book: Xlsx<_> = open_workbook(&path).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Controller", "Processors", "Coverage"]);
    let range = book.worksheet_range("Processors").unwrap();
    assert_eq!(range.get_size(), (records.len() + 1, 11));
    for (r, record) in records.iter().enumerate() {
        for (c, cell) in record.iter().enumerate() {
            assert_eq!(text(range.get_value((r as u32 + 1, c as u32))), cell, "{r}:{c}");
        }
    }

    let check = run_in(
        &project_root(),
        &["register", "examples/01-retail", "--as-of", AS_OF, "--layout", "processors", "--check"],
    );
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(check.stdout.ends_with(" (0 mandatory) in 6 processors\n"), "{}", check.stdout);
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Test SAS\n  email: privacy@test.example\n"),
        (
            "map.yaml",
            "stores:\n  - {id: helpdesk, vendor: Helpora, fields: [{id: email, category: user.contact.email}]}\n",
        ),
    ]);
    let check = map.run(&["register", "--layout", "processors", "--check", "--as-of", AS_OF]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check.stdout.contains("map.yaml:2: error[helpdesk] Country of processing (art. 30(2)(c))"),
        "{}",
        check.stdout
    );
}

/// The retention schedule of the example: one line per store, data category and retention;
/// the CSV, XLSX and JSON say the same.
#[test]
fn example_retention_schedule() {
    let md = example(&["--layout", "retention"]);
    insta::assert_snapshot!("example_retention_md", md);
    assert!(!md.contains("|  |"), "no empty cell");
    let fr = example(&["--layout", "retention", "--lang", "fr"]);
    assert!(fr.starts_with("# Calendrier de conservation — Maison Dupont SAS"), "{fr}");
    assert!(fr.contains("| Sort final |"), "{fr}");

    let csv = example(&["--layout", "retention", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(headers[3], "Retention period");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let json: Value =
        serde_json::from_str(&example(&["--layout", "retention", "--format", "json"])).unwrap();
    assert_eq!(json["entries"].as_array().unwrap().len(), records.len());

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    let p = path.to_str().unwrap();
    let out = run_in(
        &project_root(),
        &["register", "examples/01-retail", "--as-of", AS_OF, "--layout", "retention", "-o", p],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut book: Xlsx<_> = open_workbook(&path).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Controller", "Retention schedule", "Coverage"]);
    let range = book.worksheet_range("Retention schedule").unwrap();
    assert_eq!(range.get_size(), (records.len() + 1, 8));
    for (r, record) in records.iter().enumerate() {
        for (c, cell) in record.iter().enumerate() {
            assert_eq!(text(range.get_value((r as u32 + 1, c as u32))), cell, "{r}:{c}");
        }
    }
    let check = run_in(
        &project_root(),
        &["register", "examples/01-retail", "--as-of", AS_OF, "--layout", "retention", "--check"],
    );
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert!(
        check.stdout.contains("warn[crm/user.loyalty.tier] Retention period"),
        "{}",
        check.stdout
    );
}

/// Both layouts on the second example (a clinic network: special-category data, a US survey
/// tool reached without safeguard, whose gap points at the flow).
#[test]
fn clinic_processors_and_retention() {
    let run = |layout: &str| {
        let args = ["register", "examples/02-clinic-network", "--as-of", AS_OF, "--layout", layout];
        run_in(&project_root(), &args)
    };
    let processors = run("processors");
    assert_eq!(processors.code, 0, "{}", processors.stderr);
    insta::assert_snapshot!("clinic_processors_md", processors.stdout);
    let retention = run("retention");
    assert_eq!(retention.code, 0, "{}", retention.stderr);
    insta::assert_snapshot!("clinic_retention_md", retention.stdout);
    let check = run_in(
        &project_root(),
        &[
            "register",
            "examples/02-clinic-network",
            "--as-of",
            AS_OF,
            "--layout",
            "processors",
            "--check",
        ],
    );
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check
            .stdout
            .contains("flows/patients.yaml:78: error[survey-tool] Transfers outside the EEA"),
        "{}",
        check.stdout
    );
}

/// Manifest text in the derived layouts is escaped: no tag in HTML, no table broken or
/// link made in Markdown, no formula in CSV.
#[test]
fn derived_layouts_escape_manifest_text() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Test SAS\n  email: privacy@test.example\n"),
        (
            "map.yaml",
            "stores:\n  - id: tool\n    vendor: \"<script>alert(1)</script> | x\"\n    location: FR\n    sub_processors: [{name: \"=HYPERLINK(1)\", country: FR}]\n    fields: [{id: email, category: user.contact.email, retention: \"[link](http://x) <b>\"}]\n",
        ),
    ]);
    for layout in ["processors", "retention"] {
        let html = map.run(&["register", "--layout", layout, "--format", "html", "--as-of", AS_OF]);
        assert_eq!(html.code, 0, "{}", html.stderr);
        assert!(
            !html.stdout.contains("<script>") && !html.stdout.contains("<b>"),
            "{}",
            html.stdout
        );
        let md = map.run(&["register", "--layout", layout, "--format", "md", "--as-of", AS_OF]);
        assert!(
            !md.stdout.contains("<script>") && !md.stdout.contains("[link](http"),
            "{}",
            md.stdout
        );
        assert!(!md.stdout.contains("</script> | x"), "{}", md.stdout);
    }
    let csv = map.run(&["register", "--layout", "processors", "--format", "csv", "--as-of", AS_OF]);
    assert!(csv.stdout.contains("'=HYPERLINK(1) — France"), "{}", csv.stdout);
}

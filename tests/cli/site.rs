//! `datacarto build`: the offline site, checked in a real browser (headless Chromium, whose
//! `--dump-dom` gives the page after its scripts ran and whose log gives the console), by a
//! link checker, and for determinism and safe writing.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Map, datacarto, project_root, run_in};

/// Builds the site of `map_dir` into a new temporary folder.
pub(crate) fn build(map_dir: &Path, extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let mut args = vec![
        "build".to_owned(),
        map_dir.display().to_string(),
        "-o".to_owned(),
        site.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = run_in(&project_root(), &args);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    out
}

fn site(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("site")
}

/// Chromium, when installed (scripts/test installs Debian's `chromium`).
pub(crate) fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
}

/// The page's DOM after its scripts ran, and what it logged to the console.
pub(crate) fn open(browser: &str, file: &Path, query: &str) -> (String, Vec<String>) {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}{query}", file.display());
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let log = String::from_utf8_lossy(&out.stderr);
    let console = log.lines().filter(|l| l.contains(":CONSOLE")).map(str::to_owned).collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

/// The harness sees console errors: a page that throws is caught.
#[test]
fn the_browser_harness_sees_console_errors() {
    let Some(browser) = chromium() else { return eprintln!("chromium not installed: skipped") };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("broken.html");
    std::fs::write(&page, "<!DOCTYPE html><p id=x>1</p><script>document.getElementById('x').textContent='2'; nope();</script>").unwrap();
    let (dom, console) = open(browser, &page, "");
    assert!(dom.contains("<p id=\"x\">2</p>"), "{dom}");
    assert!(console.iter().any(|l| l.contains("nope is not defined")), "{console:?}");
}

/// The home page loads without console errors, search finds a field, a store page shows its
/// map, and every page of the example loads cleanly.
#[test]
fn the_example_site_works_in_a_browser() {
    let Some(browser) = chromium() else { return eprintln!("chromium not installed: skipped") };
    let out = build(&project_root().join("examples/01-retail"), &[]);
    let site = site(&out);
    let (home, console) = open(browser, &site.join("index.html"), "");
    assert!(console.is_empty(), "{console:?}");
    assert!(
        home.contains("<g class=\"store\" data-id=\"crm\" tabindex=\"0\" role=\"button\""),
        "the system map is on the home page"
    );
    let (found, console) = open(browser, &site.join("index.html"), "?q=e-mail%20address");
    assert!(console.is_empty(), "{console:?}");
    let results = &found[found.find("id=\"search-results\"").expect("the results list")..];
    let results = &results[..results.find("</ul>").unwrap()];
    assert!(results.contains("stores/crm.html#field-email"), "search finds crm.email: {results}");
    assert!(!found.contains("id=\"search-results\" hidden"), "the results are shown");
    let (store, console) = open(browser, &site.join("stores/crm.html"), "");
    assert!(console.is_empty(), "{console:?}");
    assert!(
        store.contains("<g class=\"store\" data-id=\"crm\">") && store.contains("class=\"flow\""),
        "its map"
    );
    for page in [
        "findings.html",
        "register.html",
        "fields.html",
        "objectives.html",
        "purposes/newsletter.html",
    ] {
        let (_, console) = open(browser, &site.join(page), "?rule=orphan-store");
        assert!(console.is_empty(), "{page}: {console:?}");
    }
}

/// A store named like markup stays text: nothing runs, no element is made from it.
#[test]
fn a_hostile_name_is_inert() {
    let Some(browser) = chromium() else { return eprintln!("chromium not installed: skipped") };
    let name = "<img src=x onerror=alert(1)>";
    let map = Map::new(&[(
        "map.yaml",
        &format!(
            "stores:\n  - {{id: evil, name: \"{name}\", erasure: {{method: manual, how: \"{name}\"}}, fields: [{{id: x, name: \"{name}\", personal: true}}]}}\npurposes:\n  - {{id: p, name: \"{name}\", subjects: [customer], uses: [evil.x]}}\n"
        ),
    )]);
    let out = build(map.path(), &[]);
    let site = site(&out);
    for (page, query) in [
        ("index.html", "?q=img"),
        ("stores/evil.html", ""),
        ("purposes/p.html", ""),
        ("stores.html", ""),
        ("subjects/customer.html", ""),
    ] {
        let (dom, console) = open(browser, &site.join(page), query);
        assert!(console.is_empty(), "{page}: {console:?}");
        assert!(!dom.contains("<img"), "{page}: an element was made from the name");
        assert!(
            dom.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{page}: the name is shown as text"
        );
    }
}

/// Every link and file reference of the site points to a file of the site, and every page
/// is reachable from the home page.
#[test]
fn no_broken_link_and_every_page_reachable() {
    for example in ["examples/01-retail", "examples/02-clinic-network"] {
        let out = build(&project_root().join(example), &[]);
        let site = site(&out);
        let pages: BTreeSet<PathBuf> = walk(&site)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        let mut broken = Vec::new();
        let mut seen = BTreeSet::from([site.join("index.html")]);
        let mut queue = VecDeque::from([site.join("index.html")]);
        while let Some(page) = queue.pop_front() {
            let html = std::fs::read_to_string(&page).unwrap();
            for target in links(&html) {
                let resolved = normalise(&page.parent().unwrap().join(&target));
                if !resolved.exists() {
                    broken.push(format!(
                        "{} → {target}",
                        page.strip_prefix(&site).unwrap().display()
                    ));
                } else if resolved.extension().is_some_and(|e| e == "html")
                    && resolved.starts_with(&site)
                    && seen.insert(resolved.clone())
                {
                    queue.push_back(resolved);
                }
            }
        }
        assert!(broken.is_empty(), "{example}: {broken:#?}");
        let unreachable: Vec<_> =
            pages.difference(&seen).filter(|p| !p.starts_with(site.join("register"))).collect();
        assert!(unreachable.is_empty(), "{example}: {unreachable:#?}");
    }
}

/// Relative `href` and `src` targets of a page, without fragment or query.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for part in html.split(attr).skip(1) {
            let target = &part[..part.find('"').unwrap_or(0)];
            let target = target.split(['#', '?']).next().unwrap_or("");
            if target.is_empty() || target.contains(':') {
                continue; // fragments, mailto:, http: (none should be there)
            }
            out.push(target.to_owned());
        }
    }
    out
}

fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out.sort();
    out
}

/// Nothing in the site loads from the network.
#[test]
fn fully_offline() {
    let out = build(&project_root().join("examples/01-retail"), &[]);
    for file in walk(&site(&out)) {
        if file.extension().is_some_and(|e| e == "html" || e == "css" || e == "js") {
            let text = std::fs::read_to_string(&file).unwrap();
            for needle in ["http://", "https://", "//cdn", "@import"] {
                let offending: Vec<&str> =
                    text.lines().filter(|l| l.contains(needle) && !l.contains("xmlns")).collect();
                let allowed = offending
                    .iter()
                    .all(|l| !l.contains("src=") && !l.contains("<link") && !l.contains("@import"));
                assert!(allowed, "{}: {offending:?}", file.display());
            }
        }
    }
}

/// Two builds give identical bytes, file by file.
#[test]
fn builds_are_deterministic() {
    let example = project_root().join("examples/01-retail");
    let (a, b) = (build(&example, &[]), build(&example, &[]));
    let (files_a, files_b) = (walk(&site(&a)), walk(&site(&b)));
    let rel = |files: &[PathBuf], root: &Path| {
        files.iter().map(|f| f.strip_prefix(root).unwrap().to_path_buf()).collect::<Vec<_>>()
    };
    assert_eq!(rel(&files_a, &site(&a)), rel(&files_b, &site(&b)));
    for (x, y) in files_a.iter().zip(&files_b) {
        assert!(std::fs::read(x).unwrap() == std::fs::read(y).unwrap(), "{} differs", x.display());
    }
}

/// An existing folder datacarto did not make is never replaced; its own is.
#[test]
fn writes_only_its_own_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("thesis.docx"), "precious").unwrap();
    let example = project_root().join("examples/01-retail");
    let run = datacarto().arg("build").arg(&example).arg("-o").arg(&out).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("was not made by datacarto"));
    assert_eq!(std::fs::read_to_string(out.join("thesis.docx")).unwrap(), "precious");
    let site = dir.path().join("site");
    for _ in 0..2 {
        let run = datacarto().arg("build").arg(&example).arg("-o").arg(&site).output().unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    }
    assert!(site.join("index.html").is_file());
}

/// `--check` also fails the build on error-level findings; without it, a site with findings
/// is a success.
#[test]
fn check_flag() {
    let clinic = project_root().join("examples/02-clinic-network");
    let dir = tempfile::tempdir().unwrap();
    let plain =
        datacarto().arg("build").arg(&clinic).arg("-o").arg(dir.path().join("a")).output().unwrap();
    assert_eq!(plain.status.code(), Some(0));
    let checked = datacarto()
        .args(["build", "--check"])
        .arg(&clinic)
        .arg("-o")
        .arg(dir.path().join("b"))
        .output()
        .unwrap();
    assert_eq!(checked.status.code(), Some(1));
}

/// A site built inside its map is not read back as manifests on the next run.
#[test]
fn the_site_inside_the_map_is_skipped() {
    let map = Map::new(&[("map.yaml", "stores:\n  - {id: a}\n")]);
    for _ in 0..2 {
        let out = map.run(&["build", "-o", "site"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let out = map.run(&["check", "--format", "concise"]);
    assert!(out.stdout.ends_with("in 1 file\n"), "{}", out.stdout);
}

/// Templates can be replaced by name.
#[test]
fn user_templates_win() {
    let templates = tempfile::tempdir().unwrap();
    std::fs::write(
        templates.path().join("teams.html"),
        "<p>our own teams page: {{ teams | length }}</p>",
    )
    .unwrap();
    let out = build(
        &project_root().join("examples/01-retail"),
        &["--templates", &templates.path().display().to_string()],
    );
    let teams = std::fs::read_to_string(site(&out).join("teams.html")).unwrap();
    assert_eq!(teams, "<p>our own teams page: 8</p>");
}

/// `--lang fr` on a map written in English: every page is French, down to the titles of
/// the list pages (the teams page once followed the map's language instead).
#[test]
fn the_french_site_of_an_english_map_is_french() {
    let out = build(&project_root().join("examples/01-retail"), &["--lang", "fr"]);
    let site = site(&out);
    for page in walk(&site).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        if page.starts_with(site.join("register")) {
            continue; // the register's own documents: checked by the register tests
        }
        let html = std::fs::read_to_string(&page).unwrap();
        let name = page.strip_prefix(&site).unwrap().display().to_string();
        assert!(html.contains("<html lang=\"fr\">"), "{name}");
        for english in
            ["<h1>Teams</h1>", "<h1>Stores</h1>", "<h1>Collection plan</h1>", ">Register</a>"]
        {
            assert!(!html.contains(english), "{name}: {english}");
        }
    }
    let teams = std::fs::read_to_string(site.join("teams.html")).unwrap();
    assert!(teams.contains("<h1>Équipes</h1>"), "{teams}");
    // The findings too: in the pages and in findings.json, ids unchanged.
    let findings = std::fs::read_to_string(site.join("findings.json")).unwrap();
    assert!(findings.contains("l'outil 'promo-sheet' est un silo isolé"), "{findings}");
    assert!(findings.contains("\"id\": \"orphan-store:promo-sheet\""), "{findings}");
    assert!(!findings.contains("is an isolated silo"), "{findings}");
    let pages: String = walk(&site)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert!(pages.contains("est un silo isolé"), "no French finding in the pages");
    assert!(!pages.contains("is an isolated silo"), "an English finding in the pages");
}

/// A flow that declares no field says so in the flows page, in both languages, instead of
/// an empty cell.
#[test]
fn a_flow_without_fields_is_not_stated_in_the_site() {
    let map = Map::new(&[(
        "map.yaml",
        "stores:\n  - id: shop\n  - id: crm\nflows:\n  - {from: shop, to: crm}\n",
    )]);
    for (lang, words) in
        [("en", "not stated (add &#39;fields:&#39; to the flow)"), ("fr", "non renseigné")]
    {
        let dir = build(map.path(), &["--lang", lang]);
        let flows = std::fs::read_to_string(site(&dir).join("flows.html")).unwrap();
        assert!(flows.contains(words), "{lang}: {flows}");
    }
}

/// The glossary page puts each definition of a term beside the stores that follow it; a map
/// with no term says how to add one rather than showing an empty page.
#[test]
fn the_glossary_compares_definitions() {
    let out = build(&project_root().join("examples/01-retail"), &[]);
    let page = std::fs::read_to_string(site(&out).join("glossary.html")).unwrap();
    for (definition, store) in [("buyer", "crm"), ("subscriber", "emailing"), ("member", "loyalty")]
    {
        let row = page
            .lines()
            .find(|l| l.contains(&format!("<code>{definition}</code>")))
            .unwrap_or_else(|| panic!("no row for {definition}"));
        assert!(row.contains(&format!("href=\"stores/{store}.html\"")), "{row}");
    }
    let map = Map::new(&[("map.yaml", "stores:\n  - id: a\n")]);
    let empty = build(map.path(), &[]);
    let page = std::fs::read_to_string(site(&empty).join("glossary.html")).unwrap();
    assert!(page.contains("The map defines no business term"), "{page}");
}

/// The access matrix gives each team's level store by store, and says "not stated" for a
/// store without `access:` rather than an empty row that would read as "nobody".
#[test]
fn the_access_matrix_shows_levels_and_what_is_not_stated() {
    let out = build(&project_root().join("examples/01-retail"), &[]);
    let page = std::fs::read_to_string(site(&out).join("access.html")).unwrap();
    let row = |store: &str| {
        page.lines()
            .find(|l| l.contains(&format!("href=\"stores/{store}.html\"")))
            .unwrap_or_else(|| panic!("no row for {store}"))
            .to_owned()
    };
    let crm = row("crm");
    assert!(crm.contains("<td>admin</td>") && crm.contains("<td>read</td>"), "{crm}");
    assert!(crm.contains("<td>write</td>"), "{crm}");
    let dwh = row("dwh");
    assert!(
        dwh.contains("class=\"not-stated\">not stated: add &#39;access:&#39; to the store"),
        "{dwh}"
    );
    assert!(!dwh.contains("<td></td>"), "{dwh}");
}

/// A purpose without `legal_basis:`, `objective:` or `owner:` and a store without
/// `vendor:` or `owner:` say so on their pages, with the attribute to fill: a dash would
/// read as "none".
#[test]
fn pages_say_what_is_not_stated_never_a_dash() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization: {name: Example}\n"),
        ("teams.yaml", "teams:\n  - id: sales\n"),
        (
            "map.yaml",
            "stores:\n  - id: crm\n    fields:\n      - {id: email, category: user.contact.email}\npurposes:\n  - id: mailing\n    uses: [crm.email]\n",
        ),
    ]);
    let out = build(map.path(), &[]);
    let read = |page: &str| std::fs::read_to_string(site(&out).join(page)).unwrap();
    let purpose = read("purposes/mailing.html");
    assert!(purpose.contains("not stated: add &#39;legal_basis:&#39; to the purpose"), "{purpose}");
    assert!(purpose.contains("not stated: add &#39;objective:&#39; to the purpose"), "{purpose}");
    assert!(purpose.contains("not stated: add &#39;owner:&#39; to the purpose"), "{purpose}");
    let store = read("stores/crm.html");
    assert!(store.contains("not stated: add &#39;vendor:&#39; to the store"), "{store}");
    assert!(store.contains("not stated: add &#39;owner:&#39; to the store"), "{store}");
    // The team `sales` owns nothing: its page says that nothing names it, not a dash.
    let teams = read("teams.html");
    assert!(teams.contains("no store names this team as its &#39;owner:&#39;"), "{teams}");
    assert!(teams.contains("no purpose names this team as its &#39;owner:&#39;"), "{teams}");
    assert!(teams.contains("no flow names this team as its &#39;owner:&#39;"), "{teams}");
    assert!(!teams.contains("—</p>"), "{teams}");
    for page in [purpose, store] {
        assert!(!page.contains("<dd>—</dd>"), "{page}");
    }
}

/// The quality page lists each stated audit with its next due day, marks the one past due
/// on the run date, and says "not stated" for a missing schedule.
#[test]
fn the_quality_page_marks_audits_past_due() {
    let out = build(&project_root().join("examples/01-retail"), &["--as-of", "2026-11-22"]);
    let page = std::fs::read_to_string(site(&out).join("quality.html")).unwrap();
    let row = |path: &str| {
        page.lines()
            .find(|l| l.contains(&format!("<code>{path}</code>")))
            .unwrap_or_else(|| panic!("no row for {path}"))
            .to_owned()
    };
    assert!(row("pos").contains("2026-06-30 · overdue"), "{}", row("pos"));
    assert!(row("crm").contains("2027-09-30") && !row("crm").contains("overdue"), "{}", row("crm"));
    assert!(row("pos").contains("not stated"), "pos states no completeness: {}", row("pos"));
}

/// The collection plan's workbook, read back: one row per need of each purpose not
/// retired, with the means and costs the map states and "not stated" where it does not;
/// the birthday offers' missing date of birth carries the purpose's `collect:` plan.
#[test]
fn the_plan_xlsx_has_a_row_per_need() {
    use calamine::{Reader, Xlsx, open_workbook};
    let out = build(&project_root().join("examples/01-retail"), &[]);
    let mut book: Xlsx<_> = open_workbook(site(&out).join("plan.xlsx")).expect("a workbook");
    let sheet = book.worksheet_range("Collection plan").unwrap();
    let cell = |r: usize, c: usize| {
        sheet.get_value((r as u32, c as u32)).map(|d| d.to_string()).unwrap_or_default()
    };
    assert_eq!(cell(0, 4), "Collection cost");
    let rows = sheet.get_size().0 - 1;
    assert!(rows >= 20, "{rows} needs");
    let birthday = (1..=rows)
        .find(|&r| {
            cell(r, 0).contains("(birthday-offers)")
                && cell(r, 1) == "user.demographic.date_of_birth"
        })
        .expect("the birthday offers' missing need");
    assert_eq!(cell(birthday, 7), "to collect");
    assert_eq!(cell(birthday, 4), "2 days of development (e-shop and loyalty console)");
    for r in 1..=rows {
        for c in 3..7 {
            assert!(!cell(r, c).is_empty(), "row {r} column {c} is empty");
        }
    }
    assert!((1..=rows).any(|r| cell(r, 5).starts_with("not stated: add 'update:'")));
}

/// An application's page says it stores nothing and lists what passes through it; a store
/// that declares no field says its fields are not stated (never an empty table); the map
/// draws the application with its inner border and its "stores nothing" badge, not as
/// holding personal data.
#[test]
fn an_application_is_shown_as_passing_data_through() {
    let map = Map::new(&[(
        "map.yaml",
        "stores:
  - id: shop
    fields: [{id: email, category: user.contact.email}]
  - id: gateway
    kind: application
  - id: crm
flows:
  - {from: shop, to: gateway, fields: [email]}
  - {from: gateway, to: crm, fields: [email]}
  - {from: gateway, to: bare}
  - {from: shop, to: bare}
",
    )]);
    map.write("bare.yaml", b"stores:\n  - id: bare\n");
    let dir = build(map.path(), &["--lang", "en"]);
    let page = std::fs::read_to_string(site(&dir).join("stores/gateway.html")).unwrap();
    assert!(page.contains("An application: it processes the data its flows carry"), "{page}");
    assert!(page.contains("field-email"), "what passes through is listed: {page}");
    assert!(page.contains("class=\"application\""), "the map's double border: {page}");
    assert!(page.contains("stores nothing"), "{page}");
    assert!(!page.contains("Not stated: add"), "{page}");
    let bare = std::fs::read_to_string(site(&dir).join("stores/bare.html")).unwrap();
    assert!(bare.contains("Not stated: add &#39;fields:&#39; to the store."), "{bare}");
    assert!(!bare.contains("<th>Category</th>"), "no empty table: {bare}");
    assert!(!bare.contains("An application"), "{bare}");
}

/// A fides database of 1,600 fields in 40 collections (one nested object in each) becomes a
/// store whose page lists its fields table by table: 40 collapsible sections, every field
/// once, nested fields named `parent.child`; a link to a field opens its section in a real
/// browser, without console errors.
#[test]
fn a_1600_field_fides_database_is_browsed_table_by_table() {
    let mut fides = String::from(
        "system:\n  - fides_key: crm\n    dataset_references: [crm_db]\ndataset:\n  - fides_key: crm_db\n    collections:\n",
    );
    for c in 1..=40 {
        fides.push_str(&format!("      - name: table_{c:02}\n        fields:\n"));
        for f in 1..=38 {
            fides.push_str(&format!(
                "          - name: col_{f:02}\n            data_categories: [user.contact.email]\n"
            ));
        }
        fides.push_str("          - name: address\n            fields:\n              - {name: street, data_categories: [user.contact.address.street]}\n              - {name: city, data_categories: [user.contact.address.city]}\n");
    }
    let source = Map::new(&[("fides/crm.yml", &fides)]);
    let imported = tempfile::tempdir().unwrap();
    let map_dir = imported.path().join("map");
    let run = run_in(
        &project_root(),
        &[
            "import",
            "fides",
            &source.path().join("fides").display().to_string(),
            "-o",
            &map_dir.display().to_string(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let started = std::time::Instant::now();
    let dir = build(&map_dir, &["--lang", "en"]);
    eprintln!("site of 1,600 fields built in {:?}", started.elapsed());
    let page_path = site(&dir).join("stores/crm.html");
    let page = std::fs::read_to_string(&page_path).unwrap();
    eprintln!("store page: {} bytes", page.len());
    assert_eq!(page.matches("<details class=\"table-group\"").count(), 40);
    assert_eq!(page.matches("<tr id=\"field-").count(), 1600);
    assert!(page.contains("<strong>table_07</strong> <span class=\"muted\">(40)</span>"), "{page}");
    assert!(page.contains("<strong>address.street</strong> <code>table_07-address-street</code>"));
    assert!(!page.contains("table not stated"), "every field has its table");
    let fields = std::fs::read_to_string(site(&dir).join("fields.html")).unwrap();
    assert!(fields.contains("· Table table_07"), "the field list carries the table");

    let Some(browser) = chromium() else { return eprintln!("chromium not installed: skipped") };
    let (dom, console) = open(browser, &page_path, "#field-table_07-col_12");
    let errors: Vec<_> =
        console.iter().filter(|l| l.contains("ERROR") || l.contains("Uncaught")).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let opened = dom.split("<details").filter(|d| d.contains(" open=")).count();
    assert_eq!(opened, 1, "only the linked field's table opens");
    let section =
        dom.split("<details").find(|d| d.contains("id=\"field-table_07-col_12\"")).unwrap();
    assert!(section.contains(" open="), "the linked field's table is open");
}

/// Fields without a table close a grouped store's list, under "table not stated"; a store
/// whose fields name no table keeps one flat list, with no section.
#[test]
fn fields_without_a_table_are_listed_last_as_not_stated() {
    let map = Map::new(&[(
        "map.yaml",
        "stores:
  - id: shop
    fields:
      - {id: loose, category: user.name}
      - {id: email, table: customers, category: user.contact.email}
      - {id: total, table: orders}
  - id: flat
    fields: [{id: a}]
",
    )]);
    let dir = build(map.path(), &["--lang", "en"]);
    let page = std::fs::read_to_string(site(&dir).join("stores/shop.html")).unwrap();
    let customers = page.find("<strong>customers</strong>").expect("customers");
    let orders = page.find("<strong>orders</strong>").expect("orders");
    let loose = page.find("table not stated").expect("the fields without a table");
    assert!(customers < orders && orders < loose, "{page}");
    let flat = std::fs::read_to_string(site(&dir).join("stores/flat.html")).unwrap();
    assert!(!flat.contains("<details"), "{flat}");
    assert!(flat.contains("id=\"field-a\""), "{flat}");
}

/// The findings page counts as `check` does, in the site's language, suppressed included.
#[test]
fn the_findings_page_counts_in_the_sites_language() {
    let retail = project_root().join("examples/01-retail");
    for (lang, summary) in [
        ("en", "0 errors, 11 warnings, 1 info, 1 suppressed."),
        ("fr", "0 erreur, 11 avertissements, 1 info, 1 suspendu."),
    ] {
        let out = build(&retail, &["--as-of", "2026-11-22", "--lang", lang]);
        let page = std::fs::read_to_string(site(&out).join("findings.html")).unwrap();
        assert!(page.contains(summary), "{lang}: {page}");
    }
}

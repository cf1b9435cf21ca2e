//! Usable by everyone: the site's pages pass axe-core in Chromium with no serious violation,
//! and the XLSX register printed by LibreOffice is readable (rows tall enough for their
//! lines, text at a readable size, nothing printed over anything else).
//!
//! The tools come from `scripts/test` (axe-core from npm into `target/test-tools`,
//! LibreOffice and poppler from Debian). Run by hand without them, these tests say they were
//! skipped; under `scripts/test` (`DATACARTO_TEST_TOOLS=required`) a missing tool fails.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::site::{build, chromium, open};
use crate::support::{project_root, run_in};

/// `None` (skip) when a tool is missing outside `scripts/test`; a failure under it.
pub(crate) fn tool<T>(found: Option<T>, what: &str) -> Option<T> {
    if found.is_none() {
        assert!(
            std::env::var("DATACARTO_TEST_TOOLS").as_deref() != Ok("required"),
            "{what} is missing: scripts/test installs it"
        );
        eprintln!("{what} not installed: skipped");
    }
    found
}

fn axe_core() -> Option<PathBuf> {
    let path = project_root().join("target/test-tools/node_modules/axe-core/axe.min.js");
    path.is_file().then_some(path)
}

/// The violations of `impact` serious or critical axe-core finds on `page`, as
/// `rule: target (message)` lines.
fn serious_violations(browser: &str, axe: &str, page: &Path) -> Vec<String> {
    let html = std::fs::read_to_string(page).unwrap();
    // The page is run as a copy beside it (its links and styles resolve), with axe-core and a
    // runner that writes the result into the page for `--dump-dom` to return.
    let runner = "<script>axe.run(document,{resultTypes:['violations']}).then(function(r){\
        var out=document.createElement('pre');out.id='axe-result';\
        out.textContent=JSON.stringify(r.violations.filter(function(v){\
        return v.impact==='serious'||v.impact==='critical';}).map(function(v){\
        return v.nodes.map(function(n){return v.id+': '+n.target.join(' ')+' ('+\
        ((n.any[0]||n.all[0]||n.none[0]||{message:''}).message)+')';});}));\
        document.body.appendChild(out);});</script>";
    let probe = html.replacen("</body>", &format!("<script>{axe}</script>{runner}</body>"), 1);
    let copy = page.with_extension("axe.html");
    std::fs::write(&copy, probe).unwrap();
    let (dom, console) = open(browser, &copy, "");
    std::fs::remove_file(&copy).unwrap();
    let start = dom
        .find("<pre id=\"axe-result\">")
        .unwrap_or_else(|| panic!("axe-core did not report on {}: {console:?}", page.display()));
    let json = &dom[start + "<pre id=\"axe-result\">".len()..];
    let json = &json[..json.find("</pre>").unwrap()];
    let json = json.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    let json = json.replace("&amp;", "&");
    let found: Vec<Vec<String>> = serde_json::from_str(&json).unwrap();
    found.into_iter().flatten().collect()
}

/// Every kind of page of both examples: the lists, one page of each entity kind, the
/// register pages.
fn pages(site: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    for folder in ["stores", "purposes", "subjects", "register"] {
        let Ok(entries) = std::fs::read_dir(site.join(folder)) else { continue };
        let mut html: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        html.sort();
        // The register's pages all; one page of each other kind (they share a template).
        let keep = if folder == "register" { html.len() } else { 1 };
        pages.extend(html.into_iter().take(keep));
    }
    pages.sort();
    pages
}

/// axe-core 4.14 finds no serious or critical violation on the pages of both examples
/// (colour contrast, landmarks, links told apart from text…).
#[test]
fn the_example_sites_pass_axe_core() {
    let Some(browser) = tool(chromium(), "chromium") else { return };
    let Some(axe) = tool(axe_core(), "axe-core") else { return };
    let axe = std::fs::read_to_string(axe).unwrap();
    let mut all = Vec::new();
    for example in ["examples/01-retail", "examples/02-clinic-network"] {
        let out = build(&project_root().join(example), &[]);
        let site = out.path().join("site");
        let pages = pages(&site);
        assert!(pages.len() >= 15, "{example}: {pages:?}");
        // Two at a time: a Chromium per page is most of the cost.
        let run = |half: &[PathBuf]| {
            half.iter()
                .flat_map(|p| {
                    let name = p.strip_prefix(&site).unwrap().display().to_string();
                    serious_violations(browser, &axe, p)
                        .into_iter()
                        .map(move |v| format!("{example}/{name}: {v}"))
                })
                .collect::<Vec<_>>()
        };
        let (a, b) = pages.split_at(pages.len() / 2);
        let found: Vec<String> = std::thread::scope(|s| {
            let first = s.spawn(|| run(a));
            let mut found = run(b);
            found.extend(first.join().unwrap());
            found
        });
        all.extend(found);
    }
    assert!(all.is_empty(), "{} serious violations:\n{}", all.len(), all.join("\n"));
}

/// axe-core sees what it should: a page with white text on amber fails (the harness can fail).
#[test]
fn the_axe_harness_sees_a_contrast_failure() {
    let Some(browser) = tool(chromium(), "chromium") else { return };
    let Some(axe) = tool(axe_core(), "axe-core") else { return };
    let axe = std::fs::read_to_string(axe).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html lang=en><head><title>t</title></head><body><main>\
         <span style=\"background:#f57c00;color:#fff\">outside EEA</span></main></body></html>",
    )
    .unwrap();
    let found = serious_violations(browser, &axe, &page);
    assert!(found.iter().any(|v| v.starts_with("color-contrast")), "{found:?}");
}

/// The register pages are in a main landmark and link back to the site.
#[test]
fn register_pages_have_a_main_landmark_and_a_way_back() {
    let out = build(&project_root().join("examples/01-retail"), &[]);
    let site = out.path().join("site");
    for page in ["register/register.html", "register/register-cnil.html"] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert_eq!(html.matches("<main>").count(), 1, "{page}");
        assert!(html.contains("<a href=\"../register.html\">"), "{page}: no way back");
        assert!(site.join("register.html").is_file());
    }
    // A standalone register has no site to go back to.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.html");
    let run = run_in(
        &project_root(),
        &["register", "examples/01-retail", "--format", "html", "-o", file.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("<main>") && !html.contains("../register.html"));
}

/// A word of the printed PDF: its box, in points.
struct Word {
    page: usize,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// The words of `pdf` with their boxes, from poppler's `pdftotext -bbox`.
fn words(pdf: &Path) -> Vec<Word> {
    let out = Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
    };
    let mut words = Vec::new();
    for (page, body) in text.split("<page ").skip(1).enumerate() {
        for tag in body.split("<word ").skip(1) {
            let end = tag.find("</word>").unwrap();
            let (head, word) = tag[..end].split_once('>').unwrap();
            words.push(Word {
                page,
                x0: attr(head, "xMin"),
                y0: attr(head, "yMin"),
                x1: attr(head, "xMax"),
                y1: attr(head, "yMax"),
                text: word.to_owned(),
            });
        }
    }
    words
}

/// The register workbook printed to PDF by LibreOffice: more than one page across instead of
/// a strip, text at a readable size, and no word printed over another: rows tall enough for
/// their wrapped lines (without heights, LibreOffice prints each row one line tall and the
/// lines of a cell run over the rows below).
#[test]
fn the_printed_register_workbook_is_readable() {
    let found = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    let Some(()) = tool(found.then_some(()), "LibreOffice (soffice)") else { return };
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    let Some(()) = tool(found.then_some(()), "pdftotext (poppler-utils)") else { return };
    for example in ["examples/01-retail", "examples/02-clinic-network"] {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("register.xlsx");
        let run = run_in(
            &project_root(),
            &["register", example, "--format", "xlsx", "-o", xlsx.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        // A profile of its own: LibreOffice refuses a second instance on a shared one.
        let profile = format!("-env:UserInstallation=file://{}/lo", dir.path().display());
        let out = Command::new("soffice")
            .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&xlsx)
            .output()
            .unwrap();
        let pdf = dir.path().join("register.pdf");
        assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&out.stderr));
        let words = words(&pdf);
        assert!(words.len() > 200, "{example}: {} words", words.len());
        // 11-point text prints about 14 points tall; a register squeezed onto one page
        // width printed it under 2.
        let smallest = words.iter().map(|w| w.y1 - w.y0).fold(f64::MAX, f64::min);
        assert!(smallest > 9.0, "{example}: text {smallest:.1} pt tall");
        let mut over = Vec::new();
        for (i, a) in words.iter().enumerate() {
            for b in words[i + 1..].iter().take_while(|b| b.page == a.page) {
                // Lines of one cell touch (a glyph box is taller than the line pitch); a
                // row printed over another shares more than half a line.
                let across = a.x1.min(b.x1) - a.x0.max(b.x0);
                let down = a.y1.min(b.y1) - a.y0.max(b.y0);
                let line = (a.y1 - a.y0).min(b.y1 - b.y0);
                if across > 0.5 && down > line / 2.0 {
                    over.push(format!("page {}: '{}' over '{}'", a.page + 1, a.text, b.text));
                }
            }
        }
        assert!(
            over.is_empty(),
            "{example}: {} words overlap: {:?}",
            over.len(),
            &over[..over.len().min(5)]
        );
    }
}

/// The interactive map with a store focused and a field followed (its panel, lists and live
/// region shown by the script): no serious violation either, on both examples.
#[test]
fn the_interactive_map_in_use_passes_axe_core() {
    let Some(program) = tool(chromium(), "chromium") else { return };
    let Some(axe) = tool(axe_core(), "axe-core") else { return };
    let Some(node) = tool(crate::serve::node(), "node with WebSocket") else { return };
    let browser = crate::serve::browser(program);
    let mut page = crate::serve::Page::attach(node, &browser);
    let run = "eval window.__axe = null, axe.run(document, {resultTypes: ['violations']}).then(function (r) { window.__axe = JSON.stringify(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) { return v.id + ': ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); })); }), 1";
    for (example, field) in
        [("examples/01-retail", "crm.email"), ("examples/02-clinic-network", "patient-crm.email")]
    {
        let out = build(&project_root().join(example), &[]);
        let url = format!("file://{}", out.path().join("site/index.html").display());
        assert_eq!(page.ask(&format!("goto {url}")), "ok");
        assert_eq!(page.ask(&format!("load {}", axe.display())), "ok");
        let store = field.split('.').next().unwrap();
        let store = format!("document.querySelector('#map-view g.store[data-id=\"{store}\"]')");
        assert_eq!(page.ask(&format!("click {store}")), "ok");
        let field = format!("document.querySelector('button[data-field=\"{field}\"]')");
        assert_eq!(page.ask(&format!("click {field}")), "ok");
        let lit = "document.querySelectorAll('#map-panel .map-lineage li').length > 0";
        assert_eq!(page.ask(&format!("wait {lit}")), "ok true", "{example}: a field followed");
        assert_eq!(page.ask(run), "ok 1");
        let found = page.ask("wait window.__axe");
        assert_eq!(found, "ok \"[]\"", "{example}: serious violations");
    }
}

//! The home page's interactive map (`templates/site/assets/map.js`): what the page carries
//! for it (focusable boxes, escaped data), and, in headless Chromium on both examples, built
//! by `build` and served by `serve`, that it works from the keyboard alone: a store focused
//! with Enter, a field's lineage lit as `datacarto trace` walks it, the purposes using it
//! said, zoom and pan moving the viewBox, the findings toggle; and that a hostile name runs
//! nothing and shows as text.

use std::collections::BTreeSet;
use std::path::Path;

use crate::serve::{Page, browser, node, start_at};
use crate::site::{build, chromium};
use crate::support::{Map, project_root, run_in};

/// The fields `datacarto trace` reaches upstream and downstream of `field`, and the ids of
/// the purposes using it.
fn traced(map: &Path, field: &str) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let run = run_in(map, &["trace", field, "--format", "json"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    fn walk(nodes: &serde_json::Value, into: &mut BTreeSet<String>) {
        for n in nodes.as_array().into_iter().flatten() {
            into.insert(n["field"].as_str().unwrap().to_owned());
            walk(&n["children"], into);
        }
    }
    let (mut up, mut down) = (BTreeSet::new(), BTreeSet::new());
    walk(&json["upstream"], &mut up);
    walk(&json["downstream"], &mut down);
    // Inside a synchronisation the tree meets the field itself again (marked `repeat`): the
    // map lists what else the data comes from and goes to.
    up.remove(field);
    down.remove(field);
    let purposes = json["field"]["purposes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    (up, down, purposes)
}

/// The text between `start` and the next `end` in `html`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    &html[from..from + html[from..].find(end).unwrap()]
}

/// A `wait` answer's JSON value.
fn value(answer: &str) -> serde_json::Value {
    let rest = answer.strip_prefix("ok ").unwrap_or_else(|| panic!("{answer}"));
    serde_json::from_str(rest).unwrap()
}

/// The `data-field`s of the list items matching `selector`, sorted.
fn listed(page: &mut Page, selector: &str) -> BTreeSet<String> {
    let expr = format!(
        "JSON.stringify(Array.from(document.querySelectorAll('{selector}')).map(function (l) {{ return l.getAttribute('data-field') || l.getAttribute('data-purpose'); }}))"
    );
    let list = value(&page.ask(&format!("eval {expr}")));
    serde_json::from_str::<Vec<String>>(list.as_str().unwrap()).unwrap().into_iter().collect()
}

/// The page carries what the script needs, and only the home page's map is interactive: the
/// standalone SVG files stay images. The controls are hidden until the script shows them.
#[test]
fn the_home_map_carries_focusable_boxes_and_escaped_data() {
    let out = build(&project_root().join("examples/01-retail"), &[]);
    let site = out.path().join("site");
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    let svg = between(&html, "<div class=\"svg\" id=\"map-view\"", "</svg>");
    assert!(svg.contains("role=\"group\" aria-labelledby=\"map-title\""), "{}", &svg[..300]);
    assert!(svg.contains(
        "<g class=\"store\" data-id=\"crm\" tabindex=\"0\" role=\"button\" aria-label=\"CRM (customer master)"
    ));
    assert!(svg.contains("<g class=\"callout\" data-number=\"1\" data-rules=\""));
    assert!(svg.contains("data-level=\"warn\""));
    for hidden in ["<p class=\"hint map-keys\" hidden>", "aria-label=\"Map controls\" hidden>"] {
        assert!(html.contains(hidden), "{hidden}: shown without the script");
    }
    assert!(html.contains("<div id=\"map-panel\" class=\"map-panel\" hidden>"));
    for file in ["maps/system.svg", "maps/system-findings.svg", "maps/stores/crm.svg"] {
        let svg = std::fs::read_to_string(site.join(file)).unwrap();
        assert!(svg.contains("role=\"img\"") && !svg.contains("tabindex"), "{file}");
    }
    // The data: every store, and each field's next fields as the lineage graph has them.
    let data = between(&html, "<script type=\"application/json\" id=\"map-data\">", "</script>");
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(data["stores"].as_array().unwrap().len(), 13);
    let fields = data["fields"].as_array().unwrap();
    let stores = data["stores"].as_array().unwrap();
    let names = data["names"].as_array().unwrap();
    let path = |i: usize| {
        let f = &fields[i];
        let store = stores[f[0].as_u64().unwrap() as usize][0].as_str().unwrap();
        format!("{store}.{}", names[f[1].as_u64().unwrap() as usize].as_str().unwrap())
    };
    let crm_email = (0..fields.len()).find(|i| path(*i) == "crm.email").unwrap();
    let next: BTreeSet<String> = fields[crm_email][3]
        .as_array()
        .unwrap()
        .chunks(2)
        .map(|pair| path(pair[0].as_u64().unwrap() as usize))
        .collect();
    let run = run_in(
        &project_root(),
        &["trace", "crm.email", "examples/01-retail", "--down", "--depth", "1", "-f", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let one_flow: BTreeSet<String> = json["downstream"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["field"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(next, one_flow);
    assert!(html.contains("<script src=\"assets/map.js\"></script>"));
    let script = std::fs::read_to_string(site.join("assets/map.js")).unwrap();
    assert!(!script.contains("innerHTML") && !script.contains("eval("), "text only, never markup");
}

/// A name made of markup, in a store's name, a field's name and a purpose's: in the page
/// as escaped text (the SVG) and as JSON that cannot close its script element.
#[test]
fn a_hostile_name_is_escaped_in_the_map_and_its_data() {
    let map = Map::new(&[("stores.yaml", HOSTILE)]);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = map.run(&["build", "-o", site.to_str().unwrap(), "--as-of", "2026-11-22"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    let section = between(&html, "<section class=\"map\">", "</section>");
    assert!(!section.contains("<img") && !section.contains("<b "), "{section}");
    let data = between(section, "id=\"map-data\">", "</script>");
    assert!(!data.contains('<'), "{data}");
    insta::assert_snapshot!("interactive_hostile_map_section", section);
}

const HOSTILE: &str = r#"stores:
  - id: "crm</script><img src=x onerror=window.pwned=1>"
    name: "<img src=x onerror=window.pwned=2></script><script>window.pwned=3</script>"
    fields:
      - {id: email, name: "<img src=x onerror=window.pwned=5>", category: user.contact.email}
  - id: constructor
    name: __proto__
    fields: [{id: constructor, name: toString, category: user.contact.email}]
  - id: shop
    name: Shop
    fields: [{id: email, name: "E-mail </script>", category: user.contact.email}]
flows:
  - id: shop-to-crm
    from: shop
    to: crm_scriptimg_srcx_onerrorwindow_pwned1
    fields: [{email: email}]
  - id: shop-to-proto
    from: shop
    to: constructor
    fields: [{email: constructor}]
purposes:
  - id: news
    name: "<b onmouseover=window.pwned=6>News</b></script>"
    uses: [crm_scriptimg_srcx_onerrorwindow_pwned1.email]
"#;

/// One example's home page at `url`, driven from the keyboard: Tab to the store of `field`,
/// Enter focuses it (dimmed around, its fields listed, focus on them), Tab to the field,
/// Enter lights its lineage: the lists and the lit boxes match `datacarto trace`, and the
/// purposes using it are said in the live region. Then zoom, pan, reset, the findings
/// toggle, and Escape.
fn drive(page: &mut Page, url: &str, example: &Path, field: &str) {
    // Without JavaScript: the static map, no control shown (a CSS display rule once
    // overrode their `hidden`).
    assert_eq!(page.ask(&format!("nojs {url}")), "ok", "{url}");
    let still = "[getComputedStyle(document.querySelector('.map-tools')).display, getComputedStyle(document.querySelector('.map-follow')).display, getComputedStyle(document.querySelector('.map-keys')).display, getComputedStyle(document.getElementById('map-panel')).display].join(' ')";
    assert_eq!(page.ask(&format!("eval {still}")), "ok \"none none none none\"", "{url}");
    assert_eq!(page.ask(&format!("goto {url}")), "ok", "{url}");
    assert_eq!(
        page.ask("wait document.getElementById('map-view').getAttribute('data-zoom')"),
        "ok \"100\""
    );
    let store = field.split('.').next().unwrap();
    let on_store = format!(
        "document.activeElement && document.activeElement.getAttribute('data-id') === '{store}'"
    );
    assert!(page.ask(&format!("tab {on_store}")).starts_with("ok "), "{url}: Tab reaches {store}");
    assert_eq!(page.ask("key Enter"), "ok");
    let dimmed = "document.querySelector('#map-view svg').classList.contains('dim')";
    assert_eq!(page.ask(&format!("eval {dimmed}")), "ok true");
    let focused = "document.querySelector('#map-view g.focus').getAttribute('data-id')";
    assert_eq!(value(&page.ask(&format!("eval {focused}"))), store);
    let status = "document.getElementById('map-status').textContent";
    assert!(value(&page.ask(&format!("eval {status}"))).as_str().unwrap().contains(":"));
    // Focus went on to the store's fields; Tab to the one wanted, Enter.
    let on_field = format!(
        "document.activeElement && document.activeElement.getAttribute('data-field') === '{field}'"
    );
    assert!(page.ask(&format!("tab {on_field}")).starts_with("ok "), "{url}: Tab reaches {field}");
    assert_eq!(page.ask("key Enter"), "ok");
    let (up, down, purposes) = traced(example, field);
    assert!(!up.is_empty() && !down.is_empty() && !purposes.is_empty(), "{field}: a real lineage");
    assert_eq!(listed(page, ".map-up li"), up, "{url}: upstream of {field}");
    assert_eq!(listed(page, ".map-down li"), down, "{url}: downstream of {field}");
    assert_eq!(listed(page, ".map-purposes li"), purposes, "{url}: purposes using {field}");
    // The boxes lit are the stores of those fields; the field's own is marked as itself.
    let lit = "JSON.stringify(Array.from(document.querySelectorAll('#map-view g.on.store')).map(function (g) { return g.getAttribute('data-id'); }))";
    let lit: BTreeSet<String> = serde_json::from_str::<Vec<String>>(
        value(&page.ask(&format!("eval {lit}"))).as_str().unwrap(),
    )
    .unwrap()
    .into_iter()
    .collect();
    let stores: BTreeSet<String> = up
        .iter()
        .chain(&down)
        .chain([&field.to_owned()])
        .map(|f| f.split('.').next().unwrap().to_owned())
        .collect();
    assert_eq!(lit, stores, "{url}: lit stores");
    let said = value(&page.ask(&format!("eval {status}"))).as_str().unwrap().to_owned();
    assert!(said.starts_with(field), "{said}");
    let counts = format!("upstream fields {}, downstream fields {}.", up.len(), down.len());
    assert!(said.contains(&counts), "{said}");
    // Escape: the whole map again, focus back on the store.
    assert_eq!(page.ask("key Escape"), "ok");
    assert_eq!(page.ask(&format!("eval {dimmed}")), "ok false");
    assert_eq!(page.ask(&format!("eval {on_store}")), "ok true", "{url}: focus back on the store");
    // Zoom from the keyboard, then pan and reset: the viewBox moves.
    let view_box = "document.querySelector('#map-view svg').getAttribute('viewBox')";
    let whole = page.ask(&format!("eval {view_box}"));
    assert_eq!(page.ask("key +"), "ok");
    let zoomed = page.ask(&format!("eval {view_box}"));
    assert_ne!(zoomed, whole);
    let zoom = "document.getElementById('map-view').getAttribute('data-zoom')";
    assert_eq!(page.ask(&format!("eval {zoom}")), "ok \"125\"");
    assert_eq!(page.ask("key ArrowLeft"), "ok");
    assert_ne!(page.ask(&format!("eval {view_box}")), zoomed, "{url}: arrows pan");
    assert_eq!(page.ask("key 0"), "ok");
    assert_eq!(page.ask(&format!("eval {view_box}")), whole);
    assert_eq!(page.ask("wheel document.getElementById('map-view')"), "ok");
    assert_ne!(page.ask(&format!("eval {view_box}")), whole, "{url}: the wheel zooms");
    // The findings toggle: a real button, pressed; off hides the callouts, on shows them.
    let toggle = "document.querySelector('.map-tools .map-findings')";
    let callout = "getComputedStyle(document.querySelector('#map-view g.callout')).display";
    assert_eq!(page.ask(&format!("eval {callout}")), "ok \"inline\"");
    assert!(page.ask(&format!("tab document.activeElement === {toggle}")).starts_with("ok "));
    assert_eq!(page.ask("key Space"), "ok");
    assert_eq!(page.ask(&format!("eval {toggle}.getAttribute('aria-pressed')")), "ok \"false\"");
    assert_eq!(page.ask(&format!("eval {callout}")), "ok \"none\"");
    assert_eq!(page.ask("key Enter"), "ok");
    assert_eq!(page.ask(&format!("eval {toggle}.getAttribute('aria-pressed')")), "ok \"true\"");
    assert_eq!(page.ask(&format!("eval {callout}")), "ok \"inline\"");
    // A field followed by its name, typed: the same lineage; an unknown name is said so.
    assert!(page.ask("tab document.activeElement.id === 'map-field'").starts_with("ok "));
    assert_eq!(page.ask(&format!("type {field}")), "ok");
    assert_eq!(page.ask("key Enter"), "ok");
    assert_eq!(listed(page, ".map-up li"), up, "{url}: upstream of {field}, typed");
    assert_eq!(listed(page, ".map-down li"), down, "{url}: downstream of {field}, typed");
    assert_eq!(page.ask("type x"), "ok");
    assert_eq!(page.ask("key Enter"), "ok");
    let said = value(&page.ask(&format!("eval {status}"))).as_str().unwrap().to_owned();
    assert!(said.starts_with(&format!("No field {field}x in the map")), "{said}");
    assert_eq!(page.ask("eval window.__errors.join('; ')"), "ok \"\"", "{url}: script errors");
}

/// Both examples, built by `build` (from `file://`) and served by `serve`, from the
/// keyboard alone.
#[test]
fn the_interactive_map_works_from_the_keyboard_built_and_served() {
    let Some(program) = crate::a11y::tool(chromium(), "chromium") else { return };
    let Some(node) = crate::a11y::tool(node(), "node with WebSocket") else { return };
    let browser = browser(program);
    let mut page = Page::attach(node, &browser);
    for (example, field) in
        [("examples/01-retail", "crm.email"), ("examples/02-clinic-network", "patient-crm.email")]
    {
        let dir = project_root().join(example);
        let out = build(&dir, &["--as-of", "2026-11-22"]);
        let url = format!("file://{}", out.path().join("site/index.html").display());
        drive(&mut page, &url, &dir, field);
        let server = start_at(&dir);
        drive(&mut page, &format!("http://127.0.0.1:{}/", server.port), &dir, field);
    }
}

/// In Chromium, built and served: a store and a field whose names are markup focus and
/// light up like any other, show their names as text, and run nothing.
#[test]
fn a_hostile_name_stays_inert_in_the_interactive_map() {
    let Some(program) = crate::a11y::tool(chromium(), "chromium") else { return };
    let Some(node) = crate::a11y::tool(node(), "node with WebSocket") else { return };
    let map = Map::new(&[("stores.yaml", HOSTILE)]);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = map.run(&["build", "-o", site.to_str().unwrap(), "--as-of", "2026-11-22"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let server = start_at(map.path());
    let browser = browser(program);
    let mut page = Page::attach(node, &browser);
    let store = "crm_scriptimg_srcx_onerrorwindow_pwned1";
    for url in [
        format!("file://{}", site.join("index.html").display()),
        format!("http://127.0.0.1:{}/", server.port),
    ] {
        assert_eq!(page.ask(&format!("goto {url}")), "ok");
        let on_store = format!("document.activeElement.getAttribute('data-id') === '{store}'");
        assert!(page.ask(&format!("tab {on_store}")).starts_with("ok "), "{url}");
        assert_eq!(page.ask("key Enter"), "ok");
        assert_eq!(page.ask("key Enter"), "ok", "the first field, focused");
        let panel = value(&page.ask("eval document.getElementById('map-panel').textContent"));
        let panel = panel.as_str().unwrap();
        assert!(panel.contains("<img src=x onerror=window.pwned=2></script>"), "{panel}");
        assert!(panel.contains("<img src=x onerror=window.pwned=5>"), "{panel}");
        let status = value(&page.ask("eval document.getElementById('map-status').textContent"));
        assert!(status.as_str().unwrap().contains("<b onmouseover=window.pwned=6>News</b>"));
        let ran = "String(window.pwned) + ' ' + document.querySelectorAll('img, #map-panel script, #map-panel b, #map-status b').length";
        assert_eq!(page.ask(&format!("eval {ran}")), "ok \"undefined 0\"", "{url}");
        // Ids and names that are also the names of every JavaScript object's members.
        assert_eq!(page.ask("key Escape"), "ok");
        let on_proto = "document.activeElement.getAttribute('data-id') === 'constructor'";
        assert!(page.ask(&format!("tab {on_proto}")).starts_with("ok "), "{url}");
        assert_eq!(page.ask("key Enter"), "ok");
        assert_eq!(page.ask("key Enter"), "ok", "constructor.constructor, focused");
        let status = value(&page.ask("eval document.getElementById('map-status').textContent"));
        assert!(
            status
                .as_str()
                .unwrap()
                .starts_with("constructor.constructor: upstream fields 1, downstream fields 0.")
        );
        assert!(page.ask("tab document.activeElement.id === 'map-field'").starts_with("ok "));
        assert_eq!(page.ask("type __proto__"), "ok");
        assert_eq!(page.ask("key Enter"), "ok");
        let status = value(&page.ask("eval document.getElementById('map-status').textContent"));
        assert!(status.as_str().unwrap().starts_with("No field __proto__ in the map"));
        assert_eq!(page.ask("eval window.__errors.join('; ')"), "ok \"\"", "{url}: script errors");
    }
}

/// Served: after an edit, `serve` reloads the page and the map keeps the zoom, the store
/// focused and the field followed; a plain visit of the page starts with the whole map.
#[test]
fn a_live_reload_keeps_the_maps_zoom_and_focus() {
    let Some(program) = crate::a11y::tool(chromium(), "chromium") else { return };
    let Some(node) = crate::a11y::tool(node(), "node with WebSocket") else { return };
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&project_root().join("examples/01-retail"), dir.path());
    let server = start_at(dir.path());
    let browser = browser(program);
    let mut page = Page::attach(node, &browser);
    let url = format!("http://127.0.0.1:{}/", server.port);
    assert_eq!(page.ask(&format!("goto {url}")), "ok");
    let zoom = "document.getElementById('map-view').getAttribute('data-zoom')";
    assert_eq!(page.ask(&format!("wait {zoom}")), "ok \"100\"");
    assert_eq!(page.ask("eval document.getElementById('map-view').focus() || 1"), "ok 1");
    assert_eq!(page.ask("key +"), "ok");
    let follow = "document.getElementById('map-field')";
    assert!(page.ask(&format!("eval {follow}.focus() || 1")).starts_with("ok "));
    assert_eq!(page.ask("type crm.email"), "ok");
    assert_eq!(page.ask("key Enter"), "ok");
    let followed = "(document.querySelector('.map-lineage') || {getAttribute: function () { return null; }}).getAttribute('data-field')";
    assert_eq!(page.ask(&format!("eval {followed}")), "ok \"crm.email\"");
    assert_eq!(page.ask("eval (window.__before = 1)"), "ok 1");
    // An edit: the page reloads itself (the marker is gone) with the same view.
    let crm = dir.path().join("stores/crm.yaml");
    let text = std::fs::read_to_string(&crm).unwrap();
    std::fs::write(&crm, text.replacen("name: CRM", "name: CRM (EU)", 1)).unwrap();
    let reloaded = format!("!window.__before && document.readyState === 'complete' && {zoom}");
    assert_eq!(page.ask(&format!("wait {reloaded}")), "ok \"125\"", "the zoom is kept");
    assert_eq!(page.ask(&format!("wait {followed}")), "ok \"crm.email\"", "the field is kept");
    // A plain visit starts whole.
    assert_eq!(page.ask(&format!("goto {url}")), "ok");
    assert_eq!(page.ask(&format!("wait {zoom}")), "ok \"100\"");
    assert_eq!(page.ask("eval window.__errors.join('; ')"), "ok \"\"");
}

//! `datacarto serve`: a real server on a free port of 127.0.0.1, talked to over TCP as a
//! browser would: pages from memory with the live script, a foreign `Host` refused, a build
//! announced on the event stream after an edit, and a broken file keeping the last good
//! pages while its problem is announced at file:line:col.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Map, copy_dir, datacarto, project_root};

/// A `datacarto serve` process, killed when dropped.
pub(crate) struct Server {
    child: Child,
    pub(crate) port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(map: &Map) -> Server {
    start_at(map.path())
}

/// `datacarto serve` on the map in `dir` (it writes nothing there).
pub(crate) fn start_at(dir: &std::path::Path) -> Server {
    let mut cmd = std::process::Command::new(datacarto().get_program());
    let mut child = cmd
        .args(["serve", "--port", "0", "--as-of", "2026-11-22"])
        .arg(dir)
        .env("GIT_CEILING_DIRECTORIES", dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("datacarto serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("the address: {line:?}"));
    Server { child, port }
}

/// `GET path` with `host`: the status line and the body (read to its `Content-Length`:
/// Chromium's DevTools server keeps the connection open whatever the request says).
pub(crate) fn get(port: u16, path: &str, host: &str) -> (String, String) {
    let (status, body) = get_bytes(port, path, host);
    (status, String::from_utf8_lossy(&body).into_owned())
}

/// [`get`], the body as bytes.
fn get_bytes(port: u16, path: &str, host: &str) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = Vec::new();
    match length {
        Some(n) => {
            body.resize(n, 0);
            reader.read_exact(&mut body).unwrap();
        }
        None => {
            reader.read_to_end(&mut body).unwrap();
        }
    }
    (status.trim_end().to_owned(), body)
}

/// The event stream, read event by event.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(stream, "GET /__datacarto/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n")
            .unwrap();
        Events(BufReader::new(stream))
    }

    /// The data of the next `build` event that `wanted` accepts (an editor's save can be two
    /// bursts of events, so two builds).
    fn until(&mut self, wanted: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        loop {
            let build = self.next();
            if wanted(&build) {
                return build;
            }
        }
    }

    /// The data of the next `build` event.
    fn next(&mut self) -> serde_json::Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            self.0.read_line(&mut line).unwrap();
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data).unwrap();
            }
        }
        panic!("no build announced");
    }
}

const STORES: &str = "stores:
  - id: crm
    name: Customer master
    fields: [{id: email, category: user.contact.email}]
";

#[test]
fn serve_answers_from_memory_and_announces_builds() {
    let map = Map::new(&[("stores.yaml", STORES)]);
    let server = start(&map);
    let host = format!("127.0.0.1:{}", server.port);
    let (status, page) = get(server.port, "/stores/crm.html", &host);
    assert!(status.ends_with("200 OK"), "{status}");
    assert!(page.contains("Customer master"));
    assert!(page.contains("<script src=\"/__datacarto/live.js\" data-generation=\"1\"></script>"));
    assert!(get(server.port, "/", &format!("localhost:{}", server.port)).0.ends_with("200 OK"));
    // Another name for this address is another site asking: refused (DNS rebinding).
    let (status, _) = get(server.port, "/", "attacker.example");
    assert!(status.ends_with("403 Forbidden"), "{status}");
    assert!(get(server.port, "/nothing.html", &host).0.ends_with("404 Not Found"));
    // A request head past 16 KiB (here 3,000 short header lines) is dropped unanswered.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let many = "X-Padding: aaaaaaaaaa\r\n".repeat(3_000);
    let head = format!("GET / HTTP/1.1\r\nHost: {host}\r\n{many}\r\n");
    let _ = stream.write_all(head.as_bytes());
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer[..answer.len().min(200)]));
    assert!(!map.path().join("site").exists(), "nothing is written");

    let mut events = Events::open(server.port);
    assert_eq!(events.next()["generation"], 1);
    map.write("stores.yaml", STORES.replace("Customer master", "Golden record").as_bytes());
    let renamed = |_: &serde_json::Value| {
        get(server.port, "/stores/crm.html", &host).1.contains("Golden record")
    };
    let build = events.until(renamed);
    assert!(build["generation"].as_u64() >= Some(2));
    assert_eq!(build["blocking"], serde_json::json!([]));
    let (_, page) = get(server.port, "/stores/crm.html", &host);
    assert!(!page.contains("Customer master"));

    // Broken mid-edit: the pages stay, the problem is announced where it is.
    map.write("stores.yaml", b"stores:\n  - id: crm\n    name: [unclosed\n");
    let build = events.until(|b| b["blocking"].as_array().is_some_and(|a| !a.is_empty()));
    let blocking = build["blocking"][0].as_str().expect("a problem");
    assert!(blocking.starts_with("stores.yaml:3:11: error[yaml-syntax]"), "{blocking}");
    let (_, page) = get(server.port, "/stores/crm.html", &host);
    assert!(page.contains("Golden record"), "the last good page is kept");
    let script = get(server.port, "/__datacarto/live.js", &host).1;
    assert!(script.contains("EventSource") && script.contains("textContent"));
    assert!(!script.contains("innerHTML"), "problems are shown as text, never as markup");
}

/// Node with the WebSocket client the CDP driver uses (node 20 behind a flag, 22 without).
pub(crate) fn node() -> Option<&'static str> {
    let out = std::process::Command::new("node")
        .args([
            "--experimental-websocket",
            "-e",
            "process.exit(typeof WebSocket === 'function' ? 0 : 1)",
        ])
        .output()
        .ok()?;
    out.status.success().then_some("node")
}

/// A headless Chromium with its DevTools endpoint, killed when dropped.
pub(crate) struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    port: u16,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn browser(program: &str) -> Browser {
    let profile = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(program)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let port = loop {
        line.clear();
        assert!(err.read_line(&mut line).unwrap() > 0, "chromium said no DevTools address");
        if let Some(rest) = line.trim().strip_prefix("DevTools listening on ws://127.0.0.1:") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep reading its log, or it blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
    Browser { child, _profile: profile, port }
}

/// The CDP driver (tests/browser/cdp.mjs) attached to the browser's page.
pub(crate) struct Page {
    child: Child,
    out: BufReader<std::process::ChildStdout>,
}

impl Page {
    pub(crate) fn attach(node: &str, browser: &Browser) -> Page {
        let (_, list) = get(browser.port, "/json/list", &format!("127.0.0.1:{}", browser.port));
        let targets: serde_json::Value = serde_json::from_str(&list).expect("the targets");
        let ws = targets
            .as_array()
            .and_then(|t| t.iter().find(|t| t["type"] == "page"))
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .expect("a page target")
            .to_owned();
        let script = crate::support::project_root().join("tests/browser/cdp.mjs");
        let mut child = std::process::Command::new(node)
            .arg("--experimental-websocket")
            .arg("--no-warnings")
            .arg(script)
            .arg(ws)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("node starts");
        let out = BufReader::new(child.stdout.take().unwrap());
        Page { child, out }
    }

    pub(crate) fn ask(&mut self, command: &str) -> String {
        let stdin = self.child.stdin.as_mut().unwrap();
        writeln!(stdin, "{command}").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        self.out.read_line(&mut line).unwrap();
        line.trim().to_owned()
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The page's title, or nothing yet.
const H1: &str = "(document.querySelector('h1') || {}).textContent";
/// The problems box `serve` puts over the page, or nothing.
const PROBLEMS: &str = "(document.getElementById('datacarto-live-problems') || {}).textContent";

/// `serve` on `map` and its CRM store's page open in headless Chromium, its title shown:
/// the server, the browser and the page; nothing when the tools are missing.
fn crm_page_open(map: &Map) -> Option<(Server, Browser, Page)> {
    let program = crate::a11y::tool(crate::site::chromium(), "chromium")?;
    let node = crate::a11y::tool(node(), "node with WebSocket")?;
    let server = start(map);
    let browser = browser(program);
    let mut page = Page::attach(node, &browser);
    let url = format!("http://127.0.0.1:{}/stores/crm.html", server.port);
    assert_eq!(page.ask(&format!("goto {url}")), "ok");
    assert_eq!(page.ask(&format!("wait {H1}")), "ok \"Customer master\"");
    Some((server, browser, page))
}

/// In Chromium: an open page repaints after an edit without the test reloading it; a file
/// broken mid-edit puts its problem over the page, which keeps its content.
#[test]
fn an_open_page_repaints_after_an_edit() {
    let map = Map::new(&[("stores.yaml", STORES)]);
    let Some((_server, _browser, mut page)) = crm_page_open(&map) else { return };
    // The live script is connected before the edit: wait for its stream to be open.
    map.write("stores.yaml", STORES.replace("Customer master", "Golden record").as_bytes());
    assert_eq!(
        page.ask(&format!("wait {H1} === 'Golden record' && {H1}")),
        "ok \"Golden record\"",
        "the page repainted"
    );
    map.write("stores.yaml", b"stores:\n  - id: crm\n    name: [unclosed\n");
    let shown = page.ask(&format!("wait {PROBLEMS}"));
    assert!(shown.contains("stores.yaml:3:11: error[yaml-syntax]"), "{shown}");
    assert_eq!(page.ask(&format!("wait {H1}")), "ok \"Golden record\"", "the page stays");
}

/// In a French map's site, the problems box over the page speaks French, and no English
/// sentence of it shows.
#[test]
fn the_problems_box_speaks_the_maps_language() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization: {name: Exemple}\nlanguage: fr\n"),
        ("stores.yaml", STORES),
    ]);
    let Some((_server, _browser, mut page)) = crm_page_open(&map) else { return };
    map.write("stores.yaml", b"stores:\n  - id: crm\n    name: [unclosed\n");
    let shown = page.ask(&format!("wait {PROBLEMS}"));
    assert!(shown.contains("La cartographie ne peut pas être lue"), "{shown}");
    assert!(shown.contains("stores.yaml:3:11: erreur[yaml-syntax]"), "{shown}");
    assert!(!shown.contains("cannot be read"), "{shown}");
}

/// `serve` makes the pages when they are asked for, with the code `build` runs: every file
/// `build` writes for each example is served with the same bytes (the pages with the live
/// script added, nothing else), and a path `build` does not write is a 404.
#[test]
fn serve_serves_every_file_build_writes_byte_for_byte() {
    for example in ["examples/01-retail", "examples/02-clinic-network"] {
        let copy = tempfile::tempdir().unwrap();
        copy_dir(&project_root().join(example), copy.path());
        let out = crate::site::build(copy.path(), &["--as-of", "2026-11-22"]);
        let site = out.path().join("site");
        let server = start_at(copy.path());
        let host = format!("127.0.0.1:{}", server.port);
        let files = crate::support::files_under(&site);
        assert!(files.len() > 30, "{example}: {} files", files.len());
        for rel in files.iter().filter(|f| f.as_str() != ".datacarto") {
            let built = std::fs::read(site.join(rel)).unwrap();
            let (status, mut served) = get_bytes(server.port, &format!("/{rel}"), &host);
            assert!(status.ends_with("200 OK"), "{example}: {rel}: {status}");
            if rel.ends_with(".html") {
                let tag = b"<script src=\"/__datacarto/live.js\" data-generation=\"1\"></script>";
                let at = served.windows(tag.len()).rposition(|w| w == tag);
                let at = at.unwrap_or_else(|| panic!("{example}: {rel}: the live script"));
                served.drain(at..at + tag.len());
            }
            assert!(served == built, "{example}: {rel} is served with other bytes than built");
        }
        for missing in [
            "stores/nothing.html",
            "maps/stores/nothing.svg",
            "index.htm",
            "site",
            ".datacarto",
            "register/",
        ] {
            let (status, _) = get_bytes(server.port, &format!("/{missing}"), &host);
            assert!(status.ends_with("404 Not Found"), "{example}: {missing}: {status}");
        }
    }
}

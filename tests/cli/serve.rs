//! `datacarto serve`: a real server on a free port of 127.0.0.1, talked to over TCP as a
//! browser would: pages from memory with the live script, a foreign `Host` refused, a build
//! announced on the event stream after an edit, and a broken file keeping the last good
//! pages while its problem is announced at file:line:col.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Map, datacarto};

/// A `datacarto serve` process, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(map: &Map) -> Server {
    let mut cmd = std::process::Command::new(datacarto().get_program());
    let mut child = cmd
        .args(["serve", "--port", "0", "--as-of", "2026-11-22"])
        .arg(map.path())
        .env("GIT_CEILING_DIRECTORIES", map.path())
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

/// `GET path` with `host`: the status line and the body.
fn get(port: u16, path: &str, host: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (head.lines().next().unwrap_or_default().to_owned(), body.to_owned())
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

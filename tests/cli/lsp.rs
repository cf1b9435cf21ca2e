//! `datacarto lsp` driven over stdio as an editor drives it: unsaved buffers, diagnostics
//! for the whole map at `check`'s places in UTF-16 positions, cleared when fixed.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::run_in;

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    root: String,
}

impl Server {
    fn start(dir: &std::path::Path) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("datacarto"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("datacarto lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().expect("a length");
                    }
                }
                let mut body = vec![0; length];
                reader.read_exact(&mut body).expect("a message body");
                let _ = sender.send(serde_json::from_slice(&body).expect("JSON from the server"));
            }
        });
        let canonical = dir.canonicalize().expect("the map folder");
        let root = format!("file://{}", canonical.display());
        Server { child, stdin, messages, root }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn uri(&self, rel: &str) -> String {
        format!("{}/{rel}", self.root)
    }

    /// The next message that `want` accepts, skipping others; fails after 30 s.
    fn wait(&self, what: &str, want: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self.messages.recv_timeout(left).unwrap_or_else(|_| panic!("{what}"));
            if want(&message) {
                return message;
            }
        }
    }

    /// The next diagnostics published for `rel`.
    fn diagnostics(&self, rel: &str) -> Vec<Value> {
        let uri = self.uri(rel);
        let message = self.wait(&format!("diagnostics for {rel}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        });
        message["params"]["diagnostics"].as_array().expect("a list").clone()
    }
}

fn starter_map() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = run_in(dir.path(), &["init", "map"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    dir
}

#[test]
fn unsaved_typo_gives_diagnostics_across_the_map_then_clears() {
    let dir = starter_map();
    let map = dir.path().join("map");
    let flows = std::fs::read_to_string(map.join("flows.yaml")).expect("flows.yaml");
    let mut server = Server::start(&map);
    server.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": server.root, "capabilities": {}}}));
    let init = server.wait("the initialize response", |m| m["id"] == 1);
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"], 1, "{init}");
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));

    // Unsaved: a store typo after an emoji on its line, which is one character for `check`
    // but two UTF-16 code units for LSP.
    let line = "  - {id: shop-to-crm, description: \"Café 😀\", from: shop, to: crn, fields: \
                [customer_id, email], mechanism: api, frequency: realtime, owner: digital}";
    let typo = format!("flows:\n{line}\n");
    let before = &line[..line.find("crn").expect("the typo")];
    assert_eq!(before.chars().count() + 1, before.encode_utf16().count());
    let character = before.encode_utf16().count();
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": server.uri("flows.yaml"), "languageId": "yaml", "version": 1,
            "text": typo}}}));
    let found = server.diagnostics("flows.yaml");
    assert_eq!(found.len(), 1, "one mistake, one finding: {found:?}");
    let store = &found[0];
    assert_eq!(store["code"], "unknown-reference");
    assert_eq!(store["severity"], 1);
    assert_eq!(store["source"], "datacarto");
    assert_eq!(store["range"]["start"], json!({"line": 1, "character": character}));
    assert_eq!(store["range"]["end"], json!({"line": 1, "character": character + 3}));
    let message = store["message"].as_str().expect("a message");
    assert!(message.starts_with("unknown store 'crn'"), "{message}");
    assert!(message.contains("did you mean 'crm'?"), "{message}");

    // The same mistake raises findings in files that are not open.
    let crm = server.diagnostics("stores/crm.yaml");
    assert!(crm.iter().any(|d| d["code"] == "unsourced-field"), "{crm:?}");

    // Nothing was written: on disk the map is still clean.
    assert_eq!(run_in(&map, &["check", "."]).code, 0);

    // Fixed in the buffer: every file's diagnostics are cleared.
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": server.uri("flows.yaml"), "version": 2},
        "contentChanges": [{"text": flows}]}}));
    assert_eq!(server.diagnostics("flows.yaml"), Vec::<Value>::new());
    assert_eq!(server.diagnostics("stores/crm.yaml"), Vec::<Value>::new());

    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    server.wait("the shutdown response", |m| m["id"] == 2);
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let status = server.child.wait().expect("the server ends");
    assert!(status.success(), "{status}");

    // `check` on the same text, saved: the same findings at the same places (1-based lines,
    // columns in characters there; 0-based, UTF-16 here).
    std::fs::write(map.join("flows.yaml"), &typo).expect("save the typo");
    let out = run_in(&map, &["check", ".", "--format", "json"]);
    let report: Value = serde_json::from_str(&out.stdout).expect("check's JSON");
    let findings = report["findings"].as_array().expect("findings");
    let in_file = |file: &str| findings.iter().filter(|f| f["file"] == file).count();
    assert_eq!(in_file("flows.yaml"), 1);
    assert_eq!(in_file("stores/crm.yaml"), crm.len());
    let checked = &findings[0];
    assert_eq!(checked["message"], "unknown store 'crn'");
    assert_eq!(
        (checked["line"].as_u64(), checked["column"].as_u64()),
        (Some(2), Some(before.chars().count() as u64 + 1))
    );
}

/// A map with `language: fr` gets its diagnostics in French, as `check` prints them.
#[test]
fn a_french_map_gets_french_diagnostics() {
    let dir = starter_map();
    let map = dir.path().join("map");
    let project = std::fs::read_to_string(map.join("datacarto.yaml")).expect("datacarto.yaml");
    let french = project.replace("language: en", "language: fr");
    assert_ne!(project, french, "the starter map states its language");
    std::fs::write(map.join("datacarto.yaml"), french).expect("write datacarto.yaml");
    let mut server = Server::start(&map);
    server.send(json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": server.root, "capabilities": {}}}));
    server.wait("the initialize response", |m| m["id"] == 1);
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let typo = "flows:\n  - {id: shop-to-crm, from: shop, to: crn, fields: [email]}\n";
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": server.uri("flows.yaml"), "languageId": "yaml", "version": 1,
            "text": typo}}}));
    let found = server.diagnostics("flows.yaml");
    let store = found.iter().find(|d| d["code"] == "unknown-reference").expect("the typo");
    let message = store["message"].as_str().expect("a message");
    assert!(message.starts_with("outil inconnu 'crn'"), "{message}");
    assert!(message.contains("vouliez-vous dire 'crm'\u{a0}?"), "{message}");
    assert!(message.contains("aide\u{a0}: ") || message.contains("(aucun"), "{message}");
    assert!(!message.contains("unknown") && !message.contains("help:"), "{message}");
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    server.wait("the shutdown response", |m| m["id"] == 2);
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    assert!(server.child.wait().expect("the server ends").success());
}

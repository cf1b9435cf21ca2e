//! The language server's round trip on the benchmark map (2,000 stores, 100,000 fields,
//! 10,000 flows, 1,000 purposes; docs/performance.md): the time from an edit of an open
//! file (`didChange`) to that file's diagnostics, as an editor sees it, debounce (150 ms)
//! included. In a flows file, the edit alternates a misspelt store (one new finding; the
//! flow is dropped, so the whole map is resolved again) and its fix; in a store file, a
//! misspelt category and its fix (the engine patches the store in place).
//! The server is the release binary, driven over stdio.
//!
//! `cargo bench --bench lsp`; `DATACARTO_BENCH_SCALE=0.1 cargo bench --bench lsp` on a map a
//! tenth of the size.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use criterion::{Bencher, Criterion, SamplingMode, criterion_group, criterion_main};
use datacarto::synth::{self, Spec};
use serde_json::{Value, json};

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_datacarto"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("datacarto lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        let (sender, messages) = channel();
        std::thread::spawn(move || {
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
                let message = serde_json::from_slice(&body).expect("JSON from the server");
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Server { child, stdin, messages }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn wait(&self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message =
                self.messages.recv_timeout(Duration::from_secs(300)).expect("the server answers");
            if want(&message) {
                return message;
            }
        }
    }

    /// Waits until every notification sent so far is read: a request is answered after them.
    fn drain(&mut self, id: u64) {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": "file:///nowhere.yaml"},
            "position": {"line": 0, "character": 0}}}));
        self.wait(|m| m["id"] == id);
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().canonicalize().expect("the folder");
    let spec = Spec::benchmark_scaled();
    synth::write(&spec, &root).expect("the benchmark map is written");
    let files = synth::generate(&spec);
    let (rel, flows) =
        files.iter().find(|(rel, _)| rel.starts_with("flows/")).expect("a flows file").clone();
    let at = flows.find("to: ").expect("a flow's destination") + "to: ".len();
    let typo = format!("{}zz{}", &flows[..at], &flows[at..]);
    let root_uri = format!("file://{}", root.display());
    let uri = format!("{root_uri}/{rel}");

    let mut server = Server::start();
    server.send(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
        "params": {"processId": null, "rootUri": root_uri, "capabilities": {}}}));
    server.wait(|m| m["id"] == 0);
    server.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": flows}}}));
    // The first check (the whole map read from disk) is not measured.
    let id = 1;
    server.drain(id);

    let mut group = c.benchmark_group("lsp");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    let mut state = State { version: 1, id, mistaken: false };
    group.bench_function("edit_to_diagnostics", |b| {
        edits(b, &mut server, &mut state, &uri, [&flows, &typo], "unknown-reference");
    });
    let (rel, store) =
        files.iter().find(|(rel, _)| rel.starts_with("stores/")).expect("a store file").clone();
    let typo = store.replacen("category: user.contact.email", "category: user.contact.emial", 1);
    assert_ne!(typo, store, "the store file has an e-mail field");
    if state.mistaken {
        // The flows file fixed again, so that only the store's edit differs.
        state.version += 1;
        server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": state.version},
                "contentChanges": [{"text": flows}]}}));
        state.mistaken = false;
    }
    let uri = format!("{root_uri}/{rel}");
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": store}}}));
    state.id += 1;
    server.drain(state.id);
    group.bench_function("store_edit_to_diagnostics", |b| {
        edits(b, &mut server, &mut state, &uri, [&store, &typo], "unknown-category");
    });
    group.finish();
    server.send(json!({"jsonrpc": "2.0", "id": 99_999, "method": "shutdown"}));
    server.wait(|m| m["id"] == 99_999);
    server.send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = server.child.wait();
}

/// The last document version sent, the last request id, and whether the edited buffer
/// holds the mistake.
struct State {
    version: i64,
    id: u64,
    mistaken: bool,
}

/// Times edits of `uri` alternating `texts` (the file as it is, then with a mistake), each
/// until the file's diagnostics, which show `code` after the mistake only.
fn edits(
    b: &mut Bencher<'_>,
    server: &mut Server,
    state: &mut State,
    uri: &str,
    texts: [&str; 2],
    code: &str,
) {
    b.iter_custom(|iterations| {
        let mut total = Duration::ZERO;
        for _ in 0..iterations {
            state.version += 1;
            // Each edit changes the text: an unchanged buffer would publish nothing.
            state.mistaken = !state.mistaken;
            let mistaken = state.mistaken;
            let text = texts[usize::from(mistaken)];
            let start = Instant::now();
            server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": state.version},
                    "contentChanges": [{"text": text}]}}));
            let published = server.wait(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            });
            total += start.elapsed();
            let found = published["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == code));
            assert_eq!(found, mistaken, "the edit's finding comes and goes");
            // The rest of the round (other files' diagnostics) is not the editor's wait.
            state.id += 1;
            server.drain(state.id);
        }
        total
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

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

    /// Sends a request and waits for its answer's result.
    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let answer = self.wait(&format!("the answer to {method}"), |m| m["id"] == id);
        assert!(answer.get("error").is_none(), "{answer}");
        answer["result"].clone()
    }

    /// `initialize` and `initialized`, with the capabilities the server announces.
    fn initialize(&mut self) -> Value {
        let root = self.root.clone();
        let init = self.request(
            0,
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}}),
        );
        self.send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        init["capabilities"].clone()
    }

    fn open(&mut self, rel: &str, text: &str) {
        let uri = self.uri(rel);
        self.send(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}}));
    }

    /// `{"textDocument": …, "position": …}` at the `n`th `needle` of `text` (ASCII lines).
    fn at(&self, rel: &str, text: &str, needle: &str, n: usize) -> Value {
        let byte = text.match_indices(needle).nth(n).expect("the needle").0;
        let line = text[..byte].matches('\n').count();
        let character = byte - text[..byte].rfind('\n').map_or(0, |i| i + 1);
        json!({"textDocument": {"uri": self.uri(rel)},
            "position": {"line": line, "character": character}})
    }

    /// Shuts the server down; gives what it sent before answering `shutdown`.
    fn stop(mut self) -> Vec<Value> {
        self.send(json!({"jsonrpc": "2.0", "id": 9999, "method": "shutdown"}));
        let mut before = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self.messages.recv_timeout(left).expect("the shutdown response");
            if message["id"] == 9999 {
                break;
            }
            before.push(message);
        }
        self.send(json!({"jsonrpc": "2.0", "method": "exit"}));
        let status = self.child.wait().expect("the server ends");
        assert!(status.success(), "{status}");
        before
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

/// An edit publishes again only the files whose diagnostics changed: a file whose findings
/// stand is not sent again (the editor keeps what it was last sent).
#[test]
fn an_edit_publishes_only_the_diagnostics_that_changed() {
    let dir = starter_map();
    let map = dir.path().join("map");
    let mut server = Server::start(&map);
    server.initialize();
    let typo = |store: &str| {
        format!(
            "flows:\n  - {{id: shop-to-crm, from: shop, to: {store}, fields: [customer_id, \
             email], mechanism: api, frequency: realtime, owner: digital}}\n"
        )
    };
    server.open("flows.yaml", &typo("crn"));
    let flows = server.diagnostics("flows.yaml");
    assert!(flows[0]["message"].as_str().is_some_and(|m| m.contains("'crn'")), "{flows:?}");
    let crm = server.diagnostics("stores/crm.yaml");
    assert!(crm.iter().any(|d| d["code"] == "unsourced-field"), "{crm:?}");

    // Another typo: the flow's diagnostic changes, the store's findings stand.
    server.send(json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": server.uri("flows.yaml"), "version": 2},
        "contentChanges": [{"text": typo("crx")}]}}));
    let flows = server.diagnostics("flows.yaml");
    assert!(flows[0]["message"].as_str().is_some_and(|m| m.contains("'crx'")), "{flows:?}");
    // A check publishes everything before the server reads its next message: whatever it
    // sent for the store file has arrived before the answer to `shutdown`.
    let crm_uri = server.uri("stores/crm.yaml");
    for message in server.stop() {
        assert!(
            message["params"]["uri"] != crm_uri.as_str(),
            "the store file's unchanged diagnostics were sent again: {message}"
        );
    }
}

/// `file:line:character` of each location, the file relative to the map.
fn places(server: &Server, locations: &Value) -> Vec<String> {
    let prefix = format!("{}/", server.root);
    let mut found: Vec<String> = locations
        .as_array()
        .expect("locations")
        .iter()
        .map(|l| {
            let file = l["uri"].as_str().expect("a URI").trim_start_matches(&prefix);
            let start = &l["range"]["start"];
            format!("{file}:{}:{}", start["line"], start["character"])
        })
        .collect();
    found.sort();
    found
}

#[test]
fn definition_and_references_across_files_and_unsaved_buffers() {
    let dir = starter_map();
    let map = dir.path().join("map");
    let mut server = Server::start(&map);
    let capabilities = server.initialize();
    assert_eq!(capabilities["definitionProvider"], true);
    assert_eq!(capabilities["referencesProvider"], true);

    // Unsaved: a second purpose naming the CRM, its email field and a team.
    let purposes = std::fs::read_to_string(map.join("purposes.yaml")).expect("purposes.yaml")
        + "  - id: newsletter\n    owner: digital\n    uses: [crm.email]\n";
    server.open("purposes.yaml", &purposes);

    // The field part of `crm.email` leads to the field, the store part to the store.
    let at = server.at("purposes.yaml", &purposes, "email]", 0);
    let found = server.request(1, "textDocument/definition", at);
    assert_eq!(places(&server, &found), ["stores/crm.yaml:16:12"]);
    let at = server.at("purposes.yaml", &purposes, "crm.email]", 0);
    let found = server.request(2, "textDocument/definition", at);
    assert_eq!(places(&server, &found), ["stores/crm.yaml:1:8"]);
    let at = server.at("purposes.yaml", &purposes, "digital", 0);
    let found = server.request(3, "textDocument/definition", at);
    assert_eq!(places(&server, &found), ["teams.yaml:1:8"]);

    // A built-in key has nowhere to go: it is described instead.
    let at = server.at("purposes.yaml", &purposes, "user.contact.email", 0);
    server.send(json!({"jsonrpc": "2.0", "id": 4, "method": "textDocument/definition",
        "params": at}));
    // The message comes before the (empty) answer.
    let shown = server.wait("a message about the key", |m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().expect("a message");
    assert!(message.contains("`user.contact.email`: "), "{message}");
    assert!(message.contains("built-in category key"), "{message}");
    assert_eq!(server.wait("the answer", |m| m["id"] == 4)["result"], json!([]));

    // Every place naming the CRM's email field, the unsaved one included; a flow that
    // carries `email` names it too.
    let crm = std::fs::read_to_string(map.join("stores/crm.yaml")).expect("crm.yaml");
    let at = server.at("stores/crm.yaml", &crm, "email", 0);
    let mut params = at;
    params["context"] = json!({"includeDeclaration": true});
    let found = server.request(5, "textDocument/references", params.clone());
    assert_eq!(
        places(&server, &found),
        ["flows.yaml:4:26", "purposes.yaml:12:15", "purposes.yaml:7:32", "stores/crm.yaml:16:12"]
    );
    // Without the declaration; the shop's field of the same name is not this one.
    params["context"] = json!({"includeDeclaration": false});
    let found = server.request(6, "textDocument/references", params);
    assert_eq!(places(&server, &found).len(), 3);
    assert!(!places(&server, &found).iter().any(|p| p.starts_with("stores/shop.yaml")));
    server.stop();
}

#[test]
fn completion_of_stores_fields_teams_and_enumerations_while_typing() {
    let dir = starter_map();
    let map = dir.path().join("map");
    let mut server = Server::start(&map);
    let capabilities = server.initialize();
    assert_eq!(capabilities["completionProvider"]["triggerCharacters"], json!(["."]));

    // Unsaved and not valid yet: a purpose being typed.
    let purposes = std::fs::read_to_string(map.join("purposes.yaml")).expect("purposes.yaml")
        + "  - id: newsletter\n    owner: \n    legal_basis: \n    uses: [crm.\n";
    server.open("purposes.yaml", &purposes);
    let labels = |result: &Value| -> Vec<String> {
        let items = result.as_array().expect("completion items");
        items.iter().map(|i| i["label"].as_str().expect("a label").to_owned()).collect()
    };
    // Just after the second `needle` (the first is in the saved purpose).
    let end_of = |server: &Server, needle: &str| {
        let mut at = server.at("purposes.yaml", &purposes, needle, 1);
        let character = at["position"]["character"].as_u64().expect("a column");
        at["position"]["character"] = json!(character + needle.len() as u64);
        at
    };

    // `crm.` → the CRM's fields (and `*`), replacing only what follows the dot.
    let at = end_of(&server, "uses: [crm.");
    let found = server.request(1, "textDocument/completion", at);
    assert_eq!(labels(&found), ["*", "customer_id", "email"]);
    let email = &found[2];
    assert_eq!(email["detail"], "Email address");
    let doc = email["documentation"]["value"].as_str().expect("documentation");
    assert!(doc.contains("user.contact.email") && doc.contains("personal data"), "{doc}");
    let edit = &email["textEdit"];
    assert_eq!(edit["newText"], "email");
    assert_eq!(edit["range"]["start"]["character"], 15);
    assert_eq!(edit["range"]["end"]["character"], 15);

    let at = end_of(&server, "owner: ");
    let found = server.request(2, "textDocument/completion", at);
    assert_eq!(labels(&found), ["digital", "sales"]);
    let at = end_of(&server, "legal_basis: ");
    let found = server.request(3, "textDocument/completion", at);
    let consent = found.as_array().expect("items").iter().find(|i| i["label"] == "consent");
    let consent = consent.expect("consent is a legal basis");
    assert_eq!(consent["detail"], "Consent");
    assert_eq!(consent["documentation"]["value"], "GDPR 6(1)(a)");
    // Not a store's kinds, nor stores, for a legal basis.
    assert!(!labels(&found).iter().any(|l| l == "crm" || l == "ecommerce"));
    server.stop();
}

#[test]
fn hover_tells_a_fields_lineage_and_a_stores_findings_as_typed() {
    let dir = starter_map();
    let map = dir.path().join("map");
    let mut server = Server::start(&map);
    let capabilities = server.initialize();
    assert_eq!(capabilities["hoverProvider"], true);
    let purposes = std::fs::read_to_string(map.join("purposes.yaml")).expect("purposes.yaml");
    let markdown = |hover: &Value| hover["contents"]["value"].as_str().expect("text").to_owned();

    // The CRM's email: its category, where it comes from, the purpose using it.
    let at = server.at("purposes.yaml", &purposes, "email]", 0);
    let hover = server.request(1, "textDocument/hover", at);
    let text = markdown(&hover);
    assert!(text.starts_with("**crm.email**: Email address (field)"), "{text}");
    assert!(text.contains("category: `user.contact.email`, personal data"), "{text}");
    assert!(text.contains("source: received"), "{text}");
    assert!(text.contains("comes from: `shop.email`"), "{text}");
    assert!(text.contains("used by purposes: `order-follow-up` (legal basis: contract)"));
    assert_eq!(hover["range"]["start"], json!({"line": 7, "character": 32}));

    // A typo in an unsaved flow: the CRM's hover shows the findings it causes there.
    let flows = std::fs::read_to_string(map.join("flows.yaml")).expect("flows.yaml");
    server.open("flows.yaml", &flows.replace("to: crm", "to: crn"));
    let at = server.at("purposes.yaml", &purposes, "crm.", 0);
    let text = markdown(&server.request(2, "textDocument/hover", at));
    assert!(text.starts_with("**crm**: CRM (store)"), "{text}");
    assert!(text.contains("kind: crm  \nowner: sales (Sales operations)  \nlocation: FR"));
    assert!(text.contains("[unsourced-field]"), "{text}");
    let at = server.at("purposes.yaml", &purposes, "email]", 0);
    let text = markdown(&server.request(3, "textDocument/hover", at));
    assert!(text.contains("comes from: no flow brings it here"), "{text}");

    // A request the protocol does not allow is refused, and the server goes on serving.
    server.send(json!({"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {}}));
    let refused = server.wait("the refusal", |m| m["id"] == 4);
    assert_eq!(refused["error"]["code"], -32602, "{refused}");
    let at = server.at("purposes.yaml", &purposes, "needs", 0);
    assert_eq!(server.request(5, "textDocument/hover", at), Value::Null);
    server.stop();
}

/// Applies a workspace edit's changes to the files of the map (as an editor does).
#[expect(clippy::disallowed_methods, reason = "the test plays the editor saving the edits")]
fn apply(root: &str, map: &std::path::Path, edit: &Value) {
    let prefix = format!("{root}/");
    for (uri, edits) in edit["changes"].as_object().expect("changes by file") {
        let path = map.join(uri.trim_start_matches(&prefix));
        let text = std::fs::read_to_string(&path).expect("a file of the map");
        let offset = |position: &Value| {
            let line = position["line"].as_u64().expect("a line") as usize;
            let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
            start + position["character"].as_u64().expect("a column") as usize
        };
        let mut edits: Vec<(usize, usize, String)> = edits
            .as_array()
            .expect("edits")
            .iter()
            .map(|e| {
                let new = e["newText"].as_str().expect("text").to_owned();
                (offset(&e["range"]["start"]), offset(&e["range"]["end"]), new)
            })
            .collect();
        edits.sort();
        let mut out = text.clone();
        for (start, end, new) in edits.into_iter().rev() {
            out.replace_range(start..end, &new);
        }
        std::fs::write(&path, out).expect("the edited file");
    }
}

#[test]
fn rename_edits_every_file_and_the_map_stays_clean() {
    let dir = starter_map();
    let map = dir.path().join("map");
    let mut server = Server::start(&map);
    let capabilities = server.initialize();
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    let crm = std::fs::read_to_string(map.join("stores/crm.yaml")).expect("crm.yaml");
    let at = server.at("stores/crm.yaml", &crm, "email", 0);

    let prepared = server.request(1, "textDocument/prepareRename", at.clone());
    assert_eq!(prepared["placeholder"], "email");
    assert_eq!(prepared["range"]["start"], json!({"line": 16, "character": 12}));

    // A name taken, a name that is not an id: refused, saying why; nothing edited.
    let mut params = at;
    params["newName"] = json!("customer_id");
    server.send(json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/rename",
        "params": params}));
    let refused = server.wait("the refusal", |m| m["id"] == 2);
    let message = refused["error"]["message"].as_str().expect("why");
    assert_eq!(message, "field 'crm.customer_id' already exists: choose another name");
    params["newName"] = json!("E-mail");
    server.send(json!({"jsonrpc": "2.0", "id": 3, "method": "textDocument/rename",
        "params": params}));
    let refused = server.wait("the refusal", |m| m["id"] == 3);
    let message = refused["error"]["message"].as_str().expect("why");
    assert!(message.starts_with("'E-mail' is not a valid field id"), "{message}");

    params["newName"] = json!("contact_email");
    let edit = server.request(4, "textDocument/rename", params);
    let root = server.root.clone();
    server.stop();
    apply(&root, &map, &edit);
    let flows = std::fs::read_to_string(map.join("flows.yaml")).expect("flows.yaml");
    assert!(flows.contains("fields: [customer_id, email: contact_email]"), "{flows}");
    let purposes = std::fs::read_to_string(map.join("purposes.yaml")).expect("purposes.yaml");
    assert!(purposes.contains("uses: [crm.customer_id, crm.contact_email]"), "{purposes}");
    let crm = std::fs::read_to_string(map.join("stores/crm.yaml")).expect("crm.yaml");
    assert!(crm.contains("- id: contact_email\n"), "{crm}");
    // The shop's field of the same name is another field: untouched.
    let shop = std::fs::read_to_string(map.join("stores/shop.yaml")).expect("shop.yaml");
    assert!(shop.contains("- id: email\n"), "{shop}");
    let out = run_in(&map, &["check", "."]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn did_you_mean_findings_get_a_quick_fix() {
    let dir = starter_map();
    let map = dir.path().join("map");
    let mut server = Server::start(&map);
    let capabilities = server.initialize();
    assert_eq!(capabilities["codeActionProvider"]["codeActionKinds"], json!(["quickfix"]));
    let flows = std::fs::read_to_string(map.join("flows.yaml")).expect("flows.yaml");
    let typo = flows.replace("to: crm", "to: crn");
    server.open("flows.yaml", &typo);
    let found = server.diagnostics("flows.yaml");
    assert_eq!(found.len(), 1, "{found:?}");
    let diagnostic = found[0].clone();

    let params = json!({"textDocument": {"uri": server.uri("flows.yaml")},
        "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}});
    let actions = server.request(1, "textDocument/codeAction", params);
    let actions = actions.as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:?}");
    let fix = &actions[0];
    assert_eq!(fix["title"], "Replace 'crn' with 'crm'");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["diagnostics"], json!([diagnostic]));
    let edits = &fix["edit"]["changes"][server.uri("flows.yaml")];
    assert_eq!(edits, &json!([{"range": diagnostic["range"], "newText": "crm"}]));

    // Elsewhere in the file, nothing to fix.
    let params = json!({"textDocument": {"uri": server.uri("flows.yaml")},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 3}},
        "context": {"diagnostics": []}});
    assert_eq!(server.request(2, "textDocument/codeAction", params), json!([]));
    server.stop();
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

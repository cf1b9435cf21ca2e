//! `datacarto lsp`: a Language Server Protocol server over stdio. It checks the whole map as
//! it is typed: open buffers are overlaid on the map's files and go through the loader and
//! the rules of `check`, so diagnostics are exactly `check`'s, in every file of the map.

mod actions;
mod completion;
mod definition;
mod describe;
mod diagnostics;
mod hover;
mod index;
mod place;
mod rename;
mod requests;
mod snapshot;
mod uri;

use crate::manifest::enums::Language;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr as _;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::{
    InitializeParams, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

use self::snapshot::Snapshot;
use crate::engine::Engine;
use crate::load;

/// How long typing must pause before the map is checked again: one check per burst of
/// keystrokes, not one per keystroke, on maps where a check takes a noticeable time.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// Serves one editor on standard input and output until it says `exit`.
pub fn run() -> anyhow::Result<()> {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Options(
            lsp_types::CodeActionOptions {
                code_action_kinds: Some(vec![lsp_types::CodeActionKind::QUICKFIX]),
                ..lsp_types::CodeActionOptions::default()
            },
        )),
        rename_provider: Some(OneOf::Right(lsp_types::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: lsp_types::WorkDoneProgressOptions::default(),
        })),
        completion_provider: Some(lsp_types::CompletionOptions {
            trigger_characters: Some(
                completion::TRIGGERS.iter().map(|t| (*t).to_owned()).collect(),
            ),
            ..lsp_types::CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    let params = connection
        .initialize(serde_json::to_value(capabilities)?)
        .context("the editor did not start the language server protocol")?;
    let params: InitializeParams =
        serde_json::from_value(params).context("the editor's initialize request is not valid")?;
    let mut server = Server::new(map_root(&params));
    server.serve(&connection)?;
    drop(connection);
    io_threads.join().context("reading from or writing to the editor")?;
    Ok(())
}

/// The map's root: the nearest folder holding `datacarto.yaml` from the editor's workspace
/// folder up (as `check` finds it from the current folder), else the workspace folder.
fn map_root(params: &InitializeParams) -> PathBuf {
    #[expect(deprecated, reason = "older editors only send rootUri")]
    let given = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| folder.uri.clone())
        .or_else(|| params.root_uri.clone());
    let start = given
        .and_then(|uri| uri::to_path(uri.as_str()))
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."));
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    let found = load::root::find(&start, home.as_deref());
    if found.marked { found.stopped_at } else { start }
}

struct Server {
    root: PathBuf,
    /// The map kept loaded between checks: an edit re-parses the edited file only.
    engine: Engine,
    /// The text of each open document of the map, by path within the map.
    open: BTreeMap<String, String>,
    /// The diagnostics last published for each file that had some: a file is published
    /// again only when they change, and cleared when it becomes clean.
    published: BTreeMap<String, Vec<lsp_types::Diagnostic>>,
    /// When the map must be checked again (the end of the debounce), if it must.
    due: Option<Instant>,
    /// The map as last checked, when it could be read.
    snapshot: Option<Snapshot>,
}

impl Server {
    fn new(root: PathBuf) -> Server {
        // The first check runs at once: files with findings show them before any edit.
        Server {
            engine: snapshot::engine(&root),
            root,
            open: BTreeMap::new(),
            published: BTreeMap::new(),
            due: Some(Instant::now()),
            snapshot: None,
        }
    }

    fn serve(&mut self, connection: &Connection) -> anyhow::Result<()> {
        loop {
            let message = match self.due {
                Some(due) => match connection.receiver.recv_deadline(due) {
                    Ok(message) => message,
                    Err(RecvTimeoutError::Timeout) => {
                        self.due = None;
                        self.publish(connection)?;
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => return Ok(()),
                },
                None => match connection.receiver.recv() {
                    Ok(message) => message,
                    Err(_) => return Ok(()),
                },
            };
            match message {
                Message::Request(request) => {
                    if connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    // A request reads the map as typed so far: a pending check runs first.
                    if self.due.take().is_some() {
                        self.publish(connection)?;
                    }
                    let response = requests::answer(self.snapshot.as_ref(), connection, request);
                    connection.sender.send(response.into())?;
                }
                Message::Notification(notification) => self.notified(notification),
                Message::Response(_) => {}
            }
        }
    }

    /// Keeps the open buffers; any change to the map schedules a check.
    fn notified(&mut self, notification: Notification) {
        let changed = match notification.method.as_str() {
            DidOpenTextDocument::METHOD => notification
                .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                .ok()
                .and_then(|p| Some((self.within_map(&p.text_document.uri)?, p.text_document.text)))
                .map(|(rel, text)| self.open.insert(rel, text))
                .is_some(),
            DidChangeTextDocument::METHOD => notification
                .extract::<lsp_types::DidChangeTextDocumentParams>(DidChangeTextDocument::METHOD)
                .ok()
                .and_then(|mut p| {
                    // Full synchronisation: the last change holds the whole text.
                    let text = p.content_changes.pop()?.text;
                    Some((self.within_map(&p.text_document.uri)?, text))
                })
                .map(|(rel, text)| self.open.insert(rel, text))
                .is_some(),
            DidCloseTextDocument::METHOD => notification
                .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                .ok()
                .and_then(|p| self.within_map(&p.text_document.uri))
                // The file on disk is the map's again.
                .map(|rel| self.open.remove(&rel))
                .is_some(),
            // Files changed on disk (a save, a `git checkout`): the map is read again.
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => true,
            _ => false,
        };
        if changed {
            self.due = Some(Instant::now() + DEBOUNCE);
        }
    }

    /// The path within the map of a document, `/`-separated, if the document is the map's.
    fn within_map(&self, document: &Uri) -> Option<String> {
        let path = uri::to_path(document.as_str())?;
        let below = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = below
            .components()
            .map(|c| match c {
                std::path::Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect::<Option<_>>()?;
        (!parts.is_empty()).then(|| parts.join("/"))
    }

    /// Checks the whole map with the open buffers and publishes the diagnostics of every
    /// file whose diagnostics changed, clearing those of files that became clean.
    fn publish(&mut self, connection: &Connection) -> anyhow::Result<()> {
        let snapshot = match snapshot::take(&mut self.engine, &self.open, &mut self.snapshot) {
            // Nothing changed since the last check: its diagnostics stand as published.
            Ok(None) => return Ok(()),
            Ok(Some(snapshot)) => snapshot,
            Err(err) => {
                // The map's folder cannot be read: say so in the editor's log, keep serving.
                let params = lsp_types::LogMessageParams {
                    typ: lsp_types::MessageType::ERROR,
                    message: format!("datacarto: {err:#}"),
                };
                let method = lsp_types::notification::LogMessage::METHOD.to_owned();
                connection.sender.send(Notification::new(method, params).into())?;
                self.snapshot = None;
                return Ok(());
            }
        };
        let compiled = &snapshot.compiled;
        let root = self.root.clone();
        let uri_of = |path: &str| file_uri(&root, path);
        let files = diagnostics::by_file(
            &compiled.report.findings,
            &compiled.sources,
            compiled.model.project_file,
            &uri_of,
            // The map's language: French maps get French diagnostics, as `check` prints them.
            compiled.model.language.unwrap_or(Language::En),
        );
        for path in self.published.keys().filter(|p| !files.contains_key(*p)) {
            send_diagnostics(connection, &root, path, Vec::new())?;
        }
        // The editor keeps what was published for a file until it is replaced: a file whose
        // diagnostics did not change is not sent again (on a map with findings in hundreds
        // of files, an edit used to re-send them all, and editors redraw each one).
        for (path, diagnostics) in &files {
            if self.published.get(path) != Some(diagnostics) {
                send_diagnostics(connection, &root, path, diagnostics.clone())?;
            }
        }
        self.published = files;
        self.snapshot = Some(snapshot);
        Ok(())
    }
}

fn file_uri(root: &Path, path: &str) -> Option<Uri> {
    Uri::from_str(&uri::from_path(&root.join(path))).ok()
}

fn send_diagnostics(
    connection: &Connection,
    root: &Path,
    path: &str,
    diagnostics: Vec<lsp_types::Diagnostic>,
) -> anyhow::Result<()> {
    let Some(uri) = file_uri(root, path) else { return Ok(()) };
    let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
    let notification = Notification::new(PublishDiagnostics::METHOD.to_owned(), params);
    connection.sender.send(notification.into())?;
    Ok(())
}

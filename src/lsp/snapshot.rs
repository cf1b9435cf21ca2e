//! The map as last checked (open buffers included) and the index of its names: what every
//! request of the editor reads, and the conversions between its places and the editor's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr as _;

use lsp_types::{Location, Range, TextDocumentPositionParams, Uri};

use super::index::{Index, Occurrence};
use super::uri;
use crate::commands::Compiled;
use crate::date::Date;
use crate::engine::Engine;
use crate::load::LoadOptions;
use crate::manifest::enums::Language;
use crate::source::{FileId, Span};

pub(super) struct Snapshot {
    pub root: PathBuf,
    pub compiled: Compiled,
    pub index: Index,
}

impl Snapshot {
    /// The file a document is, when the map read it.
    pub(super) fn file(&self, document: &Uri) -> Option<FileId> {
        let path = uri::to_path(document.as_str())?;
        let below = path.strip_prefix(&self.root).ok()?;
        let rel = below.to_string_lossy().replace('\\', "/");
        let sources = &self.compiled.sources;
        sources.files().find(|(_, f)| f.path == rel).map(|(id, _)| id)
    }

    /// The file and byte an editor's cursor is at.
    pub(super) fn cursor(&self, at: &TextDocumentPositionParams) -> Option<(FileId, usize)> {
        let file = self.file(&at.text_document.uri)?;
        let source = self.compiled.sources.get(file);
        Some((file, source.utf16_offset(at.position.line, at.position.character)))
    }

    /// The names written under the cursor, narrowest first.
    pub(super) fn under(&self, at: &TextDocumentPositionParams) -> Vec<&Occurrence> {
        self.cursor(at).map(|(file, byte)| self.index.at(file, byte)).unwrap_or_default()
    }

    pub(super) fn uri(&self, file: FileId) -> Option<Uri> {
        let path = self.root.join(&self.compiled.sources.get(file).path);
        Uri::from_str(&uri::from_path(&path)).ok()
    }

    pub(super) fn range(&self, span: Span) -> Range {
        super::diagnostics::range(&self.compiled.sources, span)
    }

    pub(super) fn location(&self, span: Span) -> Option<Location> {
        Some(Location { uri: self.uri(span.file)?, range: self.range(span) })
    }

    /// The language the map is written in (`language:`), English when not stated.
    pub(super) fn language(&self) -> Language {
        self.compiled.model.language.unwrap_or(Language::En)
    }
}

/// The incremental compiler of the map at `root`, as every snapshot reads it.
pub(super) fn engine(root: &Path) -> Engine {
    Engine::new(root, LoadOptions { within_map: true, ..LoadOptions::default() })
}

/// Checks the map of `engine` with the open buffers in `open` (by path within the map) and
/// indexes its names. Only the files changed since the engine's last run are parsed; when
/// none did and `last` was taken today, `last` still holds: `None`. Otherwise `last` is
/// dropped first, so that the engine patches its model in place instead of a copy.
pub(super) fn take(
    engine: &mut Engine,
    open: &BTreeMap<String, String>,
    last: &mut Option<Snapshot>,
) -> anyhow::Result<Option<Snapshot>> {
    let root = engine.root().to_path_buf();
    let read = engine.read(open)?;
    let today = Date::today();
    // Findings depend on the day too (suppressions expire, reviews fall due).
    if engine.reuse().unchanged && last.as_ref().is_some_and(|s| s.compiled.config.as_of == today) {
        return Ok(None);
    }
    // The names of the files that did not change are taken from the last snapshot.
    let names = Index::collect(&read.files, &read.sources, last.as_ref().map(|s| &s.index));
    retire(last.take());
    let compiled = engine.check(read, &[], today)?;
    let index = names.settle(&compiled.model);
    Ok(Some(Snapshot { root, compiled, index }))
}

/// Lets go of the last snapshot before a new check: its model at once, so that the engine
/// finds it unshared and patches it in place; the rest (its names, graph and findings, a
/// large map's hundreds of thousands of allocations) freed on a thread of its own, off the
/// path from the edit to its diagnostics.
fn retire(last: Option<Snapshot>) {
    let Some(Snapshot { compiled, index, .. }) = last else { return };
    let Compiled { model, sources, graph, config, report } = compiled;
    drop(model);
    let rest = (index, sources, graph, config, report);
    // Without a thread to be had, the closure and what it holds are dropped here instead.
    let _ = std::thread::Builder::new().name("datacarto-free".into()).spawn(move || drop(rest));
}

/// A snapshot of a map written in a temporary folder, for the handlers' tests.
#[cfg(test)]
#[expect(clippy::disallowed_methods, reason = "a test writes the map it reads")]
pub(super) fn of_files(files: &[(&str, &str)]) -> (tempfile::TempDir, Snapshot) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("the folders");
        std::fs::write(path, text).expect("a manifest");
    }
    let root = dir.path().canonicalize().expect("the folder");
    let snapshot = take(&mut engine(&root), &BTreeMap::new(), &mut None)
        .expect("the map compiles")
        .expect("a first snapshot");
    (dir, snapshot)
}

/// Where the `n`th (0-based) `needle` of `path` is, as the editor says it, plus `offset`
/// characters (ASCII text): a cursor for the handlers' tests.
#[cfg(test)]
pub(super) fn cursor_at(
    snapshot: &Snapshot,
    path: &str,
    needle: &str,
    n: usize,
    offset: usize,
) -> TextDocumentPositionParams {
    let uri = Uri::from_str(&uri::from_path(&snapshot.root.join(path))).expect("a URI");
    let file = snapshot.file(&uri).expect("a file of the map");
    let text = &snapshot.compiled.sources.get(file).text;
    let byte = text.match_indices(needle).nth(n).expect("the needle").0 + offset;
    let (line, character) = snapshot.compiled.sources.get(file).utf16_position(byte);
    TextDocumentPositionParams {
        position: lsp_types::Position { line, character },
        text_document: lsp_types::TextDocumentIdentifier { uri },
    }
}

#[cfg(test)]
const STORES: &str = "stores:\n  - id: crm\n    owner: sales\n    fields:\n      - id: email\n        category: user.contact.email\n  - id: shop\n    owner: sales\n    fields:\n      - {id: email, category: user.contact.email}\n";
#[cfg(test)]
const FLOWS: &str =
    "flows:\n  - {from: shop, to: crm, fields: [email, email: copy], owner: sales}\n";
#[cfg(test)]
const PURPOSES: &str = "teams:\n  - id: sales\npurposes:\n  - id: follow-up\n    owner: sales\n    subjects: [customer, member]\n    uses: [crm.email, \"crm.copy\"]\nsubjects:\n  - id: member\n";

/// A small map in three files: stores, a flow with a plain and a renamed mapping, a
/// purpose with a team, a declared and a built-in subject.
#[cfg(test)]
pub(super) fn sample() -> (tempfile::TempDir, Snapshot) {
    of_files(&[
        ("datacarto.yaml", "organization: {name: Example}\n"),
        ("stores.yaml", STORES),
        ("flows.yaml", FLOWS),
        ("purposes.yaml", PURPOSES),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample map, an engine on it, and its first snapshot.
    fn first() -> (tempfile::TempDir, Engine, Option<Snapshot>) {
        let (dir, _) = sample();
        let root = dir.path().canonicalize().expect("the folder");
        let mut engine = engine(&root);
        let last = take(&mut engine, &BTreeMap::new(), &mut None).expect("checked");
        (dir, engine, last)
    }

    #[test]
    fn a_check_with_nothing_changed_keeps_the_last_snapshot() {
        let (_dir, mut engine, mut last) = first();
        let mut open = BTreeMap::new();
        assert!(last.is_some(), "a first snapshot");
        assert!(take(&mut engine, &open, &mut last).expect("checked").is_none());
        assert!(last.is_some(), "kept: nothing changed");
        // Without a last snapshot (the first check, or one that failed), always a new one.
        assert!(take(&mut engine, &open, &mut None).expect("checked").is_some());
        // A buffer opened with the text on disk changes nothing; a typed letter does.
        open.insert("flows.yaml".to_owned(), FLOWS.to_owned());
        assert!(take(&mut engine, &open, &mut last).expect("checked").is_none());
        open.insert("flows.yaml".to_owned(), FLOWS.replace("crm", "crn"));
        let typed = take(&mut engine, &open, &mut last).expect("checked").expect("new");
        assert!(last.is_none(), "dropped before the new check, which replaces it");
        assert!(typed.compiled.report.findings.iter().any(|f| f.rule == "unknown-reference"));
    }

    #[test]
    fn a_typed_edit_patches_the_last_model_in_place() {
        let (_dir, mut engine, mut last) = first();
        let mut open = BTreeMap::new();
        let fields = last.as_ref().expect("a snapshot").compiled.model.fields.as_ptr();
        open.insert(
            "stores.yaml".to_owned(),
            STORES.replace("id: shop", "id: shop\n    name: Shop"),
        );
        let typed = take(&mut engine, &open, &mut last).expect("checked").expect("new");
        assert_eq!(engine.resolution(), crate::engine::Resolution::Patched(1));
        // The same fields, not a copy: the last snapshot let go of the model first.
        assert_eq!(typed.compiled.model.fields.as_ptr(), fields);
        let shop = typed.compiled.model.store_by_id("shop").expect("shop");
        assert_eq!(typed.compiled.model.store(shop).name, "Shop");
    }

    /// The id of the file at `path` in a snapshot's map.
    fn file_id(s: &Snapshot, path: &str) -> FileId {
        let file = s.compiled.sources.files().find(|(_, f)| f.path == path);
        file.map(|(id, _)| id).expect("a file of the map")
    }

    #[test]
    fn the_names_of_unchanged_files_are_taken_from_the_last_index() {
        let (_dir, mut engine, last) = first();
        let last = last.expect("a snapshot");
        let mut open = BTreeMap::new();
        open.insert("stores.yaml".to_owned(), STORES.replace("id: shop", "id: shop\n    name: S"));
        let read = engine.read(&open).expect("read");
        let names = Index::collect(&read.files, &read.sources, Some(&last.index));
        let compiled = engine.check(read, &[], Date::today()).expect("checked");
        let index = names.settle(&compiled.model);
        assert!(index.shares(&last.index, file_id(&last, "flows.yaml")));
        assert!(!index.shares(&last.index, file_id(&last, "stores.yaml")), "collected again");
    }

    #[test]
    fn an_index_with_names_taken_from_the_last_is_a_fresh_one() {
        let (dir, mut engine, mut last) = first();
        // A purpose renamed and a field added to a store; flows.yaml is the same file.
        let mut open = BTreeMap::new();
        open.insert("purposes.yaml".to_owned(), PURPOSES.replace("follow-up", "follow-ups"));
        let more = STORES.replace("- id: email\n", "- id: email\n      - id: fax\n");
        open.insert("stores.yaml".to_owned(), more);
        let typed = take(&mut engine, &open, &mut last).expect("checked").expect("new");
        let root = dir.path().canonicalize().expect("the folder");
        let fresh = take(&mut super::engine(&root), &open, &mut None).expect("checked");
        let fresh = fresh.expect("a snapshot");
        let seen = |s: &Snapshot| format!("{:?}", s.index.all());
        assert_eq!(seen(&typed), seen(&fresh));
        assert!(seen(&typed).contains("follow-ups") && seen(&typed).contains("fax"));
        for o in fresh.index.all() {
            let places = |s: &Snapshot| format!("{:?}", s.index.of(&o.target).collect::<Vec<_>>());
            assert_eq!(places(&typed), places(&fresh), "{:?}", o.target);
            let at = o.span.start as usize;
            let here = |s: &Snapshot| format!("{:?}", s.index.at(o.span.file, at));
            assert_eq!(here(&typed), here(&fresh));
        }
    }
}

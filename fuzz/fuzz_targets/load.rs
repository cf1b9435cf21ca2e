//! Fuzzes the loader on one manifest, in memory: YAML parse under the limits, schema
//! validation (manifest and project file), conversion into manifest types, and the line and
//! column of every position a diagnostic would print. Nothing here may panic, and every
//! position reported must lie inside the text.

#![no_main]

use datacarto::load::yaml::{self, Node, NodeKind};
use datacarto::load::{de, shape, validate};
use datacarto::manifest::Document;
use datacarto::manifest::entities::{Category, Objective, Subject, Team};
use datacarto::manifest::flow::Flow;
use datacarto::manifest::project::Project;
use datacarto::manifest::purpose::Purpose;
use datacarto::manifest::store::Store;
use datacarto::source::{FileId, SourceMap, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader reports non-UTF-8 input before any YAML; the fuzzer still wants the parser
    // to see those bytes, so it reads them as the lossy text a user would see.
    let text = String::from_utf8_lossy(data);
    let mut sources = SourceMap::new();
    let file = sources.add("fuzz.yaml".to_owned(), text.clone().into_owned());
    load_manifest(&text, file, &sources);
    load_project(&text, file, &sources);
});

/// What `load::load_manifest` does: every document against the manifest schema, then the
/// document as a whole and entity by entity into manifest types.
fn load_manifest(text: &str, file: FileId, sources: &SourceMap) {
    let mut docs = match yaml::parse(text) {
        Ok(docs) => docs,
        Err(err) => {
            show(sources, file, err.offset, err.offset);
            return;
        }
    };
    for doc in &mut docs {
        check_spans(doc, text);
        if doc.kind == NodeKind::Null {
            continue;
        }
        let (_, errors) = validate::validate(doc, shape::document(), text);
        for e in &errors {
            show(sources, file, e.start as usize, e.end as usize);
        }
        let doc: &Node<'_> = doc;
        if let Err(err) = de::from_node::<Document>(doc, file, text) {
            let (start, end) = err.span.unwrap_or((doc.start, doc.end));
            show(sources, file, start as usize, end as usize);
        }
        let NodeKind::Map(entries) = &doc.kind else { continue };
        for (key, value) in entries {
            let NodeKind::Seq(items) = &value.kind else { continue };
            for item in items {
                // Entity by entity, as the loader does.
                let result = match key.name.as_ref() {
                    "teams" => de::from_node::<Team>(item, file, text).map(drop),
                    "objectives" => de::from_node::<Objective>(item, file, text).map(drop),
                    "subjects" => de::from_node::<Subject>(item, file, text).map(drop),
                    "categories" => de::from_node::<Category>(item, file, text).map(drop),
                    "stores" => de::from_node::<Store>(item, file, text).map(drop),
                    "flows" => de::from_node::<Flow>(item, file, text).map(drop),
                    "purposes" => de::from_node::<Purpose>(item, file, text).map(drop),
                    _ => Ok(()),
                };
                if let Err(err) = result {
                    let (start, end) = err.span.unwrap_or((item.start, item.end));
                    show(sources, file, start as usize, end as usize);
                }
            }
        }
    }
}

/// What `load::load_project` does with `datacarto.yaml`.
fn load_project(text: &str, file: FileId, sources: &SourceMap) {
    let Ok(mut docs) = yaml::parse(text) else { return };
    let Some(doc) = docs.first_mut() else { return };
    if doc.kind == NodeKind::Null {
        return;
    }
    let (ok, errors) = validate::validate(doc, shape::project(), text);
    for e in &errors {
        show(sources, file, e.start as usize, e.end as usize);
    }
    if ok {
        let doc: &Node<'_> = doc;
        if let Err(err) = de::from_node::<Project>(doc, file, text) {
            let (start, end) = err.span.unwrap_or((doc.start, doc.end));
            show(sources, file, start as usize, end as usize);
        }
    }
}

/// What a diagnostic does with a position: its line and column, its line's text, the text it
/// covers. The position must be inside the file.
fn show(sources: &SourceMap, file: FileId, start: usize, end: usize) {
    let len = sources.get(file).text.len();
    assert!(start <= len && end <= len, "position {start}..{end} outside a text of {len} bytes");
    let span = Span::new(file, start, end);
    let (line, _column) = sources.line_col(span);
    let source = sources.get(file);
    let _ = source.line_range(line - 1);
    let _ = source.line_col(span.end as usize);
    let _ = sources.slice(span);
}

/// Every node of the tree points inside the text.
fn check_spans(node: &Node<'_>, text: &str) {
    let len = text.len();
    assert!(
        node.start <= node.end && node.end as usize <= len,
        "node at {}..{} in a text of {len} bytes",
        node.start,
        node.end
    );
    match &node.kind {
        NodeKind::Seq(items) => items.iter().for_each(|item| check_spans(item, text)),
        NodeKind::Map(entries) => {
            for (key, value) in entries {
                assert!(key.start <= key.end && key.end as usize <= len, "key outside the text");
                check_spans(value, text);
            }
        }
        _ => {}
    }
}

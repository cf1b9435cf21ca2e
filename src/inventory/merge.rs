//! In-place edits of an existing map from its inventory (`import inventory --into MAP`):
//! an attribute whose cell changed is rewritten where it stands, a new one goes after its
//! entity's last attribute, a new entity at the end of its list (or of the file the `File`
//! column names). Everything else in the files — comments, order, blank lines, quoting of
//! untouched values — stays byte for byte. Entities the inventory leaves out are kept.

use std::collections::BTreeMap;

use super::export::{MapFiles, cells, entity_values};
use super::import::{Entity, Imported, write_attr, write_entity};
use super::read::Read;
use super::sheets::{ALL, Cell, Kind, OTHER, Sheet};
use super::value::Val;
use crate::load::discover::PROJECT_FILE;
use crate::load::yaml::{Key, Node, NodeKind, parse};

/// What `--into` does: a line per change, and the new text of each file it touches.
#[derive(Debug, Default)]
pub struct Plan {
    pub changes: Vec<String>,
    pub files: BTreeMap<String, String>,
}

type Entries<'a> = [(Key<'a>, Node<'a>)];

/// An entity of the map: its file, its mapping and (for a field) its store.
struct Found<'a> {
    file: usize,
    node: &'a Node<'a>,
}

/// One edit of a file: replace `start..end` with `text` (an insertion when they are equal).
struct Edit {
    start: usize,
    end: usize,
    text: String,
    /// Among insertions at one place, lower first: a store's new fields go before a new
    /// attribute added after them, or the attribute would cut the list.
    rank: u8,
}

fn sheet_of(kind: Kind) -> &'static Sheet {
    ALL.iter().copied().find(|s| s.kind == kind).expect("a sheet per kind")
}

fn entries<'a>(node: &'a Node<'a>) -> &'a Entries<'a> {
    match &node.kind {
        NodeKind::Map(e) => e,
        _ => &[],
    }
}

fn text_value(entries: &Entries<'_>, key: &str) -> Option<String> {
    entries.iter().find(|(k, _)| k.name == key).and_then(|(_, v)| match &v.kind {
        NodeKind::Str(s) => Some(s.to_string()),
        _ => None,
    })
}

/// The end of a value without the blank space and line break after it. The parser gives a
/// block collection no end of its own: it ends where its last child does.
fn value_end(text: &str, node: &Node<'_>) -> usize {
    let children = match &node.kind {
        NodeKind::Seq(items) => items.iter().map(|n| value_end(text, n)).max(),
        NodeKind::Map(entries) => {
            entries.iter().map(|(k, v)| value_end(text, v).max(k.end as usize)).max()
        }
        _ => None,
    };
    let mut end = (node.end as usize).min(text.len());
    if let Some(child) = children {
        end = end.max(child);
    }
    if is_flow(text, node) {
        end = end.max(closing(text, node.start as usize));
    }
    while end > node.start as usize && text.as_bytes()[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

/// Whether a collection is written in flow style (`[a, b]`, `{k: v}`).
fn is_flow(text: &str, node: &Node<'_>) -> bool {
    matches!(node.kind, NodeKind::Seq(_) | NodeKind::Map(_))
        && text[(node.start as usize).min(text.len())..].starts_with(['[', '{'])
}

/// Just after the bracket closing the one at `start`, quotes respected.
fn closing(text: &str, start: usize) -> usize {
    let Some(rest) = text.get(start..) else { return text.len() };
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match quote {
            Some('"') if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return start + i + 1;
                    }
                }
                _ => {}
            },
        }
    }
    text.len()
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Just after the line break ending the line of `at` (the end of the text without one).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

fn column(text: &str, at: usize) -> usize {
    at - line_start(text, at)
}

/// Flow ids as the model gives them: `<from>-to-<to>`, then `-2`, `-3`… in order.
fn flow_ids(flows: impl Iterator<Item = (Option<String>, String, String)>) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let all: Vec<_> = flows.collect();
    let explicit: std::collections::BTreeSet<String> =
        all.iter().filter_map(|(id, _, _)| id.clone()).collect();
    all.into_iter()
        .map(|(id, from, to)| match id {
            Some(id) => id,
            None => {
                let base = format!("{from}-to-{to}");
                let mut n = seen.get(&base).copied().unwrap_or(1);
                let mut candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
                while explicit.contains(&candidate) {
                    n += 1;
                    candidate = format!("{base}-{n}");
                }
                seen.insert(base, n + 1);
                candidate
            }
        })
        .collect()
}

/// The edits the inventory asks for, refused whole if they would leave a file unreadable.
pub fn plan(files: &MapFiles, imported: &Imported, read: &Read) -> anyhow::Result<Plan> {
    let (texts, plan) = edits(files, imported, read)?;
    check_edits(&texts, &plan)?;
    Ok(plan)
}

fn edits(
    files: &MapFiles,
    imported: &Imported,
    read: &Read,
) -> anyhow::Result<(Vec<(String, String)>, Plan)> {
    let mut texts: Vec<(String, String)> = files.manifests.clone();
    let project_index = files.project.as_ref().map(|p| {
        texts.push((PROJECT_FILE.to_owned(), p.clone()));
        texts.len() - 1
    });
    let parsed: Vec<Vec<Node<'_>>> = texts
        .iter()
        .map(|(rel, t)| {
            parse(t).map_err(|_| {
                anyhow::anyhow!(
                    "{rel} cannot be read as YAML: run `datacarto check` and fix it first"
                )
            })
        })
        .collect::<anyhow::Result<_>>()?;

    // Every entity of the map, by kind and id; fields by store and id.
    let mut found: BTreeMap<(Kind, String), Found<'_>> = BTreeMap::new();
    let mut lists: BTreeMap<(usize, Kind), &Node<'_>> = BTreeMap::new();
    let mut flows = Vec::new();
    for (f, docs) in parsed.iter().enumerate() {
        if Some(f) == project_index {
            continue;
        }
        for doc in docs {
            for (key, list) in entries(doc) {
                let Some(sheet) = ALL.iter().find(|s| s.kind.manifest_key() == key.name) else {
                    continue;
                };
                lists.entry((f, sheet.kind)).or_insert(list);
                let NodeKind::Seq(items) = &list.kind else { continue };
                for item in items {
                    let e = entries(item);
                    if sheet.kind == Kind::Flows {
                        let ids = (
                            text_value(e, "id"),
                            text_value(e, "from").unwrap_or_default(),
                            text_value(e, "to").unwrap_or_default(),
                        );
                        flows.push((ids, Found { file: f, node: item }));
                        continue;
                    }
                    let id = text_value(e, "id").unwrap_or_default();
                    found.entry((sheet.kind, id.clone())).or_insert(Found { file: f, node: item });
                    if sheet.kind == Kind::Stores
                        && let Some((_, fields)) = e.iter().find(|(k, _)| k.name == "fields")
                        && let NodeKind::Seq(fs) = &fields.kind
                    {
                        for field in fs {
                            let fid = text_value(entries(field), "id").unwrap_or_default();
                            found
                                .entry((Kind::Fields, format!("{id}.{fid}")))
                                .or_insert(Found { file: f, node: field });
                        }
                    }
                }
            }
        }
    }
    let ids = flow_ids(flows.iter().map(|(ids, _)| ids.clone()));
    for (id, (_, f)) in ids.into_iter().zip(flows) {
        found.entry((Kind::Flows, id)).or_insert(f);
    }
    let sheet_flow_ids =
        flow_ids(imported.entities.iter().filter(|e| e.kind == Kind::Flows).map(|e| {
            let get = |k: &str| {
                e.values
                    .iter()
                    .find(|(key, _)| key == k)
                    .and_then(|(_, v)| v.as_text())
                    .unwrap_or("")
                    .to_owned()
            };
            ((!e.id.is_empty()).then(|| e.id.clone()), get("from"), get("to"))
        }));

    let mut edits: BTreeMap<usize, Vec<Edit>> = BTreeMap::new();
    let mut new_files: BTreeMap<String, String> = BTreeMap::new();
    let mut plan = Plan::default();
    let mut seen: std::collections::BTreeSet<(Kind, String)> = Default::default();
    let mut flow_n = 0;
    for entity in &imported.entities {
        let id = if entity.kind == Kind::Flows {
            flow_n += 1;
            sheet_flow_ids[flow_n - 1].clone()
        } else {
            entity.id.clone()
        };
        seen.insert((entity.kind, id.clone()));
        let noun = singular(entity.kind);
        match found.get(&(entity.kind, id.clone())) {
            Some(existing) => {
                let (file, text) = &texts[existing.file];
                let mut changed = update(
                    text,
                    existing.node,
                    entity,
                    read,
                    &mut plan,
                    file,
                    &format!("{noun} {id}"),
                );
                edits.entry(existing.file).or_default().append(&mut changed);
                if entity.kind == Kind::Stores {
                    let mut new_fields = Vec::new();
                    for field in &entity.fields {
                        let key = (Kind::Fields, format!("{id}.{}", field.id));
                        seen.insert(key.clone());
                        match found.get(&key) {
                            Some(f) => {
                                let what = format!("field {id}.{}", field.id);
                                let mut changed =
                                    update(text, f.node, field, read, &mut plan, file, &what);
                                edits.entry(existing.file).or_default().append(&mut changed);
                            }
                            None => {
                                plan.changes.push(format!("{file}: new field {id}.{}", field.id));
                                new_fields.push(field);
                            }
                        }
                    }
                    if !new_fields.is_empty() {
                        let edit = add_fields(text, existing.node, &new_fields, read);
                        edits.entry(existing.file).or_default().push(edit);
                    }
                }
            }
            None => {
                for field in &entity.fields {
                    seen.insert((Kind::Fields, format!("{id}.{}", field.id)));
                }
                plan.changes.push(format!("{}: new {noun} {id}", entity.file));
                match texts.iter().position(|(rel, _)| *rel == entity.file) {
                    Some(f) => {
                        let (_, text) = &texts[f];
                        let edit = match lists.get(&(f, entity.kind)) {
                            Some(list) => append_item(text, list, entity, read),
                            None => {
                                let mut block = format!("{}:\n", entity.kind.manifest_key());
                                write_entity(&mut block, &mut Vec::new(), entity, read, 4);
                                let sep =
                                    if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
                                Edit {
                                    start: text.len(),
                                    end: text.len(),
                                    text: format!("{sep}{block}"),
                                    rank: 0,
                                }
                            }
                        };
                        edits.entry(f).or_default().push(edit);
                    }
                    None => {
                        let text = new_files.entry(entity.file.clone()).or_default();
                        if !text.contains(&format!("\n{}:\n", entity.kind.manifest_key()))
                            && !text.starts_with(&format!("{}:\n", entity.kind.manifest_key()))
                        {
                            text.push_str(entity.kind.manifest_key());
                            text.push_str(":\n");
                        }
                        write_entity(text, &mut Vec::new(), entity, read, 4);
                    }
                }
            }
        }
    }
    for ((kind, id), f) in &found {
        if !seen.contains(&(*kind, id.clone())) {
            let place = &texts[f.file].0;
            plan.changes
                .push(format!("kept: {} {id} ({place}) is not in the inventory", singular(*kind)));
        }
    }
    settings(&texts, &parsed, project_index, imported, &mut edits, &mut new_files, &mut plan);

    for (f, mut file_edits) in edits {
        if file_edits.is_empty() {
            continue;
        }
        let (rel, text) = &texts[f];
        file_edits.sort_by_key(|e| (e.start, e.rank));
        let mut out = String::with_capacity(text.len());
        let mut cursor = 0;
        for e in file_edits {
            if e.start < cursor {
                continue;
            }
            out.push_str(&text[cursor..e.start]);
            out.push_str(&e.text);
            cursor = e.end;
        }
        out.push_str(&text[cursor..]);
        if out != *text {
            plan.files.insert(rel.clone(), out);
        }
    }
    plan.files.extend(new_files);
    Ok((texts, plan))
}

fn singular(kind: Kind) -> &'static str {
    match kind {
        Kind::Settings => "setting",
        Kind::Teams => "team",
        Kind::Objectives => "objective",
        Kind::Subjects => "subject",
        Kind::Categories => "category",
        Kind::Terms => "term",
        Kind::Stores => "store",
        Kind::Fields => "field",
        Kind::Flows => "flow",
        Kind::Purposes => "purpose",
    }
}

/// The edits that make an existing entity say what its row says.
fn update(
    text: &str,
    node: &Node<'_>,
    entity: &Entity,
    read: &Read,
    plan: &mut Plan,
    file: &str,
    what: &str,
) -> Vec<Edit> {
    let sheet = sheet_of(entity.kind);
    let existing = entries(node);
    let old_values = entity_values(existing, text);
    let old_cells = cells(sheet, &old_values, "", None);
    let new_cells = cells(sheet, &entity.values, "", None);
    // The top-level attributes whose cells differ.
    let mut keys: Vec<String> = Vec::new();
    // A column the inventory does not have says nothing: its attributes are kept.
    let present = &read.tables[entity.table].columns;
    for (c, col) in sheet.columns.iter().enumerate() {
        if matches!(col.cell, Cell::File | Cell::Store)
            || old_cells[c] == new_cells[c]
            || present[c].is_none()
        {
            continue;
        }
        if col.key == OTHER {
            for (k, _) in old_values.iter().chain(&entity.values) {
                let held = sheet.holds(k) || (entity.kind == Kind::Stores && k == "fields");
                let differs = old_values.iter().find(|(o, _)| o == k).map(|(_, v)| v.to_flow())
                    != entity.values.iter().find(|(o, _)| o == k).map(|(_, v)| v.to_flow());
                if !held && differs && !keys.contains(k) {
                    keys.push(k.clone());
                }
            }
        } else {
            let top = col.key.split('.').next().unwrap_or(col.key).to_owned();
            if !keys.contains(&top) {
                keys.push(top);
            }
        }
    }
    let mut edits = Vec::new();
    let Some((first_key, _)) = existing.first() else { return edits };
    let indent = column(text, first_key.start as usize);
    let last_end = existing.iter().map(|(_, v)| value_end(text, v)).max().unwrap_or(0);
    for key in keys {
        let old = existing.iter().find(|(k, _)| k.name == key);
        let new = entity.values.iter().find(|(k, _)| *k == key).map(|(_, v)| v);
        let kept =
            kept_parts(sheet, present, &key, new, old.and_then(|(_, n)| Val::from_node(n, text)));
        let new = kept.as_ref().or(new);
        match (new, old) {
            (Some(v), Some((k, node))) => {
                let mut block = String::new();
                if is_flow(text, node) {
                    // Written in flow style, it stays so.
                    block = format!("{}: {}", super::value::quote_str(&key), v.to_flow());
                } else {
                    write_attr(&mut block, &key, v, indent);
                }
                let end = if matches!(node.kind, NodeKind::Null) {
                    k.end as usize + text[k.end as usize..].find(':').map_or(0, |i| i + 1)
                } else {
                    value_end(text, node)
                };
                edits.push(Edit {
                    start: k.start as usize,
                    end,
                    text: block.trim_end().to_owned(),
                    rank: 0,
                });
                plan.changes.push(format!("{file}: {what}: {key} set to {}", short(v)));
            }
            (Some(v), None) => {
                let mut block = " ".repeat(indent);
                write_attr(&mut block, &key, v, indent);
                let at = line_end(text, last_end);
                let sep = if at == text.len() && !text.ends_with('\n') { "\n" } else { "" };
                edits.push(Edit { start: at, end: at, text: format!("{sep}{block}"), rank: 1 });
                plan.changes.push(format!("{file}: {what}: {key} added: {}", short(v)));
            }
            (None, Some((k, node))) => {
                let start = line_start(text, k.start as usize);
                if text[start..k.start as usize].trim().is_empty() {
                    let end = line_end(text, value_end(text, node).max(k.end as usize));
                    edits.push(Edit { start, end, text: String::new(), rank: 0 });
                    plan.changes.push(format!("{file}: {what}: {key} removed"));
                } else {
                    plan.changes.push(format!(
                        "{file}: {what}: {key} kept: it opens the entity's line; remove it by hand"
                    ));
                }
            }
            (None, None) => {}
        }
    }
    edits
}

/// A nested attribute (`retention`) whose sub-columns the inventory has only in part: the
/// parts it has no column for keep their value.
fn kept_parts(
    sheet: &Sheet,
    present: &[Option<(String, String)>],
    key: &str,
    new: Option<&Val>,
    old: Option<Val>,
) -> Option<Val> {
    let (Some(Val::Map(new)), Some(Val::Map(old))) = (new, old) else { return None };
    let mut merged = new.clone();
    for (sub, value) in old {
        let dotted = format!("{key}.{sub}");
        let has_column = sheet
            .columns
            .iter()
            .enumerate()
            .any(|(c, col)| col.key == dotted && present[c].is_some());
        if !has_column && !merged.iter().any(|(k, _)| *k == sub) {
            merged.push((sub, value));
        }
    }
    Some(Val::Map(merged))
}

fn short(v: &Val) -> String {
    let text = v.to_flow();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(59).collect::<String>())
    } else {
        text
    }
}

/// A new item after the last one of a list.
fn append_item(text: &str, list: &Node<'_>, entity: &Entity, read: &Read) -> Edit {
    let items = match &list.kind {
        NodeKind::Seq(items) => items.as_slice(),
        _ => &[],
    };
    match items.first() {
        Some(first) if !text[first.start as usize..].starts_with('{') => {
            let indent = column(text, first.start as usize);
            let mut block = String::new();
            write_entity(&mut block, &mut Vec::new(), entity, read, indent.max(2));
            let at = line_end(text, value_end(text, list));
            let sep = if at == text.len() && !text.ends_with('\n') { "\n" } else { "" };
            Edit { start: at, end: at, text: format!("{sep}{block}"), rank: 0 }
        }
        _ => {
            // An empty list (`stores: []`) or items in flow style: the list is written anew
            // as a block, from its key's line.
            let mut start = list.start as usize;
            // `key: []` becomes `key:` and the block below it, with no space left behind.
            while start > 0 && text.as_bytes()[start - 1] == b' ' {
                start -= 1;
            }
            let line = &text[line_start(text, start)..];
            let key_col = line.len() - line.trim_start_matches(' ').len();
            let mut block = String::from("\n");
            write_entity(&mut block, &mut Vec::new(), entity, read, key_col + 4);
            Edit { start, end: value_end(text, list), text: block.trim_end().to_owned(), rank: 0 }
        }
    }
}

/// New fields of an existing store: after its last field, or a `fields:` list of its own.
fn add_fields(text: &str, store: &Node<'_>, fields: &[&Entity], read: &Read) -> Edit {
    let existing = entries(store);
    if let Some((_, list)) = existing.iter().find(|(k, _)| k.name == "fields")
        && let NodeKind::Seq(items) = &list.kind
        && let Some(first) = items.first()
    {
        let indent = column(text, first.start as usize);
        let mut block = String::new();
        for f in fields {
            write_entity(&mut block, &mut Vec::new(), f, read, indent);
        }
        let at = line_end(text, value_end(text, list));
        let sep = if at == text.len() && !text.ends_with('\n') { "\n" } else { "" };
        return Edit { start: at, end: at, text: format!("{sep}{block}"), rank: 0 };
    }
    let indent = existing.first().map_or(4, |(k, _)| column(text, k.start as usize));
    let mut block = format!("{}fields:\n", " ".repeat(indent));
    for f in fields {
        write_entity(&mut block, &mut Vec::new(), f, read, indent + 4);
    }
    match existing.iter().find(|(k, _)| k.name == "fields") {
        // `fields: []`: replaced by the list.
        Some((k, list)) => {
            let start = line_start(text, k.start as usize);
            Edit { start, end: line_end(text, value_end(text, list)), text: block, rank: 0 }
        }
        None => {
            let last = existing.iter().map(|(_, v)| value_end(text, v)).max().unwrap_or(0);
            let at = line_end(text, last);
            let sep = if at == text.len() && !text.ends_with('\n') { "\n" } else { "" };
            Edit { start: at, end: at, text: format!("{sep}{block}"), rank: 0 }
        }
    }
}

/// The settings the inventory gives, into `datacarto.yaml`; settings it does not give stay.
fn settings(
    texts: &[(String, String)],
    parsed: &[Vec<Node<'_>>],
    project: Option<usize>,
    imported: &Imported,
    edits: &mut BTreeMap<usize, Vec<Edit>>,
    new_files: &mut BTreeMap<String, String>,
    plan: &mut Plan,
) {
    if imported.settings.is_empty() {
        return;
    }
    let Some(p) = project else {
        let mut text = String::new();
        for (k, v) in &imported.settings {
            write_attr(&mut text, k, v, 0);
        }
        plan.changes.push(format!("{PROJECT_FILE}: new, with the settings of the inventory"));
        new_files.insert(PROJECT_FILE.to_owned(), text);
        return;
    };
    let text = &texts[p].1;
    let Some(root) = parsed[p].first() else { return };
    let existing = entries(root);
    for (key, value) in &imported.settings {
        let old = existing.iter().find(|(k, _)| k.name == *key);
        let mut block = String::new();
        write_attr(&mut block, key, value, 0);
        match old {
            Some((k, node)) => {
                let same = Val::from_node(node, text).map(|v| v.to_flow()) == Some(value.to_flow());
                if !same {
                    let end = value_end(text, node).max(k.end as usize);
                    edits.entry(p).or_default().push(Edit {
                        start: k.start as usize,
                        end,
                        text: block.trim_end().to_owned(),
                        rank: 0,
                    });
                    plan.changes.push(format!("{PROJECT_FILE}: {key} set to {}", short(value)));
                }
            }
            None => {
                let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
                edits.entry(p).or_default().push(Edit {
                    start: text.len(),
                    end: text.len(),
                    text: format!("{sep}{block}"),
                    rank: 0,
                });
                plan.changes.push(format!("{PROJECT_FILE}: {key} added: {}", short(value)));
            }
        }
    }
}

/// A safety net: the edited files must read as well as before. An edit that would break a
/// file is refused whole, with the file named, rather than written.
fn check_edits(texts: &[(String, String)], plan: &Plan) -> anyhow::Result<()> {
    if plan.files.is_empty() {
        return Ok(());
    }
    let count = |files: &[(&str, &str)]| {
        let loaded = crate::load::load_from_memory(files);
        loaded
            .findings
            .iter()
            .map(|f| f.rule)
            .filter(|r| *r == "yaml-syntax" || *r == "schema")
            .count()
    };
    let before: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let mut after: BTreeMap<&str, &str> = before.iter().copied().collect();
    for (p, t) in &plan.files {
        after.insert(p.as_str(), t.as_str());
    }
    let after: Vec<(&str, &str)> = after.into_iter().collect();
    if count(&after) > count(&before) {
        let loaded = crate::load::load_from_memory(&after);
        let first = loaded.findings.iter().find(|f| f.rule == "yaml-syntax" || f.rule == "schema");
        let what = first.map_or(String::new(), |f| {
            let file =
                f.primary.as_ref().map_or("", |l| loaded.sources.get(l.span.file).path.as_str());
            format!(" ({file}: {})", f.message)
        });
        anyhow::bail!(
            "the edits would leave the map unreadable{what}: nothing was written; import into a new map with -o and compare"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::import::entities;
    use crate::inventory::read::read;

    fn merged(map: &[(&str, &str)], csv: &str) -> Plan {
        let files = MapFiles {
            project: None,
            manifests: map.iter().map(|(p, t)| ((*p).to_owned(), (*t).to_owned())).collect(),
        };
        let read = read(csv.as_bytes()).expect("reads");
        let imported = entities(&read);
        assert!(imported.problems.is_empty(), "{:?}", imported.problems);
        plan(&files, &imported, &read).expect("a plan")
    }

    /// Node spans as the parser gives them, for the edits that rely on them.
    #[test]
    fn spans_of_block_values() {
        let text =
            "flows:\n  - from: a\n    to: b\n    description: >-\n      folded\n      text\n";
        let docs = parse(text).expect("yaml");
        let (_, list) = &entries(&docs[0])[0];
        let end = value_end(text, list);
        assert_eq!(
            &text[..end],
            text.trim_end(),
            "{:?}",
            &text[list.start as usize..list.end as usize]
        );
        let text =
            "stores:\n  - id: a\n    retention: {duration: P3Y, reference: \"x}\"}  # kept\n";
        let docs = parse(text).expect("yaml");
        let (_, list) = &entries(&docs[0])[0];
        let NodeKind::Seq(items) = &list.kind else { panic!("a list") };
        let (_, retention) = &entries(&items[0])[1];
        assert_eq!(
            &text[retention.start as usize..value_end(text, retention)],
            "{duration: P3Y, reference: \"x}\"}"
        );
    }

    /// An empty flow list (`flows: []`) becomes a block list holding the new entity.
    #[test]
    fn an_empty_list_takes_new_entities() {
        let map = "stores:\n  - id: a\nflows: []\n";
        let csv = "[stores]\nFile,Id\nx.yaml,a\n\n[flows]\nFile,From,To\nx.yaml,a,a\n";
        let plan = merged(&[("x.yaml", map)], csv);
        assert_eq!(plan.files["x.yaml"], "stores:\n  - id: a\nflows:\n  - from: a\n    to: a\n");
    }

    /// A changed cell rewrites its attribute where it stands; a new one goes after the
    /// entity's last attribute; comments and untouched lines stay byte for byte.
    #[test]
    fn edits_keep_comments_and_layout() {
        let map = "# The CRM.\nstores:\n  - id: crm   # the master\n    name: CRM\n    vendor: Acme  # DPA pending\n    description: Kept, no column.\n    fields:\n      - id: email\n        category: user.contact.email\n        retention: {duration: P3Y, end_action: delete}\n";
        let csv = "[stores]\nId,Name,Vendor (processor),Kind\ncrm,CRM Salesforce,,crm\n\n[fields]\nStore,Id,Category,Retention period\ncrm,email,user.contact.email,P2Y\ncrm,phone,user.contact.phone_number,\n";
        let plan = merged(&[("stores/crm.yaml", map)], csv);
        let text = &plan.files["stores/crm.yaml"];
        assert_eq!(
            text,
            "# The CRM.\nstores:\n  - id: crm   # the master\n    name: CRM Salesforce\n    description: Kept, no column.\n    fields:\n      - id: email\n        category: user.contact.email\n        retention: {duration: P2Y, end_action: delete}\n      - id: phone\n        category: user.contact.phone_number\n    kind: crm\n"
        );
        assert_eq!(
            plan.changes,
            [
                "stores/crm.yaml: store crm: name set to CRM Salesforce",
                "stores/crm.yaml: store crm: kind added: crm",
                "stores/crm.yaml: store crm: vendor removed",
                "stores/crm.yaml: field crm.email: retention set to {duration: P2Y, end_action: delete}",
                "stores/crm.yaml: new field crm.phone",
            ]
        );
    }
}

//! From a map's manifests to the inventory's tables: one row per entity, one cell per
//! attribute, read from the parsed YAML so that every attribute written reaches a cell
//! (the "other" column takes those no column holds) and numbers keep their digits.

use super::sheets::{ALL, Cell, Column, Kind, OTHER, Sheet};
use super::value::Val;
use super::{Inventory, Row, Table};
use crate::load::yaml::{Node, NodeKind, parse};

/// The manifest files of a map: path relative to the root, and text.
pub struct MapFiles {
    pub project: Option<String>,
    pub manifests: Vec<(String, String)>,
}

/// The tables of a map, or the files that could not be read as YAML.
pub fn tables(files: &MapFiles) -> Result<Inventory, Vec<String>> {
    let mut tables: Vec<Table> = ALL.iter().map(|s| Table { sheet: s, rows: Vec::new() }).collect();
    let mut broken = Vec::new();
    if let Some(text) = &files.project {
        match parse(text) {
            Ok(docs) => {
                for doc in &docs {
                    let mut rows = Vec::new();
                    settings_rows(doc, text, "", &mut rows);
                    tables[0].rows.extend(rows);
                }
            }
            Err(_) => broken.push(crate::load::discover::PROJECT_FILE.to_owned()),
        }
    }
    for (rel, text) in &files.manifests {
        let Ok(docs) = parse(text) else {
            broken.push(rel.clone());
            continue;
        };
        for doc in &docs {
            let NodeKind::Map(top) = &doc.kind else { continue };
            for (key, list) in top {
                let Some(index) = ALL.iter().position(|s| s.kind.manifest_key() == key.name) else {
                    continue;
                };
                let NodeKind::Seq(items) = &list.kind else { continue };
                for item in items {
                    let NodeKind::Map(entries) = &item.kind else { continue };
                    tables[index].rows.push(row(ALL[index], entries, text, rel, None));
                    if ALL[index].kind == Kind::Stores {
                        field_rows(entries, text, &mut tables);
                    }
                }
            }
        }
    }
    if broken.is_empty() { Ok(Inventory { tables }) } else { Err(broken) }
}

fn field_rows(store: &[(crate::load::yaml::Key<'_>, Node<'_>)], text: &str, tables: &mut [Table]) {
    let store_id = store
        .iter()
        .find(|(k, _)| k.name == "id")
        .and_then(|(_, v)| Val::from_node(v, text))
        .and_then(|v| v.as_text().map(str::to_owned))
        .unwrap_or_default();
    let Some((_, fields)) = store.iter().find(|(k, _)| k.name == "fields") else { return };
    let NodeKind::Seq(items) = &fields.kind else { return };
    let index = ALL.iter().position(|s| s.kind == Kind::Fields).expect("a fields sheet");
    for item in items {
        if let NodeKind::Map(entries) = &item.kind {
            tables[index].rows.push(row(ALL[index], entries, text, "", Some(&store_id)));
        }
    }
}

/// `organization.dpo.name` → its value, in YAML flow syntax.
fn settings_rows(node: &Node<'_>, text: &str, prefix: &str, rows: &mut Vec<Row>) {
    let NodeKind::Map(entries) = &node.kind else { return };
    for (key, value) in entries {
        let path =
            if prefix.is_empty() { key.name.to_string() } else { format!("{prefix}.{}", key.name) };
        // A key holding a dot cannot be told apart from a nested one: keep its mapping whole.
        let nested = matches!(value.kind, NodeKind::Map(ref e) if !e.is_empty()
            && e.iter().all(|(k, _)| !k.name.contains('.')));
        if nested && !key.name.contains('.') {
            settings_rows(value, text, &path, rows);
        } else if let Some(v) = Val::from_node(value, text) {
            rows.push(vec![path, v.to_flow()]);
        }
    }
}

/// The values of an entity's attributes, by key.
pub fn entity_values(
    entries: &[(crate::load::yaml::Key<'_>, Node<'_>)],
    text: &str,
) -> Vec<(String, Val)> {
    entries
        .iter()
        .filter_map(|(k, v)| Some((k.name.to_string(), Val::from_node(v, text)?)))
        .collect()
}

fn row(
    sheet: &Sheet,
    entries: &[(crate::load::yaml::Key<'_>, Node<'_>)],
    text: &str,
    file: &str,
    store: Option<&str>,
) -> Row {
    cells(sheet, &entity_values(entries, text), file, store)
}

/// The cells of one entity given its attribute values.
pub fn cells(sheet: &Sheet, values: &[(String, Val)], file: &str, store: Option<&str>) -> Row {
    sheet
        .columns
        .iter()
        .map(|col| match col.cell {
            Cell::File => file.to_owned(),
            Cell::Store => store.unwrap_or_default().to_owned(),
            _ if col.key == OTHER => {
                let rest: Vec<(String, Val)> = values
                    .iter()
                    .filter(|(k, _)| {
                        !(sheet.holds(k) || (sheet.kind == Kind::Stores && k == "fields"))
                    })
                    .cloned()
                    .collect();
                if rest.is_empty() { String::new() } else { Val::Map(rest).to_flow() }
            }
            _ => value_at(values, col).map(|v| cell_text(col.cell, &v)).unwrap_or_default(),
        })
        .collect()
}

/// The value a column holds: `retention.duration` inside a structured retention; the plain
/// `retention` column only when the retention is a sentence.
fn value_at(values: &[(String, Val)], col: &Column) -> Option<Val> {
    let mut parts = col.key.splitn(2, '.');
    let top = parts.next()?;
    let value = values.iter().find(|(k, _)| k == top).map(|(_, v)| v)?;
    match (parts.next(), value) {
        (Some(sub), Val::Map(inner)) => {
            inner.iter().find(|(k, _)| k == sub).map(|(_, v)| v.clone())
        }
        (Some(_), _) => None,
        // A nested attribute written whole: its columns hold it, unless no column does.
        (None, Val::Map(_)) if col.cell != Cell::Yaml => None,
        (None, v) => Some(v.clone()),
    }
}

/// The text of a cell.
pub fn cell_text(cell: Cell, value: &Val) -> String {
    let item = |v: &Val| v.as_text().map_or_else(|| v.to_flow(), str::to_owned);
    match (cell, value) {
        (Cell::Yaml, v) => v.to_flow(),
        (Cell::List, Val::Seq(items)) => items.iter().map(item).collect::<Vec<_>>().join(", "),
        (Cell::Lines, Val::Seq(items)) => items.iter().map(item).collect::<Vec<_>>().join("\n"),
        (Cell::Mappings, Val::Seq(items)) => items
            .iter()
            .map(|v| match v {
                Val::Map(e) if e.len() == 1 => format!("{}: {}", e[0].0, item(&e[0].1)),
                other => item(other),
            })
            .collect::<Vec<_>>()
            .join(", "),
        (_, v) => item(v),
    }
}

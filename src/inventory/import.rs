//! From the inventory's tables to manifests: each row becomes an entity with the
//! attributes its cells give (an empty cell states nothing), grouped into the files the
//! `File` column names. The manifests are then read by the loader itself, and every problem
//! it finds is told at the sheet, row and column it comes from.

use std::collections::BTreeMap;

use super::read::{Place, Problem, Read, ReadTable};
use super::sheets::{Cell, Kind, OTHER, Sheet};
use super::value::{Val, quote_str};
use crate::load::discover::PROJECT_FILE;

/// An entity read from one row.
#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: Kind,
    /// The manifest it goes into, relative to the map's root.
    pub file: String,
    pub id: String,
    pub values: Vec<(String, Val)>,
    /// Where it was read: its table (index in `Read::tables`) and row number.
    pub table: usize,
    pub row: usize,
    /// A store's fields, in row order.
    pub fields: Vec<Entity>,
}

/// What the inventory says: the settings of `datacarto.yaml` and the entities.
#[derive(Debug, Default)]
pub struct Imported {
    pub settings: Vec<(String, Val)>,
    /// Where each setting came from (table index, row), by top-level key.
    pub setting_rows: Vec<(String, usize, usize)>,
    pub entities: Vec<Entity>,
    pub problems: Vec<Problem>,
}

/// The default file of an entity the `File` column leaves empty.
fn default_file(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Stores => format!("stores/{id}.yaml"),
        other => format!("{}.yaml", other.manifest_key()),
    }
}

/// The attribute values of one row; problems are pushed with their column.
fn values_of(
    table: &ReadTable,
    row: usize,
    cells: &[String],
    problems: &mut Vec<Problem>,
) -> Vec<(String, Val)> {
    let sheet: &Sheet = table.sheet;
    let mut values: Vec<(String, Val)> = Vec::new();
    let mut other: Option<Val> = None;
    for (c, col) in sheet.columns.iter().enumerate() {
        let cell = cells[c].as_str();
        if cell.trim().is_empty() || matches!(col.cell, Cell::File | Cell::Store) {
            continue;
        }
        let value = match parse_cell(col.cell, cell) {
            Ok(v) => v,
            Err(message) => {
                problems.push(Problem {
                    place: table.place(row, Some(c)),
                    message,
                    help: Some("write it in YAML flow syntax, such as [{rule: unused-field, reason: \"kept for audits\"}]".to_owned()),
                });
                continue;
            }
        };
        if col.key == OTHER {
            if matches!(value, Val::Map(_)) {
                other = Some(value);
            } else {
                problems.push(Problem {
                    place: table.place(row, Some(c)),
                    message: "other attributes are a mapping of attribute names to values"
                        .to_owned(),
                    help: Some("write them as {attribute: value, …}".to_owned()),
                });
            }
            continue;
        }
        match col.key.split_once('.') {
            None => {
                if values.iter().any(|(k, _)| k == col.key) {
                    problems.push(Problem {
                        place: table.place(row, Some(c)),
                        message: format!(
                            "'{}' is given twice: as a sentence and in its own columns",
                            col.key
                        ),
                        help: Some(format!(
                            "fill either the '{}' column or the columns after it, not both",
                            col.en
                        )),
                    });
                    continue;
                }
                values.push((col.key.to_owned(), value));
            }
            Some((top, sub)) => match values.iter_mut().find(|(k, _)| k == top) {
                Some((_, Val::Map(inner))) => inner.push((sub.to_owned(), value)),
                Some(_) => problems.push(Problem {
                    place: table.place(row, Some(c)),
                    message: format!(
                        "'{top}' is given twice: as a sentence and in its own columns"
                    ),
                    help: Some(format!(
                        "fill either the '{top}' column or the columns after it, not both"
                    )),
                }),
                None => values.push((top.to_owned(), Val::Map(vec![(sub.to_owned(), value)]))),
            },
        }
    }
    if let Some(Val::Map(extra)) = other {
        for (k, v) in extra {
            match (values.iter_mut().find(|(key, _)| *key == k), v) {
                (Some((_, Val::Map(inner))), Val::Map(more)) => inner.extend(more),
                (Some(_), _) => {}
                (None, v) => values.push((k, v)),
            }
        }
    }
    values
}

/// A cell's text as the value of its attribute.
pub fn parse_cell(cell: Cell, text: &str) -> Result<Val, String> {
    let items = |seps: &[char]| -> Vec<String> {
        text.split(seps).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
    };
    Ok(match cell {
        Cell::File | Cell::Store | Cell::Scalar => Val::Scalar(text.trim().to_owned()),
        Cell::Text => Val::Str(text.to_owned()),
        Cell::List => Val::Seq(items(&[',', ';', '\n']).into_iter().map(Val::Scalar).collect()),
        Cell::Lines => Val::Seq(items(&['\n']).into_iter().map(Val::Str).collect()),
        Cell::Mappings => Val::Seq(
            items(&[',', ';', '\n'])
                .into_iter()
                .map(|item| match item.split_once(':') {
                    Some((from, to)) => {
                        Val::Map(vec![(from.trim().to_owned(), Val::Scalar(to.trim().to_owned()))])
                    }
                    None => Val::Scalar(item),
                })
                .collect(),
        ),
        Cell::Yaml => Val::parse_flow(text.trim())
            .map_err(|e| format!("not a value in YAML flow syntax: {e}"))?,
    })
}

/// Reads every table into entities, and every problem of every row.
pub fn entities(read: &Read) -> Imported {
    let mut out = Imported { problems: read.problems.clone(), ..Imported::default() };
    let mut store_index: BTreeMap<String, usize> = BTreeMap::new();
    let mut pending_fields: Vec<(String, Entity)> = Vec::new();
    // The row each entity was first given on: a second row for it is a mistake to show.
    let mut first_rows: BTreeMap<(Kind, String), usize> = BTreeMap::new();
    for (t, table) in read.tables.iter().enumerate() {
        for row in &table.rows {
            if table.sheet.kind == Kind::Settings {
                setting(&mut out, t, table, row.number, &row.cells);
                continue;
            }
            let values = values_of(table, row.number, &row.cells, &mut out.problems);
            let kind = table.sheet.kind;
            let id = values
                .iter()
                .find(|(k, _)| k == "id")
                .and_then(|(_, v)| v.as_text())
                .map(str::to_owned)
                .unwrap_or_default();
            let id_column = table.sheet.columns.iter().position(|c| c.key == "id");
            if id.is_empty() && kind != Kind::Flows {
                out.problems.push(Problem {
                    place: table.place(row.number, id_column),
                    message: format!("a row of the {} sheet without an id", table.sheet.en),
                    help: Some("give every row an id (lower case, digits, '_' and '-')".to_owned()),
                });
                continue;
            }
            let file_cell = table.sheet.columns.iter().position(|c| c.cell == Cell::File);
            let file = file_cell.map(|c| row.cells[c].trim().to_owned()).unwrap_or_default();
            let file = if file.is_empty() { default_file(kind, &id) } else { file };
            if kind != Kind::Fields
                && let Err(message) = check_file(&file)
            {
                out.problems.push(Problem {
                    place: table.place(row.number, file_cell),
                    message,
                    help: Some(
                        "name a .yaml file inside the map, such as stores/crm.yaml".to_owned(),
                    ),
                });
                continue;
            }
            if kind != Kind::Fields && !id.is_empty() {
                if let Some(first) = first_rows.get(&(kind, id.clone())) {
                    out.problems.push(second_row(table, row.number, id_column, &id, *first));
                    continue;
                }
                first_rows.insert((kind, id.clone()), row.number);
            }
            let entity =
                Entity { kind, file, id, values, table: t, row: row.number, fields: Vec::new() };
            match kind {
                Kind::Fields => {
                    let store_col = table.sheet.columns.iter().position(|c| c.cell == Cell::Store);
                    let store =
                        store_col.map(|c| row.cells[c].trim().to_owned()).unwrap_or_default();
                    if store.is_empty() {
                        out.problems.push(Problem {
                            place: table.place(row.number, store_col),
                            message: "a field without its store".to_owned(),
                            help: Some("name the store (its id) that holds the field".to_owned()),
                        });
                        continue;
                    }
                    pending_fields.push((store, entity));
                }
                Kind::Stores => {
                    store_index.entry(entity.id.clone()).or_insert(out.entities.len());
                    out.entities.push(entity);
                }
                _ => out.entities.push(entity),
            }
        }
    }
    for (store, field) in pending_fields {
        let key = (Kind::Fields, format!("{store}.{}", field.id));
        if let Some(first) = first_rows.get(&key) {
            let table = &read.tables[field.table];
            let id_column = table.sheet.columns.iter().position(|c| c.key == "id");
            let problem = second_row(table, field.row, id_column, &key.1, *first);
            out.problems.push(problem);
            continue;
        }
        first_rows.insert(key, field.row);
        match store_index.get(&store) {
            Some(&i) => out.entities[i].fields.push(field),
            None => {
                let table = &read.tables[field.table];
                let col = table.sheet.columns.iter().position(|c| c.cell == Cell::Store);
                let names: Vec<&str> = store_index.keys().map(String::as_str).collect();
                out.problems.push(Problem {
                    place: table.place(field.row, col),
                    message: format!("no store '{store}' in the stores sheet"),
                    help: crate::diag::suggest::closest(&store, names.iter().copied())
                        .map(|s| format!("did you mean '{s}'?"))
                        .or_else(|| Some("add the store to the stores sheet".to_owned())),
                });
            }
        }
    }
    out
}

fn second_row(
    table: &ReadTable,
    row: usize,
    column: Option<usize>,
    id: &str,
    first: usize,
) -> Problem {
    Problem {
        place: table.place(row, column),
        message: format!("a second row for '{id}' (the first is row {first})"),
        help: Some(
            "one row per entity: merge the two rows, or give this one another id".to_owned(),
        ),
    }
}

/// A file the `File` column may name: a relative `.yaml` path inside the map.
fn check_file(file: &str) -> Result<(), String> {
    let path = std::path::Path::new(file);
    let inside = path.components().all(|c| matches!(c, std::path::Component::Normal(_)));
    let yaml = file.ends_with(".yaml") || file.ends_with(".yml");
    if !inside || !yaml || file.contains('\\') {
        return Err(format!("'{file}' is not a manifest file inside the map"));
    }
    if file == PROJECT_FILE {
        return Err(format!("{PROJECT_FILE} holds the settings, not entities"));
    }
    Ok(())
}

/// `organization.dpo.name` = value, into the nested settings.
fn setting(out: &mut Imported, t: usize, table: &ReadTable, row: usize, cells: &[String]) {
    let key = cells[0].trim();
    let text = cells[1].trim();
    if key.is_empty() || text.is_empty() {
        return;
    }
    let value = match Val::parse_flow(text) {
        Ok(v) => v,
        Err(e) => {
            out.problems.push(Problem {
                place: table.place(row, Some(1)),
                message: format!("not a value in YAML flow syntax: {e}"),
                help: Some("quote text that holds ': ' or starts with a sign: \"…\"".to_owned()),
            });
            return;
        }
    };
    let parts: Vec<&str> = key.split('.').collect();
    out.setting_rows.push((parts[0].to_owned(), t, row));
    let mut level = &mut out.settings;
    for part in &parts[..parts.len() - 1] {
        let index = match level.iter().position(|(k, _)| k == part) {
            Some(i) => i,
            None => {
                level.push(((*part).to_owned(), Val::Map(Vec::new())));
                level.len() - 1
            }
        };
        match &mut level[index].1 {
            Val::Map(inner) => level = inner,
            _ => {
                out.problems.push(Problem {
                    place: table.place(row, Some(0)),
                    message: format!("'{part}' has a value and settings under it"),
                    help: None,
                });
                return;
            }
        }
    }
    level.push((parts[parts.len() - 1].to_owned(), value));
}

/// Where generated bytes come from: `(start, end, table, row, column)`.
pub type Origin = (usize, usize, usize, usize, Option<usize>);

/// A generated manifest, and for each attribute written the bytes it spans and the row and
/// column it comes from.
#[derive(Debug, Default)]
pub struct Generated {
    pub files: BTreeMap<String, String>,
    /// file → (start, end, table, row, column)
    pub origins: BTreeMap<String, Vec<Origin>>,
}

const KINDS: [Kind; 8] = [
    Kind::Teams,
    Kind::Objectives,
    Kind::Subjects,
    Kind::Categories,
    Kind::Terms,
    Kind::Stores,
    Kind::Flows,
    Kind::Purposes,
];

/// The manifests of a map made from the inventory alone.
pub fn generate(imported: &Imported, read: &Read) -> Generated {
    let mut generated = Generated::default();
    if !imported.settings.is_empty() {
        let mut text = String::from("# The settings of the map, imported from its inventory.\n");
        let mut origins = Vec::new();
        for (k, v) in &imported.settings {
            let start = text.len();
            write_attr(&mut text, k, v, 0);
            let row = imported.setting_rows.iter().find(|(key, _, _)| key == k);
            if let Some((_, t, r)) = row {
                origins.push((start, text.len(), *t, *r, Some(1)));
            }
        }
        generated.files.insert(PROJECT_FILE.to_owned(), text);
        generated.origins.insert(PROJECT_FILE.to_owned(), origins);
    }
    let mut by_file: BTreeMap<&str, Vec<&Entity>> = BTreeMap::new();
    for e in &imported.entities {
        by_file.entry(e.file.as_str()).or_default().push(e);
    }
    for (file, entities) in by_file {
        let mut text = String::new();
        let mut origins = Vec::new();
        for kind in KINDS {
            let of_kind: Vec<&&Entity> = entities.iter().filter(|e| e.kind == kind).collect();
            if of_kind.is_empty() {
                continue;
            }
            text.push_str(kind.manifest_key());
            text.push_str(":\n");
            for entity in of_kind {
                write_entity(&mut text, &mut origins, entity, read, 4);
            }
        }
        generated.files.insert(file.to_owned(), text);
        generated.origins.insert(file.to_owned(), origins);
    }
    generated
}

/// One entity as a `- ` item `indent` deep, recording where each attribute came from.
pub fn write_entity(
    text: &mut String,
    origins: &mut Vec<Origin>,
    entity: &Entity,
    read: &Read,
    indent: usize,
) {
    let sheet = read.tables[entity.table].sheet;
    let mut first = true;
    let item_start = text.len();
    for (k, v) in &entity.values {
        let start = text.len();
        if first {
            text.push_str(&" ".repeat(indent - 2));
            text.push_str("- ");
            write_attr(text, k, v, indent);
            first = false;
        } else {
            text.push_str(&" ".repeat(indent));
            write_attr(text, k, v, indent);
        }
        let column = sheet
            .columns
            .iter()
            .position(|c| c.key == k || c.key.split('.').next() == Some(k.as_str()))
            .or_else(|| sheet.columns.iter().position(|c| c.key == OTHER));
        origins.push((start, text.len(), entity.table, entity.row, column));
    }
    if first {
        // A row with no attribute at all (a flow with neither from nor to): still an item.
        text.push_str(&" ".repeat(indent - 2));
        text.push_str("- {}\n");
        origins.push((item_start, text.len(), entity.table, entity.row, None));
    }
    if !entity.fields.is_empty() {
        text.push_str(&" ".repeat(indent));
        text.push_str("fields:\n");
        for field in &entity.fields {
            write_entity(text, origins, field, read, indent + 4);
        }
    }
}

/// `key: value` after the indentation already written; long text stays on one line.
pub fn write_attr(text: &mut String, key: &str, value: &Val, indent: usize) {
    text.push_str(&quote_str(key));
    match value {
        Val::Map(entries) if !entries.is_empty() => {
            text.push_str(":\n");
            for (k, v) in entries {
                text.push_str(&" ".repeat(indent + 2));
                write_attr(text, k, v, indent + 2);
            }
        }
        // A long list reads better one item a line.
        Val::Seq(items) if value.to_flow().len() > 80 => {
            text.push_str(":\n");
            for item in items {
                text.push_str(&" ".repeat(indent + 2));
                text.push_str("- ");
                text.push_str(&item.to_block());
                text.push('\n');
            }
        }
        _ => {
            text.push_str(": ");
            text.push_str(&value.to_block());
            text.push('\n');
        }
    }
}

/// The problems the loader finds in the generated manifests, at the cells they come from.
pub fn validate(generated: &Generated, read: &Read) -> Vec<Problem> {
    let files: Vec<(&str, &str)> =
        generated.files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let loaded = crate::load::load_from_memory(&files);
    let mut problems = Vec::new();
    for finding in &loaded.findings {
        let Some(label) = &finding.primary else { continue };
        let file = &loaded.sources.get(label.span.file).path;
        let at = label.span.start as usize;
        let origin = generated.origins.get(file).and_then(|o| {
            o.iter()
                .filter(|(s, e, ..)| *s <= at && at < (*e).max(*s + 1))
                .min_by_key(|(s, e, ..)| e - s)
        });
        let place = match origin {
            Some((_, _, t, r, c)) => read.tables[*t].place(*r, *c),
            None => Place { sheet: file.clone(), row: 0, column: None },
        };
        problems.push(Problem {
            place,
            message: finding.message.en.clone(),
            help: finding.help.as_ref().map(|h| h.en.clone()),
        });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// List cells split on commas, semicolons and line breaks; mappings keep `a: b`.
    #[test]
    fn list_cells_split_into_items() {
        assert_eq!(
            parse_cell(Cell::List, "FR; DE,\nIT").expect("a list"),
            Val::Seq(vec![
                Val::Scalar("FR".into()),
                Val::Scalar("DE".into()),
                Val::Scalar("IT".into())
            ])
        );
        let mappings =
            parse_cell(Cell::Mappings, "email, order_total: lifetime_value").expect("ok");
        assert_eq!(mappings.to_flow(), "[email, {order_total: lifetime_value}]");
        assert!(parse_cell(Cell::Yaml, "[{rule: x").is_err());
    }

    proptest::proptest! {
        /// Whatever a CSV inventory holds, reading, importing and validating it never
        /// panics: every problem is a message.
        #[test]
        fn any_csv_is_read_without_panic(
            cells in proptest::collection::vec("[a-z:,;\\[\\]{}\"' .\n=-]{0,12}", 0..40),
        ) {
            let mut text = String::from("[stores]\nId,Name,Kind,Location,Other attributes\n");
            for (i, cell) in cells.iter().enumerate() {
                text.push_str(&format!("\"{}\"", cell.replace('"', "\"\"")));
                text.push(if i % 5 == 4 { '\n' } else { ',' });
            }
            text.push_str("\n[fields]\nStore,Id,Retention,Retention period\ncrm,a,x,P1Y\n");
            if let Ok(read) = crate::inventory::read::read(text.as_bytes()) {
                let imported = entities(&read);
                let generated = generate(&imported, &read);
                let _ = validate(&generated, &read);
            }
        }
    }

    #[test]
    fn files_stay_inside_the_map() {
        assert!(check_file("stores/crm.yaml").is_ok());
        assert!(check_file("../crm.yaml").is_err());
        assert!(check_file("/etc/crm.yaml").is_err());
        assert!(check_file("crm.txt").is_err());
        assert!(check_file("datacarto.yaml").is_err());
    }
}

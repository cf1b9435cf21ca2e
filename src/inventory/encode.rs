//! The inventory as a workbook (one sheet per table, frozen headings, filters, drop-down
//! lists of the allowed values) or as one CSV file (one `[sheet]` section per table). Same
//! tables, same bytes.

use std::collections::BTreeSet;

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook,
    XlsxError,
};

use super::sheets::{Cell, Kind, Sheet};
use super::{Inventory, Table};
use crate::load::shape::{Shape, ShapeId, Shapes, document};
use crate::vocab::categories::{CATEGORIES, DATA_USES};

const BOM: &str = "\u{feff}";
/// Excel refuses longer cells; longer text would not come back whole, so it is refused.
pub const MAX_CELL: usize = 32_767;

/// The allowed values of a column, for its drop-down list: an enumeration of the schema,
/// `true`/`false`, the category keys (built in and the map's own), the data uses.
pub fn allowed(sheet: &Sheet, key: &str, own_categories: &[String]) -> Option<Vec<String>> {
    match key {
        "category" | "parent" => {
            let mut keys: BTreeSet<String> = CATEGORIES.iter().map(|k| (*k).to_owned()).collect();
            keys.extend(own_categories.iter().cloned());
            return Some(keys.into_iter().collect());
        }
        "use" => return Some(DATA_USES.iter().map(|k| (*k).to_owned()).collect()),
        _ => {}
    }
    let shapes = document();
    let object = entity_shape(shapes, sheet.kind)?;
    let mut id = property(shapes, object, key.split('.').next()?)?;
    if let Some(sub) = key.split('.').nth(1) {
        id = property(shapes, id, sub)?;
    }
    match scalar(shapes, id)? {
        Shape::Bool => Some(vec!["true".to_owned(), "false".to_owned()]),
        Shape::Str(s) => s.values.clone(),
        _ => None,
    }
}

fn entity_shape(shapes: &Shapes, kind: Kind) -> Option<ShapeId> {
    let list = |object: ShapeId, key: &str| {
        let id = property(shapes, object, key)?;
        match scalar(shapes, id)? {
            Shape::Array { items } => Some(*items),
            _ => None,
        }
    };
    match kind {
        Kind::Settings => None,
        Kind::Fields => list(list(shapes.root, "stores")?, "fields"),
        _ => list(shapes.root, kind.manifest_key()),
    }
}

/// The shape of `key` in the object `id` (through `anyOf` branches, nulls aside).
fn property(shapes: &Shapes, id: ShapeId, key: &str) -> Option<ShapeId> {
    match shapes.get(id) {
        Shape::Object(o) => o.property(key),
        Shape::AnyOf(branches) => branches.iter().find_map(|b| property(shapes, *b, key)),
        _ => None,
    }
}

/// The one scalar shape behind nulls.
fn scalar(shapes: &Shapes, id: ShapeId) -> Option<&Shape> {
    match shapes.get(id) {
        Shape::AnyOf(branches) => {
            let real: Vec<_> =
                branches.iter().filter(|b| !matches!(shapes.get(**b), Shape::Null)).collect();
            if real.len() == 1 { scalar(shapes, *real[0]) } else { None }
        }
        other => Some(other),
    }
}

/// The categories the map declares, from the categories table.
fn own_categories(inventory: &Inventory) -> Vec<String> {
    inventory
        .tables
        .iter()
        .filter(|t| t.sheet.kind == Kind::Categories)
        .flat_map(|t| t.rows.iter().filter_map(|r| r.get(1).cloned()))
        .filter(|k| !k.is_empty())
        .collect()
}

/// The workbook. The document properties carry a fixed date: same map, same bytes.
pub fn xlsx(inventory: &Inventory, french: bool) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xEEF2F6));
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let own = own_categories(inventory);
    let lists_name = if french { "listes" } else { "lists" };
    // Each distinct value list once, as a column of the lists sheet.
    let mut lists: Vec<Vec<String>> = Vec::new();
    let mut validations = Vec::new();
    for (t, table) in inventory.tables.iter().enumerate() {
        for (c, col) in table.sheet.columns.iter().enumerate() {
            if col.cell != Cell::Scalar {
                continue;
            }
            if let Some(values) = allowed(table.sheet, col.key, &own) {
                let index = lists.iter().position(|l| *l == values).unwrap_or_else(|| {
                    lists.push(values);
                    lists.len() - 1
                });
                validations.push((t, c, index));
            }
        }
    }
    for (t, table) in inventory.tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(table.sheet.name(french))?;
        for (c, col) in table.sheet.columns.iter().enumerate() {
            let c16 = u16::try_from(c).unwrap_or(u16::MAX);
            ws.write_string_with_format(0, c16, if french { col.fr } else { col.en }, &header)?;
            let widest = table.rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0);
            let heading = if french { col.fr } else { col.en }.chars().count();
            ws.set_column_width(c16, widest.max(heading).clamp(8, 50) as f64 + 2.0)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r32 = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    let c16 = u16::try_from(c).unwrap_or(u16::MAX);
                    ws.write_string_with_format(r32, c16, cell, &text)?;
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last_col = u16::try_from(table.sheet.columns.len().saturating_sub(1)).unwrap_or(0);
        ws.autofilter(0, 0, u32::try_from(table.rows.len()).unwrap_or(0), last_col)?;
        // The lists reach well below the rows so that new rows get them too.
        let last_row = u32::try_from(table.rows.len()).unwrap_or(0) + 1000;
        for &(_, c, index) in validations.iter().filter(|(vt, _, _)| *vt == t) {
            let column = column_letters(index);
            let formula = format!("={lists_name}!${column}$2:${column}${}", lists[index].len() + 1);
            let validation = DataValidation::new().allow_list_formula(Formula::new(formula));
            let c16 = u16::try_from(c).unwrap_or(u16::MAX);
            ws.add_data_validation(1, c16, last_row, c16, &validation)?;
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name(lists_name)?;
    for (i, values) in lists.iter().enumerate() {
        let c16 = u16::try_from(i).unwrap_or(u16::MAX);
        let (t, c, _) = validations.iter().find(|(_, _, l)| *l == i).copied().unwrap_or((0, 0, 0));
        let col = inventory.tables[t].sheet.columns[c];
        ws.write_string_with_format(0, c16, if french { col.fr } else { col.en }, &header)?;
        for (r, value) in values.iter().enumerate() {
            ws.write_string(u32::try_from(r + 1).unwrap_or(u32::MAX), c16, value)?;
        }
    }
    wb.save_to_buffer()
}

/// `A`, `B`, …, `Z`, `AA`… for the column at `index`.
pub(crate) fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (index % 26) as u8));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// Neutralises a cell a spreadsheet would evaluate (CSV injection); a cell that already
/// starts with `'` before such a character gets one more, so that import can take exactly
/// one away.
pub fn neutralise(cell: &str) -> String {
    if starts_formula(cell.trim_start_matches('\'')) { format!("'{cell}") } else { cell.to_owned() }
}

/// What `neutralise` added, taken away.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

fn starts_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// One CSV file: for each table, a `[sheet]` line, the headings, the rows, an empty line.
pub fn csv(inventory: &Inventory, french: bool) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.as_bytes().to_vec());
    for table in &inventory.tables {
        write_table(&mut writer, table, french)?;
    }
    writer.into_inner().map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.error()))
}

fn write_table(
    writer: &mut csv::Writer<Vec<u8>>,
    table: &Table,
    french: bool,
) -> anyhow::Result<()> {
    writer.write_record([format!("[{}]", table.sheet.name(french))])?;
    let headings: Vec<&str> =
        table.sheet.columns.iter().map(|c| if french { c.fr } else { c.en }).collect();
    writer.write_record(&headings)?;
    for row in &table.rows {
        writer.write_record(row.iter().map(|c| neutralise(c)))?;
    }
    writer.write_record([""])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::sheets::{FIELDS, PURPOSES, STORES};

    /// Drop-down lists come from the schema's enumerations and the vocabularies.
    #[test]
    fn allowed_values_come_from_the_schema() {
        let kinds = allowed(&STORES, "kind", &[]).expect("store kinds");
        assert!(kinds.contains(&"crm".to_owned()) && kinds.contains(&"warehouse".to_owned()));
        let basis = allowed(&PURPOSES, "legal_basis", &[]).expect("legal bases");
        assert!(basis.contains(&"consent".to_owned()));
        assert_eq!(allowed(&FIELDS, "personal", &[]).expect("a boolean"), ["true", "false"]);
        assert!(allowed(&FIELDS, "retention.end_action", &[]).is_some());
        let own = ["user.loyalty".to_owned()];
        assert!(allowed(&FIELDS, "category", &own).expect("keys").contains(&own[0]));
        assert!(allowed(&STORES, "name", &[]).is_none());
    }

    /// Neutralising and taking it back give the cell as it was, whatever it holds.
    #[test]
    fn neutralising_is_undone_exactly() {
        for cell in ["=1+1", "'=x", "''=x", "-2", "plain", "'quoted", "@a", ""] {
            assert_eq!(unneutralise(&neutralise(cell)), cell, "{cell:?}");
        }
        assert!(neutralise("=1+1").starts_with('\''));
    }

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
    }
}

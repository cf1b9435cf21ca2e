//! The collection plan as a workbook: one sheet, one row per need, frozen header, filters;
//! a fixed document date so that the same plan gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};

use super::Row;
use crate::manifest::enums::Language;

/// Excel refuses longer cells.
const MAX_CELL: usize = 32_767;

pub fn encode(rows: &[Row], lang: Language) -> anyhow::Result<Vec<u8>> {
    let fr = lang == Language::Fr;
    let header: [&str; 8] = if fr {
        [
            "Finalité",
            "Donnée nécessaire",
            "Champs",
            "Collecte",
            "Coût de collecte",
            "Mise à jour",
            "Coût de mise à jour",
            "État",
        ]
    } else {
        [
            "Purpose",
            "Needed data",
            "Fields",
            "Collection",
            "Collection cost",
            "Update",
            "Update cost",
            "State",
        ]
    };
    let mut workbook = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let title = if fr { "Plan de collecte" } else { "Collection plan" };
    workbook.set_properties(
        &DocProperties::new().set_title(title).set_author("datacarto").set_creation_datetime(&date),
    );
    let bold = Format::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let ws = workbook.add_worksheet();
    ws.set_name(title)?;
    let table: Vec<[String; 8]> = rows
        .iter()
        .map(|r| {
            let state = match (r.to_collect(), fr) {
                (true, true) => "à collecter",
                (true, false) => "to collect",
                (false, true) => "collectée",
                (false, false) => "collected",
            };
            [
                format!("{} ({})", r.purpose_name, r.purpose),
                r.need.clone(),
                r.fields.join(", "),
                r.collection.clone(),
                r.collection_cost.clone(),
                r.update.clone(),
                r.update_cost.clone(),
                state.to_owned(),
            ]
        })
        .collect();
    for (c, title) in header.iter().enumerate() {
        let c16 = u16::try_from(c)?;
        ws.write_string_with_format(0, c16, *title, &bold)?;
        let longest =
            table.iter().map(|r| r[c].chars().count()).chain([title.chars().count()]).max();
        ws.set_column_width(c16, (longest.unwrap_or(0) as f64 + 2.0).clamp(10.0, 60.0))?;
    }
    for (i, row) in table.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        for (c, cell) in row.iter().enumerate() {
            let cell: String = cell.chars().take(MAX_CELL).collect();
            ws.write_string_with_format(r, u16::try_from(c)?, cell, &text)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !table.is_empty() {
        ws.autofilter(0, 0, u32::try_from(table.len())?, 7)?;
    }
    Ok(workbook.save_to_buffer()?)
}

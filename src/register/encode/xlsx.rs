//! `--format xlsx`: a workbook for the DPO. Sheets: the controller (with the list of
//! activities and the purposes kept apart), the register (one row per activity, frozen
//! header row, filters, widths from the content, wrapped text), in the CNIL layout one fiche
//! sheet per activity, and the coverage report. The document properties carry a fixed date,
//! so that the same register gives the same bytes.

use std::collections::BTreeSet;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format as CellFormat, FormatAlign, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use super::{Register, controller_lines, flat_title, title};
use crate::register::cells;
use crate::register::layout::{Layout, blocks, columns};
use crate::words::register::L;

/// Excel refuses longer cells.
const MAX_CELL: usize = 32_767;
/// Column widths, in characters.
const MIN_WIDTH: f64 = 10.0;
const MAX_WIDTH: f64 = 60.0;
/// The height of one line of the default font (Calibri 11), in points, and the most a row
/// may have (Excel's limit).
const LINE_HEIGHT: f64 = 15.0;
const MAX_HEIGHT: f64 = 409.0;
/// The print scale, in percent: 11-point text prints at about 9 points.
const PRINT_SCALE: u16 = 85;

struct Formats {
    title: CellFormat,
    header: CellFormat,
    block: CellFormat,
    label: CellFormat,
    text: CellFormat,
}

fn formats() -> Formats {
    let border =
        |f: CellFormat| f.set_border(FormatBorder::Thin).set_border_color(Color::RGB(0xC9D1DB));
    Formats {
        title: CellFormat::new().set_bold().set_font_size(14),
        header: border(
            CellFormat::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xEEF2F6)),
        ),
        block: CellFormat::new()
            .set_bold()
            .set_font_color(Color::White)
            .set_background_color(Color::RGB(0x2F5D8A)),
        label: border(CellFormat::new().set_bold().set_text_wrap().set_align(FormatAlign::Top)),
        text: border(CellFormat::new().set_text_wrap().set_align(FormatAlign::Top)),
    }
}

/// Text Excel accepts: at most 32,767 characters (cut on a character boundary).
fn fit(text: &str) -> String {
    if text.chars().count() <= MAX_CELL {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(MAX_CELL - 1).collect();
    cut.push('…');
    cut
}

/// Writes a cell, leaving empty text as an empty cell.
fn put(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &CellFormat,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        ws.write_blank(row, col, format)?;
    } else {
        ws.write_string_with_format(row, col, fit(text), format)?;
    }
    Ok(())
}

/// A width that shows the longest line, within bounds.
fn width(texts: &[&str]) -> f64 {
    let longest =
        texts.iter().flat_map(|t| t.lines()).map(|l| l.chars().count()).max().unwrap_or(0);
    (longest as f64 + 2.0).clamp(MIN_WIDTH, MAX_WIDTH)
}

/// The lines a wrapped cell takes in a column `width` characters wide: each of its lines,
/// wrapped. Spreadsheet programs do not grow rows for wrapped text they load (LibreOffice
/// shows one line and prints rows over each other), so the workbook says each row's height.
fn lines_in(text: &str, width: f64) -> usize {
    // A column shows about one character fewer than its width (cell padding).
    let per_line = (width - 1.0).max(1.0) as usize;
    text.lines().map(|l| l.chars().count().div_ceil(per_line).max(1)).sum::<usize>().max(1)
}

/// Sets row `row`'s height to show every line of its cells (`(text, column width)`), when
/// that is more than one line.
fn fit_row<'a>(
    ws: &mut Worksheet,
    row: u32,
    cells: impl IntoIterator<Item = (&'a str, f64)>,
) -> Result<(), XlsxError> {
    let lines = cells.into_iter().map(|(t, w)| lines_in(t, w)).max().unwrap_or(1);
    if lines > 1 {
        ws.set_row_height(row, (lines as f64 * LINE_HEIGHT).min(MAX_HEIGHT))?;
    }
    Ok(())
}

/// Printing: landscape at a fixed, readable scale, so that a wide sheet prints on several
/// pages across (its header row and first columns repeated) instead of being shrunk to fit
/// one page width — 23 columns on one A4 width print as an unreadable strip.
fn print_readable(ws: &mut Worksheet) {
    ws.set_landscape();
    ws.set_print_scale(PRINT_SCALE);
}

/// A valid, unique sheet name (31 UTF-16 units, none of `[]:*?/\`, no edge apostrophes).
fn sheet_name(wanted: &str, used: &mut BTreeSet<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let clean = if clean.is_empty() { "_" } else { clean };
    let take = |s: &str, units: usize| {
        let mut out = String::new();
        for c in s.chars() {
            if out.encode_utf16().count() + c.len_utf16() > units {
                break;
            }
            out.push(c);
        }
        out
    };
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
        let name = format!("{}{suffix}", take(clean, 31 - suffix.len()).trim_end_matches('\''));
        if used.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

pub(super) fn encode(register: &Register, layout: Layout) -> anyhow::Result<Vec<u8>> {
    let lang = register.language;
    let f = formats();
    let mut used = BTreeSet::new();
    let mut workbook = workbook(&title(register))?;

    // The controller, the list of activities, the purposes apart.
    let ws = workbook.add_worksheet();
    ws.set_name(sheet_name(L::SheetController.get(lang), &mut used))?;
    ws.set_column_width(0, 45)?;
    ws.set_column_width(1, 70)?;
    put(ws, 0, 0, &title(register), &f.title)?;
    let mut r = 2;
    for (label, value) in controller_lines(register) {
        put(ws, r, 0, &label, &f.label)?;
        put(ws, r, 1, &value, &f.text)?;
        fit_row(ws, r, [(label.as_str(), 45.0), (value.as_str(), 70.0)])?;
        r += 1;
    }
    r += 1;
    put(ws, r, 0, L::Contents.get(lang), &f.block)?;
    put(ws, r, 1, "", &f.block)?;
    r += 1;
    for row in &register.rows {
        put(ws, r, 0, &row.reference, &f.label)?;
        put(ws, r, 1, &row.name, &f.text)?;
        r += 1;
    }
    if !register.apart.is_empty() {
        r += 1;
        put(ws, r, 0, L::Apart.get(lang), &f.block)?;
        put(ws, r, 1, "", &f.block)?;
        r += 1;
        for a in &register.apart {
            let text = format!("{} ({}; {})", a.name, a.status.label, a.reason.label);
            put(ws, r, 0, &a.reference, &f.label)?;
            put(ws, r, 1, &text, &f.text)?;
            fit_row(ws, r, [(text.as_str(), 70.0)])?;
            r += 1;
        }
    }
    print_readable(ws);

    // The register: one row per activity.
    let cols = columns(layout);
    let ws = workbook.add_worksheet();
    ws.set_name(sheet_name(L::SheetRegister.get(lang), &mut used))?;
    let table: Vec<Vec<String>> = register
        .rows
        .iter()
        .map(|row| cols.iter().map(|c| cells::text(c.cell, row, register)).collect())
        .collect();
    let mut widths = Vec::with_capacity(cols.len());
    let mut headers = Vec::with_capacity(cols.len());
    for (c, column) in cols.iter().enumerate() {
        let c16 = u16::try_from(c)?;
        let header = flat_title(column, register);
        put(ws, 0, c16, &header, &f.header)?;
        let mut texts: Vec<&str> = table.iter().map(|row| row[c].as_str()).collect();
        // Long titles wrap; they count for a third of their length.
        let short: String = header.chars().take(header.chars().count() / 3 + 8).collect();
        texts.push(&short);
        let w = width(&texts);
        ws.set_column_width(c16, w)?;
        widths.push(w);
        headers.push(header);
    }
    fit_row(ws, 0, headers.iter().map(String::as_str).zip(widths.iter().copied()))?;
    for (i, row) in table.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        for (c, text) in row.iter().enumerate() {
            put(ws, r, u16::try_from(c)?, text, &f.text)?;
        }
        fit_row(ws, r, row.iter().map(String::as_str).zip(widths.iter().copied()))?;
    }
    let last_col = u16::try_from(cols.len().saturating_sub(1))?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, u32::try_from(table.len())?, last_col)?;
    print_readable(ws);
    ws.set_repeat_rows(0, 0)?;
    // The activity's reference and name on every page across.
    ws.set_repeat_columns(0, 1.min(last_col))?;

    // The CNIL fiches: one sheet per activity.
    if layout == Layout::Cnil {
        for row in &register.rows {
            let ws = workbook.add_worksheet();
            ws.set_name(sheet_name(&row.reference, &mut used))?;
            ws.set_column_width(0, 40)?;
            ws.set_column_width(1, 90)?;
            put(ws, 0, 0, &row.name, &f.title)?;
            let mut r = 2;
            for (block, columns) in blocks(layout) {
                if let Some(block) = block {
                    put(ws, r, 0, block.get(lang), &f.block)?;
                    put(ws, r, 1, "", &f.block)?;
                    r += 1;
                }
                for c in columns {
                    let text = cells::text(c.cell, row, register);
                    put(ws, r, 0, c.title.get(lang), &f.label)?;
                    put(ws, r, 1, &text, &f.text)?;
                    fit_row(ws, r, [(c.title.get(lang), 40.0), (text.as_str(), 90.0)])?;
                    r += 1;
                }
            }
            print_readable(ws);
        }
    }

    // The coverage report.
    coverage(&mut workbook, &f, &mut used, &register.coverage, L::Activity, lang)?;

    Ok(workbook.save_to_buffer()?)
}

/// A derived table: a controller sheet with the list of rows, the table (frozen header,
/// filters), and the coverage report.
pub(super) fn encode_table(table: &crate::register::table::Table) -> anyhow::Result<Vec<u8>> {
    let lang = table.language;
    let f = formats();
    let mut used = BTreeSet::new();
    let mut workbook = workbook(&table.title)?;

    let ws = workbook.add_worksheet();
    ws.set_name(sheet_name(L::SheetController.get(lang), &mut used))?;
    ws.set_column_width(0, 45)?;
    ws.set_column_width(1, 70)?;
    put(ws, 0, 0, &table.title, &f.title)?;
    for (r, (label, value)) in (2..).zip(&table.controller) {
        put(ws, r, 0, label, &f.label)?;
        put(ws, r, 1, value, &f.text)?;
        fit_row(ws, r, [(label.as_str(), 45.0), (value.as_str(), 70.0)])?;
    }
    print_readable(ws);

    let ws = workbook.add_worksheet();
    ws.set_name(sheet_name(table.sheet.get(lang), &mut used))?;
    let mut widths = Vec::with_capacity(table.columns.len());
    for (c, column) in table.columns.iter().enumerate() {
        let c16 = u16::try_from(c)?;
        let header = column.get(lang);
        put(ws, 0, c16, header, &f.header)?;
        let joined: Vec<String> = table.rows.iter().map(|row| row.cells[c].join("\n")).collect();
        let mut texts: Vec<&str> = joined.iter().map(String::as_str).collect();
        let short: String = header.chars().take(header.chars().count() / 3 + 8).collect();
        texts.push(&short);
        let w = width(&texts);
        ws.set_column_width(c16, w)?;
        widths.push(w);
    }
    let headers = table.columns.iter().map(|c| c.get(lang));
    fit_row(ws, 0, headers.zip(widths.iter().copied()))?;
    for (i, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        let texts: Vec<String> = row.cells.iter().map(|lines| lines.join("\n")).collect();
        for (c, text) in texts.iter().enumerate() {
            put(ws, r, u16::try_from(c)?, text, &f.text)?;
        }
        fit_row(ws, r, texts.iter().map(String::as_str).zip(widths.iter().copied()))?;
    }
    let last_col = u16::try_from(table.columns.len().saturating_sub(1))?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, u32::try_from(table.rows.len())?, last_col)?;
    print_readable(ws);
    ws.set_repeat_rows(0, 0)?;
    ws.set_repeat_columns(0, 0)?;

    coverage(&mut workbook, &f, &mut used, &table.coverage, table.row_title, lang)?;

    Ok(workbook.save_to_buffer()?)
}

/// The coverage sheet: one row per gap, its first column titled `first`, frozen header and
/// filters.
fn coverage(
    workbook: &mut Workbook,
    f: &Formats,
    used: &mut BTreeSet<String>,
    gaps: &[crate::register::rows::Gap],
    first: L,
    lang: crate::manifest::enums::Language,
) -> anyhow::Result<()> {
    let ws = workbook.add_worksheet();
    ws.set_name(sheet_name(L::SheetCoverage.get(lang), used))?;
    let headers = [first, L::Cell, L::Article, L::Mandatory, L::Why, L::Fix, L::Where];
    let widths = [20.0, 28.0, 10.0, 12.0, 60.0, 45.0, 30.0];
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        let c16 = u16::try_from(c)?;
        put(ws, 0, c16, h.get(lang), &f.header)?;
        ws.set_column_width(c16, w)?;
    }
    for (i, g) in gaps.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        let values = [
            g.row.as_deref().unwrap_or(L::Header.get(lang)),
            &g.cell.label,
            &g.article,
            if g.mandatory { L::Yes.get(lang) } else { L::No.get(lang) },
            &g.why,
            &g.fix,
            g.at.as_deref().unwrap_or(""),
        ];
        for (c, v) in values.iter().enumerate() {
            put(ws, r, u16::try_from(c)?, v, &f.text)?;
        }
        fit_row(ws, r, values.iter().copied().zip(widths))?;
    }
    print_readable(ws);
    ws.set_repeat_rows(0, 0)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, u32::try_from(gaps.len())?, 6)?;
    Ok(())
}

/// A new workbook titled `title`, dated on a fixed day: same map, same bytes.
fn workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    // Level 3 instead of 6: on a large register, half the time for 8 % more bytes.
    workbook.set_zip_compression_level(3);
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let properties =
        DocProperties::new().set_title(title).set_author("datacarto").set_creation_datetime(&date);
    workbook.set_properties(&properties);
    Ok(workbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sheet names are valid and unique whatever the purpose ids.
    #[test]
    fn sheet_names() {
        let mut used = BTreeSet::new();
        assert_eq!(sheet_name("Register", &mut used), "Register");
        assert_eq!(sheet_name("register", &mut used), "register (2)");
        let long = "a-very-long-purpose-identifier-that-goes-on";
        let name = sheet_name(long, &mut used);
        assert_eq!(name.encode_utf16().count(), 31);
        assert_eq!(sheet_name("'x/y:z'", &mut used), "x_y_z");
        assert_eq!(sheet_name(long, &mut used).encode_utf16().count(), 31);
    }

    /// A cell's lines: its own lines, each wrapped at the column's width.
    #[test]
    fn lines_of_a_wrapped_cell() {
        assert_eq!(lines_in("", 20.0), 1);
        assert_eq!(lines_in("short", 20.0), 1);
        assert_eq!(lines_in("a\nb\nc", 20.0), 3);
        assert_eq!(lines_in(&"x".repeat(40), 21.0), 2);
        assert_eq!(lines_in(&format!("{}\nb", "x".repeat(41)), 21.0), 4);
    }

    /// Cells longer than Excel's limit are cut, not refused.
    #[test]
    fn long_cells_are_cut() {
        let long = "é".repeat(40_000);
        assert_eq!(fit(&long).chars().count(), MAX_CELL);
    }
}

//! An inventory file (workbook or CSV) back into tables: sheets and headings recognised in
//! English or French, each cell's place kept (sheet, row, column) for the errors of import.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use super::encode::{column_letters as letter, unneutralise};
use super::sheets::{self, Sheet, column_named};

/// A place in the inventory, as a person finds it in a spreadsheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The sheet as the file names it (for CSV: the section).
    pub sheet: String,
    /// The 1-based row of the spreadsheet (for CSV: of the file).
    pub row: usize,
    /// The column letter and heading, when the problem is one cell.
    pub column: Option<(String, String)>,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "sheet '{}', row {}", self.sheet, self.row)?;
        if let Some((letter, heading)) = &self.column {
            write!(f, ", column {letter} ({heading})")?;
        }
        Ok(())
    }
}

/// A problem with the inventory, at its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub message: String,
    pub help: Option<String>,
}

/// One row read: its spreadsheet number and its cells in the order of the sheet's columns.
#[derive(Debug)]
pub struct ReadRow {
    pub number: usize,
    pub cells: Vec<String>,
}

/// One table read.
#[derive(Debug)]
pub struct ReadTable {
    pub sheet: &'static Sheet,
    pub name: String,
    /// For each column of the sheet, its letter and heading in the file, when present.
    pub columns: Vec<Option<(String, String)>>,
    pub rows: Vec<ReadRow>,
}

impl ReadTable {
    pub fn place(&self, row: usize, column: Option<usize>) -> Place {
        Place {
            sheet: self.name.clone(),
            row,
            column: column.and_then(|c| {
                self.columns[c]
                    .clone()
                    .or_else(|| Some(("-".to_owned(), self.sheet.columns[c].en.to_owned())))
            }),
        }
    }
}

/// Everything read, and what could not be.
#[derive(Debug, Default)]
pub struct Read {
    pub tables: Vec<ReadTable>,
    pub problems: Vec<Problem>,
    /// Sheets that are not part of the inventory, left out (not an error: the lists sheet,
    /// a workshop's notes).
    pub skipped: Vec<String>,
}

/// A raw sheet: its name and its rows of text, with the row number of the first.
struct RawSheet {
    name: String,
    first_row: usize,
    rows: Vec<Vec<String>>,
}

/// Reads `bytes` as a workbook when they are one (a zip archive), else as CSV.
pub fn read(bytes: &[u8]) -> Result<Read, String> {
    let raw = if bytes.starts_with(b"PK") { xlsx(bytes)? } else { csv(bytes)? };
    Ok(tables(raw))
}

fn xlsx(bytes: &[u8]) -> Result<Vec<RawSheet>, String> {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not a readable workbook ({e})"))?;
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range =
            wb.worksheet_range(&name).map_err(|e| format!("cannot read sheet '{name}' ({e})"))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .map(|r| {
                let mut cells = vec![String::new(); col0 as usize];
                cells.extend(r.iter().map(text_of));
                cells
            })
            .collect();
        sheets.push(RawSheet { name, first_row: row0 as usize + 1, rows });
    }
    Ok(sheets)
}

/// A cell as text: numbers as a person typed them (`420000`, not `420000.0`), dates as
/// ISO dates, booleans as `true`/`false`.
fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial day as `YYYY-MM-DD` (days since 1899-12-30).
fn excel_date(serial: f64) -> String {
    // Excel's own range: 1900-01-01 to 9999-12-31 (NaN reads as the first day).
    let serial = if serial.is_nan() { 1.0 } else { serial.clamp(1.0, 2_958_465.0) };
    let days = serial.floor() as i64 - 25_569; // to days since 1970-01-01
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// CSV sections: a `[sheet]` line, a heading line, rows, until the next section.
fn csv(bytes: &[u8]) -> Result<Vec<RawSheet>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut sheets: Vec<RawSheet> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(i + 1, |p| p.line() as usize);
            format!("line {line} is not valid CSV: check its quotes")
        })?;
        let cells: Vec<String> = record.iter().map(|c| unneutralise(c).to_owned()).collect();
        let first = cells.first().map(|c| c.trim()).unwrap_or("");
        let rest_empty = cells.iter().skip(1).all(|c| c.trim().is_empty());
        if first.starts_with('[') && first.ends_with(']') && rest_empty {
            let name = first[1..first.len() - 1].trim().to_owned();
            sheets.push(RawSheet { name, first_row: i + 2, rows: Vec::new() });
        } else if let Some(sheet) = sheets.last_mut() {
            sheet.rows.push(cells);
        } else if cells.iter().any(|c| !c.trim().is_empty()) {
            return Err(format!(
                "line {} comes before any '[sheet]' line: a CSV inventory starts with a line such as [stores]",
                i + 1
            ));
        }
    }
    Ok(sheets)
}

fn tables(raw: Vec<RawSheet>) -> Read {
    let mut read = Read::default();
    for sheet in raw {
        let Some(kind) = sheets::sheet_named(&sheet.name) else {
            read.skipped.push(sheet.name);
            continue;
        };
        if read.tables.iter().any(|t| std::ptr::eq(t.sheet, kind)) {
            read.problems.push(Problem {
                place: Place { sheet: sheet.name.clone(), row: sheet.first_row, column: None },
                message: format!("a second '{}' sheet", kind.en),
                help: Some("keep one sheet per kind of entity: merge the two".to_owned()),
            });
            continue;
        }
        let mut rows = sheet.rows.into_iter().enumerate();
        // The heading row is the first one with any text in it.
        let heading = rows.by_ref().find(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
        let mut table = ReadTable {
            sheet: kind,
            name: sheet.name.clone(),
            columns: vec![None; kind.columns.len()],
            rows: Vec::new(),
        };
        let mut file_to_sheet: Vec<Option<usize>> = Vec::new();
        if let Some((h, headings)) = heading {
            for (c, text) in headings.iter().enumerate() {
                if text.trim().is_empty() {
                    file_to_sheet.push(None);
                    continue;
                }
                match column_named(kind, text) {
                    Some(col) if table.columns[col].is_none() => {
                        table.columns[col] = Some((letter(c), text.trim().to_owned()));
                        file_to_sheet.push(Some(col));
                    }
                    found => {
                        let place = Place {
                            sheet: sheet.name.clone(),
                            row: sheet.first_row + h,
                            column: Some((letter(c), text.trim().to_owned())),
                        };
                        let (message, help) = if found.is_some() {
                            ("a second column with this heading".to_owned(), None)
                        } else {
                            let french = kind.fr == sheets::normal(&sheet.name);
                            let names: Vec<&str> = kind
                                .columns
                                .iter()
                                .map(|c| if french { c.fr } else { c.en })
                                .collect();
                            (
                                format!(
                                    "'{}' is not a column of the {} sheet",
                                    text.trim(),
                                    kind.en
                                ),
                                crate::diag::suggest::closest(text.trim(), names.iter().copied())
                                    .map(|s| format!("did you mean '{s}'?")),
                            )
                        };
                        read.problems.push(Problem { place, message, help });
                        file_to_sheet.push(None);
                    }
                }
            }
        }
        for (r, cells) in rows {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut row = vec![String::new(); kind.columns.len()];
            for (c, text) in cells.into_iter().enumerate() {
                if let Some(Some(col)) = file_to_sheet.get(c) {
                    row[*col] = text;
                }
            }
            table.rows.push(ReadRow { number: sheet.first_row + r, cells: row });
        }
        read.tables.push(table);
    }
    read
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CSV inventory in French headings reads into the sheets it names, with each row's
    /// place; a heading that names nothing is reported with the closest one.
    #[test]
    fn reads_csv_sections_in_either_language() {
        let text = "[outils]\r\nIdentifiant,Nom,Typ\r\ncrm,CRM,crm\r\n\r\n[notes]\r\nfree text\r\n";
        let read = read(text.as_bytes()).expect("reads");
        assert_eq!(read.tables.len(), 1);
        assert_eq!(read.tables[0].sheet.en, "stores");
        assert_eq!(read.tables[0].rows[0].number, 3);
        assert_eq!(read.tables[0].rows[0].cells[1], "crm");
        assert_eq!(read.skipped, ["notes"]);
        assert_eq!(read.problems.len(), 1);
        assert_eq!(read.problems[0].place.column, Some(("C".to_owned(), "Typ".to_owned())));
        assert_eq!(read.problems[0].help.as_deref(), Some("did you mean 'Type'?"));
    }

    #[test]
    fn excel_dates_are_iso_dates() {
        assert_eq!(excel_date(46_388.0), "2027-01-01");
        assert_eq!(excel_date(25_569.0), "1970-01-01");
    }
}

//! Flat files a store may be: a CSV file (one table, named after the file) and an XLSX
//! workbook (one table per sheet); the columns are the header row's non-empty cells.

use std::path::Path;

use anyhow::Context as _;
use calamine::{Data, Reader as _};

use super::engine::Table;

/// The file's stem: the table a CSV file is.
fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A reader past the header row, with the delimiter the header line uses: French
/// spreadsheets export with ';'.
fn csv_reader(path: &Path) -> anyhow::Result<(csv::Reader<std::fs::File>, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(path)?;
    let mut record = csv::ByteRecord::new();
    reader.read_byte_record(&mut record)?;
    if record.len() == 1 && record.as_slice().contains(&b';') {
        reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(b';')
            .from_path(path)?;
        reader.read_byte_record(&mut record)?;
    }
    let header = record
        .iter()
        .map(|cell| String::from_utf8_lossy(cell).trim().trim_start_matches('\u{feff}').to_owned())
        .collect();
    Ok((reader, header))
}

pub(super) fn csv_table(path: &Path) -> anyhow::Result<Table> {
    let (_, header) = csv_reader(path)?;
    let columns = header.into_iter().filter(|c| !c.is_empty()).collect();
    Ok(Table { name: stem(path), columns })
}

pub(super) fn csv_sample(path: &Path, column: &str, n: usize) -> anyhow::Result<Vec<String>> {
    let (mut reader, header) = csv_reader(path)?;
    let Some(index) = header.iter().position(|h| h == column) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    while out.len() < n && reader.read_byte_record(&mut record)? {
        if let Some(cell) = record.get(index).filter(|c| !c.is_empty()) {
            out.push(String::from_utf8_lossy(cell).into_owned());
        }
    }
    Ok(out)
}

pub(super) fn xlsx_sample(
    path: &Path,
    sheet: &str,
    column: &str,
    n: usize,
) -> anyhow::Result<Vec<String>> {
    let mut workbook = calamine::open_workbook_auto(path).context("not a readable workbook")?;
    let range = workbook.worksheet_range(sheet).with_context(|| format!("sheet '{sheet}'"))?;
    let mut rows = range.rows();
    let Some(index) =
        rows.next().and_then(|header| header.iter().position(|c| c.to_string().trim() == column))
    else {
        return Ok(Vec::new());
    };
    Ok(rows
        .filter_map(|row| row.get(index))
        .filter(|c| !matches!(c, Data::Empty))
        .map(ToString::to_string)
        .take(n)
        .collect())
}

pub(super) fn xlsx_tables(path: &Path) -> anyhow::Result<Vec<Table>> {
    let mut workbook = calamine::open_workbook_auto(path).context("not a readable workbook")?;
    let mut out = Vec::new();
    for sheet in workbook.sheet_names() {
        let range = workbook.worksheet_range(&sheet).with_context(|| format!("sheet '{sheet}'"))?;
        let columns = range
            .rows()
            .next()
            .map(|row| {
                row.iter()
                    .filter_map(|cell| match cell {
                        Data::Empty => None,
                        other => Some(other.to_string().trim().to_owned()),
                    })
                    .filter(|c| !c.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        out.push(Table { name: sheet, columns });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A CSV's header row is its columns, with ',' or ';' between them; values are not read.
    #[test]
    fn reads_csv_headers_with_either_delimiter() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let comma = dir.path().join("contacts.csv");
        let semi = dir.path().join("adherents.csv");
        #[expect(clippy::disallowed_methods, reason = "a test writes its input")]
        {
            std::fs::write(&comma, "\u{feff}id,Email, tel \n1,a@b.c,0601\n").expect("write");
            std::fs::write(&semi, "id;courriel;date_naissance\n1;x;y\n").expect("write");
        }
        let t = csv_table(&comma).expect("csv");
        assert_eq!(
            (t.name.as_str(), t.columns),
            ("contacts", vec!["id".to_owned(), "Email".into(), "tel".into()])
        );
        let t = csv_table(&semi).expect("csv");
        assert_eq!(t.columns, ["id", "courriel", "date_naissance"]);
    }

    /// Each sheet of a workbook is a table whose columns are its first row.
    #[test]
    fn reads_xlsx_sheets() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("crm.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("Clients").expect("name");
        for (i, h) in ["Nom", "Prénom", "", "IBAN"].iter().enumerate() {
            sheet.write_string(0, i as u16, *h).expect("cell");
        }
        sheet.write_string(1, 0, "Martin").expect("cell");
        book.save(&path).expect("save");
        let tables = xlsx_tables(&path).expect("xlsx");
        assert_eq!(
            tables,
            [Table {
                name: "Clients".into(),
                columns: vec!["Nom".into(), "Prénom".into(), "IBAN".into()]
            }]
        );
    }
}

//! `--format xlsx`: the checklist as a workbook — the stores (one row each, frozen header,
//! filters), the parties to notify, the attributes to fill. Fixed document date: the same
//! checklist gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format as CellFormat, FormatAlign, Workbook};

use super::Checklist;
use super::labels::{self as words, W};

/// Excel refuses longer cells.
const MAX_CELL: usize = 32_767;

/// Writes one sheet: a header row, then the rows; widths from the content, within bounds.
fn sheet(
    workbook: &mut Workbook,
    name: &str,
    header: &[&str],
    rows: &[Vec<String>],
) -> anyhow::Result<()> {
    let bold = CellFormat::new().set_bold().set_text_wrap().set_align(FormatAlign::Top);
    let text = CellFormat::new().set_text_wrap().set_align(FormatAlign::Top);
    let ws = workbook.add_worksheet();
    ws.set_name(name)?;
    for (c, title) in header.iter().enumerate() {
        let c16 = u16::try_from(c)?;
        ws.write_string_with_format(0, c16, *title, &bold)?;
        let longest = rows
            .iter()
            .flat_map(|r| r[c].lines())
            .chain(std::iter::once(*title))
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        ws.set_column_width(c16, (longest as f64 + 2.0).clamp(10.0, 60.0))?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1)?;
        for (c, cell) in row.iter().enumerate() {
            let cell: String = cell.chars().take(MAX_CELL).collect();
            ws.write_string_with_format(r, u16::try_from(c)?, cell, &text)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !rows.is_empty() {
        ws.autofilter(0, 0, u32::try_from(rows.len())?, u16::try_from(header.len() - 1)?)?;
    }
    Ok(())
}

pub(super) fn encode(c: &Checklist) -> anyhow::Result<Vec<u8>> {
    let lang = c.language;
    let t = |w: W| w.get(lang);
    let mut workbook = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let title = format!("{} — {}", t(W::Title), c.subject.name);
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author("datacarto")
            .set_creation_datetime(&date),
    );

    // With no purpose, the one row says why the list is empty rather than showing nothing.
    let stores: Vec<Vec<String>> = if c.purposes.is_empty() {
        vec![vec![
            t(W::NoPurpose).to_owned(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ]]
    } else {
        c.stores
            .iter()
            .map(|s| {
                vec![
                    format!("{} ({})", s.name, s.id),
                    words::role(s.role, lang).to_owned(),
                    words::operator(&s.operator, lang),
                    words::key(&s.key, lang),
                    words::erasure(&s.erasure, lang),
                    words::fields(&s.fields),
                    words::status(s.status, lang).to_owned(),
                ]
            })
            .collect()
    };
    let header =
        [t(W::Store), t(W::Why), t(W::RunBy), t(W::Key), t(W::Erase), t(W::Export), t(W::Status)];
    sheet(&mut workbook, t(W::SheetChecklist), &header, &stores)?;

    let mut notify: Vec<Vec<String>> = c
        .notify
        .iter()
        .map(|n| {
            vec![
                format!("{} ({})", n.name, n.store),
                words::operator(&n.operator, lang),
                words::contract(&n.operator, n.contract.as_deref(), lang),
                words::via(&n.via, lang),
            ]
        })
        .collect();
    notify.extend(
        c.other_recipients.iter().map(|r| {
            vec![r.clone(), t(W::OtherRecipients).to_owned(), String::new(), String::new()]
        }),
    );
    let header = [t(W::Store), t(W::RunBy), t(W::Contract), t(W::Via)];
    sheet(&mut workbook, t(W::SheetNotify), &header, &notify)?;

    let gaps: Vec<Vec<String>> = c
        .gaps
        .iter()
        .map(|g| vec![g.store.clone(), g.attribute.to_owned(), g.at.clone()])
        .collect();
    let header = [t(W::Store), t(W::Attribute), t(W::Where)];
    sheet(&mut workbook, t(W::SheetGaps), &header, &gaps)?;

    Ok(workbook.save_to_buffer()?)
}

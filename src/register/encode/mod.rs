//! The encoders: the same register and layout as CSV, XLSX, HTML, Markdown or JSON bytes.
//! Each is deterministic: same register, same bytes.

mod csv;
pub(crate) mod html;
mod json;
pub(crate) mod md;
mod xlsx;

use super::Register;
use super::layout::{Column, Layout};
use crate::words::register::L;

/// An output format of `datacarto register`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Html,
    Md,
    Json,
}

impl Format {
    /// Whether the bytes are text that may go to a terminal.
    pub fn is_text(self) -> bool {
        self != Format::Xlsx
    }
}

/// The register in `format`, laid out as `layout` (JSON is the row model whatever the
/// layout).
pub fn encode(register: &Register, layout: Layout, format: Format) -> anyhow::Result<Vec<u8>> {
    match format {
        Format::Csv => csv::encode(register, layout),
        Format::Xlsx => xlsx::encode(register, layout),
        Format::Html => Ok(html::encode(register, layout).into_bytes()),
        Format::Md => Ok(md::encode(register, layout).into_bytes()),
        Format::Json => json::encode(register),
    }
}

/// A derived table (processors, retention schedule) in `format`; `json` is the table's own
/// model, serialised by its owner, so it is passed in.
pub fn encode_table(
    table: &super::table::Table,
    json: impl FnOnce() -> anyhow::Result<Vec<u8>>,
    format: Format,
) -> anyhow::Result<Vec<u8>> {
    match format {
        Format::Csv => csv::encode_table(table),
        Format::Xlsx => xlsx::encode_table(table),
        Format::Html => Ok(html::encode_table(table).into_bytes()),
        Format::Md => Ok(md::encode_table(table).into_bytes()),
        Format::Json => json(),
    }
}

/// A column's title in a flat table: prefixed with its CNIL block.
fn flat_title(column: &Column, register: &Register) -> String {
    let lang = register.language;
    match column.block {
        Some(block) => format!("{} — {}", block.get(lang), column.title.get(lang)),
        None => column.title.get(lang).to_owned(),
    }
}

/// The title of the whole document: "Record of processing activities — Maison Dupont SAS".
fn title(register: &Register) -> String {
    let lang = register.language;
    match register.controller.as_ref().and_then(|c| c.name.as_deref()) {
        Some(name) => format!("{} — {name}", L::Title.get(lang)),
        None => L::Title.get(lang).to_owned(),
    }
}

/// The lines of the controller block: (label, value) pairs, in the order of art. 30(1)(a).
fn controller_lines(register: &Register) -> Vec<(String, String)> {
    controller_lines_of(register.controller.as_ref(), register.language)
}

/// The lines of a controller block in `lang`.
pub(crate) fn controller_lines_of(
    controller: Option<&super::rows::Controller>,
    lang: crate::manifest::enums::Language,
) -> Vec<(String, String)> {
    let Some(c) = controller else { return Vec::new() };
    let mut out = Vec::new();
    let mut put = |section: L, label: L, value: Option<&String>| {
        if let Some(v) = value {
            out.push((format!("{} — {}", section.get(lang), label.get(lang)), v.clone()));
        }
    };
    put(L::Controller, L::ContactName, c.name.as_ref());
    put(L::Controller, L::ContactAddress, c.address.as_ref());
    let country = c.country.as_ref().map(|t| t.label.clone());
    put(L::Controller, L::ContactCountry, country.as_ref());
    put(L::Controller, L::ContactEmail, c.email.as_ref());
    put(L::Controller, L::ContactPhone, c.phone.as_ref());
    for (section, contact) in [(L::Dpo, &c.dpo), (L::Representative, &c.representative)] {
        if let Some(p) = contact {
            put(section, L::ContactName, p.name.as_ref());
            put(section, L::ContactAddress, p.address.as_ref());
            put(section, L::ContactEmail, p.email.as_ref());
            put(section, L::ContactPhone, p.phone.as_ref());
        }
    }
    out
}

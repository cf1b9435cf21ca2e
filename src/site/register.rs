//! The register in the site: its page (one line per activity, linking to the purposes), and
//! the register itself in the formats of `datacarto register`.

use tera::Value;

use super::Site;
use crate::manifest::enums::Language;
use crate::output::Artifact;
use crate::register::{self, Format, Layout};

/// The register's files in the site: the art. 30 register in every format, the CNIL fiches
/// and the ICO columns.
pub(super) const FILES: [(&str, Layout, Format); 6] = [
    ("register/register.html", Layout::Art30, Format::Html),
    ("register/register.csv", Layout::Art30, Format::Csv),
    ("register/register.xlsx", Layout::Art30, Format::Xlsx),
    ("register/register.json", Layout::Art30, Format::Json),
    ("register/register-cnil.html", Layout::Cnil, Format::Html),
    ("register/register-ico.csv", Layout::Ico, Format::Csv),
];

/// The `i`th of `FILES`, from the register the site built once. The JSON is compact here:
/// on a large map, indentation would make it twice the size for no reader.
pub(super) fn file(reg: &register::Register, i: usize) -> anyhow::Result<Artifact> {
    let (name, layout, format) = FILES[i];
    let bytes = match format {
        Format::Json => {
            let mut bytes = serde_json::to_vec(reg)?;
            bytes.push(b'\n');
            bytes
        }
        Format::Html => {
            let page = String::from_utf8(register::encode(reg, layout, format)?)?;
            let back = match reg.language {
                Language::En => "← Back to the site's register page",
                Language::Fr => "← Retour à la page du registre du site",
            };
            register::encode::html::with_link_back(&page, "../register.html", back).into_bytes()
        }
        _ => register::encode(reg, layout, format)?,
    };
    Ok(Artifact::new(name, bytes))
}

/// The register page: a summary table, links to the full register in every format.
pub(super) fn page(site: &Site<'_>) -> Value {
    let lang = site.language;
    let reg = site.register();
    let join = |terms: &[register::rows::Term]| {
        terms.iter().map(|t| t.label.clone()).collect::<Vec<_>>().join(", ")
    };
    // Gaps by row, counted once: not a pass over every gap for every row.
    let mut gaps: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for gap in &reg.coverage {
        if let Some(row) = gap.row.as_deref() {
            *gaps.entry(row).or_default() += 1;
        }
    }
    let rows: Vec<Value> = reg
        .rows
        .iter()
        .map(|r| {
            let recipients = register::cells::lines(register::cells::Cell::Recipients, r, reg);
            let transfers = register::cells::lines(register::cells::Cell::Transfers, r, reg);
            obj! {
                "id": r.reference.as_str(), "name": r.name.as_str(),
                "legal_basis": r.legal_basis.as_ref().map(|t| t.label.as_str()).unwrap_or_default(),
                "subjects": join(&r.subjects),
                "recipients": recipients.join("; "),
                "transfers": transfers.join("; "),
                "gaps": gaps.get(r.reference.as_str()).copied().unwrap_or(0),
            }
        })
        .collect();
    let apart: Vec<Value> =
        reg.apart.iter().map(|a| super::common::id_name(&a.reference, &a.name)).collect();
    let controller = reg.controller.as_ref().and_then(|c| c.name.as_deref());
    let title = match lang {
        Language::En => "Record of processing activities",
        Language::Fr => "Registre des activités de traitement",
    };
    obj! {"page_title": title, "rows": rows, "apart": apart, "controller": controller}
}

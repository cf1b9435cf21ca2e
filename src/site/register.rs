//! The register in the site: its page (one line per activity, linking to the purposes), and
//! the register itself in the formats of `datacarto register`.

use serde_json::{Value, json};

use super::{Inputs, Site};
use crate::manifest::enums::Language;
use crate::output::Artifact;
use crate::register::{self, Format, Layout};

/// register/register.{html,csv,xlsx,json}, the CNIL fiches and the ICO columns.
pub(super) fn files(inputs: &Inputs<'_>, language: Language) -> anyhow::Result<Vec<Artifact>> {
    let reg_inputs = register::Inputs {
        model: inputs.model,
        graph: inputs.graph,
        config: inputs.config,
        sources: inputs.sources,
    };
    let reg = register::build(&reg_inputs, language);
    let mut files = Vec::new();
    for (name, layout, format) in [
        ("register/register.html", Layout::Art30, Format::Html),
        ("register/register.csv", Layout::Art30, Format::Csv),
        ("register/register.xlsx", Layout::Art30, Format::Xlsx),
        ("register/register.json", Layout::Art30, Format::Json),
        ("register/register-cnil.html", Layout::Cnil, Format::Html),
        ("register/register-ico.csv", Layout::Ico, Format::Csv),
    ] {
        files.push(Artifact::new(name, register::encode(&reg, layout, format)?));
    }
    Ok(files)
}

/// The register page: a summary table, links to the full register in every format.
pub(super) fn page(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let lang = site.language;
    let reg = &site.register;
    let join = |terms: &[register::rows::Term]| {
        terms.iter().map(|t| t.label.clone()).collect::<Vec<_>>().join(", ")
    };
    let rows: Vec<Value> = reg
        .rows
        .iter()
        .map(|r| {
            let recipients: Vec<String> = register::cells::lines(register::cells::Cell::Recipients, r, reg);
            let transfers: Vec<String> = register::cells::lines(register::cells::Cell::Transfers, r, reg);
            json!({
                "id": r.reference, "name": r.name,
                "legal_basis": r.legal_basis.as_ref().map(|t| t.label.clone()).unwrap_or_default(),
                "subjects": join(&r.subjects),
                "recipients": recipients.join("; "),
                "transfers": transfers.join("; "),
                "gaps": reg.coverage.iter().filter(|g| g.row.as_deref() == Some(r.reference.as_str())).count(),
            })
        })
        .collect();
    let apart: Vec<Value> =
        reg.apart.iter().map(|a| json!({"id": a.reference, "name": a.name})).collect();
    let controller = reg.controller.as_ref().and_then(|c| c.name.clone());
    let _ = inputs;
    let title = match lang {
        Language::En => "Record of processing activities",
        Language::Fr => "Registre des activités de traitement",
    };
    json!({"page_title": title, "rows": rows, "apart": apart, "controller": controller})
}

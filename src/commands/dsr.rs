//! `datacarto dsr [DIR] --subject ID`: the rights-request checklist of one category of
//! person (docs/governance.md). Exit 0 when written; 2 for usage problems (an unknown
//! subject, xlsx without `-o`, a folder that cannot be read). Rules are not run: the
//! checklist needs the model and the graph only.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::bail;

use super::Status;
use crate::dsr::{self, Format};
use crate::graph::LineageGraph;
use crate::load::{self, LoadOptions};
use crate::manifest::enums::Language;
use crate::model;
use crate::output;

pub struct Options {
    pub dir: PathBuf,
    pub subject: String,
    /// `None`: from the extension of `output`, else Markdown.
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    /// `None`: datacarto.yaml's `language`, else English.
    pub lang: Option<Language>,
}

/// The format asked for, else the one the extension of `-o` names, else Markdown.
fn format_of(options: &Options) -> Format {
    let by_extension = options.output.as_ref().and_then(|p| p.extension()).and_then(|e| {
        match e.to_string_lossy().to_ascii_lowercase().as_str() {
            "xlsx" => Some(Format::Xlsx),
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Md),
            "json" => Some(Format::Json),
            _ => None,
        }
    });
    options.format.or(by_extension).unwrap_or(Format::Md)
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    let format = format_of(options);
    if !format.is_text() && options.output.is_none() {
        bail!("--format xlsx writes a binary file: give the file to write with -o FILE");
    }
    let loaded = load::load(&options.dir, &LoadOptions::default())?;
    let mut problems = loaded.findings.len();
    let (model, findings) =
        model::resolve::resolve(loaded.manifests, &loaded.project, loaded.project_file);
    problems += findings.len();
    let Some(subject) = model.subject_by_id(&options.subject) else {
        let ids = model.subjects.iter().map(|s| s.id.as_str());
        let hint = crate::diag::suggest::help(&options.subject, ids.clone())
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        let known: Vec<&str> = ids.collect();
        bail!(
            "unknown subject '{}'{hint}; the map's categories of persons: {}",
            options.subject,
            known.join(", ")
        );
    };
    if problems > 0 {
        let _ = writeln!(
            std::io::stderr().lock(),
            "warning: the map has {problems} problem{} (see `datacarto check`); the checklist covers what could be read",
            if problems == 1 { "" } else { "s" }
        );
    }
    let graph = LineageGraph::build(&model);
    let language = options.lang.or(model.language).unwrap_or(Language::En);
    let inputs = dsr::Inputs { model: &model, graph: &graph, sources: &loaded.sources };
    let checklist = dsr::build(&inputs, subject, language);
    let bytes = dsr::encode(&checklist, format)?;
    match &options.output {
        Some(path) => output::write_file(path, &bytes)?,
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(Status::Clean)
}

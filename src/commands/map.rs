//! `datacarto map [DIR]`: one map of the information system, or a focused view, as SVG
//! (embedded layout or Graphviz), DOT, Mermaid or JSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use anyhow::{Context as _, bail};

use super::{Compiled, Status, compile};
use crate::date::Date;
use crate::diag::suggest;
use crate::load::LoadOptions;
use crate::manifest::enums::Language;
use crate::map::view::{self, Selection, Sources};
use crate::map::{self, dot, mermaid};

/// Which view, by the ids the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewArg {
    System,
    Focus { store: String, depth: usize },
    Purpose(String),
    Field(String),
    Subject(String),
    Team(String),
    Domain(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Dot,
    Mermaid,
    Json,
}

pub struct Options {
    pub dir: PathBuf,
    pub view: ViewArg,
    pub output: Option<PathBuf>,
    pub format: Format,
    /// SVG through Graphviz `dot` instead of the embedded layout.
    pub graphviz: bool,
    /// Domains as Graphviz clusters in DOT (off by default: they cost crossings).
    pub clusters: bool,
    pub findings: bool,
    pub date: Option<String>,
    pub lang: Option<Language>,
    pub as_of: Date,
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    // A map is an artifact: file paths in it are relative to the map's root.
    let load = LoadOptions { within_map: true, ..LoadOptions::default() };
    let compiled = compile(&options.dir, &[], options.as_of, &load)?;
    let bytes = render(&compiled, options)?;
    match &options.output {
        Some(path) if !super::is_stdout(path) => crate::output::write_file(path, bytes.as_bytes())?,
        _ => std::io::stdout().lock().write_all(bytes.as_bytes())?,
    }
    Ok(Status::Clean)
}

/// The map's text for a compiled map.
pub fn render(compiled: &Compiled, options: &Options) -> anyhow::Result<String> {
    let model = &compiled.model;
    let selection = selection(compiled, &options.view)?;
    let language = options.lang.or(model.language).unwrap_or(Language::En);
    let sources = Sources::new(
        model,
        &compiled.graph,
        options.findings.then_some(&compiled.report),
        language,
    );
    let view = view::build(&sources, selection);
    match (options.format, options.graphviz) {
        (Format::Dot, _) => Ok(dot::write(&view, options.clusters)),
        (Format::Mermaid, _) => Ok(mermaid::write(&view)),
        (Format::Svg, true) => graphviz(&dot::write(&view, options.clusters), "-Tsvg"),
        (Format::Svg, false) => {
            Ok(map::draw(map::overview::when_large(view, selection)).svg(options.date.as_deref()))
        }
        (Format::Json, _) => Ok(map::draw(map::overview::when_large(view, selection)).json()),
    }
}

/// Resolves the ids of a view, suggesting the closest on a typo.
fn selection(compiled: &Compiled, view: &ViewArg) -> anyhow::Result<Selection> {
    let model = &compiled.model;
    let unknown = |what: &str, name: &str, candidates: Vec<&str>| {
        let hint = suggest::closest(name, candidates)
            .map_or_else(String::new, |c| format!(" (did you mean '{c}'?)"));
        anyhow::anyhow!("unknown {what} '{name}'{hint}")
    };
    Ok(match view {
        ViewArg::System => Selection::System,
        ViewArg::Focus { store, depth } => {
            let id = model.store_by_id(store).ok_or_else(|| {
                unknown("store", store, model.stores.iter().map(|s| s.id.as_str()).collect())
            })?;
            Selection::Focus { store: id, depth: *depth }
        }
        ViewArg::Purpose(p) => Selection::Purpose(model.purpose_by_id(p).ok_or_else(|| {
            unknown("purpose", p, model.purposes.iter().map(|x| x.id.as_str()).collect())
        })?),
        ViewArg::Field(path) => {
            let Some(id) = model.field_by_path(path) else {
                let all: Vec<String> = model.field_ids().map(|f| model.field_path(f)).collect();
                return Err(unknown("field", path, all.iter().map(String::as_str).collect()));
            };
            Selection::Field(id)
        }
        ViewArg::Subject(s) => Selection::Subject(model.subject_by_id(s).ok_or_else(|| {
            unknown("subject", s, model.subjects.iter().map(|x| x.id.as_str()).collect())
        })?),
        ViewArg::Team(t) => Selection::Team(model.team_by_id(t).ok_or_else(|| {
            unknown("team", t, model.teams.iter().map(|x| x.id.as_str()).collect())
        })?),
        ViewArg::Domain(d) => {
            let domains = model.domains();
            Selection::Domain(
                domains.binary_search(d).map_err(|_| {
                    unknown("domain", d, domains.iter().map(String::as_str).collect())
                })?,
            )
        }
    })
}

/// Graphviz's output for the DOT we write: `dot FORMAT` (`-Tsvg` for `--engine dot`; the map
/// benchmark also reads `-Tplain`).
pub fn graphviz(dot: &str, format: &str) -> anyhow::Result<String> {
    let mut child = match Command::new("dot")
        .arg(format)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            bail!(
                "Graphviz is not installed (no `dot` command): install it (apt install graphviz, brew install graphviz) or use the embedded engine (--engine builtin)"
            )
        }
        Err(err) => return Err(err).context("cannot run Graphviz `dot`"),
    };
    child.stdin.take().context("Graphviz's input")?.write_all(dot.as_bytes())?;
    let output = child.wait_with_output().context("Graphviz `dot` failed")?;
    if !output.status.success() {
        bail!("Graphviz `dot` failed: {}", String::from_utf8_lossy(&output.stderr).trim());
    }
    String::from_utf8(output.stdout).context("Graphviz wrote something that is not UTF-8")
}

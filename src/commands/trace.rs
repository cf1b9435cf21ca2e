//! `datacarto trace STORE.FIELD [-C DIR]`: load the map, walk the lineage graph from the
//! field, print the tree. Rules are not run: a trace needs the model and the graph only.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::anyhow;

use super::Status;
use crate::graph::LineageGraph;
use crate::lineage::{self, Format, trace};
use crate::load::{self, LoadOptions};
use crate::model::{self, Model};

pub struct Options {
    pub map: PathBuf,
    pub field: String,
    pub walk: trace::Options,
    pub format: Format,
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    let (model, graph) = load_model(&options.map)?;
    let field = lineage::resolve_field(&model, &options.field).map_err(|e| anyhow!(e))?;
    let result = trace::trace(&model, &graph, field, options.walk);
    let mut out = BufWriter::new(std::io::stdout().lock());
    trace::render(&result, options.format, &mut out)?;
    out.flush()?;
    Ok(Status::Clean)
}

/// load → resolve → graph, without the rules. Problems that `check` would report at load
/// time are summed up on stderr: the answer covers what could be read.
pub(super) fn load_model(dir: &Path) -> anyhow::Result<(Model, LineageGraph)> {
    let loaded = load::load(dir, &LoadOptions::default())?;
    super::say_what_was_read(dir, loaded.sources.len());
    let mut problems = loaded.findings.len();
    let (model, findings) =
        model::resolve::resolve(loaded.manifests, &loaded.project, loaded.project_file);
    problems += findings.len();
    if problems > 0 && super::verbosity() > super::Verbosity::Quiet {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "warning: the map has {problems} problem{} (see `datacarto check`); the answer covers what could be read",
            if problems == 1 { "" } else { "s" }
        );
    }
    let graph = LineageGraph::build(&model);
    Ok((model, graph))
}

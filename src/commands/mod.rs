//! One file per subcommand: the stage sequence and the exit status, nothing else.

pub mod build;
pub mod check;
pub mod diff;
mod git;
pub mod impact;
pub mod init;
pub mod map;
pub mod register;
pub mod rules;
pub mod scan;
mod scan_write;
pub mod schema;
pub mod trace;

use std::path::Path;

use crate::checks::{self, Context};
use crate::config::{Config, Flag};
use crate::date::Date;
use crate::diag::Report;
use crate::graph::LineageGraph;
use crate::load::{self, LoadOptions};
use crate::model::{self, Model};
use crate::source::SourceMap;

/// How a command ended, when it could do its job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing at error level.
    Clean,
    /// At least one finding at error level.
    Findings,
}

impl Status {
    pub fn code(self) -> u8 {
        match self {
            Status::Clean => 0,
            Status::Findings => 1,
        }
    }
}

/// A map compiled and checked: everything later stages borrow.
pub struct Compiled {
    pub sources: SourceMap,
    pub model: Model,
    pub graph: LineageGraph,
    pub config: Config,
    pub report: Report,
}

/// load → resolve → graph → checks → levels and suppressions.
pub fn compile(
    dir: &Path,
    flags: &[(Flag, String)],
    as_of: Date,
    options: &LoadOptions,
) -> anyhow::Result<Compiled> {
    let loaded = load::load(dir, options)?;
    let (config, config_findings) = Config::build(&loaded.project, &loaded.sources, flags, as_of)?;
    let mut findings = loaded.findings;
    findings.extend(config_findings);
    let (model, resolve_findings) =
        model::resolve::resolve(loaded.manifests, &loaded.project, loaded.project_file);
    findings.extend(resolve_findings);
    let graph = LineageGraph::build(&model);
    findings.extend(checks::run(&Context { model: &model, graph: &graph, config: &config }));
    checks::left_out::drop_echoes(&mut findings, &loaded.left_out);
    let report = checks::finalize(findings, &model, &config, &loaded.sources);
    Ok(Compiled { sources: loaded.sources, model, graph, config, report })
}

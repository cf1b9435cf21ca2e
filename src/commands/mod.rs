//! One file per subcommand: the stage sequence and the exit status, nothing else.

pub mod build;
pub mod check;
pub mod diff;
pub mod dsr;
pub mod fides;
mod git;
pub mod impact;
pub mod init;
pub mod inventory;
pub mod lsp;
pub mod map;
pub mod openlineage;
pub mod register;
pub mod rules;
pub mod scan;
mod scan_write;
pub mod schema;
pub mod serve;
pub mod threagile;
pub mod trace;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

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

/// The result of writing a command's output to stdout, where a closed pipe
/// (`datacarto check | head`) is not an error: the reader has what it wanted, and the exit
/// status must still say what the command found (a failing check must not pass).
pub(crate) fn stdout_written(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The map's folder: the one given, else the nearest folder holding `datacarto.yaml` from
/// the current folder up (as git and cargo find their roots), else the current folder. A
/// folder found above is given relative (`..`), so that printed paths stay clickable.
pub fn map_dir(given: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = given {
        return dir;
    }
    let Ok(cwd) = std::env::current_dir() else { return PathBuf::from(".") };
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    load::root::find(&cwd, home.as_deref()).dir
}

/// When no `datacarto.yaml` marked the map and the folder read does not look like one (no
/// store, or errors), says which folder was read and how to point at the map: running from
/// a repository's root or its `docs/` must not leave people guessing.
pub fn note_unmarked_map(dir: &Path, compiled: &Compiled) {
    let marked = dir.join(load::discover::PROJECT_FILE).is_file();
    if verbosity() == Verbosity::Quiet
        || marked
        || (!compiled.model.stores.is_empty() && !compiled.report.has_errors())
    {
        return;
    }
    let shown = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let _ = writeln!(
        std::io::stderr().lock(),
        "note: no datacarto.yaml in {} nor above it: read that folder as the map; to read a \
         map elsewhere, give its folder (`datacarto check path/to/map`), or add a \
         datacarto.yaml at the map's root",
        shown.display()
    );
}

/// How much commands say on standard error besides errors (`-q`, `-v`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Set once from the command line, before the command runs.
static VERBOSITY: AtomicU8 = AtomicU8::new(1);

pub fn set_verbosity(v: Verbosity) {
    VERBOSITY.store(v as u8, Ordering::Relaxed);
}

pub(crate) fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// `-v`: which folder was read as the map, and how many files.
fn say_what_was_read(dir: &Path, files: usize) {
    if verbosity() == Verbosity::Verbose {
        let shown = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let s = if files == 1 { "" } else { "s" };
        let _ = writeln!(
            std::io::stderr().lock(),
            "reading the map in {} ({files} file{s})",
            shown.display()
        );
    }
}

/// `-o -`: standard output, as everywhere on the command line (never a file named `-`).
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A map compiled and checked: everything later stages borrow.
pub struct Compiled {
    pub sources: SourceMap,
    /// Shared with the engine that made it (`serve`, `lsp`), which patches it in place
    /// for the next run once nothing else holds it.
    pub model: Arc<Model>,
    pub graph: LineageGraph,
    pub config: Config,
    pub report: Report,
}

impl Compiled {
    /// What the site's pages read of it (`build`, and `serve`'s pages made on request).
    pub fn site_inputs(&self) -> crate::site::Inputs<'_> {
        crate::site::Inputs {
            model: &self.model,
            graph: &self.graph,
            report: &self.report,
            config: &self.config,
            sources: &self.sources,
        }
    }
}

/// load → resolve → graph → checks → levels and suppressions.
pub fn compile(
    dir: &Path,
    flags: &[(Flag, String)],
    as_of: Date,
    options: &LoadOptions,
) -> anyhow::Result<Compiled> {
    let loaded = load::load(dir, options)?;
    say_what_was_read(dir, loaded.sources.len());
    compile_loaded(loaded, flags, as_of)
}

/// [`compile`] after loading: the language server reads the loaded manifests (their spans
/// name every reference) before they are resolved.
pub fn compile_loaded(
    loaded: load::Loaded,
    flags: &[(Flag, String)],
    as_of: Date,
) -> anyhow::Result<Compiled> {
    let (config, config_findings) = Config::build(&loaded.project, &loaded.sources, flags, as_of)?;
    let mut findings = loaded.findings;
    findings.extend(config_findings);
    let (manifests, project, project_file) =
        (loaded.manifests, &loaded.project, loaded.project_file);
    // Resolved on a thread of the pool that loaded the manifests: the memory each manifest
    // frees is then reused by the model in that thread's allocator arena, instead of the
    // model taking fresh pages from the main thread's (500,000 fields: 64 MB and 12,000
    // page faults fewer; docs/performance.md).
    let (model, resolve_findings) =
        rayon::scope(|_| model::resolve::resolve(manifests, project, project_file));
    findings.extend(resolve_findings);
    Ok(check_resolved(loaded.sources, config, findings, Arc::new(model), &loaded.left_out))
}

/// graph → checks → levels and suppressions, on a resolved map; `findings` are those found
/// before (loading, configuration, resolution).
pub fn check_resolved(
    sources: SourceMap,
    config: Config,
    mut findings: Vec<crate::diag::Finding>,
    model: Arc<Model>,
    left_out: &[load::LeftOut],
) -> Compiled {
    let graph = LineageGraph::build(&model);
    findings.extend(checks::run(&Context { model: &model, graph: &graph, config: &config }));
    checks::left_out::drop_echoes(&mut findings, left_out);
    let report = checks::finalize(findings, &model, &config, &sources);
    Compiled { sources, model, graph, config, report }
}

//! The incremental compiler under `serve` and `lsp`: one map checked again and again. Each
//! run takes from the last one every manifest whose bytes did not change (neither read nor
//! parsed again) and re-parses only the edited files. When the edited files declare the same
//! stores (with the same fields), flows (between the same stores, with the same fields) and
//! purposes as before — a name, a category, a legal basis changed — the last run's resolved
//! model is patched (`model::resolve::patch`): only the edited entities and what is inferred
//! from their fields are resolved again. Any other edit resolves the whole map again. The
//! lineage graph and the rules then run on the whole map, from the same code `check` runs,
//! so the findings are `check`'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::commands::{Compiled, check_resolved};
use crate::config::{Config, Flag};
use crate::date::Date;
use crate::diag::Finding;
use crate::load::cache::{Cache, Reuse};
use crate::load::{self, FileEntities, LoadOptions, Reloaded};
use crate::model::Model;
use crate::model::resolve::{self, Edit};

/// A map kept loaded between runs.
#[derive(Debug)]
pub struct Engine {
    root: PathBuf,
    options: LoadOptions,
    cache: Cache,
    last: Option<Last>,
    resolved: Resolution,
}

/// What the last compile resolved, for the next one to patch.
#[derive(Debug)]
struct Last {
    /// Shared with the [`Compiled`] it went into: patched in place once that is dropped,
    /// copied first while it is still held (`serve` keeps serving the last pages).
    model: Arc<Model>,
    /// The resolver's findings (not the loader's, nor the rules').
    findings: Vec<Finding>,
    /// Each manifest file's entities, and its path.
    files: Vec<(FileEntities, String)>,
    /// The project file's text: it shapes resolution (zones, language).
    project: Option<String>,
}

/// How the last compile resolved the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Resolution {
    /// Every file resolved: the first run, or an edit the patch does not cover (ids added or
    /// removed, another kind of entity, the project file).
    #[default]
    Whole,
    /// The last model patched for this many edited files.
    Patched(usize),
}

impl Engine {
    /// An engine for the map at `root`, loaded with `options` on every run (their
    /// `overlay` is replaced by each run's open buffers).
    pub fn new(root: &Path, options: LoadOptions) -> Engine {
        Engine {
            root: root.to_path_buf(),
            options,
            cache: Cache::default(),
            last: None,
            resolved: Resolution::Whole,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Reads the map as it is now, with `open` (texts by path within the map) in place of
    /// those files on disk: only what changed since the last run is parsed.
    pub fn read(&mut self, open: &BTreeMap<String, String>) -> anyhow::Result<Reloaded> {
        if self.options.overlay != *open {
            self.options.overlay = open.clone();
        }
        load::reload_files(&self.root, &self.options, &mut self.cache)
    }

    /// Loads and checks the map as it is now: what `check` would say of it.
    pub fn compile(&mut self, flags: &[(Flag, String)], as_of: Date) -> anyhow::Result<Compiled> {
        let read = self.read(&BTreeMap::new())?;
        self.check(read, flags, as_of)
    }

    /// Checks a map [`Engine::read`] gave: what `check` would say of it, resolved by
    /// patching the last run's model when the edit allows.
    pub fn check(
        &mut self,
        read: Reloaded,
        flags: &[(Flag, String)],
        as_of: Date,
    ) -> anyhow::Result<Compiled> {
        let (config, config_findings) = Config::build(&read.project, &read.sources, flags, as_of)?;
        let project = read.project_file.map(|f| read.sources.get(f).text.clone());
        let files: Vec<(FileEntities, String)> =
            read.files.iter().map(|f| (f.clone(), read.sources.get(f.file).path.clone())).collect();
        let resolved = match self.patched(&read, &files, project.as_deref()) {
            Some(patched) => patched,
            None => {
                self.resolved = Resolution::Whole;
                let manifests = load::copy_manifests(&read.files);
                resolve::resolve(manifests, &read.project, read.project_file)
            }
        };
        Ok(self.finish(read, config, config_findings, resolved, files, project))
    }

    /// The checks on a resolved map, the model kept for the next run.
    fn finish(
        &mut self,
        read: Reloaded,
        config: Config,
        config_findings: Vec<Finding>,
        (model, resolve_findings): (Model, Vec<Finding>),
        files: Vec<(FileEntities, String)>,
        project: Option<String>,
    ) -> Compiled {
        let mut findings = read.findings;
        findings.extend(config_findings);
        findings.extend(resolve_findings.iter().cloned());
        let model = Arc::new(model);
        self.last =
            Some(Last { model: Arc::clone(&model), findings: resolve_findings, files, project });
        check_resolved(read.sources, config, findings, model, &read.left_out)
    }

    /// The last model patched for this run's edits, when they keep every id in place.
    fn patched(
        &mut self,
        read: &Reloaded,
        files: &[(FileEntities, String)],
        project: Option<&str>,
    ) -> Option<(Model, Vec<Finding>)> {
        let Last { model, mut findings, files: before, project: before_project } =
            self.last.take()?;
        if before_project.as_deref() != project || before.len() != files.len() {
            return None;
        }
        let mut edits = Vec::new();
        for ((old, old_path), (new, new_path)) in before.iter().zip(files) {
            if old.file != new.file || old_path != new_path {
                return None;
            }
            if !old.same(new) {
                edits.push(Edit {
                    file: new.file,
                    before: old.manifests(),
                    after: new.manifests(),
                });
            }
        }
        let plan = resolve::plan(&model, &findings, &edits)?;
        // Nothing else holds the model once the last run's result was dropped.
        let mut model = Arc::try_unwrap(model).unwrap_or_else(|shared| (*shared).clone());
        resolve::patch(&mut model, &mut findings, &edits, plan, &read.project);
        self.resolved = Resolution::Patched(edits.len());
        Some((model, findings))
    }

    /// How many files the last run parsed and how many it took from the one before.
    pub fn reuse(&self) -> Reuse {
        self.cache.last()
    }

    /// How the last compile resolved the map.
    pub fn resolution(&self) -> Resolution {
        self.resolved
    }
}

#[cfg(test)]
mod tests;

//! The incremental compiler under `serve` and `lsp`: one map checked again and again, each
//! run taking from the last one every manifest whose bytes did not change (neither read
//! nor parsed again) and re-parsing only the edited files. What follows the files — the
//! references resolved, the lineage graph, the rules — reads the whole map and is computed
//! again on every run, from the same code `check` runs, so the findings are `check`'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::commands::{Compiled, compile_loaded};
use crate::config::Flag;
use crate::date::Date;
use crate::load::cache::{Cache, Reuse};
use crate::load::{self, LoadOptions, Loaded};

/// A map kept loaded between runs.
#[derive(Debug)]
pub struct Engine {
    root: PathBuf,
    options: LoadOptions,
    cache: Cache,
}

impl Engine {
    /// An engine for the map at `root`, loaded with `options` on every run (their
    /// `overlay` is replaced by each run's open buffers).
    pub fn new(root: &Path, options: LoadOptions) -> Engine {
        Engine { root: root.to_path_buf(), options, cache: Cache::default() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Loads the map as it is now, with `open` (texts by path within the map) in place of
    /// those files on disk.
    pub fn load(&mut self, open: &BTreeMap<String, String>) -> anyhow::Result<Loaded> {
        if self.options.overlay != *open {
            self.options.overlay = open.clone();
        }
        load::reload(&self.root, &self.options, &mut self.cache)
    }

    /// Loads and checks the map as it is now: what `check` would say of it.
    pub fn compile(&mut self, flags: &[(Flag, String)], as_of: Date) -> anyhow::Result<Compiled> {
        let loaded = self.load(&BTreeMap::new())?;
        compile_loaded(loaded, flags, as_of)
    }

    /// How many files the last run parsed and how many it took from the one before.
    pub fn reuse(&self) -> Reuse {
        self.cache.last()
    }
}

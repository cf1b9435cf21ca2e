//! `datacarto diff OLD NEW` (two map folders) or `datacarto diff --git REV1 REV2 [-C DIR]`
//! (two revisions of the map's repository): compile both maps with every rule, compare them,
//! print the changes. Exit 1 with `--fail-on new-errors` when NEW has error-level findings
//! that OLD had not.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{Compiled, Status, compile, git};
use crate::date::Date;
use crate::lineage::{Format, diff};
use crate::load::LoadOptions;

pub struct Options {
    pub old: String,
    pub new: String,
    /// OLD and NEW are revisions of the repository holding `map`.
    pub git: bool,
    pub map: PathBuf,
    pub format: Format,
    pub fail_on_new_errors: bool,
    pub as_of: Date,
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    // The checkouts live until the end of the run; their folders go with them.
    let (old_dir, new_dir, _checkouts) = if options.git {
        let old = git::checkout(&options.map, &options.old)?;
        let new = git::checkout(&options.map, &options.new)?;
        (old.map.clone(), new.map.clone(), Some((old, new)))
    } else {
        (PathBuf::from(&options.old), PathBuf::from(&options.new), None)
    };
    let load = |dir: &Path| compile(dir, &[], options.as_of, &LoadOptions::default());
    let (old, new) = rayon::join(|| load(&old_dir), || load(&new_dir));
    let name = |rev: &str, dir: &Path| {
        if options.git { format!("revision '{rev}'") } else { dir.display().to_string() }
    };
    let old: Compiled = old
        .with_context(|| format!("cannot compile the old map, {}", name(&options.old, &old_dir)))?;
    let new: Compiled = new
        .with_context(|| format!("cannot compile the new map, {}", name(&options.new, &new_dir)))?;
    let (old_root, new_root) = (display_root(&old_dir), display_root(&new_dir));
    let result = diff::diff(
        &diff::Map {
            model: &old.model,
            graph: &old.graph,
            findings: &old.report.findings,
            root: &old_root,
        },
        &diff::Map {
            model: &new.model,
            graph: &new.graph,
            findings: &new.report.findings,
            root: &new_root,
        },
    );
    let mut out = BufWriter::new(std::io::stdout().lock());
    super::stdout_written(
        diff::render(&result, options.format, &mut out).and_then(|()| out.flush()),
    )?;
    Ok(if options.fail_on_new_errors && result.summary.new_errors > 0 {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// The folder as `load` prints it at the start of file paths.
fn display_root(dir: &Path) -> String {
    dir.to_string_lossy().replace('\\', "/")
}

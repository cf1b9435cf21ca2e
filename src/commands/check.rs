//! `datacarto check [DIR]`: compile the map, run every rule, print the findings.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{Compiled, Status, compile};
use crate::config::Flag;
use crate::date::Date;
use crate::diag::emit::{self, Context, Format, Origin};
use crate::load::{LoadOptions, root};
use crate::manifest::enums::Language;

pub struct Options {
    pub dir: PathBuf,
    pub format: Format,
    pub flags: Vec<(Flag, String)>,
    pub as_of: Date,
    pub color: bool,
    pub show_suppressed: bool,
    /// `--lang`; default: the map's `language`, else English.
    pub lang: Option<Language>,
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    let compiled = compile(&options.dir, &options.flags, options.as_of, &LoadOptions::default())?;
    super::note_unmarked_map(&options.dir, &compiled);
    let rules = crate::rules::metadata();
    let cx = Context {
        sources: &compiled.sources,
        rules: &rules,
        color: options.color && options.format == Format::Human,
        show_suppressed: options.show_suppressed,
        origin: origin(&options.dir, &compiled),
        language: options.lang.or(compiled.model.language).unwrap_or(Language::En),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    super::stdout_written(
        emit::emit(options.format, &compiled.report, &cx, &mut out).and_then(|()| out.flush()),
    )?;
    let status = if compiled.report.has_errors() { Status::Findings } else { Status::Clean };
    // The process ends right after: freeing the model of a large map piece by piece (half a
    // million fields, their strings and indexes) costs CPU time for nothing.
    std::mem::forget(compiled);
    Ok(status)
}

/// Where the map sits in its repository: SARIF names files from the repository's root, so
/// that code scanning finds them whatever folder the command ran from.
pub(crate) fn origin(dir: &Path, compiled: &Compiled) -> Origin {
    let project_file = compiled.model.project_file.is_some();
    origin_of(dir, project_file, compiled.config.help_uri.clone())
}

/// `origin` for a command that loads the map without the whole `compile` (`scan`).
pub(crate) fn origin_of(dir: &Path, project_file: bool, help_uri: Option<String>) -> Origin {
    let map = dir.canonicalize().ok();
    let repository = map.as_deref().and_then(root::repository_root);
    let map_prefix = match (&map, &repository) {
        (Some(map), Some(repository)) => {
            let below = map.strip_prefix(repository).unwrap_or(Path::new(""));
            let parts: Vec<_> =
                below.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            parts.iter().map(|p| format!("{p}/")).collect()
        }
        _ => String::new(),
    };
    Origin { map_prefix, repository: repository.is_some(), project_file, help_uri }
}

//! `datacarto build [DIR] -o OUT`: the main job. Compile the map, make every page, map and
//! register file of the site, write them into OUT at once.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::{Status, compile};
use crate::date::Date;
use crate::load::{self, LoadOptions};
use crate::manifest::enums::Language;
use crate::site;

pub struct Options {
    pub dir: PathBuf,
    pub output: PathBuf,
    pub lang: Option<Language>,
    pub templates: Option<PathBuf>,
    pub check: bool,
    pub date: Option<String>,
    pub as_of: Date,
}

/// A progress line on stderr, redrawn in place (only on a terminal).
fn progress(done: usize, total: usize) {
    if done == total || done.is_multiple_of(25) {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\rbuilding pages {done}/{total}");
        if done == total {
            let _ = writeln!(err);
        }
    }
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    if super::is_stdout(&options.output) {
        anyhow::bail!(
            "a site is a folder of pages and cannot go to standard output: give a folder with -o DIR"
        );
    }
    // The site must not read itself as manifests when it is inside the map.
    let load = LoadOptions {
        skip: vec![options.output.clone()],
        within_map: true,
        ..LoadOptions::default()
    };
    let compiled = compile(&options.dir, &[], options.as_of, &load)?;
    let templates = match &options.templates {
        Some(dir) => load::templates(dir)?,
        None => Vec::new(),
    };
    let site_options = site::Options {
        language: options.lang.or(compiled.model.language).unwrap_or(Language::En),
        date: options.date.clone(),
        templates,
        progress: (std::io::stderr().is_terminal() && super::verbosity() > super::Verbosity::Quiet)
            .then_some(&progress as &'static (dyn Fn(usize, usize) + Sync)),
    };
    let inputs = compiled.site_inputs();
    // Checked before anything is made: an OUT datacarto did not make is refused at once.
    let folder = crate::output::Folder::begin(&options.output)?;
    let files = site::build_into(&inputs, &site_options, &|artifact| folder.write(&artifact))?;
    folder.finish()?;
    if super::verbosity() > super::Verbosity::Quiet {
        let mut out = std::io::stdout().lock();
        let s = &compiled.report.summary;
        let n =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        super::stdout_written(writeln!(
            out,
            "wrote {} files into {} ({}, {}, {}: see findings.html)",
            files + 1,
            options.output.display(),
            n(s.errors, "error", "errors"),
            n(s.warnings, "warning", "warnings"),
            n(s.infos, "info", "infos"),
        ))?;
    }
    Ok(if options.check && compiled.report.has_errors() { Status::Findings } else { Status::Clean })
}

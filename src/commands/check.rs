//! `datacarto check [DIR]`: compile the map, run every rule, print the findings.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::{Status, compile};
use crate::checks::registry;
use crate::config::Flag;
use crate::date::Date;
use crate::diag::emit::{self, Context, Format};
use crate::load::LoadOptions;

pub struct Options {
    pub dir: PathBuf,
    pub format: Format,
    pub flags: Vec<(Flag, String)>,
    pub as_of: Date,
    pub color: bool,
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    let compiled = compile(&options.dir, &options.flags, options.as_of, &LoadOptions::default())?;
    let rules = registry::metadata();
    let cx = Context {
        sources: &compiled.sources,
        rules: &rules,
        color: options.color && options.format == Format::Human,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    super::stdout_written(
        emit::emit(options.format, &compiled.report, &cx, &mut out).and_then(|()| out.flush()),
    )?;
    Ok(if compiled.report.has_errors() { Status::Findings } else { Status::Clean })
}

//! `datacarto impact STORE[.FIELD] [-C DIR]`: load the map and say what removing the store or
//! the field would cost. Rules are not run: the answer needs the model and the graph only.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::anyhow;

use super::Status;
use super::trace::load_model;
use crate::lineage::{self, Format, impact};

pub struct Options {
    pub map: PathBuf,
    pub target: String,
    pub format: Format,
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    let (model, graph) = load_model(&options.map)?;
    let target = lineage::resolve_target(&model, &options.target).map_err(|e| anyhow!(e))?;
    let result = impact::impact(&model, &graph, target);
    let mut out = BufWriter::new(std::io::stdout().lock());
    impact::render(&result, options.format, &mut out)?;
    out.flush()?;
    Ok(Status::Clean)
}

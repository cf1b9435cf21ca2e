//! `datacarto export openlineage [DIR] -o FILE.json|-`: the declared lineage as OpenLineage
//! events, a JSON array (one dataset event per store, one job event per flow). Exit 0 when
//! written, 2 when the event time is not RFC 3339 or the file cannot be written.

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;

use super::Status;
use crate::lineage::openlineage;
use crate::output;

pub struct Options {
    pub dir: PathBuf,
    /// A file, or `-` for standard output.
    pub output: PathBuf,
    /// RFC 3339; `None`: the fixed default (deterministic output).
    pub event_time: Option<String>,
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    let event_time = options.event_time.as_deref().unwrap_or(openlineage::DEFAULT_EVENT_TIME);
    if !openlineage::is_event_time(event_time) {
        bail!(
            "--event-time '{}' is not an RFC 3339 date and time (such as 2026-12-05T09:30:00Z)",
            crate::commands::inventory::visible(event_time)
        );
    }
    let compiled = super::compile(
        &options.dir,
        &super::fides::integrity_only(),
        crate::date::Date::today(),
        &crate::load::LoadOptions::default(),
    )?;
    let exported = openlineage::export(&compiled.model, event_time);
    let mut err = std::io::stderr().lock();
    let errors = compiled.report.summary.errors;
    if errors > 0 {
        writeln!(
            err,
            "warning: the map has {errors} error{} in its files (run `datacarto check`): the events hold what could be read",
            if errors == 1 { "" } else { "s" }
        )?;
    }
    for note in &exported.notes {
        writeln!(err, "note: {}", crate::commands::inventory::visible(note))?;
    }
    let mut json = serde_json::to_string_pretty(&exported.events)?;
    json.push('\n');
    if super::is_stdout(&options.output) {
        super::stdout_written(std::io::stdout().lock().write_all(json.as_bytes()))?;
    } else {
        output::write_file(&options.output, json.as_bytes())?;
    }
    Ok(Status::Clean)
}

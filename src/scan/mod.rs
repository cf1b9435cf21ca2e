//! `datacarto scan`: the map held against the real systems. Each store with a `scan:` names
//! its system (a database URL from the environment, or a file of the repository); its
//! columns are read (read-only, names only, never a value) and compared with the fields.
//! The one module besides `load` and `output` that touches the outside world, and only to
//! read it.

pub mod compare;
pub mod engine;
mod flat;
pub mod guess;
mod my;
pub mod patterns;
mod pg;
pub mod redact;
mod sqlite;
#[cfg(test)]
mod testdb;
pub mod write;

use std::path::Path;

use anyhow::bail;

use self::compare::StoreScan;
use self::engine::Source;
use crate::diag::Finding;
use crate::model::{Model, StoreId};
use crate::source::Span;

/// Where to read a store from when the command line says so (`--url`, `--file`).
#[derive(Clone, Debug, Default)]
pub struct Override {
    /// `env:NAME`.
    pub url: Option<String>,
    pub file: Option<std::path::PathBuf>,
    /// `--sample N`: test the guesses of undeclared columns on up to N values each.
    pub sample: Option<usize>,
}

/// The stores to scan: those with a `scan:`, or the one `--store` names.
pub fn stores_to_scan(model: &Model, only: Option<&str>) -> anyhow::Result<Vec<StoreId>> {
    match only {
        Some(id) => match model.store_by_id(id) {
            Some(s) => Ok(vec![s]),
            None => {
                let ids = model.stores.iter().map(|s| s.id.as_str());
                let hint = crate::diag::suggest::closest(id, ids)
                    .map(|c| format!(" (did you mean '{c}'?)"))
                    .unwrap_or_default();
                bail!("the map has no store '{id}'{hint}")
            }
        },
        None => Ok((0..model.stores.len())
            .map(StoreId::new)
            .filter(|s| model.store(*s).scan.is_some())
            .collect()),
    }
}

/// Reads one store's system and compares it with the store. `env` looks up a variable.
pub fn scan_store(
    model: &Model,
    store: StoreId,
    dir: &Path,
    over: &Override,
    env: &dyn Fn(&str) -> Option<String>,
) -> anyhow::Result<(StoreScan, Vec<Finding>)> {
    let s = model.store(store);
    let scan = s.scan.as_ref();
    let url_ref =
        over.url.clone().or_else(|| scan.and_then(|sc| sc.url.as_ref()).map(|u| u.value.0.clone()));
    let file = over.file.clone().or_else(|| {
        if over.url.is_some() {
            return None;
        }
        scan.and_then(|sc| sc.file.as_ref()).map(|f| dir.join(f.as_str()))
    });
    let source = match (url_ref, file) {
        (_, Some(file)) => Source::of_file(&file)?,
        (Some(reference), None) => {
            let Some(var) = reference.strip_prefix("env:") else {
                bail!(
                    "store '{}': a URL is given as env:NAME, the environment variable that holds \
                     it, never written out (it may hold a password)",
                    s.id
                )
            };
            let Some(url) = env(var).filter(|u| !u.trim().is_empty()) else {
                bail!(
                    "store '{}': the environment variable {var} is not set; it must hold the \
                     database URL",
                    s.id
                )
            };
            Source::of_url(url.trim(), dir, scan.and_then(|sc| sc.schema.as_deref()))?
        }
        (None, None) => bail!(
            "store '{}' says nowhere to scan: give it `scan: {{url: env:NAME}}` or \
             `scan: {{file: PATH}}`, or use --url env:NAME / --file PATH",
            s.id
        ),
    };
    let tables = source.tables().map_err(|e| anyhow::anyhow!("store '{}': {e:#}", s.id))?;
    let place: Span = scan
        .and_then(|sc| sc.url.as_ref().map(|u| u.span).or(sc.file.as_ref().map(|f| f.span)))
        .unwrap_or(s.span);
    let mut sampler = |table: &str, column: &str| match over.sample {
        Some(n) => source.sample(table, column, n),
        None => Ok(Vec::new()),
    };
    let sampler: Option<&mut compare::Sampler<'_>> =
        if over.sample.is_some() { Some(&mut sampler) } else { None };
    compare::compare(model, store, &tables, place, sampler)
        .map_err(|e| anyhow::anyhow!("store '{}': {e:#}", s.id))
}

#[cfg(test)]
mod tests;

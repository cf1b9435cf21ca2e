//! `datacarto serve`: the site served from memory on the loopback interface, each page made
//! when it is asked for from the map checked last, checked again when a manifest changes,
//! open pages told over server-sent events. Nothing is written to disk. A build whose files
//! cannot be read (broken YAML mid-edit) keeps the last good pages and shows its findings
//! over them.

mod http;
mod render;
mod watch;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::date::Date;
use crate::diag::Finding;
use crate::engine::Engine;
use crate::load::LoadOptions;
use crate::manifest::enums::Language;
use crate::site;
use crate::source::SourceMap;

pub use self::http::serve;
pub use self::render::Generation;
pub use self::watch::{report, watch};
pub use crate::site::Made;

/// Rules that mean a file could not be read at all: their build keeps the last good pages.
const UNREADABLE: &[&str] = &["yaml-syntax", "unreadable-file"];

/// What a build made: the checked map, whose pages are made when asked for, and what the
/// pages' script is told.
#[derive(Debug, Default)]
pub struct Build {
    /// The pages of the last map that could be read (`None` before the first build).
    pub pages: Option<Arc<Generation>>,
    /// Increases with every build: an open page of an older one reloads.
    pub generation: u64,
    /// The build's problems reading the map, `file:line:col: message`; when not empty, the
    /// pages are the last good build's.
    pub blocking: Vec<String>,
    /// Errors, warnings and infos of the last build, for the status line.
    pub summary: (usize, usize, usize),
    pub took: Duration,
    /// The site's language is French: the status line is too.
    pub french: bool,
}

impl Build {
    /// The file at `path` (relative to the site's root), made now if no request made it.
    pub fn get(&self, path: &str) -> Made {
        match &self.pages {
            Some(pages) => pages.get(path),
            None => Made::Missing,
        }
    }
}

/// The build shared by the server threads and the watcher.
#[derive(Debug, Default)]
pub struct Shared {
    build: Mutex<Arc<Build>>,
    changed: Condvar,
}

impl Shared {
    pub fn current(&self) -> Arc<Build> {
        self.build.lock().map(|b| Arc::clone(&b)).unwrap_or_default()
    }

    /// Waits until the build is newer than `generation`, or `timeout` passes.
    pub fn wait_newer(&self, generation: u64, timeout: Duration) -> Arc<Build> {
        let Ok(guard) = self.build.lock() else { return Arc::default() };
        match self.changed.wait_timeout_while(guard, timeout, |b| b.generation <= generation) {
            Ok((b, _)) => Arc::clone(&b),
            Err(_) => Arc::default(),
        }
    }

    fn publish(&self, build: Build) {
        if let Ok(mut guard) = self.build.lock() {
            *guard = Arc::new(build);
        }
        self.changed.notify_all();
    }
}

/// How the site is built, every time.
#[derive(Clone, Debug)]
pub struct Options {
    pub dir: PathBuf,
    pub lang: Option<Language>,
    pub as_of: Date,
}

/// The incremental compiler of the map `options` names, as every build reads it.
pub fn engine(options: &Options) -> Engine {
    Engine::new(&options.dir, LoadOptions { within_map: true, ..LoadOptions::default() })
}

/// Checks the map again and publishes it as the next generation, whose pages are made when
/// asked for (`render`): the map is checked again by `engine`, which parses only the files
/// that changed since its last run. When nothing changed (a save without an edit, a
/// `touch`), nothing is rebuilt and no page reloads: returns whether there was a new build.
pub fn rebuild(shared: &Shared, options: &Options, engine: &mut Engine) -> anyhow::Result<bool> {
    let start = Instant::now();
    let previous = shared.current();
    let read = engine.read(&BTreeMap::new())?;
    if engine.reuse().unchanged && previous.generation > 0 {
        return Ok(false);
    }
    // The pages of the last generation still read its model: a patch is made on a copy.
    let compiled = engine.check(read, &[], options.as_of)?;
    let language = options.lang.or(compiled.model.language).unwrap_or(Language::En);
    let blocking: Vec<String> = compiled
        .report
        .findings
        .iter()
        .filter(|f| UNREADABLE.contains(&f.rule))
        .map(|f| located(f, &compiled.sources, language))
        .collect();
    let s = &compiled.report.summary;
    let summary = (s.errors, s.warnings, s.infos);
    let generation = previous.generation + 1;
    let pages = match &previous.pages {
        // Mid-edit: the map as it stands lacks the broken file's entities. Keep the pages
        // (and the map they are made from).
        Some(pages) if !blocking.is_empty() => Arc::clone(pages),
        _ => {
            let site_options =
                site::Options { language, date: None, templates: Vec::new(), progress: None };
            Arc::new(Generation::start(compiled, site_options)?)
        }
    };
    shared.publish(Build {
        pages: Some(pages),
        generation,
        blocking,
        summary,
        took: start.elapsed(),
        french: language == Language::Fr,
    });
    Ok(true)
}

/// `file:line:col: message` of a finding, in the site's language.
fn located(f: &Finding, sources: &SourceMap, language: Language) -> String {
    let level = f.level.word(language);
    match &f.primary {
        Some(label) => {
            let (line, col) = sources.line_col(label.span);
            let path = &sources.get(label.span.file).path;
            format!("{path}:{line}:{col}: {level}[{}] {}", f.rule, f.message.get(language))
        }
        None => format!("{level}[{}] {}", f.rule, f.message.get(language)),
    }
}

#[cfg(test)]
#[expect(clippy::disallowed_methods, reason = "the tests write the map they serve")]
mod tests {
    use super::*;

    /// A map folder, served with the default options.
    fn served() -> (tempfile::TempDir, Options) {
        let dir = tempfile::tempdir().expect("a folder");
        let options = Options {
            dir: dir.path().to_path_buf(),
            lang: None,
            as_of: Date::new(2026, 1, 1).expect("a date"),
        };
        (dir, options)
    }

    /// Writes the map's `map.yaml`.
    fn write(options: &Options, text: &str) {
        std::fs::write(options.dir.join("map.yaml"), text).expect("written");
    }

    #[test]
    fn a_rebuild_with_nothing_changed_keeps_the_build() {
        let (dir, options) = served();
        let write = |text: &str| write(&options, text);
        std::fs::write(dir.path().join("datacarto.yaml"), "organization: {name: Example}\n")
            .expect("written");
        write("stores:\n  - id: crm\n");
        let (shared, mut engine) = (Shared::default(), engine(&options));
        assert!(rebuild(&shared, &options, &mut engine).expect("built"));
        assert_eq!(shared.current().generation, 1);
        // Saved without an edit: the same bytes, nothing to rebuild, no page to reload.
        write("stores:\n  - id: crm\n");
        assert!(!rebuild(&shared, &options, &mut engine).expect("built"));
        assert_eq!(shared.current().generation, 1);
        write("stores:\n  - id: crm\n    name: CRM\n");
        assert!(rebuild(&shared, &options, &mut engine).expect("built"));
        let build = shared.current();
        assert_eq!(build.generation, 2);
        let Made::File(page) = build.get("stores/crm.html") else { panic!("the store's page") };
        assert!(String::from_utf8_lossy(&page).contains("CRM"));
    }

    /// Mid-edit, a file that cannot be read: a new generation (its problems are announced)
    /// whose pages are the last good generation's, made from the map that could be read.
    #[test]
    fn a_broken_file_keeps_the_last_good_pages() {
        let (_dir, options) = served();
        let write = |text: &str| write(&options, text);
        write("stores:\n  - id: crm\n    name: Golden record\n");
        let (shared, mut engine) = (Shared::default(), engine(&options));
        assert!(rebuild(&shared, &options, &mut engine).expect("built"));
        let good = shared.current();
        write("stores:\n  - id: crm\n    name: [unclosed\n");
        assert!(rebuild(&shared, &options, &mut engine).expect("built"));
        let broken = shared.current();
        assert_eq!(broken.generation, 2);
        assert!(broken.blocking[0].starts_with("map.yaml:3:11: error[yaml-syntax]"));
        let (Some(kept), Some(last)) = (&broken.pages, &good.pages) else { panic!("pages") };
        assert!(Arc::ptr_eq(kept, last), "the last good generation's pages");
        let Made::File(page) = broken.get("stores/crm.html") else { panic!("the page") };
        assert!(String::from_utf8_lossy(&page).contains("Golden record"));
    }
}

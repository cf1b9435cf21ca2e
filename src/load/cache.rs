//! What loading keeps between two runs on the same map (`serve`, `lsp`): each manifest's
//! text and what was read from it. A file whose bytes did not change is not parsed again;
//! an edit re-parses the edited file only.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::{LeftOut, Manifests, ReadResult};
use crate::diag::Finding;
use crate::source::{FileId, SourceFile};

/// What one manifest file gave: its entities, its problems and the values left out.
#[derive(Debug, Default)]
pub(super) struct FileLoad {
    pub manifests: Manifests,
    pub findings: Vec<Finding>,
    pub left_out: Vec<LeftOut>,
}

/// The files of the last run, by path within the map.
#[derive(Debug, Default)]
pub struct Cache {
    files: HashMap<String, Entry>,
    last: Reuse,
    /// Every file of the last run, by display path, and the project file's text: when a
    /// run has the same and parsed nothing, nothing that follows can differ either.
    paths: Vec<String>,
    project: Option<String>,
}

/// How many manifest files the last run parsed, and how many it took from the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reuse {
    pub parsed: usize,
    pub reused: usize,
    /// The map is exactly the last run's: the same files, none parsed again, none that
    /// could not be read (whose problem can change while their shown text does not), the
    /// same project file. What was computed from the last run still holds.
    pub unchanged: bool,
}

#[derive(Debug)]
struct Entry {
    /// Size and modification time when read; `None` when they cannot be trusted to tell a
    /// later change (an open buffer, or a file modified too recently: see [`stamp`]).
    stamp: Option<Stamp>,
    /// The file as the last run had it, its lines counted.
    source: Arc<SourceFile>,
    /// Spans name files by id: a result is only good for the id it was made with.
    file: FileId,
    display: String,
    load: Arc<FileLoad>,
}

pub(super) type Stamp = (u64, SystemTime);

/// A file as read for this run: its text, its result when the cache had one, and its size
/// and time when it is a file on disk.
pub(super) struct Looked {
    pub read: ReadResult,
    pub hit: Option<Hit>,
    pub stamp: Option<Stamp>,
}

/// A cached result, usable if the file keeps the same id, and the cached file (its text is
/// the one just read: that read's copy is not kept).
pub(super) struct Hit {
    file: FileId,
    load: Arc<FileLoad>,
    pub source: Arc<SourceFile>,
}

impl Cache {
    /// How the last run went.
    pub fn last(&self) -> Reuse {
        self.last
    }

    /// Reads `rel` (at `path`, or the open buffer `overlay`) unless the cache shows it did
    /// not change. Called in parallel: nothing is written here.
    pub(super) fn look(
        &self,
        rel: &str,
        path: &Path,
        display: &str,
        overlay: Option<&String>,
        read: impl FnOnce() -> ReadResult,
    ) -> Looked {
        let entry = self.files.get(rel).filter(|e| e.display == display);
        let hit = |e: &Entry| {
            Some(Hit { file: e.file, load: Arc::clone(&e.load), source: Arc::clone(&e.source) })
        };
        if let Some(text) = overlay {
            let same = entry.filter(|e| e.source.text == **text);
            let read = ReadResult { text: text.clone(), problem: None };
            return Looked { read, hit: same.and_then(hit), stamp: None };
        }
        // Taken before reading: a write in between leaves an older stamp, read again next time.
        let now = stamp(path);
        if let Some(e) = entry
            && e.stamp.is_some()
            && e.stamp == now
        {
            // Same size and time as when it was read: not even read again (the hit's file
            // holds the text).
            let read = ReadResult { text: String::new(), problem: None };
            return Looked { read, hit: hit(e), stamp: now };
        }
        let read = read();
        let same = entry.filter(|e| read.problem.is_none() && e.source.text == read.text);
        Looked { hit: same.and_then(hit), read, stamp: now }
    }

    /// Starts a run: nothing counted yet.
    pub(super) fn begin(&mut self) {
        self.last = Reuse::default();
    }

    /// The result of a hit, when the file kept its id.
    pub(super) fn reuse(&mut self, hit: Option<&Hit>, file: FileId) -> Option<Arc<FileLoad>> {
        let load = hit.filter(|h| h.file == file).map(|h| Arc::clone(&h.load))?;
        self.last.reused += 1;
        Some(load)
    }

    /// Keeps what a run read of `rel`, for the next one.
    pub(super) fn keep(&mut self, rel: &str, kept: Kept, fresh: bool) {
        if fresh {
            self.last.parsed += 1;
        }
        let Kept { source, file, display, load, stamp } = kept;
        let stamp = stamp.filter(|(_, time)| settled(*time));
        self.files.insert(rel.to_owned(), Entry { stamp, source, file, display, load });
    }

    /// Ends a run whose files were `paths` and whose project file read `project`;
    /// `problems` when some file could not be read.
    pub(super) fn settle(&mut self, paths: Vec<String>, project: Option<&str>, problems: bool) {
        let same_project = self.project.as_deref() == project;
        self.last.unchanged =
            self.last.parsed == 0 && !problems && same_project && self.paths == paths;
        self.paths = paths;
        self.project = project.map(str::to_owned);
    }

    /// Forgets the files the last run did not see (deleted, excluded, unreadable).
    pub(super) fn retain(&mut self, seen: &std::collections::HashSet<String>) {
        self.files.retain(|rel, _| seen.contains(rel));
    }
}

/// What [`Cache::keep`] stores.
pub(super) struct Kept {
    pub source: Arc<SourceFile>,
    pub file: FileId,
    pub display: String,
    pub load: Arc<FileLoad>,
    pub stamp: Option<Stamp>,
}

/// Size and modification time of a file, not following links.
fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Whether a modification time is old enough to tell a later write: on a file system
/// that keeps times in whole seconds, a second write in the same second as the read has
/// the same time (git's "racy" files). Such a file is read and compared again next time.
fn settled(time: SystemTime) -> bool {
    SystemTime::now().duration_since(time).is_ok_and(|age| age > Duration::from_secs(2))
}

#[cfg(test)]
#[expect(clippy::disallowed_methods, reason = "the tests write the maps they load")]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::load::{LoadOptions, Loaded, load, reload};

    const STORES: &str = "stores:\n  - id: crm\n    owner: sales\n    fields:\n      - {id: email, category: user.contact.email}\n";
    const SHOP: &str = "stores:\n  - id: shop\n    owner: sales\n    fields:\n      - {id: email, category: user.contact.email}\n";
    const FLOWS: &str = "flows:\n  - {from: shop, to: crm, fields: [email], owner: sales}\n";

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        std::fs::write(path, text).expect("a manifest");
    }

    /// Everything a load gives, spans included, as text: two loads are the same map when
    /// these are equal.
    fn seen(loaded: &Loaded) -> String {
        let files: Vec<_> = loaded.sources.files().map(|(_, f)| (&f.path, &f.text)).collect();
        format!("{files:?}\n{:?}\n{:?}\n{:?}", loaded.manifests, loaded.findings, loaded.left_out)
    }

    fn map() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a folder");
        write(dir.path(), "datacarto.yaml", "organization: {name: Example}\n");
        write(dir.path(), "stores/crm.yaml", STORES);
        write(dir.path(), "stores/shop.yaml", SHOP);
        write(dir.path(), "flows.yaml", FLOWS);
        dir
    }

    #[test]
    fn an_unchanged_map_is_not_parsed_again() {
        let dir = map();
        let options = LoadOptions::default();
        let mut cache = Cache::default();
        let first = reload(dir.path(), &options, &mut cache).expect("loads");
        assert_eq!(cache.last(), Reuse { parsed: 3, reused: 0, unchanged: false });
        let again = reload(dir.path(), &options, &mut cache).expect("loads");
        assert_eq!(cache.last(), Reuse { parsed: 0, reused: 3, unchanged: true });
        let fresh = load(dir.path(), &options).expect("loads");
        assert_eq!(seen(&first), seen(&fresh));
        assert_eq!(seen(&again), seen(&fresh));
    }

    #[test]
    fn a_map_is_unchanged_only_when_every_file_and_the_project_are() {
        let dir = map();
        let options = LoadOptions::default();
        let mut cache = Cache::default();
        reload(dir.path(), &options, &mut cache).expect("loads");
        let unchanged = |cache: &Cache| cache.last().unchanged;
        reload(dir.path(), &options, &mut cache).expect("loads");
        assert!(unchanged(&cache));
        // Written again with the same bytes (an editor's save without a change): unchanged.
        write(dir.path(), "flows.yaml", FLOWS);
        reload(dir.path(), &options, &mut cache).expect("loads");
        assert!(unchanged(&cache));
        write(dir.path(), "datacarto.yaml", "organization: {name: Other}\n");
        reload(dir.path(), &options, &mut cache).expect("loads");
        assert!(!unchanged(&cache), "the project file changed");
        write(dir.path(), "more/empty.yaml", "");
        reload(dir.path(), &options, &mut cache).expect("loads");
        assert!(!unchanged(&cache), "a file was added");
        std::fs::remove_file(dir.path().join("more/empty.yaml")).expect("removed");
        reload(dir.path(), &options, &mut cache).expect("loads");
        assert!(!unchanged(&cache), "a file was removed");
        std::fs::write(dir.path().join("binary.yaml"), b"a\0b").expect("a file");
        reload(dir.path(), &options, &mut cache).expect("loads");
        reload(dir.path(), &options, &mut cache).expect("loads");
        assert!(!unchanged(&cache), "a file that cannot be read is never taken as unchanged");
    }

    #[test]
    fn an_edit_re_parses_the_edited_file_only() {
        let dir = map();
        let options = LoadOptions::default();
        let mut cache = Cache::default();
        reload(dir.path(), &options, &mut cache).expect("loads");
        write(dir.path(), "stores/shop.yaml", &SHOP.replace("owner: sales", "owner: salse"));
        let edited = reload(dir.path(), &options, &mut cache).expect("loads");
        assert_eq!(cache.last(), Reuse { parsed: 1, reused: 2, unchanged: false });
        assert_eq!(seen(&edited), seen(&load(dir.path(), &options).expect("loads")));
        assert!(seen(&edited).contains("salse"));
    }

    #[test]
    fn open_buffers_count_as_edits_and_are_kept_too() {
        let dir = map();
        let mut options = LoadOptions::default();
        let mut cache = Cache::default();
        reload(dir.path(), &options, &mut cache).expect("loads");
        options.overlay.insert("flows.yaml".to_owned(), FLOWS.replace("crm", "cmr"));
        let typed = reload(dir.path(), &options, &mut cache).expect("loads");
        assert_eq!(cache.last(), Reuse { parsed: 1, reused: 2, unchanged: false });
        assert_eq!(seen(&typed), seen(&load(dir.path(), &options).expect("loads")));
        reload(dir.path(), &options, &mut cache).expect("loads");
        assert_eq!(cache.last(), Reuse { parsed: 0, reused: 3, unchanged: true });
        // The buffer closed: the file on disk is the map's again.
        options.overlay.clear();
        let closed = reload(dir.path(), &options, &mut cache).expect("loads");
        assert_eq!(cache.last(), Reuse { parsed: 1, reused: 2, unchanged: false });
        assert!(!seen(&closed).contains("cmr"));
    }

    #[test]
    fn files_added_or_removed_shift_ids_and_the_files_after_are_parsed_again() {
        let dir = map();
        let options = LoadOptions::default();
        let mut cache = Cache::default();
        reload(dir.path(), &options, &mut cache).expect("loads");
        // `a.yaml` sorts first: every file after it has a new id, so its spans must change.
        write(dir.path(), "a.yaml", "teams:\n  - id: sales\n");
        let added = reload(dir.path(), &options, &mut cache).expect("loads");
        assert_eq!(cache.last(), Reuse { parsed: 4, reused: 0, unchanged: false });
        assert_eq!(seen(&added), seen(&load(dir.path(), &options).expect("loads")));
        std::fs::remove_file(dir.path().join("stores/shop.yaml")).expect("removed");
        let removed = reload(dir.path(), &options, &mut cache).expect("loads");
        // Files before the removed one keep their ids.
        assert_eq!(cache.last(), Reuse { parsed: 0, reused: 3, unchanged: false });
        assert_eq!(seen(&removed), seen(&load(dir.path(), &options).expect("loads")));
        assert!(!seen(&removed).contains("shop.yaml"));
    }

    #[test]
    fn unreadable_files_are_read_again_every_time() {
        let dir = map();
        let options = LoadOptions::default();
        let mut cache = Cache::default();
        write(dir.path(), "stores/bad.yaml", "stores: [\n");
        std::fs::write(dir.path().join("binary.yaml"), b"a\0b").expect("a file");
        let first = reload(dir.path(), &options, &mut cache).expect("loads");
        let again = reload(dir.path(), &options, &mut cache).expect("loads");
        // The syntax error is a parsed file's finding; the binary file is never parsed.
        assert_eq!(cache.last(), Reuse { parsed: 0, reused: 4, unchanged: false });
        assert_eq!(seen(&first), seen(&again));
        assert_eq!(seen(&again), seen(&load(dir.path(), &options).expect("loads")));
        std::fs::write(dir.path().join("binary.yaml"), "teams: [{id: sales}]\n").expect("fixed");
        let fixed = reload(dir.path(), &options, &mut cache).expect("loads");
        assert_eq!(cache.last(), Reuse { parsed: 1, reused: 4, unchanged: false });
        assert_eq!(seen(&fixed), seen(&load(dir.path(), &options).expect("loads")));
    }

    #[test]
    fn a_settled_file_with_the_same_size_and_time_is_not_read() {
        let dir = map();
        let options = LoadOptions::default();
        let path = dir.path().join("flows.yaml");
        let old = SystemTime::now() - Duration::from_secs(60);
        let set_time = |time| {
            let file = std::fs::File::options().write(true).open(&path).expect("the file");
            file.set_modified(time).expect("a time");
        };
        set_time(old);
        let mut cache = Cache::default();
        reload(dir.path(), &options, &mut cache).expect("loads");
        // Same size, same time: taken as unchanged without reading (as make and cargo do).
        std::fs::write(&path, FLOWS.replace("crm", "cmr")).expect("written");
        set_time(old);
        let stale = reload(dir.path(), &options, &mut cache).expect("loads");
        assert!(!seen(&stale).contains("cmr"));
        // Any other time: read, and seen to differ.
        set_time(old + Duration::from_secs(1));
        let read = reload(dir.path(), &options, &mut cache).expect("loads");
        assert!(seen(&read).contains("cmr"));
        assert_eq!(cache.last(), Reuse { parsed: 1, reused: 2, unchanged: false });
    }

    /// One step of an editing session: a file of a small set written, removed, or opened in
    /// the editor with a text.
    #[derive(Clone, Debug)]
    enum Step {
        Write(usize, usize),
        Remove(usize),
        Open(usize, usize),
        Close(usize),
    }

    const PATHS: [&str; 4] = ["a.yaml", "flows.yaml", "stores/crm.yaml", "stores/shop.yaml"];
    const TEXTS: [&str; 5] = [STORES, SHOP, FLOWS, "teams:\n  - id: sales\n", "stores: [\n"];

    fn step() -> impl Strategy<Value = Step> {
        let (p, t) = (0..PATHS.len(), 0..TEXTS.len());
        prop_oneof![
            (p.clone(), t.clone()).prop_map(|(p, t)| Step::Write(p, t)),
            p.clone().prop_map(Step::Remove),
            (p.clone(), t).prop_map(|(p, t)| Step::Open(p, t)),
            p.prop_map(Step::Close),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Whatever the edits, a reload gives exactly what a load from scratch gives.
        #[test]
        fn a_reload_is_a_load(steps in proptest::collection::vec(step(), 1..8)) {
            let dir = map();
            let mut options = LoadOptions::default();
            let mut cache = Cache::default();
            for step in steps {
                match step {
                    Step::Write(p, t) => write(dir.path(), PATHS[p], TEXTS[t]),
                    Step::Remove(p) => {
                        let _ = std::fs::remove_file(dir.path().join(PATHS[p]));
                    }
                    Step::Open(p, t) => {
                        options.overlay.insert(PATHS[p].to_owned(), TEXTS[t].to_owned());
                    }
                    Step::Close(p) => {
                        options.overlay.remove(PATHS[p]);
                    }
                }
                let reloaded = reload(dir.path(), &options, &mut cache).expect("loads");
                let fresh = load(dir.path(), &options).expect("loads");
                prop_assert_eq!(seen(&reloaded), seen(&fresh));
            }
        }
    }
}

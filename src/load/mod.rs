//! Loading a map: discover the files, read them, parse the YAML with spans under limits,
//! check each document against the schema and turn it into manifest types. Every problem of
//! every file becomes a finding and loading goes on; the result does not depend on the order
//! in which the file system lists files. Only this module reads files.

pub mod cache;
#[cfg(test)]
mod corpus;
pub mod de;
pub mod discover;
mod pattern;
mod reading;
pub mod root;
pub mod scalar;
pub mod shape;
mod syntax;
pub mod validate;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, bail};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rayon::prelude::*;

use self::cache::{Cache, FileLoad};
use self::discover::PROJECT_FILE;
use self::yaml::{Node, NodeKind};
use crate::diag::{Finding, Text, t};
use crate::manifest::entities::{Category, Objective, Subject, Team};
use crate::manifest::flow::Flow;
use crate::manifest::project::Project;
use crate::manifest::purpose::Purpose;
use crate::manifest::store::Store;
use crate::rules::{schema, unreadable_file, yaml_syntax};
use crate::source::{FileId, SourceMap, Span};

/// Every entity of every manifest, in file order then document order.
#[derive(Clone, Debug, Default)]
pub struct Manifests {
    pub teams: Vec<Team>,
    pub objectives: Vec<Objective>,
    pub subjects: Vec<Subject>,
    pub categories: Vec<Category>,
    pub stores: Vec<Store>,
    pub flows: Vec<Flow>,
    pub purposes: Vec<Purpose>,
    pub terms: Vec<crate::manifest::entities::Term>,
}

impl Manifests {
    fn append(&mut self, mut other: Manifests) {
        self.teams.append(&mut other.teams);
        self.objectives.append(&mut other.objectives);
        self.subjects.append(&mut other.subjects);
        self.categories.append(&mut other.categories);
        self.stores.append(&mut other.stores);
        self.flows.append(&mut other.flows);
        self.purposes.append(&mut other.purposes);
        self.terms.append(&mut other.terms);
    }
}

/// A loaded map.
#[derive(Debug)]
pub struct Loaded {
    pub sources: SourceMap,
    pub project: Project,
    /// The file of `datacarto.yaml`, when there is one.
    pub project_file: Option<FileId>,
    pub manifests: Manifests,
    pub findings: Vec<Finding>,
    /// Attributes written but left out because they could not be read; each is reported.
    pub left_out: Vec<LeftOut>,
}

/// An attribute written on an entity but left out (a wrong value, a misspelt key), already
/// reported by the loader: a rule that reports the attribute as absent would say the same
/// mistake twice (`checks::left_out`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// Where the entity's id starts (a flow without one: its `from`), the place findings
    /// about the entity point at.
    pub entity: Span,
    /// The attribute's key (`legal_basis`), or the key it was meant to be.
    pub attribute: String,
}

/// The problems reported for one file at most; the rest are counted in one more finding.
pub const MAX_FINDINGS_PER_FILE: usize = 1000;

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Folders to leave out besides the usual ones (the output folder of `build`).
    pub skip: Vec<PathBuf>,
    /// File paths relative to the map's root, whatever folder the map was given as: for
    /// artifacts (a published site must not show `/home/…/map/` or depend on the working
    /// directory). Terminal output keeps paths as typed, which the user can open.
    pub within_map: bool,
    /// Texts that replace what is on disk, by path relative to the map's root
    /// (`/`-separated): the unsaved buffers of an editor (`datacarto lsp`), so that findings
    /// are those of what is being typed, through this one loader.
    pub overlay: std::collections::BTreeMap<String, String>,
}

/// Loads the map at `root`. Fails only when the root itself cannot be used.
pub fn load(root: &Path, options: &LoadOptions) -> anyhow::Result<Loaded> {
    let (read, manifests) = load_with(root, options, None)?;
    Ok(read.with(manifests))
}

/// [`load`] again on the same map, taking from `cache` every file that did not change
/// since the last run and leaving in it what this run read: what `serve` and `lsp` do on
/// every edit. The result is the same as [`load`]'s.
pub fn reload(root: &Path, options: &LoadOptions, cache: &mut Cache) -> anyhow::Result<Loaded> {
    reload_files(root, options, cache).map(Reloaded::into_loaded)
}

/// [`reload`] without putting the files' entities together: each file's as the cache
/// keeps them, so that a re-check that resolves only the edited files copies nothing of
/// the others (`engine`).
pub fn reload_files(
    root: &Path,
    options: &LoadOptions,
    cache: &mut Cache,
) -> anyhow::Result<Reloaded> {
    load_with(root, options, Some(cache)).map(|(read, _)| read)
}

/// A map as [`reload_files`] gives it: like [`Loaded`], with the entities file by file.
#[derive(Debug)]
pub struct Reloaded {
    pub sources: SourceMap,
    pub project: Project,
    pub project_file: Option<FileId>,
    /// The loader's findings, every file's included.
    pub findings: Vec<Finding>,
    pub left_out: Vec<LeftOut>,
    /// Each manifest file that was parsed, in file order.
    pub files: Vec<FileEntities>,
}

/// What one manifest file declares, shared with the cache.
#[derive(Clone, Debug)]
pub struct FileEntities {
    pub file: FileId,
    load: Arc<FileLoad>,
}

impl FileEntities {
    pub fn manifests(&self) -> &Manifests {
        &self.load.manifests
    }

    /// Whether both are the one result the cache kept: the file was not parsed again in
    /// between (its text did not change, nor its id).
    pub fn same(&self, other: &FileEntities) -> bool {
        self.file == other.file && Arc::ptr_eq(&self.load, &other.load)
    }
}

impl Reloaded {
    /// The map with every file's entities copied together, as [`load`] gives it.
    pub fn into_loaded(self) -> Loaded {
        let manifests = copy_manifests(&self.files);
        self.with(manifests)
    }

    fn with(self, manifests: Manifests) -> Loaded {
        let Reloaded { sources, project, project_file, findings, left_out, .. } = self;
        Loaded { sources, project, project_file, manifests, findings, left_out }
    }
}

/// The map at `root`. With a cache, the entities stay file by file (`files`) as the cache
/// keeps them; without one they are moved together, into the `Manifests` returned.
fn load_with(
    root: &Path,
    options: &LoadOptions,
    cache: Option<&mut Cache>,
) -> anyhow::Result<(Reloaded, Manifests)> {
    // Links are never followed, the map's own folder included: a link given as the map
    // (or put in its place by a git revision) could point anywhere, `/` included.
    let meta = std::fs::symlink_metadata(root)
        .with_context(|| format!("cannot read the map folder {}", root.display()))?;
    if meta.file_type().is_symlink() {
        bail!(
            "{} is a symbolic link: links are never followed; give the folder it points to",
            root.display()
        );
    }
    if !meta.is_dir() {
        bail!("{} is not a folder: give the folder of the map", root.display());
    }
    let display_root = if options.within_map { String::new() } else { display_root(root) };
    let mut sources = SourceMap::new();
    sources.root = if display_root.is_empty() { String::new() } else { format!("{display_root}/") };
    let mut findings = Vec::new();

    // The project file comes first: its `exclude:` globs shape discovery.
    let mut project_unread = false;
    let project_path = root.join(PROJECT_FILE);
    // Anything but a folder by that name is read (and reported if it is not a regular file).
    let present = std::fs::symlink_metadata(&project_path).is_ok_and(|m| !m.is_dir());
    let (project, project_file) = if present {
        let display = join_display(&display_root, PROJECT_FILE);
        let read =
            overlaid(options, PROJECT_FILE).unwrap_or_else(|| read_file(&project_path, &display));
        let file = sources.add(display.clone(), read.text);
        project_unread = read.problem.is_some();
        findings.extend(read.problem.map(|p| p.finding(&display, file)));
        let text = &sources.get(file).text;
        let (project, mut found) = load_project(text, file, &display);
        findings.append(&mut found);
        (project, Some(file))
    } else {
        (Project::default(), None)
    };
    let exclude = exclude_set(&project, &sources, &mut findings);

    let discovered = discover::discover(root, &exclude, &options.skip);
    for (rel, kind) in &discovered.errors {
        let display = join_display(&display_root, rel);
        let file = sources.add(display.clone(), String::new());
        let (message, help) = match kind {
            Some(kind) => reading::io_problem(&display, &std::io::Error::from(*kind)),
            None => reading::link_loop(&display),
        };
        findings
            .push(unreadable_file::finding(&display, Span::file_start(file), message).help(help));
    }
    for rel in &discovered.symlinks {
        let display = join_display(&display_root, rel);
        let file = sources.add(display.clone(), String::new());
        findings.push(unreadable_file::symlink(&display, Span::file_start(file)));
    }

    let mut cache = cache;
    let Read { manifests, files, left_out, unread } = read_manifests(
        &discovered,
        &display_root,
        options,
        cache.as_deref_mut(),
        &mut sources,
        &mut findings,
    );
    if let Some(c) = cache {
        let paths = sources.files().map(|(_, f)| f.path.clone()).collect();
        let project = project_file.map(|f| sources.get(f).text.as_str());
        c.settle(paths, project, unread || project_unread || !discovered.errors.is_empty());
    }
    Ok((Reloaded { sources, project, project_file, findings, left_out, files }, manifests))
}

/// The manifests [`read_manifests`] read: moved together without a cache, file by file
/// (as the cache keeps them) with one.
struct Read {
    manifests: Manifests,
    files: Vec<FileEntities>,
    left_out: Vec<LeftOut>,
    /// Some file could not be read.
    unread: bool,
}

/// Reads and parses the manifests in parallel; results are put back in path order. With a
/// cache, a file that did not change is neither read nor parsed again.
fn read_manifests(
    discovered: &discover::Discovered,
    display_root: &str,
    options: &LoadOptions,
    mut cache: Option<&mut Cache>,
    sources: &mut SourceMap,
    findings: &mut Vec<Finding>,
) -> Read {
    let looked: Vec<(String, cache::Looked)> = discovered
        .manifests
        .par_iter()
        .map(|(rel, path)| {
            let display = join_display(display_root, rel);
            let read = || read_file(path, &display);
            let looked = match cache.as_deref() {
                Some(c) => c.look(rel, path, &display, options.overlay.get(rel), read),
                None => cache::Looked {
                    read: overlaid(options, rel).unwrap_or_else(read),
                    hit: None,
                    stamp: None,
                },
            };
            (display, looked)
        })
        .collect();
    if let Some(c) = cache.as_deref_mut() {
        c.begin();
    }
    // Each file: its id, and what the cache had of it.
    let mut unread = false;
    let mut files = Vec::with_capacity(looked.len());
    for ((display, looked), (rel, _)) in looked.into_iter().zip(&discovered.manifests) {
        let file = match &looked.hit {
            Some(hit) => sources.add_shared(Arc::clone(&hit.source)),
            None => sources.add(display.clone(), looked.read.text),
        };
        // A file that could not be read as text is reported once and not parsed: its text
        // is only a copy for showing where it went wrong.
        if let Some(problem) = looked.read.problem {
            findings.push(problem.finding(&display, file));
            unread = true;
            continue;
        }
        let reused = cache.as_deref_mut().and_then(|c| c.reuse(looked.hit.as_ref(), file));
        files.push((rel, file, display, looked.stamp, reused));
    }
    let parsed: Vec<Option<FileLoad>> = files
        .par_iter()
        .map(|(_, file, _, _, reused)| reused.is_none().then(|| load_manifest(sources, *file)))
        .collect();
    let mut manifests = Manifests::default();
    let mut left_out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::new();
    for ((rel, file, display, stamp, reused), parsed) in files.into_iter().zip(parsed) {
        let Some(c) = cache.as_deref_mut() else {
            // No cache: the results move into the map.
            let mut one = parsed.unwrap_or_default();
            manifests.append(one.manifests);
            findings.append(&mut one.findings);
            left_out.append(&mut one.left_out);
            continue;
        };
        let fresh = reused.is_none();
        let load = reused.unwrap_or_else(|| Arc::new(parsed.unwrap_or_default()));
        kept.push(FileEntities { file, load: Arc::clone(&load) });
        let source = sources.shared(file);
        c.keep(rel, cache::Kept { source, file, display, load, stamp }, fresh);
        seen.insert(rel.clone());
    }
    if let Some(c) = cache {
        c.retain(&seen);
        // Findings are few: copied here, where the entities are not.
        findings.extend(kept.iter().flat_map(|f| f.load.findings.iter().cloned()));
        left_out = kept.iter().flat_map(|f| f.load.left_out.iter().cloned()).collect();
    }
    Read { manifests, files: kept, left_out, unread }
}

/// The entities of `files` copied together in file order (the resolver consumes them,
/// the cache keeps its own): in parallel, as the copy of a large map's fields is most of
/// a re-check's loading when every file is resolved again.
pub fn copy_manifests(files: &[FileEntities]) -> Manifests {
    fn all<T: Clone + Send + Sync>(files: &[FileEntities], of: fn(&Manifests) -> &[T]) -> Vec<T> {
        files.par_iter().flat_map_iter(|f| of(f.manifests()).iter().cloned()).collect()
    }
    Manifests {
        teams: all(files, |m| &m.teams),
        objectives: all(files, |m| &m.objectives),
        subjects: all(files, |m| &m.subjects),
        categories: all(files, |m| &m.categories),
        stores: all(files, |m| &m.stores),
        flows: all(files, |m| &m.flows),
        purposes: all(files, |m| &m.purposes),
        terms: all(files, |m| &m.terms),
    }
}

/// The text of an open buffer for `rel`, in place of the file on disk.
fn overlaid(options: &LoadOptions, rel: &str) -> Option<ReadResult> {
    let text = options.overlay.get(rel)?;
    Some(ReadResult { text: text.clone(), problem: None })
}

/// Parses and converts manifest files already in the source map, in parallel; the result
/// is in the order of `files`.
fn load_manifests(
    sources: &SourceMap,
    files: &[FileId],
    findings: &mut Vec<Finding>,
) -> (Manifests, Vec<LeftOut>) {
    let per_file: Vec<FileLoad> =
        files.par_iter().map(|&file| load_manifest(sources, file)).collect();
    let mut manifests = Manifests::default();
    let mut left_out = Vec::new();
    for mut one in per_file {
        manifests.append(one.manifests);
        findings.append(&mut one.findings);
        left_out.append(&mut one.left_out);
    }
    (manifests, left_out)
}

/// Loads a map given as `(path, text)` pairs instead of a folder: the same pipeline without
/// discovery, for tests and fuzzing. `datacarto.yaml`, if given, is the project file.
pub fn load_from_memory(files: &[(&str, &str)]) -> Loaded {
    let mut sorted: Vec<&(&str, &str)> = files.iter().collect();
    sorted.sort_by_key(|(path, _)| *path);
    let mut sources = SourceMap::new();
    let mut findings = Vec::new();
    let mut project = Project::default();
    let mut project_file = None;
    if let Some((path, text)) = sorted.iter().find(|(p, _)| *p == PROJECT_FILE) {
        let file = sources.add((*path).to_owned(), (*text).to_owned());
        let (p, mut f) = load_project(text, file, path);
        project = p;
        project_file = Some(file);
        findings.append(&mut f);
    }
    let ids: Vec<FileId> = sorted
        .iter()
        .filter(|(p, _)| *p != PROJECT_FILE)
        .map(|(path, text)| sources.add((*path).to_owned(), (*text).to_owned()))
        .collect();
    let (manifests, left_out) = load_manifests(&sources, &ids, &mut findings);
    Loaded { sources, project, project_file, manifests, findings, left_out }
}

/// The templates of a `--templates DIR`: every `*.html` file of the folder, by file name.
pub fn templates(dir: &Path) -> anyhow::Result<Vec<(String, String)>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the templates folder {}", dir.display()))?;
    let mut templates = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "html") && path.is_file() {
            #[expect(
                clippy::disallowed_methods,
                reason = "load/ is the one module that reads files"
            )]
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let name =
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            templates.push((name, text));
        }
    }
    templates.sort();
    Ok(templates)
}

/// How paths are shown: relative to the current folder when the map is given that way.
fn display_root(root: &Path) -> String {
    let text = root.to_string_lossy().replace('\\', "/");
    let trimmed = text.trim_end_matches('/');
    if trimmed.is_empty() || trimmed == "." { String::new() } else { trimmed.to_owned() }
}

fn join_display(root: &str, rel: &str) -> String {
    if root.is_empty() { rel.to_owned() } else { format!("{root}/{rel}") }
}

/// A problem reading a file, before any YAML.
enum ReadProblem {
    /// The message and its help.
    Unreadable(Text, Text),
    NotText {
        offset: usize,
        message: Text,
    },
}

impl ReadProblem {
    fn finding(self, display: &str, file: FileId) -> Finding {
        match self {
            ReadProblem::Unreadable(message, help) => {
                unreadable_file::finding(display, Span::file_start(file), message).help(help)
            }
            ReadProblem::NotText { offset, message } => {
                yaml_syntax::finding(display, Span::new(file, offset, offset), message)
            }
        }
    }
}

struct ReadResult {
    /// The text to parse; empty when the file could not be read or is not text.
    text: String,
    problem: Option<ReadProblem>,
}

/// Reads a file; messages name it by `display` (the path as every finding shows it).
fn read_file(path: &Path, display: &str) -> ReadResult {
    let unreadable = |(message, help): (Text, Text)| ReadResult {
        text: String::new(),
        problem: Some(ReadProblem::Unreadable(message, help)),
    };
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.len() > yaml::limits::MAX_FILE_BYTES => {
            return unreadable(reading::too_large(display, meta.len()));
        }
        Ok(meta) if !meta.is_file() => return unreadable(reading::not_a_file(display)),
        Ok(_) => {}
        Err(err) => return unreadable(reading::io_problem(display, &err)),
    }
    #[expect(clippy::disallowed_methods, reason = "load/ is the one module that reads files")]
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => return unreadable(reading::io_problem(display, &err)),
    };
    decode(bytes)
}

/// Bytes → text, or where and why they are not UTF-8 text.
fn decode(bytes: Vec<u8>) -> ReadResult {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if let Some(text) = utf16_start(&bytes) {
        // The whole file is in the wrong encoding: said at its start (not at the first NUL,
        // an odd column of mangled text), showing its first line as it reads.
        let message = t!(
            "the file is UTF-16: save it as UTF-8",
            "le fichier est en UTF-16 : enregistrez-le en UTF-8"
        );
        return ReadResult { text, problem: Some(ReadProblem::NotText { offset: 0, message }) };
    }
    // `contains` scans a word at a time (core's memchr), where `position` goes byte by
    // byte: 110 MB at 500,000 fields. Only a binary file pays for finding where.
    if bytes.contains(&0)
        && let Some(nul) = bytes.iter().position(|&b| b == 0)
    {
        return not_text(
            &bytes,
            nul,
            t!("a binary file, not YAML text", "un fichier binaire, pas du texte YAML"),
        );
    }
    match String::from_utf8(bytes) {
        Ok(text) => ReadResult { text, problem: None },
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            not_text(
                &bytes,
                offset,
                t!(
                    "not UTF-8 text: invalid byte 0x{:02X}; save the file as UTF-8",
                    "pas du texte UTF-8 : octet invalide 0x{:02X} ; enregistrez le fichier en UTF-8",
                    bytes[offset]
                ),
            )
        }
    }
}

/// The first line of a UTF-16 file (with a byte-order mark, or without one when its first
/// characters are ASCII, every other byte NUL), decoded; `None` for anything else.
fn utf16_start(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(240) & !1];
    let ascii_pairs = |zero: usize| {
        head.len() >= 4
            && head.chunks_exact(2).all(|p| p[zero] == 0 && p[1 - zero] != 0 && p[1 - zero] < 0x80)
    };
    let (little, body) = match head {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ if ascii_pairs(1) => (true, head),
        _ if ascii_pairs(0) => (false, head),
        _ => return None,
    };
    let units = body.chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .take_while(|&c| c != '\n' && c != '\r')
        .collect();
    Some(text)
}

fn not_text(bytes: &[u8], offset: usize, message: Text) -> ReadResult {
    // Keep a readable copy of the text up to the bad byte, and a little after it, so that
    // the error can show its line; the copy is never parsed.
    let text = String::from_utf8_lossy(&bytes[..offset]).into_owned();
    let line_end = bytes[offset..]
        .iter()
        .take(120)
        .position(|&b| b == b'\n')
        .map_or((offset + 120).min(bytes.len()), |i| offset + i);
    let shown_offset = text.len();
    let mut text = text;
    text.push_str(&String::from_utf8_lossy(&bytes[offset..line_end]).replace('\0', "\u{FFFD}"));
    ReadResult { text, problem: Some(ReadProblem::NotText { offset: shown_offset, message }) }
}

/// A YAML error of a file, at its place, with its hint.
fn syntax_finding(display: &str, file: FileId, err: yaml::YamlError) -> Finding {
    yaml_syntax::finding(display, Span::new(file, err.offset, err.offset), err.message)
        .maybe_help(err.help)
}

fn load_project(text: &str, file: FileId, display: &str) -> (Project, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut docs = match yaml::parse(text) {
        Ok(docs) => docs,
        Err(err) => {
            findings.push(syntax_finding(display, file, err));
            return (Project::default(), findings);
        }
    };
    if docs.len() > 1 {
        let second = &docs[1];
        findings.push(schema::finding(
            display,
            "",
            Span::new(file, second.start as usize, second.start as usize),
            crate::diag::t!(
                "{PROJECT_FILE} holds one document; this one is ignored",
                "{PROJECT_FILE} contient un seul document ; celui-ci est ignoré"
            ),
            None::<String>,
        ));
    }
    let Some(doc) = docs.first_mut() else { return (Project::default(), findings) };
    if doc.kind == NodeKind::Null {
        return (Project::default(), findings);
    }
    let (ok, errors) = validate::validate(doc, shape::project(), text);
    findings.extend(errors.into_iter().map(|e| schema_finding(display, file, e)));
    if !ok {
        return (Project::default(), findings);
    }
    let project = convert::<Project>(doc, file, text, display, "datacarto.yaml", &mut findings);
    (project.unwrap_or_default(), findings)
}

fn exclude_set(project: &Project, sources: &SourceMap, findings: &mut Vec<Finding>) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for glob in project.exclude.iter().flatten() {
        match Glob::new(&glob.value) {
            Ok(g) => {
                builder.add(g);
            }
            Err(err) => {
                let display = &sources.get(glob.span.file).path;
                findings.push(schema::finding(
                    display,
                    "exclude",
                    glob.span,
                    syntax::glob_problem(&glob.value, err.kind()),
                    None::<String>,
                ));
            }
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

fn schema_finding(display: &str, file: FileId, e: validate::SchemaError) -> Finding {
    let span = Span::new(file, e.start as usize, e.end as usize);
    if let Some((start, end)) = e.repeats {
        // A repeated key breaks YAML itself: yaml-syntax, with both places.
        return yaml_syntax::finding(display, span, e.message)
            .key(format!("{display}#{}/{}", e.path, e.start))
            .related(
                Span::new(file, start as usize, end as usize),
                crate::diag::t!("first here", "première ici"),
            )
            .maybe_help(e.help);
    }
    schema::finding(
        display,
        &e.path,
        Span::new(file, e.start as usize, e.end as usize),
        e.message,
        e.help,
    )
}

/// Reads one entity from its validated node. The validator and the deserializer read
/// scalars by the same rules (`scalar`), so this normally succeeds at once; should they
/// still disagree on a value, that value alone is left out and reported in the project's
/// words (never the deserializer's), and the entity is read again without it: one bad
/// value never costs its entity.
fn convert<T: serde::de::DeserializeOwned>(
    node: &mut Node<'_>,
    file: FileId,
    text: &str,
    display: &str,
    what: &str,
    findings: &mut Vec<Finding>,
) -> Option<T> {
    // Each retry removes one value, so the loop ends; the bound is a second guard.
    for _ in 0..64 {
        let err = match de::from_node::<T>(node, file, text) {
            Ok(value) => return Some(value),
            Err(err) => err,
        };
        let whole = (node.start, node.end);
        let removed = err.span.filter(|s| *s != whole).and_then(|s| prune_at(node, s));
        let Some((key, found)) = removed else { break };
        let (start, end) = err.span.unwrap_or(whole);
        findings.push(schema::finding(
            display,
            &key,
            Span::new(file, start as usize, end as usize),
            t!(
                "'{key}' cannot be read from {found}; it is left out",
                "'{key}' ne peut pas être lu depuis {found} ; il est laissé de côté"
            ),
            Some(t!(
                "see '{key}' in docs/manifest.md, or `datacarto schema`",
                "voyez '{key}' dans docs/manifest.md, ou `datacarto schema`"
            )),
        ));
    }
    findings.push(schema::finding(
        display,
        "",
        Span::new(file, node.start as usize, node.start as usize),
        {
            let k = crate::words::finding::kind(what);
            let fr = if what.ends_with(".yaml") { what.to_owned() } else { k.the() };
            let (read, left) = (k.agree("lu", "lue"), k.agree("laissé", "laissée"));
            t!(
                "this {what} cannot be read and is left out",
                "{fr} ne peut pas être {read} et est {left} de côté"
            )
        },
        Some(t!(
            "see docs/manifest.md for the format, or `datacarto schema`",
            "voyez docs/manifest.md pour le format, ou `datacarto schema`"
        )),
    ));
    None
}

/// Removes the deepest value whose bytes are `span` (a mapping entry, or a list item),
/// returning its key (or its list's key) and what it was. The whole tree is searched: the
/// span of a collection is not always the bytes of everything in it.
fn prune_at(node: &mut Node<'_>, span: (u32, u32)) -> Option<(String, String)> {
    match &mut node.kind {
        NodeKind::Map(entries) => {
            for i in 0..entries.len() {
                if let Some((key, found)) = prune_at(&mut entries[i].1, span) {
                    // A list item is named by its list's key.
                    let key = if key.is_empty() { entries[i].0.name.to_string() } else { key };
                    return Some((key, found));
                }
                if (entries[i].1.start, entries[i].1.end) == span {
                    let (key, value) = entries.remove(i);
                    return Some((key.name.into_owned(), value.kind.describe().to_owned()));
                }
            }
            None
        }
        NodeKind::Seq(items) => {
            for i in 0..items.len() {
                if let Some(found) = prune_at(&mut items[i], span) {
                    return Some(found);
                }
                if (items[i].start, items[i].end) == span {
                    let item = items.remove(i);
                    return Some((String::new(), item.kind.describe().to_owned()));
                }
            }
            None
        }
        _ => None,
    }
}

/// Parses, validates and converts one manifest file.
fn load_manifest(sources: &SourceMap, file: FileId) -> FileLoad {
    let source = sources.shared(file);
    let (text, display) = (source.text.as_str(), source.path.as_str());
    let mut manifests = Manifests::default();
    let mut findings = Vec::new();
    let mut left_out = Vec::new();
    let mut docs = match yaml::parse_file(&source) {
        Ok(docs) => docs,
        Err(err) => {
            findings.push(syntax_finding(display, file, err));
            return FileLoad { manifests, findings, left_out };
        }
    };
    for doc in &mut docs {
        if doc.kind == NodeKind::Null {
            continue; // an empty document (`---` alone)
        }
        let outcome = validate::validate_all(doc, shape::document(), text);
        findings.extend(outcome.errors.into_iter().map(|e| schema_finding(display, file, e)));
        left_out.extend(outcome.pruned.into_iter().map(|(start, attribute)| LeftOut {
            entity: Span::new(file, start as usize, start as usize),
            attribute,
        }));
        if findings.len() > MAX_FINDINGS_PER_FILE {
            // A generated or mangled file can hold problems by the hundred thousand; the
            // first ones say what is wrong, the rest would drown the report.
            let more = findings.len() - MAX_FINDINGS_PER_FILE;
            findings.truncate(MAX_FINDINGS_PER_FILE);
            findings.push(
                schema::finding(
                    display,
                    "",
                    Span::file_start(file),
                    t!(
                        "{more} more problems in this file are not shown",
                        "{more} autres problèmes de ce fichier ne sont pas montrés"
                    ),
                    None::<String>,
                )
                .key(format!("{display}#more")),
            );
            return FileLoad { manifests, findings, left_out };
        }
        let NodeKind::Map(entries) = &mut doc.kind else { continue };
        for (key, value) in entries {
            let NodeKind::Seq(items) = &mut value.kind else { continue };
            let m = &mut manifests;
            let f = &mut findings;
            for item in items {
                // Entity by entity: a value that cannot be read loses that value only.
                match key.name.as_ref() {
                    "teams" => m.teams.extend(convert(item, file, text, display, "team", f)),
                    "objectives" => {
                        m.objectives.extend(convert(item, file, text, display, "objective", f));
                    }
                    "subjects" => {
                        m.subjects.extend(convert(item, file, text, display, "subject", f));
                    }
                    "categories" => {
                        m.categories.extend(convert(item, file, text, display, "category", f));
                    }
                    "stores" => m.stores.extend(convert(item, file, text, display, "store", f)),
                    "flows" => m.flows.extend(convert(item, file, text, display, "flow", f)),
                    "purposes" => {
                        m.purposes.extend(convert(item, file, text, display, "purpose", f));
                    }
                    "terms" => m.terms.extend(convert(item, file, text, display, "term", f)),
                    _ => {}
                }
            }
        }
    }
    FileLoad { manifests, findings, left_out }
}

/// The bytes of an inventory to import (`datacarto import inventory FILE`), read whole:
/// a workbook is a zip archive that the reader needs in memory anyway.
pub fn read_inventory(path: &Path) -> anyhow::Result<Vec<u8>> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_file() {
        bail!("{} is not a file: give the workbook or CSV file to import", path.display());
    }
    if meta.len() > yaml::limits::MAX_FILE_BYTES {
        bail!(
            "{} is {} MiB, more than the {} MiB an inventory may hold",
            path.display(),
            meta.len() / (1024 * 1024),
            yaml::limits::MAX_FILE_BYTES / (1024 * 1024)
        );
    }
    #[expect(clippy::disallowed_methods, reason = "load/ is the one module that reads files")]
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(bytes)
}

/// The fides files to import (`datacarto import fides SRC...`): each source itself, or the
/// `.yml`/`.yaml` files below a folder in name order, as (path shown, text).
pub fn read_fides(sources: &[PathBuf]) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for source in sources {
        let mut paths = vec![source.clone()];
        if source.is_dir() {
            #[expect(clippy::disallowed_methods, reason = "a fides folder, not a map: no excludes")]
            let walk = walkdir::WalkDir::new(source);
            paths = walk
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
                .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
                .collect();
            paths.sort();
        }
        for path in paths {
            let shown = path.display().to_string();
            let meta = std::fs::metadata(&path).with_context(|| format!("cannot read {shown}"))?;
            if meta.len() > yaml::limits::MAX_FILE_BYTES {
                bail!(
                    "{shown} is more than the {} MiB a YAML file may hold",
                    yaml::limits::MAX_FILE_BYTES / (1024 * 1024)
                );
            }
            #[expect(
                clippy::disallowed_methods,
                reason = "load/ is the one module that reads files"
            )]
            let bytes = std::fs::read(&path).with_context(|| format!("cannot read {shown}"))?;
            let Ok(text) = String::from_utf8(bytes) else {
                bail!("{shown} is not UTF-8 text: save it as UTF-8");
            };
            out.push((shown, text));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Invalid UTF-8 and binary files are reported at the first bad byte.
    #[test]
    fn decode_reports_bad_bytes() {
        let read = decode(b"a: 1\nb: \xFF\n".to_vec());
        let Some(ReadProblem::NotText { offset, message }) = read.problem else { panic!() };
        assert_eq!(offset, 8);
        assert!(message.contains("0xFF"));
        assert_eq!(read.text, "a: 1\nb: \u{FFFD}");
        let read = decode(b"\x00\x01\x02".to_vec());
        assert!(matches!(read.problem, Some(ReadProblem::NotText { offset: 0, .. })));
    }

    /// Should the deserializer refuse a value the validator let through, that value alone
    /// is left out, in the project's words, and the entity loads without it.
    #[test]
    fn an_unreadable_value_costs_only_itself() {
        let text = "{id: shop, records: many, kind: crm, fields: [{id: a, completeness: x}]}";
        let mut node = yaml::parse(text).unwrap().remove(0);
        let mut findings = Vec::new();
        let store: Option<Store> =
            convert(&mut node, FileId(0), text, "map.yaml", "store", &mut findings);
        let store = store.unwrap_or_else(|| panic!("the store loads: {findings:#?}"));
        assert_eq!(store.id.as_str(), "shop");
        assert!(store.records.is_none());
        assert_eq!(store.kind, Some(crate::manifest::enums::StoreKind::Crm));
        assert!(store.fields.unwrap()[0].completeness.is_none());
        let messages: Vec<_> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "'records' cannot be read from a string; it is left out",
                "'completeness' cannot be read from a string; it is left out"
            ]
        );
        let at = findings[0].primary.as_ref().unwrap().span;
        assert_eq!(&text[at.start as usize..at.end as usize], "many");
    }

    /// UTF-16, with a byte-order mark or without, is reported at the start of the file,
    /// with its first line decoded.
    #[test]
    fn utf16_is_reported_at_the_start() {
        let le: Vec<u8> = "stores:\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "stores:\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [[&[0xFF, 0xFE][..], &le].concat(), [&[0xFE, 0xFF][..], &be].concat(), le] {
            let read = decode(bytes);
            let Some(ReadProblem::NotText { offset, message }) = read.problem else { panic!() };
            assert_eq!((offset, message.as_str()), (0, "the file is UTF-16: save it as UTF-8"));
            assert_eq!(read.text, "stores:");
        }
    }

    /// A UTF-8 byte-order mark is dropped.
    /// Open buffers replace the files on disk, the project file included; a buffer for a
    /// file that is not on disk adds nothing (the map is what discovery finds).
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test writes its map")]
    fn overlay_replaces_the_files_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("stores")).unwrap();
        std::fs::write(dir.path().join("stores/a.yaml"), "stores: [\n").unwrap();
        std::fs::write(dir.path().join(PROJECT_FILE), "organization: {name: Acme}\n").unwrap();
        let rules = |loaded: &Loaded| -> Vec<(&str, String)> {
            let paths = |f: &Finding| {
                f.primary.as_ref().map(|l| loaded.sources.get(l.span.file).path.clone())
            };
            loaded.findings.iter().map(|f| (f.rule, paths(f).unwrap_or_default())).collect()
        };
        let on_disk = load(dir.path(), &LoadOptions { within_map: true, ..LoadOptions::default() });
        assert_eq!(
            rules(&on_disk.unwrap()),
            [(yaml_syntax::RULE.name, "stores/a.yaml".to_owned())]
        );

        let mut options = LoadOptions { within_map: true, ..LoadOptions::default() };
        options.overlay.insert("stores/a.yaml".into(), "stores: []\n".into());
        options.overlay.insert(PROJECT_FILE.into(), "organization: [\n".into());
        options.overlay.insert("stores/new.yaml".into(), "stores: [\n".into());
        let loaded = load(dir.path(), &options).unwrap();
        assert_eq!(rules(&loaded), [(yaml_syntax::RULE.name, PROJECT_FILE.to_owned())]);
        assert_eq!(loaded.sources.len(), 2);
    }

    #[test]
    fn decode_strips_bom() {
        let read = decode(b"\xEF\xBB\xBFa: 1\n".to_vec());
        assert!(read.problem.is_none());
        assert_eq!(read.text, "a: 1\n");
    }
}

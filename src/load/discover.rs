//! Finds the manifests of a map (manifest.md §1): every `*.yaml` / `*.yml` below the root,
//! skipping hidden folders, `target/`, `node_modules/`, the output folder and `exclude:`
//! globs. Symbolic links are never followed; they are reported.

use std::path::{Path, PathBuf};

use globset::GlobSet;
use walkdir::WalkDir;

/// The project file at the root of a map.
pub const PROJECT_FILE: &str = "datacarto.yaml";

/// What discovery found, sorted by relative path.
#[derive(Debug, Default)]
pub struct Discovered {
    /// Relative path (`/`-separated) and full path of each manifest.
    pub manifests: Vec<(String, PathBuf)>,
    /// Symbolic links skipped, by relative path.
    pub symlinks: Vec<String>,
    /// Paths that could not be listed, with the kind of the system's error (none: a loop
    /// of links). The kind, not its English text: the finding says it in the map's language.
    pub errors: Vec<(String, Option<std::io::ErrorKind>)>,
}

/// Lists the manifests under `root`. `skip` holds folders to leave out (the output folder).
pub fn discover(root: &Path, exclude: &GlobSet, skip: &[PathBuf]) -> Discovered {
    let mut found = Discovered::default();
    #[expect(clippy::disallowed_methods, reason = "discovery is the one place that walks the map")]
    let walker = WalkDir::new(root).follow_links(false).sort_by_file_name();
    let walker = walker.into_iter().filter_entry(|entry| {
        if entry.depth() == 0 || !entry.file_type().is_dir() {
            return true;
        }
        let name = entry.file_name().to_string_lossy();
        let skipped_name = name.starts_with('.') || name == "target" || name == "node_modules";
        // A folder datacarto wrote (a built site) holds no manifest of the map.
        let ours = entry.path().join(crate::output::MARKER).is_file();
        !skipped_name && !ours && !skip.iter().any(|s| same_path(s, entry.path()))
    });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_default();
                found.errors.push((path, err.io_error().map(std::io::Error::kind)));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = relative(root, entry.path());
        if exclude.is_match(&rel) {
            continue;
        }
        if entry.path_is_symlink() {
            if is_manifest_name(&rel) || points_to_dir_or_nowhere(entry.path()) {
                found.symlinks.push(rel);
            }
            continue;
        }
        // A FIFO, socket or device named `*.yaml` is listed too: reading it reports it as
        // not a regular file (without opening it) instead of skipping it silently.
        if !entry.file_type().is_dir() && is_manifest_name(&rel) && rel != PROJECT_FILE {
            found.manifests.push((rel, entry.path().to_path_buf()));
        }
    }
    found.manifests.sort();
    found.symlinks.sort();
    found.errors.sort();
    found
}

fn is_manifest_name(rel: &str) -> bool {
    rel.ends_with(".yaml") || rel.ends_with(".yml")
}

fn points_to_dir_or_nowhere(path: &Path) -> bool {
    // `metadata` follows the link once; a loop or a dangling link is an error here.
    std::fs::metadata(path).map_or(true, |m| m.is_dir())
}

fn same_path(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// `root/stores/crm.yaml` → `stores/crm.yaml`, with `/` separators on every system.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> =
        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, rel: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        #[expect(clippy::disallowed_methods, reason = "test fixture")]
        std::fs::write(path, "{}\n").unwrap();
    }

    /// Hidden folders, target/, node_modules/, excluded globs and the project file are
    /// skipped; the rest is listed in path order.
    #[test]
    fn finds_manifests_and_skips_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        for rel in [
            "datacarto.yaml",
            "stores/crm.yaml",
            "flows.yml",
            ".github/workflows/ci.yaml",
            "target/x.yaml",
            "node_modules/y.yaml",
            "drafts/z.yaml",
            "notes.txt",
            "a.yaml",
        ] {
            touch(dir.path(), rel);
        }
        let mut builder = globset::GlobSetBuilder::new();
        builder.add(globset::Glob::new("drafts/**").unwrap());
        let found = discover(dir.path(), &builder.build().unwrap(), &[]);
        let rels: Vec<_> = found.manifests.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(rels, ["a.yaml", "flows.yml", "stores/crm.yaml"]);
    }

    /// A symbolic link loop is reported and not followed.
    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "a.yaml");
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("a.yaml"), dir.path().join("b.yaml")).unwrap();
        let found = discover(dir.path(), &GlobSet::empty(), &[]);
        assert_eq!(found.manifests.len(), 1);
        assert_eq!(found.symlinks, ["b.yaml", "loop"]);
    }
}

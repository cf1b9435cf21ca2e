//! The one module that writes files: artifacts go into the chosen folder only, each through a
//! temporary file renamed into place, and nothing that exists is overwritten unless datacarto
//! made it.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, bail};
use rayon::prelude::*;

/// A file to write: a path relative to the output folder, and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Artifact {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Artifact {
        Artifact { path: path.into(), bytes: bytes.into() }
    }
}

/// Where an artifact goes; refuses paths that would leave `dir`.
fn target(dir: &Path, rel: &str) -> anyhow::Result<PathBuf> {
    let rel_path = Path::new(rel);
    if rel.is_empty() || rel_path.components().any(|c| !matches!(c, Component::Normal(_))) {
        bail!("refusing to write '{rel}': outside the output folder");
    }
    Ok(dir.join(rel_path))
}

/// Writes `artifacts` into `dir`, creating folders, and refuses to start if any file exists.
pub fn write_new(dir: &Path, artifacts: &[Artifact]) -> anyhow::Result<()> {
    let mut existing = Vec::new();
    for a in artifacts {
        let path = target(dir, &a.path)?;
        if path.exists() || path.is_symlink() {
            existing.push(a.path.clone());
        }
    }
    if !existing.is_empty() {
        bail!("{} already exists in {}; nothing was written", existing.join(", "), dir.display());
    }
    for a in artifacts {
        write_atomic(&target(dir, &a.path)?, &a.bytes)?;
    }
    Ok(())
}

/// The file that marks a folder as written by datacarto: only such a folder (or an empty one)
/// is ever replaced, and discovery skips it.
pub const MARKER: &str = ".datacarto";

/// Writes a whole folder (`build -o OUT`): everything goes into a new folder beside OUT, which
/// then takes OUT's place; a reader never sees half a site. An existing OUT is replaced only
/// when datacarto made it (it holds the marker) or when it is empty.
pub fn write_folder(out: &Path, artifacts: &[Artifact]) -> anyhow::Result<()> {
    let folder = Folder::begin(out)?;
    // A large site is hundreds of megabytes: the files are written in parallel.
    artifacts.par_iter().try_for_each(|a| folder.write(a))?;
    folder.finish()
}

/// A folder being written, file by file as they are made (a large site need not be held in
/// memory whole), into a new folder beside OUT; `finish` puts it in OUT's place. Dropped
/// unfinished, it removes what it wrote and OUT is left as it was.
pub struct Folder {
    out: PathBuf,
    fresh: PathBuf,
    old: PathBuf,
    finished: bool,
}

#[expect(clippy::disallowed_methods, reason = "output.rs is the one module that writes files")]
impl Folder {
    /// Checks that OUT may be replaced, before anything is made.
    pub fn begin(out: &Path) -> anyhow::Result<Folder> {
        if out.exists() {
            if !out.is_dir() {
                bail!("{} exists and is not a folder; nothing was written", out.display());
            }
            let ours = out.join(MARKER).is_file();
            let empty = std::fs::read_dir(out)
                .with_context(|| format!("cannot read {}", out.display()))?
                .next()
                .is_none();
            if !ours && !empty {
                bail!(
                    "{} exists and was not made by datacarto; nothing was written (choose another folder, or empty this one)",
                    out.display()
                );
            }
        }
        let name =
            out.file_name().map_or_else(|| "site".to_owned(), |n| n.to_string_lossy().into_owned());
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let fresh = parent.join(format!(".{name}.datacarto-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.datacarto-old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&fresh);
        std::fs::create_dir(&fresh)
            .with_context(|| format!("cannot create {}", fresh.display()))?;
        Ok(Folder { out: out.to_owned(), fresh, old, finished: false })
    }

    /// Writes one file of the folder; from several threads at once.
    pub fn write(&self, artifact: &Artifact) -> anyhow::Result<()> {
        let path = target(&self.fresh, &artifact.path)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&path, &artifact.bytes)
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// Marks the new folder as datacarto's and puts it in OUT's place.
    pub fn finish(mut self) -> anyhow::Result<()> {
        let (out, fresh, old) = (&self.out, &self.fresh, &self.old);
        let result = (|| {
            std::fs::write(
                fresh.join(MARKER),
                "A folder written by datacarto build; datacarto replaces it on the next build.\n",
            )
            .context("cannot write the folder's marker")?;
            if out.exists() {
                std::fs::rename(out, old)
                    .with_context(|| format!("cannot move the old {} aside", out.display()))?;
            }
            std::fs::rename(fresh, out)
                .with_context(|| format!("cannot put the new {} in place", out.display()))
        })();
        if result.is_err() && old.exists() && !out.exists() {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(old);
        self.finished = result.is_ok();
        result
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.fresh);
        }
    }
}

/// Writes one file (`-o FILE`), replacing it if it exists, through a temporary file renamed
/// into place: a reader never sees half a file.
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!("{} is a folder: give a file name", path.display());
    }
    write_atomic(path, bytes)
}

/// Writes through a temporary file in the same folder, renamed into place.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.datacarto-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        file.write_all(bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
        file.sync_all().ok();
        std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paths that climb out of the folder are refused.
    #[test]
    fn refuses_escaping_paths() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(write_new(dir.path(), &[Artifact::new(bad, "x")]).is_err(), "{bad}");
        }
    }

    /// `write_file` creates and replaces a file, and refuses a folder.
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test reads back what it wrote")]
    fn write_file_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        write_file(&path, b"1").unwrap();
        write_file(&path, b"22").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"22");
        assert!(write_file(dir.path(), b"x").is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }

    /// A folder is replaced when datacarto made it, and refused otherwise.
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads folders")]
    fn folders_are_replaced_only_when_ours() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_folder(&out, &[Artifact::new("a/index.html", "1")]).unwrap();
        write_folder(&out, &[Artifact::new("b.html", "2")]).unwrap();
        assert!(!out.join("a").exists(), "the old site is gone");
        assert_eq!(std::fs::read_to_string(out.join("b.html")).unwrap(), "2");
        let theirs = dir.path().join("theirs");
        std::fs::create_dir(&theirs).unwrap();
        std::fs::write(theirs.join("notes.txt"), "keep me").unwrap();
        assert!(write_folder(&theirs, &[Artifact::new("x.html", "3")]).is_err());
        assert_eq!(std::fs::read_to_string(theirs.join("notes.txt")).unwrap(), "keep me");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary folder left");
    }

    /// A build that fails half-way (a file refused, an error in a job) leaves the previous
    /// site as it was and no temporary folder behind.
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test reads folders")]
    fn an_unfinished_folder_leaves_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_folder(&out, &[Artifact::new("index.html", "old")]).unwrap();
        let folder = Folder::begin(&out).unwrap();
        folder.write(&Artifact::new("index.html", "new")).unwrap();
        assert!(folder.write(&Artifact::new("../escape.html", "x")).is_err());
        drop(folder);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary folder left");
    }

    /// Replacing a site removes the old one's files, deep folders included, and never
    /// follows a link someone put into it: what the link points to stays.
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads folders")]
    fn replacing_removes_the_old_tree_but_not_what_links_point_to() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let deep: Vec<Artifact> =
            (0..50).map(|i| Artifact::new(format!("maps/stores/{i}.svg"), "x")).collect();
        write_folder(&out, &deep).unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("keep.txt"), "keep me").unwrap();
        std::os::unix::fs::symlink(&elsewhere, out.join("maps/link")).unwrap();
        write_folder(&out, &[Artifact::new("index.html", "new")]).unwrap();
        assert!(!out.join("maps").exists(), "the old tree is gone");
        assert_eq!(std::fs::read_to_string(elsewhere.join("keep.txt")).unwrap(), "keep me");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "site and elsewhere, no old folder left");
    }

    /// Nothing is written when one file already exists.
    #[test]
    fn never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        write_new(dir.path(), &[Artifact::new("a.yaml", "1")]).unwrap();
        let err =
            write_new(dir.path(), &[Artifact::new("b.yaml", "2"), Artifact::new("a.yaml", "3")])
                .unwrap_err();
        assert!(err.to_string().contains("a.yaml already exists"));
        assert!(!dir.path().join("b.yaml").exists());
    }
}

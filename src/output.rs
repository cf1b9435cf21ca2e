//! The one module that writes files: artifacts go into the chosen folder only, each through a
//! temporary file renamed into place, and nothing that exists is overwritten unless datacarto
//! made it.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, bail};

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

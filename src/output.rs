//! The one module that writes files: artifacts go into the chosen folder only, each through a
//! temporary file renamed into place, and nothing that exists is overwritten unless datacarto
//! made it.

mod folder;

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context as _, anyhow, bail};

pub use self::folder::{Folder, MARKER, write_folder};

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
        let path = target(dir, &a.path)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        write_atomic(&path, &a.bytes, false)?;
    }
    Ok(())
}

/// Writes one file (`-o FILE`), replacing it if it exists, through a temporary file renamed
/// into place: a reader never sees half a file. A `.yaml` name is refused: it is, or could
/// be, a manifest of a map (`-o stores/crm.yaml` would have replaced the store).
pub fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!("{} is a folder: give a file name", path.display());
    }
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
    {
        bail!(
            "refusing to write {}: a .yaml file is a manifest of a map, datacarto never writes over one; nothing was written (choose another name)",
            path.display()
        );
    }
    create_parent(parent_of(path))?;
    write_atomic(path, bytes, true)
}

/// Writes a manifest of the map in `map` (`import inventory --into`: the one command that
/// edits manifests, and only those of the map it was pointed at), atomically like
/// `write_file`. `relative` must stay inside the map (no `..`, not absolute), and a link in
/// its place is refused rather than written through.
pub fn write_manifest(map: &Path, relative: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if !relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        bail!("refusing to write {}: it is outside the map", relative.display());
    }
    let path = map.join(relative);
    if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        bail!("refusing to write {}: it is a link; nothing was written", path.display());
    }
    let parent = parent_of(&path);
    if !parent.is_dir() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    write_atomic(&path, bytes, true)
}

/// The folder of `path`, `.` for a bare file name.
fn parent_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Makes sure the folder `dir` exists. Missing folders are created only below the current
/// folder (`-o out/site`): a path such as `/nonexistent/dir/file` would otherwise create
/// folders anywhere the user may write, `/` included, from a typo.
fn create_parent(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let below_current =
        dir.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !below_current {
        bail!(
            "the folder {} does not exist; nothing was written (create it first, or write below the current folder)",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// Writes through a temporary file in the same folder, renamed into place (`replace`), or
/// linked there only if nothing is (`!replace`). The temporary is created exclusively
/// (`O_EXCL`) under an unpredictable name: in a shared folder, another user cannot plant a
/// link where it will be and have datacarto write through it.
fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> anyhow::Result<()> {
    let parent = parent_of(path);
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.datacarto-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // The umask applies, as for any file the user creates (not tempfile's 0600).
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(parent)
        .with_context(|| format!("cannot write a temporary file in {}", parent.display()))?;
    tmp.write_all(bytes).with_context(|| format!("cannot write {}", tmp.path().display()))?;
    tmp.as_file().sync_all().ok();
    // A failed persist drops the temporary, which removes it.
    if replace {
        tmp.persist(path).map_err(|e| anyhow!(e.error))
    } else {
        tmp.persist_noclobber(path).map_err(|e| anyhow!(e.error))
    }
    .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
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

    /// The temporary file is made exclusively under an unpredictable name: a link planted
    /// where the old, predictable name was (`.NAME.datacarto-PID.tmp`) is not written
    /// through, and the file it points to is left as it was.
    #[cfg(unix)]
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads files")]
    fn a_planted_link_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "root's file").unwrap();
        let planted = dir.path().join(format!(".r.csv.datacarto-{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_file(&dir.path().join("r.csv"), b"register").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "root's file");
        assert_eq!(std::fs::read_to_string(dir.path().join("r.csv")).unwrap(), "register");
    }

    /// The attack itself, with two users: in a shared folder (mode 1777), `nobody` links the
    /// name the old code would use to a file of root's; root's write leaves that file as it
    /// was. Runs as root with `setpriv`; skipped otherwise.
    #[cfg(target_os = "linux")]
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads files")]
    #[expect(clippy::print_stderr, reason = "a skipped test says why")]
    fn another_users_planted_link_is_not_written_through() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "root's file").unwrap();
        let planted = shared.join(format!(".r.md.datacarto-{}.tmp", std::process::id()));
        let made = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "ln", "-s"])
            .arg(&victim)
            .arg(&planted)
            .status();
        if !made.is_ok_and(|s| s.success()) || !planted.is_symlink() {
            eprintln!("skipped: running as another user needs root and setpriv");
            return;
        }
        write_file(&shared.join("r.md"), b"register").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "root's file");
        assert_eq!(std::fs::read_to_string(shared.join("r.md")).unwrap(), "register");
    }

    /// A manifest is written only inside its map, never through a link.
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test reads back what it wrote")]
    fn manifests_are_written_inside_their_map_only() {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path();
        write_manifest(map, Path::new("stores/crm.yaml"), b"stores: []\n").unwrap();
        assert_eq!(std::fs::read(map.join("stores/crm.yaml")).unwrap(), b"stores: []\n");
        let err = write_manifest(map, Path::new("../x.yaml"), b"").unwrap_err().to_string();
        assert!(err.contains("outside the map"), "{err}");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(map.join("elsewhere"), map.join("link.yaml")).unwrap();
            let err = write_manifest(map, Path::new("link.yaml"), b"").unwrap_err().to_string();
            assert!(err.contains("is a link"), "{err}");
            assert!(!map.join("elsewhere").exists());
        }
    }

    /// `-o` never writes over a manifest (any `.yaml`/`.yml`), and never creates folders
    /// outside the current one: `/nonexistent/dir/file` is refused, not made at `/`.
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads files")]
    fn manifests_and_far_missing_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = dir.path().join("crm.yaml");
        std::fs::write(&manifest, "stores: []\n").unwrap();
        for name in ["crm.yaml", "new.yml", "X.YAML"] {
            let err = write_file(&dir.path().join(name), b"x").unwrap_err().to_string();
            assert!(err.contains("a .yaml file is a manifest"), "{err}");
        }
        assert_eq!(std::fs::read_to_string(&manifest).unwrap(), "stores: []\n");
        let far = dir.path().join("missing/deeper/r.md");
        let err = write_file(&far, b"x").unwrap_err().to_string();
        assert!(err.contains("does not exist; nothing was written"), "{err}");
        assert!(!dir.path().join("missing").exists());
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

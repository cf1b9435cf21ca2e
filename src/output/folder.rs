//! `build -o OUT`: a whole folder written beside OUT, then swapped into its place in one step
//! where the OS can (`renameat2(RENAME_EXCHANGE)`), and what an interrupted build left behind
//! cleaned up or put back by the next one.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use rayon::prelude::*;
use tempfile::TempDir;

use super::{Artifact, create_parent, parent_of, target};

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
    /// `.OUT.datacarto-new-PID-RANDOM`: the process id tells a later build whether its
    /// maker is gone; the random part makes the name unpredictable to other users.
    fresh: TempDir,
}

#[expect(clippy::disallowed_methods, reason = "output/ is the one module that writes files")]
impl Folder {
    /// Checks that OUT may be replaced, before anything is made.
    pub fn begin(out: &Path) -> anyhow::Result<Folder> {
        refuse_current(out)?;
        let name =
            out.file_name().map_or_else(|| "site".to_owned(), |n| n.to_string_lossy().into_owned());
        let parent = parent_of(out);
        create_parent(parent)?;
        let fresh = temporary(parent, &format!(".{name}.datacarto-new-{}-", std::process::id()))?;
        tidy(parent, &name, out, fresh.path());
        match std::fs::symlink_metadata(out) {
            Ok(meta) if meta.file_type().is_symlink() => bail!(
                "{} is a symbolic link: links are never followed, and replacing it would replace the link; nothing was written (give the folder it points to)",
                out.display()
            ),
            Ok(meta) if !meta.is_dir() => {
                bail!("{} exists and is not a folder; nothing was written", out.display())
            }
            Ok(_) => {
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
            Err(_) => {}
        }
        Ok(Folder { out: out.to_owned(), fresh })
    }

    /// Writes one file of the folder; from several threads at once.
    pub fn write(&self, artifact: &Artifact) -> anyhow::Result<()> {
        let path = target(self.fresh.path(), &artifact.path)?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&path, &artifact.bytes)
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// Marks the new folder as datacarto's and puts it in OUT's place. Where the OS swaps two
    /// folders in one step, OUT is never missing, whenever the process is killed; elsewhere,
    /// a kill between the two renames strands the old site, which the next build puts back.
    pub fn finish(self) -> anyhow::Result<()> {
        let (out, fresh) = (&self.out, self.fresh.path());
        std::fs::write(
            fresh.join(MARKER),
            "A folder written by datacarto build; datacarto replaces it on the next build.\n",
        )
        .context("cannot write the folder's marker")?;
        if std::fs::symlink_metadata(out).is_err() {
            return std::fs::rename(fresh, out)
                .with_context(|| format!("cannot put the new {} in place", out.display()));
        }
        // Swapped, the old site is under the temporary's name; dropping it removes it.
        if exchange(fresh, out) {
            return Ok(());
        }
        let name =
            out.file_name().map_or_else(|| "site".to_owned(), |n| n.to_string_lossy().into_owned());
        let old =
            temporary(parent_of(out), &format!(".{name}.datacarto-old-{}-", std::process::id()))?;
        // A folder renamed onto an empty one replaces it.
        std::fs::rename(out, old.path())
            .with_context(|| format!("cannot move the old {} aside", out.display()))?;
        if let Err(err) = std::fs::rename(fresh, out) {
            let _ = std::fs::rename(old.path(), out);
            return Err(err)
                .with_context(|| format!("cannot put the new {} in place", out.display()));
        }
        Ok(())
    }
}

/// A new empty folder in `parent`, named `prefix` and random characters, removed on drop.
fn temporary(parent: &Path, prefix: &str) -> anyhow::Result<TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        // Readable as any folder the user makes (the umask applies), not tempfile's 0700:
        // the site is served from it once in place.
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    builder
        .tempdir_in(parent)
        .with_context(|| format!("cannot create a temporary folder in {}", parent.display()))
}

/// `-o .`, `-o ..`, `-o dir/.` or a folder holding the current one cannot be swapped (the OS
/// says EBUSY): said plainly before anything is made.
fn refuse_current(out: &Path) -> anyhow::Result<()> {
    let text = out.to_string_lossy();
    let trimmed = text.trim_end_matches('/');
    let dotted = trimmed.is_empty()
        || [".", ".."].contains(&trimmed)
        || trimmed.ends_with("/.")
        || trimmed.ends_with("/..");
    let holds_current = match (out.canonicalize(), std::env::current_dir()) {
        (Ok(out), Ok(cwd)) => cwd.canonicalize().is_ok_and(|cwd| cwd.starts_with(out)),
        _ => false,
    };
    if dotted || holds_current {
        bail!(
            "cannot write the site into {}: it is the current folder or holds it, and a build replaces its output folder whole; nothing was written (give a folder by its name, e.g. -o site)",
            out.display()
        );
    }
    Ok(())
}

/// Swaps two folders in one step; false where the OS or the file system cannot.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// What interrupted builds of OUT left beside it, `.OUT.datacarto-new-PID-…` (a half-written
/// site) and `.OUT.datacarto-old-PID-…` (the previous site, stranded between two renames),
/// once their process is gone: a stranded site goes back to OUT when OUT is missing, the rest
/// is removed. Only real folders owned by the same user as `ours` (this build's temporary)
/// are touched, and nothing of a build still running.
fn tidy(parent: &Path, name: &str, out: &Path, ours: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let prefix = format!(".{name}.datacarto-");
    let mut left: Vec<(bool, PathBuf)> = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let (old, rest) = match (rest.strip_prefix("old-"), rest.strip_prefix("new-")) {
            (Some(rest), _) => (true, rest),
            (_, Some(rest)) => (false, rest),
            _ => continue,
        };
        let pid = rest.split('-').next().unwrap_or_default();
        let Ok(pid) = pid.parse::<u32>() else { continue };
        let path = entry.path();
        if path != ours && !alive(pid) && same_owner(&path, ours) {
            left.push((old, path));
        }
    }
    // Sorted: which stranded site is put back does not depend on the listing order.
    left.sort();
    for (old, path) in left.into_iter().rev() {
        let missing = std::fs::symlink_metadata(out).is_err();
        if old && missing && path.join(MARKER).is_file() {
            let _ = std::fs::rename(&path, out);
        } else {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Whether process `pid` runs; true when this cannot be told (no `/proc`): then nothing of
/// it is touched.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

/// `path` is a real folder (not a link) with the same owner as `ours`.
fn same_owner(path: &Path, ours: &Path) -> bool {
    let (Ok(theirs), Ok(ours)) = (std::fs::symlink_metadata(path), std::fs::metadata(ours)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        theirs.is_dir() && theirs.uid() == ours.uid()
    }
    #[cfg(not(unix))]
    {
        let _ = ours;
        theirs.is_dir()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process id no system gives out (above Linux's 2^22 limit).
    const GONE: u32 = 99_999_999;

    /// A half-written site of a build that is gone (Ctrl-C) is removed by the next build;
    /// one of a build still running is left alone.
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads folders")]
    fn leftovers_of_interrupted_builds_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let gone = dir.path().join(format!(".site.datacarto-new-{GONE}-abc123"));
        let gone_old_style = dir.path().join(format!(".site.datacarto-new-{GONE}"));
        let running = dir.path().join(format!(".site.datacarto-new-{}-xyz", std::process::id()));
        for d in [&gone, &gone_old_style, &running] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join("index.html"), "half").unwrap();
        }
        write_folder(&out, &[Artifact::new("index.html", "new")]).unwrap();
        assert!(!gone.exists() && !gone_old_style.exists(), "stale folders are removed");
        assert!(running.exists(), "a running build's folder is left alone");
    }

    /// In a shared folder, what another user left under a stale-looking name is theirs:
    /// neither removed nor put in OUT's place. Needs root to give a folder away; skipped
    /// otherwise.
    #[cfg(unix)]
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads folders")]
    #[expect(clippy::print_stderr, reason = "a skipped test says why")]
    fn another_users_leftovers_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let theirs = dir.path().join(format!(".site.datacarto-old-{GONE}-abc123"));
        std::fs::create_dir(&theirs).unwrap();
        std::fs::write(theirs.join(MARKER), "").unwrap();
        std::fs::write(theirs.join("index.html"), "planted").unwrap();
        // 65534 is `nobody` on Linux and the BSDs.
        if std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).is_err() {
            eprintln!("skipped: giving a folder to another user needs root");
            return;
        }
        write_folder(&out, &[Artifact::new("index.html", "ours")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "ours");
        assert_eq!(std::fs::read_to_string(theirs.join("index.html")).unwrap(), "planted");
    }

    /// A previous site stranded between the two renames (the build was killed) is put back
    /// in OUT's place, even when the next build fails.
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads folders")]
    fn a_stranded_old_site_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_folder(&out, &[Artifact::new("index.html", "old")]).unwrap();
        let stranded = dir.path().join(format!(".site.datacarto-old-{GONE}-abc123"));
        std::fs::rename(&out, &stranded).unwrap();
        let folder = Folder::begin(&out).unwrap();
        drop(folder);
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!stranded.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing else left");
    }

    /// Replacing a site swaps the folders: OUT is never missing (on Linux, where
    /// `renameat2(RENAME_EXCHANGE)` exists), and no old folder is left.
    #[cfg(target_os = "linux")]
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads folders")]
    fn folders_are_swapped_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::create_dir(&b).unwrap();
        std::fs::write(a.join("x"), "a").unwrap();
        assert!(exchange(&a, &b));
        assert_eq!(std::fs::read_to_string(b.join("x")).unwrap(), "a");
        assert!(!a.join("x").exists());
    }

    /// `-o .`, `..`, `dir/.` and a folder holding the current one are refused with a clear
    /// message, not the OS's EBUSY.
    #[test]
    fn the_current_folder_is_refused() {
        for out in [".", "..", "./", "src/.", "src/..", "/"] {
            let err = Folder::begin(Path::new(out)).err().expect(out).to_string();
            assert!(err.contains("it is the current folder or holds it"), "{out}: {err}");
        }
    }

    /// `-o LINK` where LINK points to a previous site is refused: the link is neither
    /// replaced nor followed.
    #[cfg(unix)]
    #[test]
    #[expect(clippy::disallowed_methods, reason = "the test prepares and reads folders")]
    fn a_link_to_a_site_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        write_folder(&real, &[Artifact::new("index.html", "old")]).unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let err = write_folder(&link, &[Artifact::new("index.html", "new")]).unwrap_err();
        assert!(err.to_string().contains("is a symbolic link"), "{err}");
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(real.join("index.html")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "nothing left behind");
    }
}

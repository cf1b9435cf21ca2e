//! `diff --git REV1 REV2`: each revision of the map's repository exported into a private
//! temporary folder with the `git` command (`git archive REV | tar -x`), which leaves the
//! user's working tree, index and worktree list untouched. A map in a subfolder of the
//! repository is found at the same place in the export; a map that does not exist yet at a
//! revision is an empty map. The folder is removed when the checkout is dropped.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context as _, bail};
use tempfile::TempDir;

/// A revision's copy of the map.
pub(super) struct Checkout {
    _dir: TempDir,
    /// The map's folder inside the copy.
    pub(super) map: PathBuf,
}

/// Runs `git` with `args` in `dir`; its stdout, or an error carrying its stderr.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(spawn_error("git"))?;
    if !out.status.success() {
        bail!("{}", String::from_utf8_lossy(&out.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn spawn_error(program: &'static str) -> impl Fn(std::io::Error) -> anyhow::Error {
    move |err| {
        if err.kind() == std::io::ErrorKind::NotFound {
            anyhow::anyhow!(
                "`{program}` was not found: `diff --git` needs git (and tar) on the PATH; or compare two folders with `datacarto diff OLD NEW`"
            )
        } else {
            anyhow::anyhow!("cannot run `{program}`: {err}")
        }
    }
}

/// Exports the map folder `map` as it is at `rev`.
pub(super) fn checkout(map: &Path, rev: &str) -> anyhow::Result<Checkout> {
    if rev.is_empty() || rev.starts_with('-') {
        bail!("'{rev}' is not a git revision");
    }
    let located = git(map, &["rev-parse", "--show-toplevel", "--show-prefix"])
        .with_context(|| format!("{} is not in a git repository", map.display()))?;
    let mut lines = located.lines();
    let top = PathBuf::from(lines.next().unwrap_or_default());
    let prefix = lines.next().unwrap_or_default().trim_end_matches('/').to_owned();

    let commit = git(
        &top,
        &["rev-parse", "--verify", "--quiet", "--end-of-options", &format!("{rev}^{{commit}}")],
    )
    .map_err(|_| anyhow::anyhow!("unknown revision '{rev}' in the repository {}", top.display()))?;
    let commit = commit.trim().to_owned();

    let dir = tempfile::Builder::new()
        .prefix("datacarto-diff-")
        .tempdir()
        .context("cannot create a temporary folder for the checkout")?;
    let target =
        if prefix.is_empty() { dir.path().to_path_buf() } else { dir.path().join(&prefix) };
    let exists =
        prefix.is_empty() || git(&top, &["cat-file", "-e", &format!("{commit}:{prefix}")]).is_ok();
    if !exists {
        std::fs::create_dir_all(&target)
            .context("cannot create a temporary folder for the checkout")?;
        return Ok(Checkout { _dir: dir, map: target });
    }
    export(&top, &commit, &prefix, dir.path())
        .with_context(|| format!("cannot check out '{rev}'"))?;
    refuse_links(dir.path(), &prefix, rev)?;
    Ok(Checkout { _dir: dir, map: target })
}

/// A revision is untrusted input: it can hold a symbolic link where the map's folder (or one
/// of its parents) was, pointing anywhere on the disk. Links are never followed, the map's
/// own folder included, so such a revision is refused rather than read through the link.
fn refuse_links(export: &Path, prefix: &str, rev: &str) -> anyhow::Result<()> {
    let mut path = export.to_path_buf();
    for part in prefix.split('/').filter(|p| !p.is_empty()) {
        path.push(part);
        let linked = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if linked {
            let rel = path.strip_prefix(export).unwrap_or(&path).to_string_lossy();
            bail!(
                "at revision '{rev}', {rel} is a symbolic link: links are never followed, so this revision's map cannot be read"
            );
        }
    }
    Ok(())
}

/// `git archive COMMIT [-- PREFIX] | tar -x -C INTO`.
fn export(top: &Path, commit: &str, prefix: &str, into: &Path) -> anyhow::Result<()> {
    let mut archive = Command::new("git");
    archive.arg("-C").arg(top).args(["archive", "--format=tar", commit]);
    if !prefix.is_empty() {
        archive.arg("--").arg(format!(":(literal){prefix}"));
    }
    let mut archive = archive
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(spawn_error("git"))?;
    let stream = archive.stdout.take().context("no output from git archive")?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-f")
        .arg("-")
        .arg("-C")
        .arg(into)
        .stdin(stream)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let tar = match tar {
        Ok(tar) => tar,
        Err(err) => {
            let _ = archive.kill();
            let _ = archive.wait();
            return Err(spawn_error("tar")(err));
        }
    };
    let tar_out = tar.wait_with_output().context("tar did not finish")?;
    let mut archive_err = String::new();
    if let Some(mut e) = archive.stderr.take() {
        let _ = e.read_to_string(&mut archive_err);
    }
    let archive_status = archive.wait().context("git archive did not finish")?;
    if !archive_status.success() {
        bail!("git archive: {}", archive_err.trim());
    }
    if !tar_out.status.success() {
        bail!("tar: {}", String::from_utf8_lossy(&tar_out.stderr).trim());
    }
    Ok(())
}

/// The days of the first and the last commit that touched `file` (a source path: relative to
/// the working directory, or absolute): the dates a CNIL fiche shows when the purpose does
/// not state `created:`/`updated:`. `None` when the file is not in a repository, git is
/// absent or the file was never committed: the dates are then not stated, never guessed.
pub(super) fn file_dates(file: &Path) -> Option<(crate::date::Date, crate::date::Date)> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = file.file_name()?.to_str()?;
    let log = git(dir, &["log", "--no-show-signature", "--format=%cs", "--", name]).ok()?;
    // Newest first: the first line is the last update, the last line the creation.
    let mut days = log.lines().filter_map(|l| crate::date::Date::parse(l.trim()));
    let updated = days.next()?;
    Some((days.next_back().unwrap_or(updated), updated))
}

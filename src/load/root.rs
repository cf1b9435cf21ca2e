//! Where a map starts, as git and cargo find their roots: the nearest folder holding
//! `datacarto.yaml`, walking up from where the command runs, and the git repository around a
//! map (SARIF names files from it, so that code scanning finds them whatever the folder the
//! command ran from).

use std::path::{Path, PathBuf};

use super::discover::PROJECT_FILE;

/// The map a command reads when no folder is given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The map's folder as a path relative to `start` (`.`, `..`, `../..`): paths printed
    /// from it stay clickable from where the command runs.
    pub dir: PathBuf,
    /// Whether a `datacarto.yaml` marked it; otherwise `dir` is `start` itself.
    pub marked: bool,
    /// Where the walk stopped without finding one (the repository root, the home folder or
    /// the file system root), for the note that says so.
    pub stopped_at: PathBuf,
}

/// Walks up from `start` to the nearest folder holding `datacarto.yaml`. The walk stops at the
/// root of the git repository holding `start` or at `home` (both still searched): a map never
/// spans repositories, and a stray file in a parent folder must not capture every project.
pub fn find(start: &Path, home: Option<&Path>) -> Found {
    let mut dir = start.to_path_buf();
    let mut up = 0usize;
    loop {
        if dir.join(PROJECT_FILE).is_file() {
            return Found { dir: relative_up(up), marked: true, stopped_at: dir };
        }
        let at_limit = is_repository_root(&dir) || home.is_some_and(|h| same(&dir, h));
        match dir.parent() {
            Some(parent) if !at_limit => {
                dir = parent.to_path_buf();
                up += 1;
            }
            _ => return Found { dir: PathBuf::from("."), marked: false, stopped_at: dir },
        }
    }
}

/// The root of the git repository holding `dir` (a `.git` folder, or the `.git` file of a
/// worktree or submodule), if any.
pub fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find(|d| is_repository_root(d)).map(Path::to_path_buf)
}

fn is_repository_root(dir: &Path) -> bool {
    dir.join(".git").exists()
}

fn same(a: &Path, b: &Path) -> bool {
    a == b || a.canonicalize().ok().is_some_and(|a| b.canonicalize().ok() == Some(a))
}

/// `..` repeated `n` times, `.` for none.
fn relative_up(n: usize) -> PathBuf {
    if n == 0 { PathBuf::from(".") } else { (0..n).map(|_| "..").collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::File::create(path).unwrap();
    }

    /// From a subfolder, the nearest `datacarto.yaml` above wins, as a relative path.
    #[test]
    fn finds_the_nearest_project_file_above() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("repo");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        touch(&root.join("maps/retail/datacarto.yaml"));
        std::fs::create_dir_all(root.join("maps/retail/stores/eu")).unwrap();
        let found = find(&root.join("maps/retail/stores/eu"), None);
        assert_eq!(found.dir, PathBuf::from("../.."));
        assert!(found.marked);
        assert_eq!(find(&root.join("maps/retail"), None).dir, PathBuf::from("."));
    }

    /// The walk stops at the repository root: a `datacarto.yaml` above it is not taken.
    #[test]
    fn stops_at_the_repository_root_and_at_home() {
        let tmp = tempfile::tempdir().unwrap();
        touch(&tmp.path().join("datacarto.yaml"));
        let repo = tmp.path().join("repo");
        touch(&repo.join(".git"));
        std::fs::create_dir_all(repo.join("docs")).unwrap();
        let found = find(&repo.join("docs"), None);
        assert_eq!((found.dir, found.marked), (PathBuf::from("."), false));
        assert_eq!(found.stopped_at, repo);

        let home = tmp.path().join("home");
        std::fs::create_dir_all(home.join("notes")).unwrap();
        let found = find(&home.join("notes"), Some(&home));
        assert!(!found.marked);
        assert_eq!(found.stopped_at, home);
    }

    /// The repository root is found from any folder inside it, a worktree's `.git` file too.
    #[test]
    fn repository_root_of_a_worktree() {
        let tmp = tempfile::tempdir().unwrap();
        touch(&tmp.path().join("wt/.git"));
        std::fs::create_dir_all(tmp.path().join("wt/a/b")).unwrap();
        assert_eq!(repository_root(&tmp.path().join("wt/a/b")), Some(tmp.path().join("wt")));
    }
}

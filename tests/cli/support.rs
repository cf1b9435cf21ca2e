//! The harness: write a map into a temporary folder, run the binary, read its output.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A map in a temporary folder.
pub struct Map {
    pub dir: TempDir,
}

impl Map {
    /// A map made of `(relative path, content)` files.
    pub fn new(files: &[(&str, &str)]) -> Map {
        let map = Map { dir: tempfile::tempdir().expect("a temporary folder") };
        for (rel, content) in files {
            map.write(rel, content.as_bytes());
        }
        map
    }

    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(path, bytes).expect("write a file");
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `datacarto <args>` run from inside the map's folder, so paths print relative.
    pub fn run(&self, args: &[&str]) -> Output {
        run_in(self.path(), args)
    }
}

/// What a run printed and how it ended.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A `datacarto` command that ignores the caller's colour settings.
pub fn datacarto() -> Command {
    let mut cmd = Command::cargo_bin("datacarto").expect("the datacarto binary");
    cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
    // The examples live in this project's repository: without a ceiling, `register` would
    // date their CNIL fiches from this repository's commits, and the snapshots would change
    // with every commit. Maps in temporary repositories are outside it and unaffected.
    cmd.env("GIT_CEILING_DIRECTORIES", project_root());
    cmd
}

pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    let out = datacarto().current_dir(dir).args(args).output().expect("datacarto runs");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The project's root folder (for examples/ and docs/).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder (an example map) into `to`, links not followed (examples hold none).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a folder") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a copy");
        }
    }
}

/// The files of a folder, paths relative to it with `/`, sorted.
pub fn files_under(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let rel = path.strip_prefix(root).expect("under the root");
                let parts: Vec<_> =
                    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
                files.push(parts.join("/"));
            }
        }
    }
    files.sort();
    files
}

//! The crate's layers, read from its sources: what sits below `checks` (the rules'
//! identities, the format, the loader, the model, the configuration) never names `checks`,
//! so that no import cycle runs through the rules (docs/architecture.md, "Layers").

use std::path::{Path, PathBuf};

use crate::support::project_root;

/// The modules below `checks`, as paths under `src/`.
const BELOW_CHECKS: &[&str] = &[
    "source.rs",
    "text.rs",
    "date.rs",
    "vocab",
    "diag",
    "rules",
    "manifest",
    "load",
    "model",
    "config.rs",
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(path).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for entry in entries {
            rust_files(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    }
}

/// The lines of a source that name the `checks` module in code (comments aside).
fn lines_naming_checks(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| !l.starts_with("//"))
        .filter(|l| {
            let is_use = l.starts_with("use ") || l.starts_with("pub use ");
            l.contains("checks::")
                || (is_use
                    && l.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == "checks"))
        })
        .map(str::to_owned)
        .collect()
}

/// No file under `load/`, `model/`, `manifest/`, `rules/`, `diag/`, `vocab/` nor
/// `config.rs` imports `checks`: rule identities are below the loader, rule logic above it.
#[test]
fn nothing_below_checks_imports_checks() {
    let src = project_root().join("src");
    let mut files = Vec::new();
    for module in BELOW_CHECKS {
        let path = src.join(module);
        assert!(path.exists(), "{} is gone: update the list of layers", path.display());
        rust_files(&path, &mut files);
    }
    assert!(files.len() > 50, "{} files read", files.len());
    let offenders: Vec<String> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            let name = f.strip_prefix(&src).unwrap().display().to_string();
            lines_naming_checks(&text).into_iter().map(move |l| format!("{name}: {l}"))
        })
        .collect();
    assert!(offenders.is_empty(), "below checks, yet naming it:\n{}", offenders.join("\n"));
}

/// The scanner above catches the forms an import takes, and skips comments.
#[test]
fn the_scanner_sees_imports_not_comments() {
    let text = "use crate::checks::facts;\n// see checks::left_out\nuse crate::{checks, diag};\n  crate::checks::run(x);\nlet checks = 2;\n";
    assert_eq!(lines_naming_checks(text).len(), 3);
}

/// The files of one module folder that each file names (`super::x`), tests aside.
fn module_imports(folder: &Path) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut files = Vec::new();
    rust_files(folder, &mut files);
    let name = |f: &Path| f.file_stem().unwrap().to_string_lossy().into_owned();
    let mut graph = std::collections::BTreeMap::new();
    for file in files.iter().filter(|f| f.parent() == Some(folder)) {
        let own = name(file);
        if own == "mod" || own.ends_with("tests") {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let mut named: Vec<String> = code
            .split("super::")
            .skip(1)
            .map(|rest| rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
            .filter(|n: &String| n != &own && folder.join(format!("{n}.rs")).exists())
            .collect();
        named.sort();
        named.dedup();
        graph.insert(own, named);
    }
    graph
}

/// A cycle among the files of a module folder, if there is one.
fn cycle(graph: &std::collections::BTreeMap<String, Vec<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &std::collections::BTreeMap<String, Vec<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            return Some(path[at..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

/// The register's files import one another without a cycle: the cache knows cells by
/// index, and the colon of French typography is a word of the catalogue.
#[test]
fn the_register_has_no_import_cycle() {
    let graph = module_imports(&project_root().join("src/register"));
    assert!(graph.contains_key("cache") && graph.contains_key("cells"), "{graph:?}");
    assert_eq!(cycle(&graph), None, "{graph:?}");
    // The finder itself sees a cycle when there is one.
    let mut looped = graph.clone();
    looped.insert("cache".to_owned(), vec!["cells".to_owned()]);
    assert!(cycle(&looped).is_some());
}

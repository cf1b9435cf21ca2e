//! Watches the map's folder and rebuilds when something in it changes: events are gathered
//! for a short moment first, because an editor's save is several of them (write, rename,
//! attributes), and a rebuild per event would repaint the pages for nothing.

use std::io::Write as _;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::{Build, Options, Shared, rebuild};
use crate::engine::Engine;
use crate::manifest::enums::Language;

/// How long a burst of events is gathered before the rebuild.
const SETTLE: Duration = Duration::from_millis(120);

/// Rebuilds on every change under `options.dir` until the process ends; prints one line per
/// build on stderr.
pub fn watch(shared: &Shared, options: &Options, mut engine: Engine) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    watcher.watch(&options.dir, RecursiveMode::Recursive)?;
    while let Ok(first) = rx.recv() {
        let mut relevant = matters(&first);
        while let Ok(next) = rx.recv_timeout(SETTLE) {
            relevant |= matters(&next);
        }
        if !relevant {
            continue;
        }
        match rebuild(shared, options, &mut engine) {
            Ok(true) => report(shared),
            Ok(false) => {} // the map is as it was: nothing rebuilt, no page reloads
            Err(e) => {
                let message = format!("{e:#}");
                let _ = writeln!(
                    std::io::stderr(),
                    "datacarto serve: {}",
                    crate::text::terminal(&message)
                );
            }
        }
    }
    Ok(())
}

/// Whether an event can change the site: a change to a file that is not version control's
/// or an editor's scratch file.
fn matters(event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else { return true };
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| !scratch(p))
}

fn scratch(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    path.components().any(|c| c.as_os_str() == ".git")
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913" // vim's test of whether it may write the folder
}

/// One line on stderr: the build's generation, time and findings.
pub fn report(shared: &Shared) {
    let b = shared.current();
    let _ = writeln!(std::io::stderr(), "{}", status_line(&b));
}

/// The build's line: its generation, time and findings, counted in `check`'s words, in the
/// site's language.
fn status_line(b: &Build) -> String {
    let (e, w, i) = b.summary;
    let language = if b.french { Language::Fr } else { Language::En };
    let (generation, ms) = (b.generation, b.took.as_millis());
    if b.blocking.is_empty() {
        let counts = crate::diag::emit::counts(e, w, i, language);
        if b.french {
            format!("construction {generation} en {ms} ms\u{a0}: {counts}")
        } else {
            format!("build {generation} in {ms} ms: {counts}")
        }
    } else {
        let n = b.blocking.len();
        match (b.french, n) {
            (false, 1) => format!(
                "build {generation} in {ms} ms: 1 problem: the map cannot be read: the pages stay as they were"
            ),
            (false, _) => format!(
                "build {generation} in {ms} ms: {n} problems: the map cannot be read: the pages stay as they were"
            ),
            (true, 1) => format!(
                "construction {generation} en {ms} ms\u{a0}: 1 problème\u{a0}: la carte ne se lit pas\u{a0}: les pages restent telles quelles"
            ),
            (true, _) => format!(
                "construction {generation} en {ms} ms\u{a0}: {n} problèmes\u{a0}: la carte ne se lit pas\u{a0}: les pages restent telles quelles"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The status line counts as `check` does ("1 info", "2 infos"), in French for a
    /// French site.
    #[test]
    fn status_line_in_checks_words() {
        let mut b = Build { generation: 3, summary: (0, 1, 2), ..Build::default() };
        assert_eq!(status_line(&b), "build 3 in 0 ms: 0 errors, 1 warning, 2 infos");
        b.summary = (2, 0, 1);
        assert_eq!(status_line(&b), "build 3 in 0 ms: 2 errors, 0 warnings, 1 info");
        b.french = true;
        assert_eq!(
            status_line(&b),
            "construction 3 en 0 ms\u{a0}: 2 erreurs, 0 avertissement, 1 info"
        );
        b.blocking = vec!["a.yaml:1:1: erreur[yaml-syntax] …".into()];
        assert!(status_line(&b).ends_with(
            "1 problème\u{a0}: la carte ne se lit pas\u{a0}: les pages restent telles quelles"
        ));
    }

    #[test]
    fn scratch_files_do_not_rebuild() {
        assert!(scratch(Path::new("map/.git/index")));
        assert!(scratch(Path::new("map/stores/.crm.yaml.swp")));
        assert!(scratch(Path::new("map/stores/crm.yaml~")));
        assert!(!scratch(Path::new("map/stores/crm.yaml")));
    }
}

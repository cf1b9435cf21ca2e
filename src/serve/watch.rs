//! Watches the map's folder and rebuilds when something in it changes: events are gathered
//! for a short moment first, because an editor's save is several of them (write, rename,
//! attributes), and a rebuild per event would repaint the pages for nothing.

use std::io::Write as _;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

use super::{Options, Shared, rebuild};
use crate::engine::Engine;

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
            Ok(()) => report(shared),
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
    let (e, w, i) = b.summary;
    let n = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let state = if b.blocking.is_empty() {
        format!(
            "{}, {}, {}",
            n(e, "error", "errors"),
            n(w, "warning", "warnings"),
            n(i, "info", "infos")
        )
    } else {
        format!(
            "{} the map cannot be read: the pages stay as they were",
            n(b.blocking.len(), "problem:", "problems:")
        )
    };
    let _ =
        writeln!(std::io::stderr(), "build {} in {} ms: {state}", b.generation, b.took.as_millis());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files_do_not_rebuild() {
        assert!(scratch(Path::new("map/.git/index")));
        assert!(scratch(Path::new("map/stores/.crm.yaml.swp")));
        assert!(scratch(Path::new("map/stores/crm.yaml~")));
        assert!(!scratch(Path::new("map/stores/crm.yaml")));
    }
}

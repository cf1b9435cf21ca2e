//! `datacarto scan [DIR]`: hold each store with a `scan:` against its real system and report
//! the columns the map does not know, the fields the system no longer has, and coverage.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::Status;
use crate::checks;
use crate::config::{Config, Flag};
use crate::date::Date;
use crate::diag::emit::{self, Context, Format};
use crate::load::{self, LoadOptions};
use crate::manifest::enums::Language;
use crate::model;
use crate::scan::compare::StoreScan;
use crate::scan::{self, Override};

pub struct Options {
    pub dir: PathBuf,
    pub format: Format,
    pub flags: Vec<(Flag, String)>,
    pub as_of: Date,
    pub color: bool,
    /// Only this store.
    pub store: Option<String>,
    pub over: Override,
    /// Exit 1 when a store's coverage is below this share (0 to 1).
    pub min_coverage: Option<f64>,
    /// Edit the manifests: add the undeclared columns, mark the missing fields.
    pub write: bool,
    /// Print the edits as a patch instead of writing them.
    pub dry_run: bool,
}

pub fn run(options: &Options) -> anyhow::Result<Status> {
    if (options.over.url.is_some() || options.over.file.is_some()) && options.store.is_none() {
        anyhow::bail!("--url and --file say where one store lives: name it with --store ID");
    }
    let loaded = load::load(&options.dir, &LoadOptions::default())?;
    // `scan` runs its own rules, not the map's: an `allow:` for a map rule silences nothing
    // here, which says nothing about whether it is used (`check` judges that).
    let mut flags = vec![(crate::config::Flag::Allow, "unused-suppression".to_owned())];
    flags.extend(options.flags.iter().cloned());
    let (config, config_findings) =
        Config::build(&loaded.project, &loaded.sources, &flags, options.as_of)?;
    let mut findings = loaded.findings;
    findings.extend(config_findings);
    let (model, resolve_findings) =
        model::resolve::resolve(loaded.manifests, &loaded.project, loaded.project_file);
    findings.extend(resolve_findings);

    let stores = scan::stores_to_scan(&model, options.store.as_deref())?;
    if stores.is_empty() {
        anyhow::bail!(
            "no store of the map says where its system lives: add `scan: {{url: env:NAME}}` or \
             `scan: {{file: PATH}}` to a store, or use --store ID with --url or --file"
        );
    }
    let env = |name: &str| std::env::var(name).ok();
    let mut scans = Vec::new();
    let mut failures = Vec::new();
    for store in stores {
        match scan::scan_store(&model, store, &options.dir, &options.over, &env) {
            Ok((result, found)) => {
                scans.push(result);
                findings.extend(found);
            }
            Err(e) => failures.push(format!("{e:#}")),
        }
    }
    // Every system is tried before giving up, so one run names every unreachable one.
    if !failures.is_empty() {
        anyhow::bail!("{}", failures.join("\n"));
    }
    checks::left_out::drop_echoes(&mut findings, &loaded.left_out);
    let report = checks::finalize(findings, &model, &config, &loaded.sources);

    if options.write || options.dry_run {
        return write_or_show(options, &model, &loaded.sources, &report, &scans);
    }
    let rules = crate::rules::metadata();
    let cx = Context {
        sources: &loaded.sources,
        rules: &rules,
        color: options.color && options.format == Format::Human,
        show_suppressed: false,
        origin: super::check::origin_of(
            &options.dir,
            model.project_file.is_some(),
            config.help_uri.clone(),
        ),
        language: model.language.unwrap_or(Language::En),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    emit::emit(options.format, &report, &cx, &mut out)?;
    let coverage = coverage_lines(&scans, options.min_coverage, cx.language);
    // Machine formats keep stdout one document: coverage goes to stderr beside them.
    if matches!(options.format, Format::Human | Format::Concise) {
        out.write_all(coverage.text.as_bytes())?;
        out.flush()?;
    } else {
        out.flush()?;
        #[expect(clippy::print_stderr, reason = "the coverage beside a machine format")]
        {
            eprint!("{}", coverage.text);
        }
    }
    Ok(if report.has_errors() || coverage.below { Status::Findings } else { Status::Clean })
}

/// `--write` writes the edited manifests and says which; `--dry-run` prints the patch. What
/// cannot be edited as text is said on stderr. The exit status is the scan's.
fn write_or_show(
    options: &Options,
    model: &crate::model::Model,
    sources: &crate::source::SourceMap,
    report: &crate::diag::Report,
    scans: &[StoreScan],
) -> anyhow::Result<Status> {
    let (edits, problems) = super::scan_write::plan(model, sources, report, scans, &options.dir);
    let fr = model.language == Some(Language::Fr);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for edit in &edits {
        if options.dry_run {
            out.write_all(edit.patch.as_bytes())?;
        } else {
            // `--write` edits manifests of the map scanned, and only those.
            let relative = edit.path.strip_prefix(&options.dir).unwrap_or(&edit.path);
            crate::output::write_manifest(&options.dir, relative, edit.text.as_bytes())?;
            let wrote = if fr { "écrit" } else { "wrote" };
            writeln!(out, "{wrote} {}", edit.path.display())?;
        }
    }
    if edits.is_empty() && problems.is_empty() {
        let nothing = if fr {
            "rien à changer\u{a0}: chaque colonne gardée par le scan est déclarée"
        } else {
            "nothing to change: every column the scan kept is declared"
        };
        writeln!(out, "{nothing}")?;
    }
    out.flush()?;
    #[expect(clippy::print_stderr, reason = "what --write could not do is said beside it")]
    for p in &problems {
        if fr {
            eprintln!("non modifié\u{a0}: {p}");
        } else {
            eprintln!("not edited: {p}");
        }
    }
    let below = coverage_lines(scans, options.min_coverage, Language::En).below;
    Ok(if report.has_errors() || below { Status::Findings } else { Status::Clean })
}

struct Coverage {
    text: String,
    below: bool,
}

/// One line per store: `coverage crm: 8 of 11 columns declared (72.7%)`.
fn coverage_lines(scans: &[StoreScan], min: Option<f64>, language: Language) -> Coverage {
    let fr = language == Language::Fr;
    let mut text = String::new();
    let mut below = false;
    for s in scans {
        let share = match s.coverage() {
            Some(c) => {
                let low = min.is_some_and(|m| c < m);
                below |= low;
                let mark = match min {
                    Some(m) if low && fr => format!(", sous --min-coverage {}", percent(m, fr)),
                    Some(m) if low => format!(", below --min-coverage {}", percent(m, fr)),
                    _ => String::new(),
                };
                let (declared, found, c) = (s.declared, s.found, percent(c, fr));
                if fr {
                    // French singular for 0 and 1.
                    let columns =
                        if declared > 1 { "colonnes déclarées" } else { "colonne déclarée" };
                    format!("{declared} {columns} sur {found} ({c}){mark}")
                } else {
                    format!("{declared} of {found} columns declared ({c}){mark}")
                }
            }
            None if fr => "le système n'a aucune colonne dans les tables scannées".to_owned(),
            None => "the system has no column in the scanned tables".to_owned(),
        };
        let store = &s.store;
        if fr {
            text.push_str(&format!("couverture {store}\u{a0}: {share}\n"));
        } else {
            text.push_str(&format!("coverage {store}: {share}\n"));
        }
    }
    Coverage { text, below }
}

/// `72.7%`, in French `72,7 %` (a decimal comma, a no-break space before the sign).
fn percent(share: f64, fr: bool) -> String {
    let p = (share * 1000.0).round() / 10.0;
    let number = if p.fract() == 0.0 { format!("{p:.0}") } else { format!("{p:.1}") };
    if fr { format!("{}\u{a0}%", number.replace('.', ",")) } else { format!("{number}%") }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Coverage reads as a share of the found columns; only a store under the minimum fails.
    #[test]
    fn coverage_lines_mark_stores_below_the_minimum() {
        let scans = [
            StoreScan { store: "crm".into(), found: 11, declared: 8, ..StoreScan::default() },
            StoreScan { store: "shop".into(), found: 4, declared: 4, ..StoreScan::default() },
            StoreScan { store: "empty".into(), found: 0, declared: 0, ..StoreScan::default() },
        ];
        let c = coverage_lines(&scans, Some(0.8), Language::En);
        assert!(c.below);
        assert_eq!(
            c.text,
            "coverage crm: 8 of 11 columns declared (72.7%), below --min-coverage 80%\n\
             coverage shop: 4 of 4 columns declared (100%)\n\
             coverage empty: the system has no column in the scanned tables\n"
        );
        assert!(!coverage_lines(&scans, None, Language::En).below);
        let fr = coverage_lines(&scans, Some(0.8), Language::Fr).text;
        assert!(fr.starts_with(
            "couverture crm\u{a0}: 8 colonnes déclarées sur 11 (72,7\u{a0}%), sous --min-coverage 80\u{a0}%\n"
        ), "{fr}");
        assert!(!fr.contains("columns") && !fr.contains("coverage crm"), "{fr}");
    }
}

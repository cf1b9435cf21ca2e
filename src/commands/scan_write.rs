//! `scan --write` / `--dry-run`: the findings `scan` kept (after levels and suppressions)
//! turned into text edits of the manifests: undeclared columns added as fields with their
//! guessed category, missing fields marked with a comment.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::Report;
use crate::model::Model;
use crate::scan::compare::StoreScan;
use crate::scan::write::{self, Addition, Mark};
use crate::source::{FileId, SourceMap};

/// One manifest's new text and its patch.
pub(super) struct FileEdit {
    pub(super) path: PathBuf,
    pub(super) text: String,
    pub(super) patch: String,
}

/// The edits of every file, in path order, and what could not be edited (and why).
pub(super) fn plan(
    model: &Model,
    sources: &SourceMap,
    report: &Report,
    scans: &[StoreScan],
    dir: &Path,
) -> (Vec<FileEdit>, Vec<String>) {
    let kept: BTreeSet<(&str, &str)> =
        report.findings.iter().map(|f| (f.rule, f.key.as_str())).collect();
    let mut per_file: BTreeMap<FileId, (Vec<Addition>, Vec<Mark>)> = BTreeMap::new();
    let mut problems = Vec::new();
    // The comments written into the manifests, and the problems, in the map's language.
    let fr = model.language == Some(crate::manifest::enums::Language::Fr);
    for scan in scans {
        let Some(store) = model.store_by_id(&scan.store) else { continue };
        let s = model.store(store);
        let last = s.fields.iter().rev().map(|f| model.field(*f)).find(|f| {
            f.origin == crate::model::FieldOrigin::Declared && f.span.file == s.span.file
        });
        let mut ids = BTreeSet::new();
        for new in &scan.undeclared {
            if !kept.contains(&("undeclared-column", new.key.as_str())) || !ids.insert(&new.id) {
                continue;
            }
            let Some(last) = last else {
                problems.push(if fr {
                    format!(
                        "l'outil '{}' ne déclare aucun champ\u{a0}: ajoutez ses `fields:` à la main \
                         (scan --write ajoute après le dernier champ)",
                        s.id
                    )
                } else {
                    format!(
                        "store '{}' declares no field: add its `fields:` by hand (scan --write \
                         adds after the last field)",
                        s.id
                    )
                });
                break;
            };
            let item = match new.category {
                Some(key) if fr => format!(
                    "{{id: {}, category: {key}}}  # datacarto scan\u{a0}: colonne {}.{}\u{a0}; \
                     catégorie devinée, à confirmer",
                    new.id, new.table, new.column
                ),
                None if fr => format!(
                    "{{id: {}}}  # datacarto scan\u{a0}: colonne {}.{}\u{a0}; catégorie non \
                     renseignée",
                    new.id, new.table, new.column
                ),
                Some(key) => format!(
                    "{{id: {}, category: {key}}}  # datacarto scan: column {}.{}; category \
                     guessed, to confirm",
                    new.id, new.table, new.column
                ),
                None => format!(
                    "{{id: {}}}  # datacarto scan: column {}.{}; category not stated",
                    new.id, new.table, new.column
                ),
            };
            per_file.entry(s.span.file).or_default().0.push(Addition {
                store_at: s.span.start as usize,
                last_field_at: last.span.start as usize,
                item,
            });
        }
        for &f in &scan.missing {
            let field = model.field(f);
            let key = model.field_path(f);
            if kept.contains(&("missing-column", key.as_str())) {
                per_file.entry(field.span.file).or_default().1.push(Mark {
                    field_at: field.span.start as usize,
                    comment: if fr {
                        "datacarto scan\u{a0}: aucune colonne dans le système scanné".to_owned()
                    } else {
                        "datacarto scan: no column in the scanned system".to_owned()
                    },
                });
            }
        }
    }
    let mut edits = Vec::new();
    for (file, (additions, marks)) in per_file {
        let source = sources.get(file);
        let (text, patch, refused) = write::apply(&source.path, &source.text, &additions, &marks);
        problems.extend(refused);
        if text != source.text {
            // Loaded paths may be relative to the map folder or to the current one.
            let as_loaded = PathBuf::from(&source.path);
            let path = if as_loaded.exists() { as_loaded } else { dir.join(&source.path) };
            edits.push(FileEdit { path, text, patch });
        }
    }
    (edits, problems)
}

//! Rename an id in every file of the map: its declaration and every reference, including
//! the part of `store.field` that names it and a flow's `fields:` mappings (a plain
//! `email` carried to a store becomes `email: mail` when only one end is renamed). Refuses a
//! name that is not a valid id or that another entity of the same kind already has.

use std::collections::HashMap;

use lsp_types::{RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit};

use super::index::{Occurrence, Role, Target};
use super::snapshot::Snapshot;
use crate::manifest::text::ID_MAX_LENGTH;
use crate::vocab::{categories, subjects};

/// What the cursor names, if it can be renamed; else why not, in words for the user.
pub(super) fn renamable<'a>(
    snapshot: &'a Snapshot,
    at: &TextDocumentPositionParams,
) -> Result<&'a Occurrence, String> {
    let under = snapshot.under(at);
    let Some(first) = under.first() else {
        return Err("nothing to rename here: put the cursor on an id".to_owned());
    };
    if under.len() > 1 {
        let names: Vec<String> =
            under.iter().map(|o| format!("'{}'", o.target.display())).collect();
        return Err(format!(
            "here '{}' names two fields ({}): rename the one you mean where it is declared",
            first.target.own_id(),
            names.join(" and ")
        ));
    }
    let target = &first.target;
    if snapshot.index.definitions(target).next().is_none() {
        let what =
            if is_builtin(target) { "is built in" } else { "is declared nowhere in the map" };
        return Err(format!(
            "{} '{}' {what}: there is nothing to rename",
            target.kind(),
            target.display()
        ));
    }
    Ok(first)
}

fn is_builtin(target: &Target) -> bool {
    match target {
        Target::Category(key) => categories::is_builtin(key),
        Target::Subject(id) => subjects::SUBJECTS.iter().any(|s| s.id == id),
        _ => false,
    }
}

/// The edits renaming what the cursor names to `params.new_name`, in every file.
#[expect(clippy::mutable_key_type, reason = "lsp-types keys a workspace edit's files by Uri")]
pub(super) fn rename(snapshot: &Snapshot, params: &RenameParams) -> Result<WorkspaceEdit, String> {
    let occurrence = renamable(snapshot, &params.text_document_position)?;
    let target = &occurrence.target;
    let new = params.new_name.trim();
    if let Some(problem) = invalid(target, new) {
        return Err(problem);
    }
    let renamed = with_id(target, new);
    if renamed == *target {
        return Ok(WorkspaceEdit::default());
    }
    if snapshot.index.definitions(&renamed).next().is_some() || is_builtin(&renamed) {
        return Err(format!(
            "{} '{}' already exists: choose another name",
            target.kind(),
            renamed.display()
        ));
    }
    let old = target.own_id();
    let mut edits: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    let places: Vec<&Occurrence> = snapshot.index.of(target).collect();
    for place in &places {
        // A plain mapping also names the field at the other end, which keeps its name.
        let text = match place.role {
            Role::Shared { source: true } => format!("{new}: {old}"),
            Role::Shared { source: false } => format!("{old}: {new}"),
            Role::Definition | Role::Reference => new.to_owned(),
        };
        // A field a flow creates is declared by the flow's mention of it: the mapping's
        // edit renames both.
        let plain_mapping_here =
            places.iter().any(|p| p.span == place.span && matches!(p.role, Role::Shared { .. }));
        if matches!(place.role, Role::Definition | Role::Reference) && plain_mapping_here {
            continue;
        }
        let Some(uri) = snapshot.uri(place.span.file) else { continue };
        let edit = TextEdit { range: snapshot.range(place.span), new_text: text };
        let file = edits.entry(uri).or_default();
        if !file.contains(&edit) {
            file.push(edit);
        }
    }
    Ok(WorkspaceEdit { changes: Some(edits), ..WorkspaceEdit::default() })
}

/// Why `new` cannot name an entity like `target`, if it cannot.
fn invalid(target: &Target, new: &str) -> Option<String> {
    let id_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-';
    let valid = match target {
        // Category keys are dotted: `acme.loyalty.points`.
        Target::Category(_) => new.split('.').all(|part| {
            !part.is_empty()
                && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        }),
        _ => {
            new.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
                && new.chars().all(id_char)
        }
    };
    if !valid {
        let syntax = match target {
            Target::Category(_) => "lower case letters, digits and `_`, in parts separated by dots",
            _ => "lower case letters, digits, `_` and `-`, starting with a letter or a digit",
        };
        return Some(format!("'{new}' is not a valid {} id: use {syntax}", target.kind()));
    }
    if new.chars().count() > ID_MAX_LENGTH {
        return Some(format!("'{new}' is longer than {ID_MAX_LENGTH} characters"));
    }
    None
}

fn with_id(target: &Target, new: &str) -> Target {
    let new = new.to_owned();
    match target {
        Target::Store(_) => Target::Store(new),
        Target::Field(store, _) => Target::Field(store.clone(), new),
        Target::Team(_) => Target::Team(new),
        Target::Objective(_) => Target::Objective(new),
        Target::Subject(_) => Target::Subject(new),
        Target::Purpose(_) => Target::Purpose(new),
        Target::Category(_) => Target::Category(new),
    }
}

#[cfg(test)]
mod tests {
    use lsp_types::WorkDoneProgressParams;

    use super::*;
    use crate::lsp::snapshot::{cursor_at, sample};

    fn renamed(
        snapshot: &Snapshot,
        path: &str,
        needle: &str,
        offset: usize,
        new: &str,
    ) -> Result<Vec<String>, String> {
        let params = RenameParams {
            text_document_position: cursor_at(snapshot, path, needle, 0, offset),
            new_name: new.to_owned(),
            work_done_progress_params: WorkDoneProgressParams::default(),
        };
        let edit = rename(snapshot, &params)?;
        let mut found: Vec<String> = edit
            .changes
            .unwrap_or_default()
            .into_iter()
            .flat_map(|(uri, edits)| {
                let file = uri.as_str().rsplit('/').next().unwrap_or_default().to_owned();
                edits.into_iter().map(move |e| {
                    let start = e.range.start;
                    format!("{file}:{}:{} {}", start.line, start.character, e.new_text)
                })
            })
            .collect();
        found.sort();
        Ok(found)
    }

    fn strings(items: &[&str]) -> Result<Vec<String>, String> {
        Ok(items.iter().map(|s| (*s).to_owned()).collect())
    }

    /// A field renamed: its declaration, `store.field` references (only the field's part,
    /// quoted or not), and a plain mapping, which keeps the other end's name.
    #[test]
    fn renames_a_field_everywhere() {
        let (_dir, snapshot) = sample();
        assert_eq!(
            renamed(&snapshot, "stores.yaml", "email", 0, "mail"),
            strings(&[
                "flows.yaml:1:35 email: mail",
                "purposes.yaml:6:15 mail",
                "stores.yaml:4:12 mail"
            ])
        );
        // The source end of the same mapping, and of a renamed one.
        assert_eq!(
            renamed(&snapshot, "stores.yaml", "{id: email", 5, "mail"),
            strings(&[
                "flows.yaml:1:35 mail: email",
                "flows.yaml:1:42 mail",
                "stores.yaml:9:13 mail"
            ])
        );
        // A field a flow creates: its one mention in the flow, and a quoted reference.
        assert_eq!(
            renamed(&snapshot, "purposes.yaml", "copy", 0, "dup"),
            strings(&["flows.yaml:1:49 dup", "purposes.yaml:6:27 dup"])
        );
    }

    /// A store renamed: the store's part of `store.field` too.
    #[test]
    fn renames_a_store_everywhere() {
        let (_dir, snapshot) = sample();
        assert_eq!(
            renamed(&snapshot, "stores.yaml", "crm", 0, "cust"),
            strings(&[
                "flows.yaml:1:21 cust",
                "purposes.yaml:6:11 cust",
                "purposes.yaml:6:23 cust",
                "stores.yaml:1:8 cust"
            ])
        );
        assert_eq!(
            renamed(&snapshot, "stores.yaml", "sales", 0, "crm-team").map(|e| e.len()),
            Ok(5)
        );
    }

    /// Names taken or invalid, two names in one place, built-in names: refused, saying why.
    #[test]
    fn refuses_what_cannot_be_renamed() {
        let (_dir, snapshot) = sample();
        let refused = |path, needle, offset, new| {
            renamed(&snapshot, path, needle, offset, new).expect_err("a refusal")
        };
        let taken = refused("stores.yaml", "email", 0, "copy");
        assert_eq!(taken, "field 'crm.copy' already exists: choose another name");
        assert_eq!(
            refused("stores.yaml", "crm", 0, "shop"),
            "store 'shop' already exists: choose another name"
        );
        let invalid = refused("stores.yaml", "crm", 0, "Big CRM");
        assert!(invalid.starts_with("'Big CRM' is not a valid store id"), "{invalid}");
        let long = "a".repeat(101);
        assert!(refused("stores.yaml", "crm", 0, &long).contains("longer than 100"));
        let two = refused("flows.yaml", "email", 0, "mail");
        assert!(two.contains("names two fields ('shop.email' and 'crm.email')"), "{two}");
        let builtin = refused("purposes.yaml", "customer", 0, "client");
        assert_eq!(builtin, "subject 'customer' is built in: there is nothing to rename");
        assert_eq!(
            refused("purposes.yaml", "member", 0, "customer"),
            "subject 'customer' already exists: choose another name"
        );
    }
}

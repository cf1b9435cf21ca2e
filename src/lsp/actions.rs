//! Quick fixes for the findings that suggest a name ("did you mean 'crm'?"): replace the
//! misspelt text with the suggestion, in one click.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, NumberOrString, TextEdit,
    WorkspaceEdit,
};

use super::snapshot::Snapshot;
use crate::diag::Finding;
use crate::manifest::enums::Language;
use crate::source::Span;

/// The suggestion of a finding's help when the help is only that suggestion. The English
/// help is read whatever the map's language (it is the same suggestion in both).
fn suggestion(finding: &Finding) -> Option<&str> {
    let help = finding.help.as_deref()?;
    let name = help.strip_prefix("did you mean '")?.strip_suffix("'?")?;
    (!name.is_empty() && !name.contains('\'')).then_some(name)
}

/// The bytes to replace and their replacement: the misspelt text without its quotes, or
/// only the field's part of `store.field` when the suggestion is a field's id.
fn replacement(snapshot: &Snapshot, span: Span, name: &str) -> Option<(Span, String)> {
    let text = snapshot.compiled.sources.slice(span);
    let quoted = text.len() >= 2
        && (text.starts_with('"') && text.ends_with('"')
            || text.starts_with('\'') && text.ends_with('\''));
    let span =
        if quoted { Span { start: span.start + 1, end: span.end - 1, ..span } } else { span };
    let text = snapshot.compiled.sources.slice(span);
    if text.contains(['\n', '\\']) || text == name {
        return None;
    }
    match text.rfind('.') {
        Some(dot) if !name.contains('.') => {
            Some((Span { start: span.start + dot as u32 + 1, ..span }, name.to_owned()))
        }
        _ => Some((span, name.to_owned())),
    }
}

#[expect(clippy::mutable_key_type, reason = "lsp-types keys a workspace edit's files by Uri")]
pub(super) fn actions(snapshot: &Snapshot, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let Some(file) = snapshot.file(&params.text_document.uri) else { return Vec::new() };
    let source = snapshot.compiled.sources.get(file);
    let start = source.utf16_offset(params.range.start.line, params.range.start.character);
    let end = source.utf16_offset(params.range.end.line, params.range.end.character);
    let mut found = Vec::new();
    for finding in &snapshot.compiled.report.findings {
        let Some(label) = &finding.primary else { continue };
        let span = label.span;
        if span.file != file || (span.end as usize) < start || (span.start as usize) > end {
            continue;
        }
        let Some(name) = suggestion(finding) else { continue };
        let Some((replaced, new_text)) = replacement(snapshot, span, name) else { continue };
        let old = snapshot.compiled.sources.slice(replaced);
        let range = snapshot.range(span);
        // The editor's diagnostic this fixes, so that it can show the fix beside it.
        let fixes: Vec<_> = params
            .context
            .diagnostics
            .iter()
            .filter(|d| {
                d.range == range && d.code == Some(NumberOrString::String(finding.rule.to_owned()))
            })
            .cloned()
            .collect();
        let edit = TextEdit { range: snapshot.range(replaced), new_text };
        let changes = HashMap::from([(params.text_document.uri.clone(), vec![edit])]);
        found.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: match snapshot.language() {
                Language::En => format!("Replace '{old}' with '{name}'"),
                Language::Fr => format!("Remplacer '{old}' par '{name}'"),
            },
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: (!fixes.is_empty()).then_some(fixes),
            edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
            is_preferred: Some(true),
            ..CodeAction::default()
        }));
    }
    found
}

#[cfg(test)]
mod tests {
    use lsp_types::{
        CodeActionContext, PartialResultParams, Range, TextDocumentIdentifier,
        WorkDoneProgressParams,
    };

    use super::*;
    use crate::lsp::snapshot::of_files;

    /// The fixes offered on the whole of `path`: title and replaced range.
    #[expect(clippy::mutable_key_type, reason = "lsp-types keys a workspace edit by Uri")]
    fn fixes(files: &[(&str, &str)], path: &str) -> Vec<(String, String)> {
        let (_dir, snapshot) = of_files(files);
        let uri = crate::lsp::snapshot::cursor_at(&snapshot, path, ":", 0, 0).text_document.uri;
        let params = CodeActionParams {
            text_document: TextDocumentIdentifier { uri },
            range: Range::new(lsp_types::Position::new(0, 0), lsp_types::Position::new(99, 0)),
            context: CodeActionContext::default(),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
        };
        actions(&snapshot, &params)
            .into_iter()
            .map(|a| match a {
                CodeActionOrCommand::CodeAction(a) => {
                    let edits = a.edit.and_then(|e| e.changes).expect("an edit");
                    let edit = edits.into_values().next().expect("one file").remove(0);
                    let r = edit.range;
                    let place =
                        format!("{}:{}-{}", r.start.line, r.start.character, r.end.character);
                    (a.title, place)
                }
                CodeActionOrCommand::Command(_) => panic!("a command"),
            })
            .collect()
    }

    const STORES: &str = "stores:\n  - id: crm\n    kind: crm\n    fields:\n      - id: email\n";

    /// A misspelt store, field (only its part is replaced), key and value get their fix.
    #[test]
    fn replaces_misspelt_names_with_the_suggestion() {
        let flows =
            "flows:\n  - {from: crn, to: crm}\npurposes:\n  - id: p\n    uses: [\"crm.emial\"]\n";
        assert_eq!(
            fixes(&[("stores.yaml", STORES), ("flows.yaml", flows)], "flows.yaml"),
            [
                ("Replace 'crn' with 'crm'".to_owned(), "1:11-14".to_owned()),
                ("Replace 'emial' with 'email'".to_owned(), "4:16-21".to_owned()),
            ]
        );
        let typos = "stores:\n  - id: crm\n    nmae: CRM\n    kind: ecomerce\n";
        let found = fixes(&[("stores.yaml", typos)], "stores.yaml");
        assert!(found.contains(&("Replace 'nmae' with 'name'".to_owned(), "2:4-8".to_owned())));
        assert!(
            found.contains(&(
                "Replace 'ecomerce' with 'ecommerce'".to_owned(),
                "3:10-18".to_owned()
            ))
        );
    }

    /// In a French map the fix is titled in French; the English words are gone.
    #[test]
    fn titles_in_the_maps_language() {
        let project = "organization: {name: Maison}\nlanguage: fr\n";
        let flows = "flows:\n  - {from: crn, to: crm}\n";
        let files = [("datacarto.yaml", project), ("stores.yaml", STORES), ("flows.yaml", flows)];
        assert_eq!(
            fixes(&files, "flows.yaml"),
            [("Remplacer 'crn' par 'crm'".to_owned(), "1:11-14".to_owned())]
        );
    }

    /// Help that is not a bare suggestion gives no fix.
    #[test]
    fn no_fix_without_a_bare_suggestion() {
        let flows = "flows:\n  - {from: zzzzzz, to: crm}\n";
        assert_eq!(fixes(&[("stores.yaml", STORES), ("flows.yaml", flows)], "flows.yaml"), []);
    }
}

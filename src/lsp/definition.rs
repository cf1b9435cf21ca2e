//! Go to definition and find references: the places the index holds for the entity named
//! under the cursor, in every file of the map (open buffers as typed).

use lsp_types::{GotoDefinitionParams, Location, ReferenceParams};

use super::describe;
use super::index::Role;
use super::snapshot::Snapshot;

/// The declarations of what the cursor names; for a built-in category key or subject,
/// which no file declares, what it is (said to the user, since there is nowhere to go).
pub(super) fn definition(
    snapshot: &Snapshot,
    params: &GotoDefinitionParams,
) -> (Vec<Location>, Option<String>) {
    let under = snapshot.under(&params.text_document_position_params);
    let mut found: Vec<Location> = Vec::new();
    let mut said = None;
    for occurrence in &under {
        let mut any = false;
        for definition in snapshot.index.definitions(&occurrence.target) {
            any = true;
            if let Some(location) = snapshot.location(definition.span)
                && !found.contains(&location)
            {
                found.push(location);
            }
        }
        if !any && said.is_none() {
            said = describe::builtin(&occurrence.target, snapshot.language());
        }
    }
    (found, said)
}

/// Every place naming what the cursor names, across files; the declarations when asked.
pub(super) fn references(snapshot: &Snapshot, params: &ReferenceParams) -> Vec<Location> {
    let with_declarations = params.context.include_declaration;
    let mut found: Vec<Location> = Vec::new();
    for occurrence in snapshot.under(&params.text_document_position) {
        for place in snapshot.index.of(&occurrence.target) {
            if place.role == Role::Definition && !with_declarations {
                continue;
            }
            if let Some(location) = snapshot.location(place.span)
                && !found.contains(&location)
            {
                found.push(location);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use lsp_types::{PartialResultParams, ReferenceContext, WorkDoneProgressParams};

    use super::*;
    use crate::lsp::snapshot::{Snapshot, cursor_at, sample as map};

    fn goto(snapshot: &Snapshot, path: &str, needle: &str, n: usize) -> Vec<String> {
        let params = GotoDefinitionParams {
            text_document_position_params: cursor_at(snapshot, path, needle, n, 1),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
        };
        definition(snapshot, &params).0.iter().map(|l| place(snapshot, l)).collect()
    }

    /// `path:line:character` (0-based) of a location.
    fn place(snapshot: &Snapshot, location: &Location) -> String {
        let path = location.uri.as_str().rsplit('/').next().unwrap_or_default().to_owned();
        let start = location.range.start;
        assert!(snapshot.root.join(&path).exists(), "{path}");
        format!("{path}:{}:{}", start.line, start.character)
    }

    /// Each kind of reference leads to its declaration, in another file.
    #[test]
    fn references_lead_to_their_declarations() {
        let (_dir, snapshot) = map();
        // `crm.email` in `uses:`: the store part to the store, the field part to the field.
        assert_eq!(goto(&snapshot, "purposes.yaml", "crm.email", 0), ["stores.yaml:1:8"]);
        assert_eq!(goto(&snapshot, "purposes.yaml", "email,", 0), ["stores.yaml:4:12"]);
        assert_eq!(goto(&snapshot, "flows.yaml", "shop", 0), ["stores.yaml:6:8"]);
        assert_eq!(goto(&snapshot, "stores.yaml", "sales", 0), ["purposes.yaml:1:8"]);
        assert_eq!(goto(&snapshot, "purposes.yaml", "member", 0), ["purposes.yaml:8:8"]);
        // A plain mapping names both ends; a quoted reference is found inside its quotes; a
        // field a flow creates is declared by the flow's mention of it.
        assert_eq!(
            goto(&snapshot, "flows.yaml", "email", 0),
            ["stores.yaml:9:13", "stores.yaml:4:12"]
        );
        assert_eq!(goto(&snapshot, "purposes.yaml", "copy", 0), ["flows.yaml:1:49"]);
    }

    /// A built-in category key or subject has no declaration: it is described instead.
    #[test]
    fn built_in_names_are_described() {
        let (_dir, snapshot) = map();
        let params = GotoDefinitionParams {
            text_document_position_params: cursor_at(&snapshot, "stores.yaml", "contact", 0, 0),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
        };
        let (found, said) = definition(&snapshot, &params);
        assert!(found.is_empty());
        let said = said.expect("a description");
        assert!(said.contains("user.contact.email") && said.contains("built-in"), "{said}");
        assert_eq!(goto(&snapshot, "purposes.yaml", "customer", 0), Vec::<String>::new());
    }

    /// References across files, with or without the declaration.
    #[test]
    fn finds_references_across_files() {
        let (_dir, snapshot) = map();
        let refs = |include_declaration| {
            let params = ReferenceParams {
                text_document_position: cursor_at(&snapshot, "stores.yaml", "crm", 0, 0),
                work_done_progress_params: WorkDoneProgressParams::default(),
                partial_result_params: PartialResultParams::default(),
                context: ReferenceContext { include_declaration },
            };
            references(&snapshot, &params).iter().map(|l| place(&snapshot, l)).collect::<Vec<_>>()
        };
        assert_eq!(
            refs(true),
            ["flows.yaml:1:21", "purposes.yaml:6:11", "purposes.yaml:6:23", "stores.yaml:1:8"]
        );
        assert_eq!(refs(false), ["flows.yaml:1:21", "purposes.yaml:6:11", "purposes.yaml:6:23"]);
    }
}

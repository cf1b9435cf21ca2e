//! The glossary and each store's `defines:`: terms and definitions by id, references
//! checked with the closest id suggested.

use super::{Resolver, dedupe};
use crate::diag::{Entity, EntityKind};
use crate::manifest::store::Defines;
use crate::model::{Defined, Definition, Term};
use crate::rules::{duplicate_id, unknown_reference};

impl Resolver {
    pub(super) fn terms(&mut self, terms: Vec<crate::manifest::entities::Term>) {
        let terms = dedupe(
            terms,
            |t| (t.id.as_str(), t.id.span),
            EntityKind::Term,
            "term",
            &mut self.findings,
        );
        for t in terms {
            let id = t.id.value.0;
            let mut definitions: Vec<Definition> = Vec::new();
            for d in t.definitions.unwrap_or_default() {
                let path = format!("{id}.{}", d.id.as_str());
                if let Some(first) = definitions.iter().find(|e| e.id == d.id.as_str()) {
                    let entity = Entity::new(EntityKind::Term, path);
                    let finding =
                        duplicate_id::finding(entity, "definition", d.id.span, first.span);
                    self.findings.push(finding);
                    continue;
                }
                definitions.push(Definition {
                    id: d.id.value.0,
                    text: d.definition,
                    span: d.id.span,
                });
            }
            self.model.terms.push(Term {
                name: t.name.unwrap_or_else(|| id.clone()),
                id,
                description: t.description,
                definitions,
                span: t.id.span,
            });
        }
    }

    /// A store's `defines:`, each pair resolved; an unknown term or definition is reported
    /// and left out.
    pub(super) fn defines(&mut self, entity: &Entity, defines: Option<Defines>) -> Vec<Defined> {
        let mut out: Vec<Defined> = Vec::new();
        for (term, definition) in defines.map(|d| d.0).unwrap_or_default() {
            let terms = &self.model.terms;
            let Some(t) = terms.iter().position(|t| t.id == term.as_str()) else {
                let candidates: Vec<&str> = terms.iter().map(|t| t.id.as_str()).collect();
                self.findings.push(unknown_reference::finding(
                    entity.clone(),
                    "term",
                    term.as_str(),
                    term.span,
                    candidates,
                ));
                continue;
            };
            let defs = &terms[t].definitions;
            let Some(d) = defs.iter().position(|d| d.id == definition.as_str()) else {
                let candidates: Vec<&str> = defs.iter().map(|d| d.id.as_str()).collect();
                let what = format!("definition of term '{}'", term.as_str());
                self.findings.push(unknown_reference::finding(
                    entity.clone(),
                    &what,
                    definition.as_str(),
                    definition.span,
                    candidates,
                ));
                continue;
            };
            out.push(Defined { term: t, definition: d, span: definition.span });
        }
        out
    }
}

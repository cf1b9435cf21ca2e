//! Completion of the values the map knows, by the key being typed: store ids, `store.` →
//! that store's fields, teams, subjects, purposes, objectives, category keys and the closed
//! enumerations (kind, legal basis, …), each with what it is.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionTextEdit, Documentation,
    MarkupContent, MarkupKind, TextEdit,
};

use super::describe;
use super::place::{self, Place};
use super::snapshot::Snapshot;
use crate::manifest::enums::{self, Language};
use crate::model::Model;
use crate::vocab::{categories, subjects, tables};

/// The characters after which editors ask again: `crm.` lists the CRM's fields.
pub(super) const TRIGGERS: &[&str] = &["."];

pub(super) fn complete(snapshot: &Snapshot, params: &CompletionParams) -> Vec<CompletionItem> {
    let Some((file, byte)) = snapshot.cursor(&params.text_document_position) else {
        return Vec::new();
    };
    let text = &snapshot.compiled.sources.get(file).text;
    let place = place::at(text, byte);
    let Some(key) = place.key else { return Vec::new() };
    let model = &snapshot.compiled.model;
    let language = snapshot.language();
    let mut items = match key {
        "from" | "to" | "recipients" => stores(model),
        "uses" | "consent_record" => match place.word.split_once('.') {
            Some((store, _)) => fields(model, store, key == "uses"),
            None => stores(model),
        },
        // A flow's fields are the source store's (`email`, or `email: target`).
        "fields" if place.section == Some("flows") => {
            flow_source(text, place.word_start).map(|s| fields(model, s, false)).unwrap_or_default()
        }
        "owner" | "read" | "write" | "admin" => teams(model),
        "subjects" => subject_items(model, language),
        "purposes" => purposes(model),
        "objective" => objectives(model),
        "category" | "needs" | "parent" => category_items(model, language),
        "data_use" => categories::DATA_USES
            .iter()
            .map(|u| {
                let label = tables::data_use_label(u).map(|l| l.get(language)).unwrap_or(u);
                item(u, CompletionItemKind::ENUM_MEMBER, label, None)
            })
            .collect(),
        "location" => tables::countries()
            .map(|c| {
                let eea = if c.eea { "in the EEA" } else { "outside the EEA" };
                item(c.code, CompletionItemKind::ENUM_MEMBER, c.label.get(language), Some(eea))
            })
            .collect(),
        _ => enumeration(key, &place).map(|e| e.items(language)).unwrap_or_default(),
    };
    // Replace the whole word typed so far (editors split words at `.`), or only the part
    // after the dot when fields of a store are listed.
    let start = match place.word.rfind('.') {
        Some(dot) if matches!(key, "uses" | "consent_record") => place.word_start + dot + 1,
        _ => place.word_start,
    };
    let source = snapshot.compiled.sources.get(file);
    let (line, character) = source.utf16_position(start);
    let range = lsp_types::Range {
        start: lsp_types::Position { line, character },
        end: params.text_document_position.position,
    };
    for item in &mut items {
        let new_text = item.label.clone();
        item.text_edit = Some(CompletionTextEdit::Edit(TextEdit { range, new_text }));
    }
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: &str,
    documentation: Option<&str>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        documentation: documentation.map(|d| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: d.to_owned(),
            })
        }),
        ..CompletionItem::default()
    }
}

/// "not stated" for an attribute the map leaves out, naming the attribute to fill.
fn stated(value: Option<&str>, attribute: &str) -> String {
    value.map_or_else(|| format!("not stated (`{attribute}:`)"), str::to_owned)
}

fn stores(model: &Model) -> Vec<CompletionItem> {
    model
        .stores
        .iter()
        .map(|s| {
            let kind = stated(s.kind.map(|k| k.as_str()), "kind");
            let owner = stated(s.owner.map(|o| model.team(o).id.as_str()), "owner");
            let mut doc = format!("kind: {kind}  \nowner: {owner}  \nfields: {}", s.fields.len());
            if let Some(description) = &s.description {
                doc = format!("{description}\n\n{doc}");
            }
            item(&s.id, CompletionItemKind::MODULE, &s.name, Some(&doc))
        })
        .collect()
}

/// The fields of `store`, and `*` (every field) where a list of uses allows it.
fn fields(model: &Model, store: &str, star: bool) -> Vec<CompletionItem> {
    let Some(store) = model.store_by_id(store) else { return Vec::new() };
    let mut items: Vec<CompletionItem> = model
        .fields_of(store)
        .map(|f| {
            let field = model.field(f);
            let doc = match &field.category {
                Some(category) => {
                    let personal =
                        if field.personal { "personal data" } else { "not personal data" };
                    let special = field.special.map(|s| format!(", special: {}", s.as_str()));
                    format!(
                        "category: {} ({personal}{})",
                        category.value,
                        special.unwrap_or_default()
                    )
                }
                None => "category: not stated (`category:`)".to_owned(),
            };
            item(&field.id, CompletionItemKind::FIELD, &field.name, Some(&doc))
        })
        .collect();
    if star {
        items.push(item("*", CompletionItemKind::FIELD, "every field of the store", None));
    }
    items
}

/// The store a flow's fields come from: the nearest `from:` before the cursor.
fn flow_source(text: &str, byte: usize) -> Option<&str> {
    let head = &text[..byte];
    let at = head.rfind("from:")? + "from:".len();
    let value = head[at..].trim_start();
    let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || "_-".contains(c)))?;
    Some(&value[..end]).filter(|v| !v.is_empty())
}

fn teams(model: &Model) -> Vec<CompletionItem> {
    let kind = CompletionItemKind::CLASS;
    model.teams.iter().map(|t| item(&t.id, kind, &t.name, t.description.as_deref())).collect()
}

fn purposes(model: &Model) -> Vec<CompletionItem> {
    let kind = CompletionItemKind::EVENT;
    model
        .purposes
        .iter()
        .map(|p| {
            let basis = stated(p.legal_basis.as_ref().map(|b| b.value.as_str()), "legal_basis");
            let doc = format!("legal basis: {basis}");
            item(&p.id, kind, &p.name, Some(&doc))
        })
        .collect()
}

fn objectives(model: &Model) -> Vec<CompletionItem> {
    let kind = CompletionItemKind::CONSTANT;
    model.objectives.iter().map(|o| item(&o.id, kind, &o.name, o.description.as_deref())).collect()
}

/// The map's subjects (built-in ones included, once), with what they are.
fn subject_items(model: &Model, language: Language) -> Vec<CompletionItem> {
    let kind = CompletionItemKind::VALUE;
    let mut items: Vec<CompletionItem> = model
        .subjects
        .iter()
        .map(|s| {
            let target = super::index::Target::Subject(s.id.clone());
            let doc = match (&s.span, describe::builtin(&target, language)) {
                (None, Some(builtin)) => Some(builtin),
                _ => s.description.clone(),
            };
            item(&s.id, kind, &s.name, doc.as_deref())
        })
        .collect();
    for builtin in subjects::SUBJECTS {
        if !items.iter().any(|i| i.label == builtin.id) {
            let target = super::index::Target::Subject(builtin.id.to_owned());
            let doc = describe::builtin(&target, language);
            let label = tables::subject_label(builtin.id).map_or(builtin.id, |l| l.get(language));
            items.push(item(builtin.id, kind, label, doc.as_deref()));
        }
    }
    items
}

/// The built-in category keys and the map's own.
fn category_items(model: &Model, language: Language) -> Vec<CompletionItem> {
    let kind = CompletionItemKind::ENUM_MEMBER;
    let mut items: Vec<CompletionItem> = categories::CATEGORIES
        .iter()
        .map(|key| {
            let label = tables::category_label(key).map_or(*key, |l| l.get(language));
            item(key, kind, label, Some(&describe::category(key, language)))
        })
        .collect();
    for c in &model.categories {
        if !categories::is_builtin(&c.key) {
            let name = c.name.as_deref().unwrap_or(&c.key);
            items.push(item(&c.key, kind, name, c.description.as_deref()));
        }
    }
    items
}

/// A closed list of values and the GDPR table that labels them.
struct Enumeration {
    values: Vec<&'static str>,
    table: &'static str,
}

impl Enumeration {
    fn items(&self, language: Language) -> Vec<CompletionItem> {
        let kind = CompletionItemKind::ENUM_MEMBER;
        self.values
            .iter()
            .map(|value| match tables::gdpr_term(self.table, value) {
                Some(term) => {
                    let article = term.article.map(|a| format!("GDPR {a}"));
                    item(value, kind, term.label.get(language), article.as_deref())
                }
                None => item(value, kind, value, None),
            })
            .collect()
    }
}

/// The enumeration a key takes its value from, told apart by where the key is when two
/// share a name (`status:` of a store, a purpose or a DPIA; `mechanism:` of a flow or a
/// transfer).
fn enumeration(key: &str, place: &Place<'_>) -> Option<Enumeration> {
    fn all<T: Copy>(values: &'static [T], text: fn(T) -> &'static str) -> Vec<&'static str> {
        values.iter().map(|v| text(*v)).collect()
    }
    let (values, table) = match (key, place.parent, place.section) {
        ("kind", _, _) => (all(enums::StoreKind::ALL, enums::StoreKind::as_str), "store_kind"),
        ("status", Some("dpia"), _) => {
            (all(enums::DpiaStatus::ALL, enums::DpiaStatus::as_str), "dpia_status")
        }
        ("status", _, Some("purposes")) => {
            (all(enums::PurposeStatus::ALL, enums::PurposeStatus::as_str), "purpose_status")
        }
        ("status", _, _) => {
            (all(enums::StoreStatus::ALL, enums::StoreStatus::as_str), "store_status")
        }
        ("mechanism", Some("transfer"), _) => (
            all(enums::TransferMechanism::ALL, enums::TransferMechanism::as_str),
            "transfer_mechanism",
        ),
        ("mechanism", _, _) => (all(enums::Mechanism::ALL, enums::Mechanism::as_str), "mechanism"),
        ("source", _, _) => {
            (all(enums::FieldSource::ALL, enums::FieldSource::as_str), "field_source")
        }
        ("frequency", _, _) => (all(enums::Frequency::ALL, enums::Frequency::as_str), "frequency"),
        ("direction", _, _) => (all(enums::Direction::ALL, enums::Direction::as_str), "direction"),
        ("legal_basis", _, _) => {
            (all(enums::LegalBasis::ALL, enums::LegalBasis::as_str), "legal_basis")
        }
        ("special", _, _) => {
            (all(enums::SpecialCategory::ALL, enums::SpecialCategory::as_str), "special_category")
        }
        ("special_condition", _, _) => {
            (all(enums::Art9Condition::ALL, enums::Art9Condition::as_str), "art9_condition")
        }
        ("security", _, _) => {
            (all(enums::SecurityMeasure::ALL, enums::SecurityMeasure::as_str), "security_measure")
        }
        ("method", Some("erasure"), _) => {
            (all(enums::ErasureMethod::ALL, enums::ErasureMethod::as_str), "erasure_method")
        }
        ("end_action", _, _) => {
            (all(enums::EndAction::ALL, enums::EndAction::as_str), "end_action")
        }
        ("basis", _, _) => {
            (all(enums::RetentionBasis::ALL, enums::RetentionBasis::as_str), "retention_basis")
        }
        ("trigger", _, _) => (
            all(enums::RetentionTrigger::ALL, enums::RetentionTrigger::as_str),
            "retention_trigger",
        ),
        ("language", _, _) => (all(enums::Language::ALL, enums::Language::as_str), "language"),
        _ => return None,
    };
    Some(Enumeration { values, table })
}

#[cfg(test)]
mod tests {
    use lsp_types::{PartialResultParams, WorkDoneProgressParams};

    use super::*;
    use crate::lsp::snapshot::{Snapshot, cursor_at};

    fn labels(snapshot: &Snapshot, path: &str, needle: &str, offset: usize) -> Vec<String> {
        let params = CompletionParams {
            text_document_position: cursor_at(snapshot, path, needle, 0, offset),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
            context: None,
        };
        complete(snapshot, &params).into_iter().map(|i| i.label).collect()
    }

    /// Each key completes the values it takes, from the map or its vocabulary.
    #[test]
    fn completes_what_each_key_takes() {
        let (_dir, snapshot) = crate::lsp::snapshot::sample();
        assert_eq!(labels(&snapshot, "flows.yaml", "shop", 2), ["crm", "shop"]);
        assert_eq!(labels(&snapshot, "purposes.yaml", "crm.email", 4), ["*", "copy", "email"]);
        assert_eq!(labels(&snapshot, "flows.yaml", "email,", 1), ["email"]);
        assert_eq!(labels(&snapshot, "stores.yaml", "sales", 0), ["sales"]);
        let subjects = labels(&snapshot, "purposes.yaml", "member", 0);
        assert!(subjects.contains(&"member".to_owned()) && subjects.contains(&"child".into()));
        let keys = labels(&snapshot, "stores.yaml", "user.contact", 0);
        assert!(keys.contains(&"user.contact.email".to_owned()), "{keys:?}");
        assert_eq!(keys.len(), categories::CATEGORIES.len());
        // A key with no value from the map (`id:`) completes nothing.
        assert_eq!(labels(&snapshot, "stores.yaml", "crm", 0), Vec::<String>::new());
    }

    /// Enumerations are told apart by where the key is, and carry their label and article.
    #[test]
    fn completes_enumerations_by_place() {
        let (_dir, snapshot) = crate::lsp::snapshot::of_files(&[(
            "m.yaml",
            "stores:\n  - id: a\n    status: x\n    transfer: {mechanism: x}\npurposes:\n  - id: p\n    status: x\n    legal_basis: x\n",
        )]);
        let at = |needle: &str, n| {
            let params = CompletionParams {
                text_document_position: cursor_at(&snapshot, "m.yaml", needle, n, needle.len()),
                work_done_progress_params: WorkDoneProgressParams::default(),
                partial_result_params: PartialResultParams::default(),
                context: None,
            };
            complete(&snapshot, &params).into_iter().map(|i| i.label).collect::<Vec<_>>()
        };
        let has = |labels: &[String], value: &str| labels.iter().any(|l| l == value);
        assert!(has(&at("status: ", 0), "legacy"));
        assert!(!has(&at("status: ", 1), "legacy"));
        assert!(has(&at("status: ", 1), "planned"));
        assert!(has(&at("mechanism: ", 0), "scc_commission"));
        assert!(!has(&at("mechanism: ", 0), "api"));
        let params = CompletionParams {
            text_document_position: cursor_at(&snapshot, "m.yaml", "legal_basis: ", 0, 13),
            work_done_progress_params: WorkDoneProgressParams::default(),
            partial_result_params: PartialResultParams::default(),
            context: None,
        };
        let basis = complete(&snapshot, &params);
        let consent = basis.iter().find(|i| i.label == "consent").expect("consent");
        assert_eq!(consent.detail.as_deref(), Some("Consent"));
        assert!(consent.documentation.is_some(), "{consent:?}");
    }
}

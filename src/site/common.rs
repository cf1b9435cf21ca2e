//! What several pages show the same way: badges, places (`file:line`), labels of categories
//! and enumerations, findings by entity.

use std::collections::BTreeMap;

use tera::Value;

use super::Inputs;
use crate::checks::facts;
use crate::diag::{EntityKind, Finding};
use crate::manifest::enums::{Language, StoreStatus};
use crate::model::{FieldId, FieldOrigin, Model, PurposeId, StoreId, TeamId};
use crate::source::Span;
use crate::vocab::tables;

/// `file:line` of a span.
pub(super) fn place(inputs: &Inputs<'_>, span: Span) -> String {
    let file = inputs.sources.get(span.file);
    let (line, _) = file.line_col(span.start as usize);
    format!("{}:{line}", inputs.sources.map_path(&file.path))
}

pub(super) fn badge(class: &str, text: &str) -> Value {
    obj! {"class": class, "text": text}
}

fn words(language: Language) -> (&'static str, &'static str, &'static str, &'static str) {
    match language {
        Language::En => ("personal", "special", "external", "master"),
        Language::Fr => ("personnel", "sensible", "externe", "référentiel"),
    }
}

/// Badges of a store.
pub(super) fn store_marks(model: &Model, store: StoreId, language: Language) -> Vec<Value> {
    let s = model.store(store);
    let (personal, special, external, master) = words(language);
    let mut marks = Vec::new();
    if s.referential {
        marks.push(badge("referential", master));
    }
    if facts::holds_personal(model, store) {
        marks.push(badge("personal", personal));
    }
    if model.fields_of(store).any(|f| model.field(f).special.is_some()) {
        marks.push(badge("special", special));
    }
    if s.external {
        marks.push(badge("external", external));
    }
    let outside = facts::outside_eea(model, store);
    if !outside.is_empty() {
        marks.push(badge("outside-eea", &outside.join(" ")));
    }
    if s.status != StoreStatus::Active {
        marks.push(badge("status", &enum_label("store_status", s.status.as_str(), language)));
    }
    marks
}

/// Badges of a field.
pub(super) fn field_marks(model: &Model, field: FieldId, language: Language) -> Vec<Value> {
    let f = model.field(field);
    let (personal, _, _, _) = words(language);
    let mut marks = Vec::new();
    if f.personal {
        marks.push(badge("personal", personal));
    }
    if let Some(s) = f.special {
        marks.push(badge("special", &enum_label("special_category", s.as_str(), language)));
    }
    if f.identifier {
        marks.push(badge(
            "id",
            match language {
                Language::En => "identifier",
                Language::Fr => "identifiant",
            },
        ));
    }
    if f.deprecated {
        marks.push(badge(
            "status",
            match language {
                Language::En => "deprecated",
                Language::Fr => "obsolète",
            },
        ));
    }
    marks
}

/// The label of an enumeration value in a table of gdpr.tsv, else the value itself.
pub(super) fn enum_label(table: &str, id: &str, language: Language) -> String {
    tables::gdpr_term(table, id).map_or_else(|| id.to_owned(), |t| t.label.get(language).to_owned())
}

/// A category's label: built-in, declared by the map, else the key.
pub(super) fn category_label(model: &Model, key: &str, language: Language) -> String {
    tables::category_label(key)
        .map(|l| l.get(language).to_owned())
        .or_else(|| model.category(key).and_then(|c| c.name.clone()))
        .unwrap_or_else(|| key.to_owned())
}

/// Where a field's data comes from, in words.
pub(super) fn origin(model: &Model, field: FieldId, language: Language) -> String {
    let f = model.field(field);
    match f.origin {
        FieldOrigin::Inferred { flow, from } => format!(
            "{} {} ({})",
            match language {
                Language::En => "delivered by",
                Language::Fr => "livré par",
            },
            model.flow(flow).id,
            model.field_path(from)
        ),
        FieldOrigin::Declared => {
            let source = f.source.map(|s| enum_label("field_source", s.as_str(), language));
            match (source, f.collection()) {
                (Some(s), Some(c)) => format!("{s}: {c}"),
                (Some(s), None) => s,
                (None, Some(c)) => c.to_owned(),
                (None, None) => String::new(),
            }
        }
    }
}

pub(super) fn percent(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| format!("{:.0} %", v * 100.0))
}

/// A link target for a field: its store and id.
pub(super) fn field_link(model: &Model, field: FieldId) -> Value {
    let f = model.field(field);
    obj! {"store": model.store(f.store).id.as_str(), "field": f.id.as_str(), "path": model.field_path(field)}
}

/// How many links a table cell lists before it says how many more there are.
const LIST_CAP: usize = 8;

/// The first links of a list, and how many were left out: a field copied into hundreds of
/// places (or fed by hundreds) would otherwise make its page megabytes long. The whole list
/// is one `datacarto trace` away.
/// The note is empty when nothing was left out.
pub(super) fn capped<T>(
    items: &[T],
    link: impl Fn(&T) -> Value,
    lang: Language,
) -> (Vec<Value>, String) {
    let shown = items.iter().take(LIST_CAP).map(link).collect();
    (shown, and_more(items.len().saturating_sub(LIST_CAP), lang))
}

/// "and N more" for `more` items left out; empty when none was.
pub(super) fn and_more(more: usize, lang: Language) -> String {
    if more == 0 {
        String::new()
    } else {
        crate::words::site::word("and_more", lang).replace('N', &more.to_string())
    }
}

pub(super) fn purpose_link(model: &Model, purpose: PurposeId) -> Value {
    let p = model.purpose(purpose);
    id_name(&p.id, &p.name)
}

pub(super) fn store_link(model: &Model, store: StoreId) -> Value {
    let s = model.store(store);
    id_name(&s.id, &s.name)
}

pub(super) fn team_link(model: &Model, team: TeamId) -> Value {
    let t = model.team(team);
    id_name(&t.id, &t.name)
}

/// An entity as the templates link it: its id and its name.
pub(super) fn id_name(id: &str, name: &str) -> Value {
    obj! {"id": id, "name": name}
}

/// Findings grouped by the page that shows them: a store's page shows its own and its
/// fields'; a purpose's page its own.
#[derive(Default)]
pub(super) struct FindingIndex<'r> {
    pub(super) stores: BTreeMap<String, Vec<&'r Finding>>,
    pub(super) purposes: BTreeMap<String, Vec<&'r Finding>>,
}

impl<'r> FindingIndex<'r> {
    pub(super) fn new(findings: &'r [Finding]) -> FindingIndex<'r> {
        let mut index = FindingIndex::default();
        for f in findings {
            let Some(entity) = &f.entity else { continue };
            match entity.kind {
                EntityKind::Store => index.stores.entry(entity.path.clone()).or_default().push(f),
                EntityKind::Field => {
                    let store =
                        entity.path.split_once('.').map_or(entity.path.as_str(), |(s, _)| s);
                    index.stores.entry(store.to_owned()).or_default().push(f);
                }
                EntityKind::Purpose => {
                    index.purposes.entry(entity.path.clone()).or_default().push(f)
                }
                _ => {}
            }
        }
        index
    }
}

/// Findings as the `findings_list.html` template reads them.
pub(super) fn findings_json(
    inputs: &Inputs<'_>,
    findings: &[&Finding],
    language: Language,
) -> Vec<Value> {
    findings
        .iter()
        .map(|f| {
            obj! {
                "level": f.level.as_str(),
                "level_label": f.level.word(language),
                "rule": f.rule,
                "message": f.message.get(language),
                "help": f.help.as_ref().map(|h| h.get(language)),
                "place": f.primary.as_ref().map(|l| place(inputs, l.span)).unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_capped_with_a_count_of_the_rest() {
        let items: Vec<usize> = (0..11).collect();
        let (shown, note) = capped(&items, |i| Value::from(*i), Language::En);
        assert_eq!(shown.len(), LIST_CAP);
        assert_eq!(note, "and 3 more");
        let (shown, note) = capped(&items[..2], |i| Value::from(*i), Language::Fr);
        assert_eq!(shown.len(), 2);
        assert_eq!(note, "");
        assert_eq!(capped(&items, |i| Value::from(*i), Language::Fr).1, "et 3 autres");
    }
}

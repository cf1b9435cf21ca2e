//! Hover: what the entity under the cursor is, from the resolved map. A field: its
//! category, where its data comes from and goes, the purposes using it; a store: its kind,
//! owner, location and findings. What the map does not state is said so, with the attribute.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use super::describe;
use super::index::Target;
use super::snapshot::Snapshot;
use crate::diag::EntityKind;
use crate::model::{FieldId, FieldOrigin, StoreId};

/// How many fields, purposes or findings a hover lists before counting the rest.
const LISTED: usize = 8;

pub(super) fn hover(snapshot: &Snapshot, params: &HoverParams) -> Option<Hover> {
    let under = snapshot.under(&params.text_document_position_params);
    let first = under.first()?;
    let text = under
        .iter()
        .filter_map(|o| describe_target(snapshot, &o.target))
        .collect::<Vec<_>>()
        .join("\n\n---\n\n");
    (!text.is_empty()).then(|| Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: Some(snapshot.range(first.span)),
    })
}

fn describe_target(snapshot: &Snapshot, target: &Target) -> Option<String> {
    let model = &snapshot.compiled.model;
    match target {
        Target::Field(store, field) => {
            let id = model.field_by_id(model.store_by_id(store)?, field)?;
            Some(field_text(snapshot, id))
        }
        Target::Store(store) => Some(store_text(snapshot, model.store_by_id(store)?)),
        Target::Team(id) => {
            let team = model.team(model.team_by_id(id)?);
            let email = not_stated(team.email.as_deref(), "email");
            let owns: Vec<&str> = model
                .stores
                .iter()
                .filter(|s| s.owner.is_some_and(|o| model.team(o).id == *id))
                .map(|s| s.id.as_str())
                .collect();
            Some(format!(
                "**{id}**: {} (team)\n\nemail: {email}  \nowns stores: {}",
                team.name,
                listed(&owns, "none")
            ))
        }
        Target::Purpose(id) => {
            let purpose = model.purpose(model.purpose_by_id(id)?);
            let basis = purpose.legal_basis.as_ref().map(|b| b.value.as_str());
            let owner = purpose.owner.map(|o| model.team(o).id.as_str());
            Some(format!(
                "**{id}**: {} (purpose, {})\n\nlegal basis: {}  \nowner: {}  \nfields used: {}",
                purpose.name,
                purpose.status.as_str(),
                not_stated(basis, "legal_basis"),
                not_stated(owner, "owner"),
                purpose.uses.len()
            ))
        }
        Target::Objective(id) => {
            let objective = model.objective(model.objective_by_id(id)?);
            let description = objective.description.as_deref().unwrap_or_default();
            Some(format!("**{id}**: {} (objective)\n\n{description}", objective.name))
        }
        Target::Subject(id) => {
            let subject = model.subject(model.subject_by_id(id)?);
            match (&subject.span, describe::builtin(target, snapshot.language())) {
                (None, Some(builtin)) => Some(builtin),
                _ => {
                    let vulnerable = if subject.vulnerable { ", a vulnerable group" } else { "" };
                    Some(format!("**{id}**: {} (subject{vulnerable})", subject.name))
                }
            }
        }
        Target::Category(key) => match model.category(key) {
            Some(category) => {
                let name = category.name.as_deref().unwrap_or(key);
                let personal = match category.personal {
                    Some(true) => "personal data".to_owned(),
                    Some(false) => "not personal data".to_owned(),
                    None => "personal data: not stated (`personal:`)".to_owned(),
                };
                let special = category.special.map(|s| format!("; special: {}", s.as_str()));
                Some(format!(
                    "**{key}**: {name} (category of the map)\n\n{personal}{}",
                    special.unwrap_or_default()
                ))
            }
            None => describe::builtin(target, snapshot.language()),
        },
    }
}

fn field_text(snapshot: &Snapshot, id: FieldId) -> String {
    let model = &snapshot.compiled.model;
    let graph = &snapshot.compiled.graph;
    let field = model.field(id);
    let mut text = format!("**{}**: {} (field)\n\n", model.field_path(id), field.name);
    match &field.category {
        Some(category) => {
            let personal = if field.personal { "personal data" } else { "not personal data" };
            let _ = write!(text, "category: `{}`, {personal}", category.value);
            if let Some(special) = field.special {
                let _ = write!(text, ", **special category: {}**", special.as_str());
            }
        }
        None => text.push_str("category: not stated (`category:`)"),
    }
    let source = match field.origin {
        FieldOrigin::Inferred { flow, .. } => {
            format!("created here by flow `{}` (not declared in the store)", model.flow(flow).id)
        }
        FieldOrigin::Declared => not_stated(field.source.map(|s| s.as_str()), "source"),
    };
    let _ = write!(text, "  \nsource: {source}");
    let paths = |fields: Vec<FieldId>| -> Vec<String> {
        fields.into_iter().map(|f| format!("`{}`", model.field_path(f))).collect()
    };
    let mut origins = graph.origins(id);
    origins.retain(|f| *f != id);
    // Nearest first, then by path: the same text whatever order the graph walks in.
    let by_distance = |reached: Vec<crate::graph::Reached>| -> Vec<String> {
        let mut found: Vec<(usize, String)> = reached
            .into_iter()
            .map(|r| (r.depth, format!("`{}`", model.field_path(r.field))))
            .collect();
        found.sort();
        found.into_iter().map(|(_, path)| path).collect()
    };
    let upstream = by_distance(graph.upstream(id, None));
    let downstream = by_distance(graph.downstream(id, None));
    let _ = write!(text, "\n\ncomes from: {}", listed(&upstream, "no flow brings it here"));
    if !origins.is_empty() {
        let _ = write!(text, "  \norigins: {}", listed(&paths(origins), ""));
    }
    let _ = write!(text, "  \ngoes to: {}", listed(&downstream, "no flow carries it further"));
    let users: Vec<String> = model
        .purposes
        .iter()
        .filter(|p| p.uses.binary_search(&id).is_ok())
        .map(|p| {
            let basis = p.legal_basis.as_ref().map(|b| b.value.as_str());
            format!("`{}` (legal basis: {})", p.id, not_stated(basis, "legal_basis"))
        })
        .collect();
    let _ = write!(text, "\n\nused by purposes: {}", listed(&users, "none of the map's purposes"));
    text
}

fn store_text(snapshot: &Snapshot, id: StoreId) -> String {
    let model = &snapshot.compiled.model;
    let store = model.store(id);
    let kind = store.kind.map(|k| k.as_str());
    let owner = store.owner.map(|o| {
        let team = model.team(o);
        format!("{} ({})", team.id, team.name)
    });
    let location: Vec<&str> = store.location.iter().map(|l| l.value.as_str()).collect();
    let location = if location.is_empty() { None } else { Some(location.join(", ")) };
    let personal = store.fields.iter().filter(|f| model.field(**f).personal).count();
    let mut text = format!(
        "**{}**: {} (store)\n\nkind: {}  \nowner: {}  \nlocation: {}  \nfields: {}, {personal} personal",
        store.id,
        store.name,
        not_stated(kind, "kind"),
        not_stated(owner.as_deref(), "owner"),
        not_stated(location.as_deref(), "location"),
        store.fields.len(),
    );
    let findings: Vec<String> = snapshot
        .compiled
        .report
        .findings
        .iter()
        .filter(|f| f.entity.as_ref().is_some_and(|e| about_store(e, &store.id)))
        .map(|f| format!("{}[{}] {}", f.level.as_str(), f.rule, f.message))
        .collect();
    if findings.is_empty() {
        text.push_str("\n\nfindings: none");
    } else {
        let _ = write!(text, "\n\nfindings ({}):", findings.len());
        for finding in findings.iter().take(LISTED) {
            let _ = write!(text, "\n- {finding}");
        }
        if findings.len() > LISTED {
            let _ = write!(text, "\n- and {} more (`datacarto check`)", findings.len() - LISTED);
        }
    }
    text
}

/// Whether a finding is about the store or one of its fields.
fn about_store(entity: &crate::diag::Entity, store: &str) -> bool {
    match entity.kind {
        EntityKind::Store => entity.path == store,
        EntityKind::Field => entity.path.split_once('.').is_some_and(|(s, _)| s == store),
        _ => false,
    }
}

fn not_stated(value: Option<&str>, attribute: &str) -> String {
    value.map_or_else(|| format!("not stated (`{attribute}:`)"), str::to_owned)
}

/// The first items, then how many more; `empty` when there are none.
fn listed<T: AsRef<str>>(items: &[T], empty: &str) -> String {
    if items.is_empty() {
        return empty.to_owned();
    }
    let mut text: Vec<&str> = items.iter().take(LISTED).map(AsRef::as_ref).collect();
    let more = format!("and {} more", items.len().saturating_sub(LISTED));
    if items.len() > LISTED {
        text.push(&more);
    }
    text.join(", ")
}

#[cfg(test)]
mod tests {
    use lsp_types::WorkDoneProgressParams;

    use super::*;
    use crate::lsp::snapshot::{cursor_at, sample};

    fn text(snapshot: &Snapshot, path: &str, needle: &str, offset: usize) -> String {
        let params = HoverParams {
            text_document_position_params: cursor_at(snapshot, path, needle, 0, offset),
            work_done_progress_params: WorkDoneProgressParams::default(),
        };
        match hover(snapshot, &params).map(|h| h.contents) {
            Some(HoverContents::Markup(markup)) => markup.value,
            other => panic!("{other:?}"),
        }
    }

    /// A field: category, lineage both ways, purposes; nothing said that the map lacks.
    #[test]
    fn a_field_says_its_category_lineage_and_purposes() {
        let (_dir, snapshot) = sample();
        let crm_email = text(&snapshot, "purposes.yaml", "email", 0);
        assert!(crm_email.starts_with("**crm.email**: email (field)"), "{crm_email}");
        assert!(crm_email.contains("category: `user.contact.email`, personal data"), "{crm_email}");
        assert!(crm_email.contains("source: not stated (`source:`)"), "{crm_email}");
        assert!(crm_email.contains("comes from: `shop.email`"), "{crm_email}");
        assert!(crm_email.contains("goes to: no flow carries it further"), "{crm_email}");
        let used = "used by purposes: `follow-up` (legal basis: not stated (`legal_basis:`))";
        assert!(crm_email.contains(used), "{crm_email}");
        assert!(!crm_email.contains("not personal"), "{crm_email}");
        let shop_email = text(&snapshot, "stores.yaml", "{id: email", 6);
        assert!(shop_email.contains("goes to: `crm.copy`, `crm.email`"), "{shop_email}");
        assert!(shop_email.contains("used by purposes: none of the map's purposes"));
        let copy = text(&snapshot, "purposes.yaml", "copy", 0);
        assert!(copy.contains("created here by flow"), "{copy}");
        // It carries the category of the field it comes from.
        assert!(copy.contains("category: `user.contact.email`"), "{copy}");
    }

    /// A store: kind, owner, location (not stated here) and its findings.
    #[test]
    fn a_store_says_its_kind_owner_location_and_findings() {
        let (_dir, snapshot) = sample();
        let crm = text(&snapshot, "flows.yaml", "crm", 0);
        assert!(crm.contains("kind: not stated (`kind:`)"), "{crm}");
        assert!(crm.contains("owner: sales (sales)"), "{crm}");
        assert!(crm.contains("location: not stated (`location:`)"), "{crm}");
        assert!(crm.contains("findings ("), "{crm}");
        assert!(crm.contains("fields: 2, 2 personal"), "{crm}");
        assert!(crm.contains("- warn[missing-identifier] store 'crm' holds personal"), "{crm}");
        // Findings about the shop are not the CRM's.
        assert!(!crm.contains("store 'shop'"), "{crm}");
        let team = text(&snapshot, "stores.yaml", "sales", 0);
        assert!(team.contains("owns stores: crm, shop"), "{team}");
    }
}

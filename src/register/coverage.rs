//! The coverage report: the art. 30 cells left empty, why, and which manifest attribute to
//! fill, at which `file:line`. Mandatory gaps (what `register --check` fails on) are the
//! cells art. 30(1) always requires: the controller (a), the data subjects (c), the
//! recipients (d), and a safeguard for each transfer a flow makes outside the EEA (e).
//! Retention (f) and security (g) are "where possible": reported, never failing. A fact the
//! map leaves unsaid is a gap too ("unknown is not no"): a store of the journey without
//! `location` (mandatory: the transfers cannot be told), profiling and automated decisions
//! not stated, a DPIA declared required that the map does not back; and a register with no
//! row while the map holds personal data (mandatory).

use super::Inputs;
use super::rows::{Controller, Gap, Row, Term};
use crate::manifest::enums::Language;
use crate::source::{SourceMap, Span};
use crate::words::register::L;

/// The kind of entity a gap asks to edit.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Purpose,
    Field,
    Flow,
    Store,
}

/// "of purpose 'x'" / "de la finalité « x »".
pub(super) fn of(kind: Kind, id: &str, language: Language) -> String {
    match (language, kind) {
        (Language::En, Kind::Purpose) => format!("of purpose '{id}'"),
        (Language::En, Kind::Field) => format!("of field '{id}'"),
        (Language::En, Kind::Flow) => format!("of flow '{id}'"),
        (Language::En, Kind::Store) => format!("of store '{id}'"),
        (Language::Fr, Kind::Purpose) => format!("de la finalité « {id} »"),
        (Language::Fr, Kind::Field) => format!("du champ « {id} »"),
        (Language::Fr, Kind::Flow) => format!("du flux « {id} »"),
        (Language::Fr, Kind::Store) => format!("du système « {id} »"),
    }
}

/// `file:line` of a span.
pub fn place(sources: &SourceMap, span: Span) -> String {
    let file = sources.get(span.file);
    let (line, _) = file.line_col(span.start as usize);
    format!("{}:{line}", file.path)
}

/// The label of a cell without its article ("Recipients (art. 30(1)(d))" → "Recipients").
pub(super) fn cell(id: &str, title: L, language: Language) -> Term {
    let label = title.get(language);
    let short = label.split(" (art.").next().unwrap_or(label);
    Term { id: id.to_owned(), label: short.to_owned(), article: None }
}

pub(super) fn gaps(
    inputs: &Inputs<'_>,
    controller: Option<&Controller>,
    rows: &[Row],
    language: Language,
) -> Vec<Gap> {
    let mut out = header(inputs, controller, language);
    if rows.is_empty() && inputs.model.fields.iter().any(|f| f.personal) {
        let model = inputs.model;
        out.push(Gap {
            row: None,
            cell: cell("activities", L::Contents, language),
            article: "30(1)".to_owned(),
            mandatory: true,
            why: L::GapNoRows.get(language).to_owned(),
            fix: match language {
                Language::En => "`uses` of an active purpose".to_owned(),
                Language::Fr => "`uses` d'une finalité en cours".to_owned(),
            },
            at: model.purposes.first().map(|p| place(inputs.sources, p.span)),
        });
    }
    for row in rows {
        row_gaps(inputs, row, language, &mut out);
    }
    out
}

pub(super) fn header(
    inputs: &Inputs<'_>,
    controller: Option<&Controller>,
    language: Language,
) -> Vec<Gap> {
    let model = inputs.model;
    let at = model
        .organization
        .as_ref()
        .map(|o| o.span)
        .or_else(|| model.project_file.map(Span::file_start))
        .map(|s| place(inputs.sources, s));
    let gap = |l: L, mandatory: bool, fix: &str| Gap {
        row: None,
        cell: cell("controller", L::Controller, language),
        article: "30(1)(a)".to_owned(),
        mandatory,
        why: l.get(language).to_owned(),
        fix: format!("`organization.{fix}` (datacarto.yaml)"),
        at: at.clone(),
    };
    let mut out = Vec::new();
    match controller {
        None => out.push(gap(L::GapNoController, true, "name")),
        Some(c) => {
            if c.name.is_none() {
                out.push(gap(L::GapNoController, true, "name"));
            }
            if c.address.is_none() && c.email.is_none() && c.phone.is_none() {
                out.push(gap(L::GapNoContact, true, "address"));
            }
            if c.dpo.is_none() {
                out.push(gap(L::GapNoDpo, false, "dpo"));
            }
        }
    }
    out
}

fn row_gaps(inputs: &Inputs<'_>, row: &Row, language: Language, out: &mut Vec<Gap>) {
    let (model, sources) = (inputs.model, inputs.sources);
    let purpose_at =
        model.purpose_by_id(&row.reference).map(|p| place(sources, model.purpose(p).span));
    let mut push = |id: &str,
                    title: L,
                    article: &str,
                    mandatory: bool,
                    why: String,
                    fix: String,
                    at: Option<String>| {
        out.push(Gap {
            row: Some(row.reference.clone()),
            cell: cell(id, title, language),
            article: article.to_owned(),
            mandatory,
            why,
            fix,
            at,
        });
    };
    let purpose = |attr: &str| format!("`{attr}` {}", of(Kind::Purpose, &row.reference, language));

    if row.subjects.is_empty() {
        let why = L::GapNoSubjects.get(language).to_owned();
        push(
            "subjects",
            L::Subjects,
            "30(1)(c)",
            true,
            why,
            purpose("subjects"),
            purpose_at.clone(),
        );
    }
    for f in row.fields.iter().filter(|f| f.category.is_none()) {
        let at = model.field_by_path(&f.path).map(|id| place(sources, model.field(id).span));
        let fix = format!("`category` {}", of(Kind::Field, &f.path, language));
        let why = L::GapUncategorised.get(language).to_owned();
        push("categories", L::Categories, "30(1)(c)", false, why, fix.clone(), at.clone());
        if row.special.is_empty() {
            let why = L::GapSpecialUnknown.get(language).to_owned();
            push("special", L::Special, "30(1)(c)", false, why, fix, at);
        }
    }
    if row.recipients.is_empty() {
        let why = L::GapNoRecipients.get(language).to_owned();
        push(
            "recipients",
            L::Recipients,
            "30(1)(d)",
            true,
            why,
            purpose("recipients"),
            purpose_at.clone(),
        );
    }
    for t in row.transfers.iter().filter(|t| t.mechanism.is_none()) {
        let mut why = if t.flows.is_empty() { L::GapNoStoreSafeguard } else { L::GapNoSafeguard }
            .get(language)
            .to_owned();
        why.push_str(&format!(" ({}, {})", t.store.name, t.country.label));
        if let Some(decision) = &t.adequacy_decision {
            let colon = crate::words::colon(language);
            let scope = t.adequacy_scope.as_ref().map_or_else(String::new, |s| format!(" ({s})"));
            why.push_str(&format!(
                "; {}{colon}{decision}{scope}",
                L::GapAdequacyHint.get(language)
            ));
        }
        if t.flows.is_empty() {
            let at = model.store_by_id(&t.store.id).map(|s| place(sources, model.store(s).span));
            let fix = format!("`transfer` {}", of(Kind::Store, &t.store.id, language));
            push("transfers", L::Transfers, "30(1)(e)", true, why, fix, at);
            continue;
        }
        for flow in &t.flows {
            let at = model.flow_by_id(flow).map(|f| place(sources, model.flow(f).span));
            let fix = format!("`transfer` {}", of(Kind::Flow, flow, language));
            push("transfers", L::Transfers, "30(1)(e)", true, why.clone(), fix, at);
        }
    }
    for s in &row.unlocated {
        let at = model.store_by_id(&s.id).map(|s| place(sources, model.store(s).span));
        let fix = format!("`location` {}", of(Kind::Store, &s.id, language));
        let why = format!("{} ({})", L::GapNoLocation.get(language), s.name);
        push("transfers", L::Transfers, "30(1)(e)", true, why, fix, at);
    }
    // No period at all, or only the fields' own: either way the purpose's is to fill.
    let no_retention = if row.retention.is_empty() {
        Some(L::GapNoRetention)
    } else if row.retention.purpose.is_none() {
        Some(L::GapNoPurposeRetention)
    } else {
        None
    };
    if let Some(why) = no_retention {
        let why = why.get(language).to_owned();
        push(
            "retention",
            L::Retention,
            "30(1)(f)",
            false,
            why,
            purpose("retention"),
            purpose_at.clone(),
        );
    }
    if row.profiling.is_none() {
        let why = if row.profiling_likely { L::GapLikelyProfiling } else { L::GapNoProfiling };
        let why = why.get(language).to_owned();
        push("flags", L::Flags, "22", false, why, purpose("profiling"), purpose_at.clone());
    }
    if row.automated_decision.is_none() {
        let why = L::GapNoAutomated.get(language).to_owned();
        let fix = purpose("automated_decision");
        push("flags", L::Flags, "22", false, why, fix, purpose_at.clone());
    }
    let declared_required = row.dpia.status.as_ref().is_some_and(|s| s.id == "required");
    if declared_required && !row.dpia.required {
        let why = L::GapDpiaUnbacked.get(language).to_owned();
        let fix = match language {
            Language::En => format!(
                "the facts behind it (`profiling`, `automated_decision`, `subjects`, a store's `records`) {}",
                of(Kind::Purpose, &row.reference, language)
            ),
            Language::Fr => format!(
                "les faits qui la justifient (`profiling`, `automated_decision`, `subjects`, `records` d'un système) {}",
                of(Kind::Purpose, &row.reference, language)
            ),
        };
        push("dpia", L::Dpia, "35", false, why, fix, purpose_at.clone());
    }
    if row.security.is_empty() {
        for l in &row.locations {
            let at = model.store_by_id(&l.store.id).map(|s| place(sources, model.store(s).span));
            let fix = format!("`security` {}", of(Kind::Store, &l.store.id, language));
            let why = L::GapNoSecurity.get(language).to_owned();
            push("security", L::Security, "30(1)(g)", false, why, fix, at);
        }
    }
}

//! The retention schedule as `register --layout retention`: per live store and category of
//! personal data, how long it is kept, from when, what happens at the end and on what
//! grounds. A field's own `retention` wins; without one, the retention of each active
//! purpose that uses it applies; without either the period is "not stated" (a gap of the
//! coverage report, never mandatory: art. 30(1)(f) asks for it "where possible").

use std::collections::BTreeMap;

use serde::Serialize;

use super::Inputs;
use super::build::{store_ref, term};
use super::coverage::{Kind, cell, header, of, place};
use super::rows::{Controller, Gap, Register, StoreRef, Term};
use super::table::{Table, TableRow};
use crate::checks::facts::live_stores;
use crate::manifest::enums::Language;
use crate::manifest::store::Retention;
use crate::model::{FieldId, Model};
use crate::vocab::tables;
use crate::words::register::L;

/// The retention schedule: its JSON is this model (`--format json`).
#[derive(Clone, Debug, Serialize)]
pub struct Schedule {
    pub version: u32,
    pub language: Language,
    pub controller: Option<Controller>,
    /// By store id, then category key (uncategorised last), then period.
    pub entries: Vec<Entry>,
    pub coverage: Vec<Gap>,
}

/// The personal fields of one store and category kept under one retention.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    pub store: StoreRef,
    /// `None`: the fields have no `category` (not stated).
    pub category: Option<Term>,
    /// `store.field`.
    pub fields: Vec<String>,
    /// `None`: neither the fields nor a purpose using them state one.
    pub retention: Option<Period>,
    /// Where the retention is written.
    pub sources: Vec<SourceRef>,
}

/// A retention, part by part.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Period {
    /// A retention written as a sentence.
    pub text: Option<String>,
    /// The ISO 8601 period and its words.
    pub duration: Option<Term>,
    pub criteria: Option<String>,
    pub trigger: Option<Term>,
    pub end_action: Option<Term>,
    pub basis: Option<Term>,
    pub reference: Option<String>,
}

/// A field or a purpose whose `retention` applies.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SourceRef {
    /// `field` or `purpose`.
    pub kind: String,
    pub id: String,
}

fn period(r: &Retention, language: Language) -> Period {
    let trim =
        |s: &Option<String>| s.as_ref().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    match r {
        Retention::Text(text) => Period {
            text: Some(text.trim().to_owned()),
            duration: None,
            criteria: None,
            trigger: None,
            end_action: None,
            basis: None,
            reference: None,
        },
        Retention::Period(p) => Period {
            text: None,
            duration: p.duration.as_ref().map(|d| Term {
                id: d.as_str().to_owned(),
                label: super::retention::duration(d.as_str(), language),
                article: None,
            }),
            criteria: trim(&p.criteria),
            trigger: p.trigger.as_ref().map(|t| Term {
                id: t.as_str().to_owned(),
                label: super::retention::trigger_phrase(t, language),
                article: None,
            }),
            end_action: p.end_action.map(|a| term("end_action", a.as_str(), language)),
            basis: p.basis.map(|b| term("retention_basis", b.as_str(), language)),
            reference: trim(&p.reference),
        },
    }
}

/// The retention schedule of a compiled map.
pub fn build(inputs: &Inputs<'_>, register: &Register) -> Schedule {
    let model = inputs.model;
    let language = register.language;
    // Field → the active purposes using it, in purpose order.
    let mut users: BTreeMap<FieldId, Vec<usize>> = BTreeMap::new();
    for (i, p) in model.purposes.iter().enumerate().filter(|(_, p)| p.is_active()) {
        for f in &p.uses {
            users.entry(*f).or_default().push(i);
        }
    }
    let mut entries = Vec::new();
    for s in live_stores(model) {
        // (category, retention) → (fields, sources), in category order.
        type Key = (Option<String>, Option<Period>);
        let mut groups: BTreeMap<Key, (Vec<String>, Vec<SourceRef>)> = BTreeMap::new();
        for f in model.fields_of(s).filter(|f| model.field(*f).personal) {
            let field = model.field(f);
            let category = field.category.as_ref().map(|c| c.value.clone());
            let path = model.field_path(f);
            let mut applies: Vec<(Option<Period>, SourceRef)> = Vec::new();
            if let Some(r) = &field.retention {
                let source = SourceRef { kind: "field".to_owned(), id: path.clone() };
                applies.push((Some(period(&r.value, language)), source));
            } else {
                for &p in users.get(&f).into_iter().flatten() {
                    let purpose = &model.purposes[p];
                    if let Some(r) = &purpose.retention {
                        let source =
                            SourceRef { kind: "purpose".to_owned(), id: purpose.id.clone() };
                        applies.push((Some(period(&r.value, language)), source));
                    }
                }
            }
            if applies.is_empty() {
                let entry = groups.entry((category, None)).or_default();
                entry.0.push(path);
                continue;
            }
            for (retention, source) in applies {
                let entry = groups.entry((category.clone(), retention)).or_default();
                if !entry.0.contains(&path) {
                    entry.0.push(path.clone());
                }
                if !entry.1.contains(&source) {
                    entry.1.push(source);
                }
            }
        }
        // Categorised first, by key; the uncategorised last.
        let mut groups: Vec<_> = groups.into_iter().collect();
        groups
            .sort_by(|((a, ra), _), ((b, rb), _)| (a.is_none(), a, ra).cmp(&(b.is_none(), b, rb)));
        for ((category, retention), (fields, mut sources)) in groups {
            sources.sort();
            entries.push(Entry {
                store: store_ref(model, s),
                category: category.map(|key| Term {
                    label: category_label(model, &key, language),
                    id: key,
                    article: None,
                }),
                fields,
                retention,
                sources,
            });
        }
    }
    let mut coverage = header(inputs, register.controller.as_ref(), language);
    for e in &entries {
        gaps(inputs, e, language, &mut coverage);
    }
    Schedule {
        version: super::rows::VERSION,
        language,
        controller: register.controller.clone(),
        entries,
        coverage,
    }
}

fn category_label(model: &Model, key: &str, language: Language) -> String {
    tables::category_label(key).map_or_else(
        || model.category(key).and_then(|c| c.name.clone()).unwrap_or_else(|| key.to_owned()),
        |l| l.get(language).to_owned(),
    )
}

/// The entry's reference: `store/category`.
fn reference(e: &Entry) -> String {
    let category = e.category.as_ref().map_or("uncategorised", |c| c.id.as_str());
    format!("{}/{category}", e.store.id)
}

fn gaps(inputs: &Inputs<'_>, e: &Entry, language: Language, out: &mut Vec<Gap>) {
    let model = inputs.model;
    let first = e.fields.first().map(String::as_str).unwrap_or_default();
    let at = model.field_by_path(first).map(|f| place(inputs.sources, model.field(f).span));
    let mut push = |(id, title): (&str, L), l: L, article: &str, fix: String| {
        out.push(Gap {
            row: Some(reference(e)),
            cell: cell(id, title, language),
            article: article.to_owned(),
            mandatory: false,
            why: l.get(language).to_owned(),
            fix,
            at: at.clone(),
        });
    };
    match &e.retention {
        None => {
            let fix = missing(e, "retention", language);
            push(("retention", L::SchedulePeriod), L::GapNoFieldRetention, "30(1)(f)", fix)
        }
        Some(p) if p.text.is_none() && p.end_action.is_none() => {
            let fix = missing(e, "retention.end_action", language);
            push(("end_action", L::ScheduleEndAction), L::GapNoEndAction, "5(1)(e)", fix)
        }
        Some(_) => {}
    }
}

/// "`attr` of field 'x'" (or of the purposes the retention comes from): what to fill.
fn missing(e: &Entry, attr: &str, language: Language) -> String {
    let owners: Vec<String> = if e.sources.is_empty() {
        let or = match language {
            Language::En => ", or of a purpose that uses it",
            Language::Fr => ", ou d'une finalité qui l'utilise",
        };
        e.fields.iter().map(|f| format!("{}{or}", of(Kind::Field, f, language))).collect()
    } else {
        e.sources
            .iter()
            .map(|s| {
                let kind = if s.kind == "field" { Kind::Field } else { Kind::Purpose };
                of(kind, &s.id, language)
            })
            .collect()
    };
    format!("`{attr}` {}", owners.join(", "))
}

fn not_stated(e: &Entry, attr: &str, language: Language) -> String {
    format!("{} ({})", L::NotStated.get(language), missing(e, attr, language))
}

static COLUMNS: &[L] = &[
    L::ScheduleCategory,
    L::ScheduleStore,
    L::ScheduleFields,
    L::SchedulePeriod,
    L::ScheduleTrigger,
    L::ScheduleEndAction,
    L::ScheduleReference,
    L::ScheduleSource,
];

impl Schedule {
    /// The table the encoders lay out: every cell says something.
    pub fn table(&self) -> Table {
        let lang = self.language;
        let name = self.controller.as_ref().and_then(|c| c.name.clone());
        let rows = self
            .entries
            .iter()
            .map(|e| TableRow {
                reference: reference(e),
                name: e.store.name.clone(),
                cells: COLUMNS.iter().map(|c| lines(*c, e, lang)).collect(),
            })
            .collect();
        Table {
            language: lang,
            title: match &name {
                Some(name) => format!("{} — {name}", L::ScheduleTitle.get(lang)),
                None => L::ScheduleTitle.get(lang).to_owned(),
            },
            controller: super::encode::controller_lines_of(self.controller.as_ref(), lang),
            columns: COLUMNS.to_vec(),
            rows,
            coverage: self.coverage.clone(),
            fiches: false,
            contents: L::ScheduleContents,
            sheet: L::SheetSchedule,
            unit: (L::UnitEntry, L::UnitEntries),
            row_title: L::ScheduleCategory,
        }
    }
}

fn lines(column: L, e: &Entry, lang: Language) -> Vec<String> {
    let p = e.retention.as_ref();
    // Without any retention, every part of it is to fill at once.
    let stated = |value: Option<String>, attr: &str| {
        let attr = if p.is_some() { attr } else { "retention" };
        vec![value.unwrap_or_else(|| not_stated(e, attr, lang))]
    };
    match column {
        L::ScheduleCategory => match &e.category {
            Some(c) => vec![format!("{} ({})", c.label, c.id)],
            None => e
                .fields
                .iter()
                .map(|f| {
                    format!("{} (`category` {})", L::NotStated.get(lang), of(Kind::Field, f, lang))
                })
                .collect(),
        },
        L::ScheduleStore => vec![format!("{} ({})", e.store.name, e.store.id)],
        L::ScheduleFields => vec![e.fields.join(", ")],
        L::SchedulePeriod => {
            let text = p.and_then(|p| {
                let parts: Vec<String> = p
                    .text
                    .iter()
                    .cloned()
                    .chain(p.duration.as_ref().map(|d| d.label.clone()))
                    .chain(p.criteria.iter().cloned())
                    .collect();
                (!parts.is_empty()).then(|| parts.join("; "))
            });
            stated(text, "retention.duration")
        }
        L::ScheduleTrigger => {
            stated(p.and_then(|p| p.trigger.as_ref()).map(|t| t.label.clone()), "retention.trigger")
        }
        L::ScheduleEndAction => stated(
            p.and_then(|p| p.end_action.as_ref()).map(|t| t.label.clone()),
            "retention.end_action",
        ),
        L::ScheduleReference => {
            let basis = p.and_then(|p| p.basis.as_ref()).map(|b| b.label.clone());
            let reference = p.and_then(|p| p.reference.clone());
            let text = match (basis, reference) {
                (Some(b), Some(r)) => Some(format!("{b}{}{r}", crate::words::colon(lang))),
                (b, r) => b.or(r),
            };
            stated(text, "retention.reference")
        }
        L::ScheduleSource if e.sources.is_empty() => vec![not_stated(e, "retention", lang)],
        L::ScheduleSource => e
            .sources
            .iter()
            .map(|s| {
                let kind = if s.kind == "field" { Kind::Field } else { Kind::Purpose };
                format!("`retention` {}", of(kind, &s.id, lang))
            })
            .collect(),
        _ => Vec::new(),
    }
}

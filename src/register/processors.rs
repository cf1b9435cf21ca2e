//! The processor register (GDPR art. 30(2)) as `register --layout processors`: one row per
//! live store run by a `vendor`, derived from the map and from the register's journeys (the
//! purposes whose data crosses the store). What the map does not state is "not stated" with
//! the attribute to fill, and a gap of the coverage report (mandatory where art. 30(2)
//! requires the fact: the controller, the processing carried out, the countries and the
//! safeguards of transfers).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::Inputs;
use super::build::{categories, country, store_ref, term};
use super::cells::with_article;
use super::coverage::{Kind, cell, header, of, place};
use super::rows::{Controller, FamilyGroup, Gap, Register, StoreRef, Term};
use super::table::{Table, TableRow};
use crate::checks::facts::{live_stores, outside_eea};
use crate::manifest::enums::Language;
use crate::model::{FieldId, Model, StoreId};
use crate::vocab::tables;
use crate::words::colon;
use crate::words::register::L;

/// The processor register: its JSON is this model (`--format json`).
#[derive(Clone, Debug, Serialize)]
pub struct Processors {
    pub version: u32,
    pub language: Language,
    pub controller: Option<Controller>,
    /// One per live store with a `vendor`, in store id order.
    pub processors: Vec<Processor>,
    pub coverage: Vec<Gap>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Processor {
    /// The store the vendor runs.
    pub store: StoreRef,
    pub vendor: String,
    /// The register's activities whose data crosses the store (its journey) or that name it
    /// as a recipient.
    pub purposes: Vec<PurposeRef>,
    /// The categories of the store's personal fields, by CNIL family.
    pub categories: Vec<FamilyGroup>,
    /// Personal fields without a category (`store.field`).
    pub uncategorised: Vec<String>,
    /// Whether the store declares any field at all.
    pub has_fields: bool,
    /// Empty: the store has no `location` (not stated).
    pub countries: Vec<Term>,
    pub contract: Option<String>,
    /// `None`: not stated; empty: the vendor engages none.
    pub sub_processors: Option<Vec<SubProcessor>>,
    /// The store's countries outside the EEA, each with the safeguard of the flows that bring
    /// personal data there (or the store's own `transfer`).
    pub transfers: Vec<Transfer>,
    pub security: Vec<Term>,
    /// `None`: not stated.
    pub review: Option<Review>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PurposeRef {
    pub reference: String,
    pub name: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SubProcessor {
    pub name: String,
    pub country: Term,
    pub purpose: Option<String>,
    pub outside_eea: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Transfer {
    pub country: Term,
    /// `None`: no safeguard recorded.
    pub mechanism: Option<Term>,
    pub reference: Option<String>,
    /// The flows bringing personal data there; empty: the store's own `transfer`.
    pub flows: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Review {
    /// `YYYY-MM-DD`.
    pub last: Option<String>,
    /// An ISO 8601 period.
    pub every: Option<String>,
    pub next_due: Option<String>,
    /// The next review is before the run date.
    pub overdue: bool,
}

/// The processor register of a compiled map, from its register of activities.
pub fn build(inputs: &Inputs<'_>, register: &Register) -> Processors {
    let model = inputs.model;
    let language = register.language;
    // Store id → the activities whose journey crosses it or that name it as a recipient.
    let mut purposes: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    for row in &register.rows {
        let recipients =
            [&row.recipients.internal, &row.recipients.processors, &row.recipients.third_parties];
        let stores = row.locations.iter().map(|l| l.store.id.as_str()).chain(
            recipients
                .into_iter()
                .flatten()
                .filter_map(|r| r.store.as_ref().map(|s| s.id.as_str())),
        );
        for s in stores {
            purposes.entry(s).or_default().insert(&row.reference, &row.name);
        }
    }
    let processors: Vec<Processor> = live_stores(model)
        .filter(|s| model.store(*s).vendor.is_some())
        .map(|s| processor(inputs, s, purposes.get(model.store(s).id.as_str()), language))
        .collect();
    let mut coverage = header(inputs, register.controller.as_ref(), language);
    for p in &processors {
        gaps(inputs, p, language, &mut coverage);
    }
    Processors {
        version: super::rows::VERSION,
        language,
        controller: register.controller.clone(),
        processors,
        coverage,
    }
}

fn processor(
    inputs: &Inputs<'_>,
    s: StoreId,
    purposes: Option<&BTreeMap<&str, &str>>,
    language: Language,
) -> Processor {
    let model = inputs.model;
    let store = model.store(s);
    let personal: Vec<FieldId> = model.fields_of(s).filter(|f| model.field(*f).personal).collect();
    let uncategorised = personal
        .iter()
        .filter(|f| model.field(**f).category.is_none())
        .map(|f| model.field_path(*f))
        .collect();
    let categorised: Vec<FieldId> =
        personal.iter().copied().filter(|f| model.field(*f).category.is_some()).collect();
    let day = inputs.config.as_of;
    Processor {
        store: store_ref(model, s),
        vendor: store.vendor.clone().unwrap_or_default(),
        purposes: purposes
            .into_iter()
            .flatten()
            .map(|(r, n)| PurposeRef { reference: (*r).to_owned(), name: (*n).to_owned() })
            .collect(),
        categories: categories(model, &categorised, language),
        uncategorised,
        has_fields: model.fields_of(s).next().is_some(),
        countries: store.location.iter().map(|c| country(&c.value, language)).collect(),
        contract: store.contract.as_ref().map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()),
        sub_processors: store.sub_processors.as_ref().map(|list| {
            list.iter()
                .map(|sp| SubProcessor {
                    name: sp.name.trim().to_owned(),
                    country: country(&sp.country.value.0, language),
                    purpose: sp.purpose.as_ref().map(|p| p.trim().to_owned()),
                    outside_eea: !tables::is_eea(&sp.country.value.0),
                })
                .collect()
        }),
        transfers: transfers(model, s, language),
        security: store
            .security
            .iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|m| term("security_measure", m.as_str(), language))
            .collect(),
        review: store.review.as_ref().map(|r| {
            let due = r.next_due();
            Review {
                last: r.last.as_ref().map(|d| d.value.to_string()),
                every: r.every.as_ref().map(|e| e.value.clone()),
                next_due: due.map(|d| d.to_string()),
                overdue: due.is_some_and(|d| d < day),
            }
        }),
    }
}

/// The store's countries outside the EEA with the safeguards of the flows that bring personal
/// data there (both ends of a synchronisation), or the store's own `transfer` when no flow
/// does (the data is collected there directly).
fn transfers(model: &Model, s: StoreId, language: Language) -> Vec<Transfer> {
    let countries = outside_eea(model, s);
    if countries.is_empty() {
        return Vec::new();
    }
    let key = |t: Option<&crate::model::Transfer>| {
        t.map(|t| (t.mechanism.value.as_str().to_owned(), t.reference.clone()))
    };
    let mut groups: BTreeMap<Option<(String, Option<String>)>, Vec<String>> = BTreeMap::new();
    for id in model.flow_ids() {
        let flow = model.flow(id);
        let into = flow.to == s
            || (flow.direction == crate::manifest::enums::Direction::Both && flow.from == s);
        let personal = flow.fields.iter().any(|c| model.field(c.source).personal);
        if into && personal && flow.from != flow.to {
            groups.entry(key(flow.transfer.as_ref())).or_default().push(flow.id.clone());
        }
    }
    if groups.is_empty() {
        groups.insert(key(model.store(s).transfer.as_ref()), Vec::new());
    }
    let mut out = Vec::new();
    for code in countries {
        for (k, flows) in &groups {
            out.push(Transfer {
                country: country(code, language),
                mechanism: k.as_ref().map(|(m, _)| term("transfer_mechanism", m, language)),
                reference: k.as_ref().and_then(|(_, r)| r.clone()),
                flows: flows.clone(),
            });
        }
    }
    out
}

fn gaps(inputs: &Inputs<'_>, p: &Processor, language: Language, out: &mut Vec<Gap>) {
    let model = inputs.model;
    let at = model.store_by_id(&p.store.id).map(|s| place(inputs.sources, model.store(s).span));
    let attr = |a: &str| format!("`{a}` {}", of(Kind::Store, &p.store.id, language));
    let gap = |id: &str, title: L, article: &str, mandatory: bool, why: String, fix: String| Gap {
        row: Some(p.store.id.clone()),
        cell: cell(id, title, language),
        article: article.to_owned(),
        mandatory,
        why,
        fix,
        at: at.clone(),
    };
    let why = |l: L| l.get(language).to_owned();
    if p.purposes.is_empty() {
        let fix = match language {
            Language::En => "`uses` of the purpose it serves, or `purposes` of a flow into it",
            Language::Fr => {
                "`uses` de la finalité qu'il sert, ou `purposes` d'un flux qui l'alimente"
            }
        };
        let why = why(L::GapProcessorNoPurpose);
        out.push(gap("purposes", L::ProcessorPurposes, "30(2)(b)", true, why, fix.to_owned()));
    }
    for f in &p.uncategorised {
        let fix = format!("`category` {}", of(Kind::Field, f, language));
        out.push(gap(
            "categories",
            L::ProcessorCategories,
            "30(2)(b)",
            false,
            why(L::GapUncategorised),
            fix,
        ));
    }
    if p.countries.is_empty() {
        let why = why(L::GapProcessorNoLocation);
        out.push(gap("countries", L::ProcessorCountries, "30(2)(c)", true, why, attr("location")));
    }
    for t in p.transfers.iter().filter(|t| t.mechanism.is_none()) {
        let base = if t.flows.is_empty() { L::GapNoStoreSafeguard } else { L::GapNoSafeguard };
        let why = format!("{} ({}, {})", base.get(language), p.store.id, t.country.label);
        if t.flows.is_empty() {
            out.push(gap(
                "transfers",
                L::ProcessorTransfers,
                "30(2)(c)",
                true,
                why,
                attr("transfer"),
            ));
            continue;
        }
        // One gap per flow, at the flow: that is where the safeguard is written.
        for f in &t.flows {
            let fix = format!("`transfer` {}", of(Kind::Flow, f, language));
            let mut g = gap("transfers", L::ProcessorTransfers, "30(2)(c)", true, why.clone(), fix);
            g.at = model.flow_by_id(f).map(|f| place(inputs.sources, model.flow(f).span));
            out.push(g);
        }
    }
    if p.contract.is_none() {
        let why = why(L::GapProcessorNoContract);
        out.push(gap("contract", L::ProcessorContract, "28(3)", false, why, attr("contract")));
    }
    if p.sub_processors.is_none() {
        let why = why(L::GapNoSubProcessors);
        out.push(gap(
            "sub_processors",
            L::SubProcessors,
            "28(2)",
            false,
            why,
            attr("sub_processors"),
        ));
    }
    if p.security.is_empty() {
        let why = why(L::GapProcessorNoSecurity);
        out.push(gap("security", L::ProcessorSecurity, "30(2)(d)", false, why, attr("security")));
    }
    if p.review.is_none() {
        out.push(gap(
            "review",
            L::ProcessorReview,
            "28(1)",
            false,
            why(L::GapNoReview),
            attr("review"),
        ));
    }
}

/// "Not stated (`attr` of store 'x')".
fn not_stated(store: &str, attr: &str, language: Language) -> String {
    format!("{} (`{attr}` {})", L::NotStated.get(language), of(Kind::Store, store, language))
}

static COLUMNS: &[L] = &[
    L::Processor,
    L::ProcessorService,
    L::ProcessorController,
    L::ProcessorPurposes,
    L::ProcessorCategories,
    L::ProcessorCountries,
    L::ProcessorContract,
    L::SubProcessors,
    L::ProcessorTransfers,
    L::ProcessorSecurity,
    L::ProcessorReview,
];

impl Processors {
    /// The table the encoders lay out: every cell says something.
    pub fn table(&self) -> Table {
        let lang = self.language;
        let controller_name = self.controller.as_ref().and_then(|c| c.name.clone());
        let rows = self
            .processors
            .iter()
            .map(|p| TableRow {
                reference: p.store.id.clone(),
                name: format!("{} — {}", p.vendor, p.store.name),
                cells: COLUMNS
                    .iter()
                    .map(|c| lines(*c, p, controller_name.as_deref(), lang))
                    .collect(),
            })
            .collect();
        let title = match &controller_name {
            Some(name) => format!("{} — {name}", L::ProcessorsTitle.get(lang)),
            None => L::ProcessorsTitle.get(lang).to_owned(),
        };
        Table {
            language: lang,
            title,
            controller: super::encode::controller_lines_of(self.controller.as_ref(), lang),
            columns: COLUMNS.to_vec(),
            rows,
            coverage: self.coverage.clone(),
            fiches: true,
            contents: L::ProcessorsContents,
            sheet: L::SheetProcessors,
            unit: (L::UnitProcessor, L::UnitProcessors),
            row_title: L::Processor,
        }
    }
}

/// The lines of one cell of a processor's row.
fn lines(column: L, p: &Processor, controller: Option<&str>, lang: Language) -> Vec<String> {
    let colon = colon(lang);
    let id = p.store.id.as_str();
    let labels = |terms: &[Term]| terms.iter().map(|t| t.label.clone()).collect::<Vec<_>>();
    let out: Vec<String> = match column {
        L::Processor => vec![p.vendor.clone()],
        L::ProcessorService => vec![format!("{} ({id})", p.store.name)],
        L::ProcessorController => match controller {
            Some(name) => vec![name.to_owned()],
            None => {
                vec![format!("{} (`organization.name`, datacarto.yaml)", L::NotStated.get(lang))]
            }
        },
        L::ProcessorPurposes if p.purposes.is_empty() => {
            vec![L::NoRegisterPurpose.get(lang).to_owned()]
        }
        L::ProcessorPurposes => {
            p.purposes.iter().map(|r| format!("{} ({})", r.name, r.reference)).collect()
        }
        L::ProcessorCategories => {
            let mut out: Vec<String> = p
                .categories
                .iter()
                .map(|g| {
                    let names: Vec<&str> = g.categories.iter().map(|c| c.label.as_str()).collect();
                    format!("{}{colon}{}", g.family.label, names.join(", "))
                })
                .collect();
            out.extend(p.uncategorised.iter().map(|f| {
                format!("{} (`category` {})", L::NotStated.get(lang), of(Kind::Field, f, lang))
            }));
            if out.is_empty() && !p.has_fields {
                out.push(not_stated(id, "fields", lang));
            } else if out.is_empty() {
                out.push(L::NoPersonalField.get(lang).to_owned());
            }
            out
        }
        L::ProcessorCountries if p.countries.is_empty() => vec![not_stated(id, "location", lang)],
        L::ProcessorCountries => vec![labels(&p.countries).join(", ")],
        L::ProcessorContract => {
            vec![p.contract.clone().unwrap_or_else(|| not_stated(id, "contract", lang))]
        }
        L::SubProcessors => match &p.sub_processors {
            None => vec![not_stated(id, "sub_processors", lang)],
            Some(list) if list.is_empty() => vec![L::Nothing.get(lang).to_owned()],
            Some(list) => list
                .iter()
                .map(|sp| match &sp.purpose {
                    Some(what) => format!("{} — {}{colon}{what}", sp.name, sp.country.label),
                    None => format!("{} — {}", sp.name, sp.country.label),
                })
                .collect(),
        },
        L::ProcessorTransfers => {
            let mut out: Vec<String> = p
                .transfers
                .iter()
                .map(|t| {
                    let safeguard = match (&t.mechanism, &t.reference) {
                        (None, _) => L::NoSafeguard.get(lang).to_owned(),
                        (Some(m), Some(r)) => format!("{} — {r}", with_article(m)),
                        (Some(m), None) => with_article(m),
                    };
                    format!("{}{colon}{safeguard}", t.country.label)
                })
                .collect();
            if p.countries.is_empty() {
                out.push(not_stated(id, "location", lang));
            }
            match &p.sub_processors {
                None => out.push(format!(
                    "{}{colon}{}",
                    L::SubProcessors.get(lang),
                    lower_first(&not_stated(id, "sub_processors", lang))
                )),
                Some(list) => out.extend(list.iter().filter(|sp| sp.outside_eea).map(|sp| {
                    format!(
                        "{} — {}{colon}{}",
                        sp.name,
                        sp.country.label,
                        L::OnwardTransfer.get(lang)
                    )
                })),
            }
            if out.is_empty() {
                out.push(L::Nothing.get(lang).to_owned());
            }
            out
        }
        L::ProcessorSecurity if p.security.is_empty() => vec![not_stated(id, "security", lang)],
        L::ProcessorSecurity => labels(&p.security),
        L::ProcessorReview => match &p.review {
            None => vec![not_stated(id, "review", lang)],
            Some(r) => {
                let last = r
                    .last
                    .clone()
                    .unwrap_or_else(|| lower_first(&not_stated(id, "review.last", lang)));
                let every = r.every.as_deref().map_or_else(
                    || lower_first(&not_stated(id, "review.every", lang)),
                    |e| super::retention::duration(e, lang),
                );
                let mut out = vec![
                    format!("{}{colon}{last}", L::LastReview.get(lang)),
                    format!("{}{colon}{every}", L::ReviewEvery.get(lang)),
                ];
                if let Some(due) = &r.next_due {
                    let late = if r.overdue {
                        format!(" ({})", L::Overdue.get(lang))
                    } else {
                        String::new()
                    };
                    out.push(format!("{}{colon}{due}{late}", L::NextReview.get(lang)));
                }
                out
            }
        },
        _ => Vec::new(),
    };
    out
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

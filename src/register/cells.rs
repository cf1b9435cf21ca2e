//! The text of every cell, from the row model: a cell is a list of lines (empty: the cell is
//! empty). The one place where the row model becomes words, so that every format and layout
//! says the same thing; encoders only join the lines and escape them.

use std::borrow::Cow;

use super::coverage::{Kind, of};
use super::rows::{Contact, Controller, FieldRef, Recipient, Register, Row, StoreRef, Term};
use crate::manifest::enums::Language;
use crate::words::colon;
use crate::words::register::L;

/// What a column shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Reference,
    Name,
    Description,
    BusinessFunction,
    Objective,
    DataUse,
    /// Name, description and data use together (ICO column 2).
    Purpose,
    /// Name and description (the CNIL main purpose; the data use is its sub-purpose).
    MainPurpose,
    /// Basis, legal reference, legitimate interest and its assessment.
    LegalBasis,
    /// Basis and legal reference only (ICO column 12).
    LawfulBasis,
    Art9,
    LegitimateInterest,
    Lia,
    Rights,
    Subjects,
    Categories,
    Fields,
    Special,
    Sources,
    Locations,
    /// The names of the stores holding the data (CNIL "logiciels").
    Software,
    Recipients,
    RecipientsInternal,
    /// Third parties (CNIL "organismes externes").
    RecipientsExternal,
    RecipientsProcessors,
    Contracts,
    Transfers,
    TransferAny,
    TransferRecipients,
    TransferCountries,
    TransferSafeguards,
    TransferLinks,
    Retention,
    Security,
    Flags,
    ConsentRecord,
    Dpia,
    DpiaRequired,
    DpiaStatus,
    DpiaLink,
    Status,
    Controller,
    Dpo,
    Representative,
    /// Not in the map: says so.
    JointControllers,
    /// Not in the map: says so.
    Breach,
    /// Not in the map: says so.
    BreachLink,
    Schedule1,
    RetentionPolicy,
    RetentionPolicyFollowed,
    RetentionPolicyDeviation,
    Created,
    Updated,
}

/// How many kinds of cell there are (`Cell` as an index).
pub(super) const CELLS: usize = Cell::Updated as usize + 1;

/// The lines of a cell of `row`: made on first use, then kept by the register (the site
/// encodes it in several formats and shows its rows on the purpose pages; a cell listing a
/// thousand stores is made once).
pub fn lines<'r>(cell: Cell, row: &'r Row, register: &'r Register) -> Cow<'r, [String]> {
    // Only a row of this very register has slots in it; any other is made, not kept.
    let own = register.rows.get(row.index).is_some_and(|r| std::ptr::eq(r, row));
    match register.cache.slot(row.index, cell as usize).filter(|_| own) {
        Some(slot) => Cow::Borrowed(slot.get_or_init(|| make(cell, row, register))),
        None => Cow::Owned(make(cell, row, register)),
    }
}

fn make(cell: Cell, row: &Row, register: &Register) -> Vec<String> {
    let lines = derive(cell, row, register);
    if lines.is_empty() { fill_empty(cell, row, register) } else { lines }
}

/// What an empty cell says instead of nothing: an empty cell reads as "no" to a DPO. Either
/// the map does not state the fact ("Not stated" and the attribute to fill), or the cell does
/// not apply to this row, with the reason the map gives ("Not applicable: …"). Cells the map
/// has no attribute for (joint controllers, breaches) say that it does not record them.
fn fill_empty(cell: Cell, row: &Row, register: &Register) -> Vec<String> {
    let lang = register.language;
    let organization = |attr: &str| {
        vec![format!("{} (`organization.{attr}`, datacarto.yaml)", L::NotStated.get(lang))]
    };
    let controller_country =
        register.controller.as_ref().and_then(|c| c.country.as_ref()).map(|c| c.id.as_str());
    let stated = |attr: &str| vec![not_stated(Kind::Purpose, &row.reference, attr, lang)];
    let na =
        |why: L| vec![format!("{}{}{}", L::NotApplicable.get(lang), colon(lang), why.get(lang))];
    let basis = row.legal_basis.as_ref().map(|b| b.id.as_str());
    match cell {
        Cell::Description => stated("description"),
        Cell::BusinessFunction => stated("owner"),
        Cell::Objective => stated("objective"),
        Cell::DataUse => stated("use"),
        Cell::LegalBasis | Cell::LawfulBasis => stated("legal_basis"),
        Cell::Subjects => stated("subjects"),
        Cell::Retention => stated("retention"),
        Cell::Art9 if row.special.is_empty() => na(L::NaNoSpecial),
        Cell::Art9 => stated("special_condition"),
        Cell::ConsentRecord if basis == Some("consent") => stated("consent_record"),
        Cell::ConsentRecord => na(L::NaNotConsent),
        Cell::LegitimateInterest | Cell::Lia if basis != Some("legitimate_interests") => {
            na(L::NaNotLegitimate)
        }
        Cell::LegitimateInterest => stated("legitimate_interest"),
        Cell::Lia => stated("lia"),
        Cell::Contracts | Cell::RecipientsProcessors if row.recipients.processors.is_empty() => {
            na(L::NaNoProcessor)
        }
        Cell::DpiaStatus => stated("dpia"),
        // DPA 2018 Schedule 1 conditions are for special-category (and criminal) data.
        Cell::Schedule1 if row.special.is_empty() => na(L::NaNoSpecial),
        Cell::Schedule1 => stated("schedule1_condition"),
        Cell::RetentionPolicy => stated("retention_policy"),
        Cell::RetentionPolicyFollowed => stated("retention_policy_followed"),
        Cell::RetentionPolicyDeviation if row.retention_policy_followed == Some(true) => {
            na(L::NaPolicyFollowed)
        }
        Cell::RetentionPolicyDeviation => stated("retention_policy_deviation"),
        Cell::Controller => organization("name"),
        Cell::Dpo => organization("dpo"),
        // Art. 27: a representative is owed by a controller established outside the Union.
        Cell::Representative if controller_country.is_some_and(crate::vocab::tables::is_eea) => {
            na(L::NaControllerInEea)
        }
        Cell::Representative => organization("representative"),
        Cell::JointControllers | Cell::Breach | Cell::BreachLink => {
            vec![L::NotInMap.get(lang).to_owned()]
        }
        Cell::DpiaLink
            if row
                .dpia
                .status
                .as_ref()
                .is_some_and(|s| s.id == "done" || s.id == "in-progress") =>
        {
            stated("dpia.link")
        }
        Cell::DpiaLink => na(L::NaNoDpia),
        Cell::TransferLinks if !row.transfers.is_empty() => {
            vec![format!("{} (`transfer.reference`)", L::NotStated.get(lang))]
        }
        Cell::Security => {
            let stores: Vec<String> = row
                .locations
                .iter()
                .map(|l| format!("`security` {}", of(Kind::Store, &l.store.id, lang)))
                .collect();
            vec![format!("{} ({})", L::NotStated.get(lang), stores.join(", "))]
        }
        // No transfer is known: "none" only when every store of the journey has a location.
        Cell::TransferRecipients
        | Cell::TransferCountries
        | Cell::TransferSafeguards
        | Cell::TransferLinks
            if !row.unlocated.is_empty() =>
        {
            unlocated(row, lang).collect()
        }
        Cell::Recipients
        | Cell::RecipientsInternal
        | Cell::RecipientsExternal
        | Cell::RecipientsProcessors
        | Cell::TransferRecipients
        | Cell::TransferCountries
        | Cell::TransferSafeguards
        | Cell::TransferLinks => vec![L::Nothing.get(lang).to_owned()],
        _ => Vec::new(),
    }
}

/// The lines the row model gives a cell; empty when it has none.
fn derive(cell: Cell, row: &Row, register: &Register) -> Vec<String> {
    let lang = register.language;
    let t = |l: L| l.get(lang);
    let one = |s: &Option<String>| s.iter().cloned().collect::<Vec<String>>();
    let colon = colon(lang);
    match cell {
        Cell::Reference => vec![row.reference.clone()],
        Cell::Name => vec![row.name.clone()],
        Cell::Description => one(&row.description),
        Cell::BusinessFunction => one(&row.business_function),
        Cell::Objective => one(&row.objective),
        Cell::DataUse => row.data_use.iter().map(data_use).collect(),
        Cell::Purpose | Cell::MainPurpose => {
            let mut out = vec![row.name.clone()];
            out.extend(row.description.iter().cloned());
            if let Some(u) = row.data_use.as_ref().filter(|_| cell == Cell::Purpose) {
                out.push(format!("{}{colon}{}", t(L::DataUse), data_use(u)));
            }
            out
        }
        Cell::LegalBasis => {
            let mut out = lawful_basis(row);
            if let Some(li) = &row.legitimate_interest {
                out.push(format!("{}{colon}{li}", t(L::LegitimateInterest)));
            }
            if let Some(lia) = &row.lia {
                out.push(format!("{}{colon}{lia}", t(L::Lia)));
            }
            out
        }
        Cell::LawfulBasis => lawful_basis(row),
        Cell::Art9 => row.special_condition.iter().map(with_article).collect(),
        Cell::LegitimateInterest => one(&row.legitimate_interest),
        Cell::Lia => one(&row.lia),
        Cell::Schedule1 => one(&row.schedule1_condition),
        Cell::RetentionPolicy => one(&row.retention_policy),
        Cell::RetentionPolicyFollowed => {
            row.retention_policy_followed.iter().map(|b| t(yes_no(*b)).to_owned()).collect()
        }
        Cell::RetentionPolicyDeviation => one(&row.retention_policy_deviation),
        // A fiche's dates are facts about the register itself: absent, they are not stated
        // (the attribute to fill is said), never an empty box.
        Cell::Created => match &row.created {
            Some(d) => vec![d.clone()],
            None => vec![not_stated(Kind::Purpose, &row.reference, "created", lang)],
        },
        Cell::Updated => match &row.updated {
            Some(d) => vec![d.clone()],
            None => vec![not_stated(Kind::Purpose, &row.reference, "updated", lang)],
        },
        Cell::Rights => row.rights.iter().map(|r| r.label.clone()).collect(),
        Cell::Subjects => row.subjects.iter().map(|s| s.label.clone()).collect(),
        Cell::Categories => row
            .categories
            .iter()
            .map(|g| {
                let names: Vec<&str> = g.categories.iter().map(|c| c.label.as_str()).collect();
                format!("{}{colon}{}", g.family.label, names.join(", "))
            })
            .collect(),
        Cell::Fields => row.fields.iter().map(field).collect(),
        Cell::Special => {
            // "No" only when every used field says what it is: an uncategorised field may
            // be of a special category.
            let unknown: Vec<&FieldRef> =
                row.fields.iter().filter(|f| f.category.is_none()).collect();
            if row.special.is_empty() && !unknown.is_empty() {
                unknown.iter().map(|f| not_stated(Kind::Field, &f.path, "category", lang)).collect()
            } else if row.special.is_empty() {
                vec![t(L::No).to_owned()]
            } else {
                let mut out = vec![t(L::Yes).to_owned()];
                out.extend(row.special.iter().map(with_article));
                out
            }
        }
        Cell::Sources => {
            let mut out: Vec<String> = row
                .sources
                .iter()
                .map(|s| {
                    let mut line = s.store.name.clone();
                    if s.external {
                        line.push_str(&format!(" ({})", t(L::External)));
                    }
                    if !s.collection.is_empty() {
                        line.push_str(&format!("{colon}{}", s.collection.join("; ")));
                    }
                    line
                })
                .collect();
            out.extend(row.collection.iter().map(|c| format!("{}{colon}{c}", t(L::Collection))));
            out
        }
        Cell::Locations => row
            .locations
            .iter()
            .map(|l| {
                if l.countries.is_empty() {
                    let what = not_stated(Kind::Store, &l.store.id, "location", lang);
                    format!("{} — {}", l.store.name, lowercase_first(&what))
                } else {
                    format!("{} — {}", l.store.name, labels(&l.countries))
                }
            })
            .collect(),
        Cell::Software => row.locations.iter().map(|l| l.store.name.clone()).collect(),
        Cell::Recipients => {
            let r = &row.recipients;
            [
                (L::Internal, &r.internal),
                (L::Processors, &r.processors),
                (L::ThirdParties, &r.third_parties),
            ]
            .into_iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(title, list)| {
                let names: Vec<String> = list.iter().map(recipient).collect();
                format!("{}{colon}{}", t(title), names.join(", "))
            })
            .collect()
        }
        Cell::RecipientsInternal => row.recipients.internal.iter().map(recipient).collect(),
        Cell::RecipientsExternal => row.recipients.third_parties.iter().map(recipient).collect(),
        Cell::RecipientsProcessors => row.recipients.processors.iter().map(recipient).collect(),
        Cell::Contracts => row
            .contracts
            .iter()
            .map(|c| {
                let link = c.contract.clone().unwrap_or_else(|| t(L::NoContract).to_owned());
                format!("{} ({}){colon}{link}", c.vendor, c.store.name)
            })
            .collect(),
        Cell::Transfers => {
            let mut out: Vec<String> = row
                .transfers
                .iter()
                .map(|tr| {
                    format!(
                        "{} — {}{colon}{}",
                        tr.store.name,
                        tr.country.label,
                        safeguard(tr, lang)
                    )
                })
                .collect();
            out.extend(unlocated(row, lang));
            // A store reached by a flow and collecting directly, with no safeguard on
            // either, is one line.
            none_if_empty(dedup(out), lang)
        }
        // Yes as soon as one transfer is known; otherwise "no" only when every store of
        // the journey has a location.
        Cell::TransferAny => {
            if !row.transfers.is_empty() {
                vec![t(L::Yes).to_owned()]
            } else if !row.unlocated.is_empty() {
                let fill: Vec<String> = row
                    .unlocated
                    .iter()
                    .map(|s| format!("`location` {}", of(Kind::Store, &s.id, lang)))
                    .collect();
                vec![format!("{} ({})", t(L::NotStated), fill.join(", "))]
            } else {
                vec![t(L::No).to_owned()]
            }
        }
        Cell::TransferRecipients => {
            dedup(row.transfers.iter().map(|tr| store(&tr.store)).collect())
        }
        // Empty without transfers: the art. 30 cell and the CNIL yes/no say "none"; a store
        // without location is "not stated", not an empty country.
        Cell::TransferCountries => {
            let mut out: Vec<String> =
                row.transfers.iter().map(|tr| tr.country.label.clone()).collect();
            out.extend(unlocated(row, lang));
            dedup(out)
        }
        Cell::TransferSafeguards => dedup(
            row.transfers
                .iter()
                .map(|tr| format!("{}{colon}{}", tr.country.label, safeguard(tr, lang)))
                .collect(),
        ),
        Cell::TransferLinks => dedup(row.transfers.iter().filter_map(transfer_reference).collect()),
        Cell::Retention => {
            let mut out: Vec<String> = row.retention.purpose.iter().cloned().collect();
            out.extend(
                row.retention
                    .fields
                    .iter()
                    .map(|f| format!("{}{colon}{}", f.fields.join(", "), f.text)),
            );
            out
        }
        Cell::Security => row.security.iter().map(|s| s.label.clone()).collect(),
        Cell::Flags => {
            let flag = |value: Option<bool>, likely: bool, attr: &str| match value {
                Some(b) => t(yes_no(b)).to_owned(),
                None => {
                    let what = not_stated(Kind::Purpose, &row.reference, attr, lang);
                    if likely {
                        format!("{}{}", t(L::LikelyNotStated), &what[t(L::NotStated).len()..])
                    } else {
                        what
                    }
                }
            };
            vec![
                format!(
                    "{}{colon}{}",
                    t(L::Profiling),
                    flag(row.profiling, row.profiling_likely, "profiling")
                ),
                format!(
                    "{}{colon}{}",
                    t(L::AutomatedDecision),
                    flag(row.automated_decision, false, "automated_decision")
                ),
            ]
        }
        Cell::ConsentRecord => row.consent_record.iter().map(field).collect(),
        Cell::Dpia => {
            let mut out = vec![dpia_need(row, lang)];
            if let Some(s) = &row.dpia.status {
                out.push(format!("{}{colon}{}", t(L::Status), s.label));
            }
            out.extend(row.dpia.link.iter().cloned());
            out
        }
        Cell::DpiaRequired => {
            let answer = t(yes_no(row.dpia.required));
            if row.dpia.criteria.is_empty() {
                vec![answer.to_owned()]
            } else {
                vec![format!("{answer}{colon}{}", criteria(row, lang))]
            }
        }
        Cell::DpiaStatus => row.dpia.status.iter().map(|s| s.label.clone()).collect(),
        Cell::DpiaLink => row.dpia.link.iter().cloned().collect(),
        Cell::Status => vec![row.status.label.clone()],
        Cell::Controller => register.controller.as_ref().map(controller).unwrap_or_default(),
        Cell::Dpo => contact(register.controller.as_ref().and_then(|c| c.dpo.as_ref())),
        Cell::Representative => {
            contact(register.controller.as_ref().and_then(|c| c.representative.as_ref()))
        }
        Cell::JointControllers | Cell::Breach | Cell::BreachLink => Vec::new(),
    }
}

/// A cell's lines joined by line breaks (CSV, XLSX).
pub fn text(cell: Cell, row: &Row, register: &Register) -> String {
    lines(cell, row, register).join("\n")
}

fn yes_no(b: bool) -> L {
    if b { L::Yes } else { L::No }
}

/// "Not stated (`attr` of store 'x')": what the map leaves unsaid, with what to fill.
fn not_stated(kind: Kind, id: &str, attr: &str, lang: Language) -> String {
    format!("{} (`{attr}` {})", L::NotStated.get(lang), of(kind, id, lang))
}

/// "Not stated" → "not stated", after a dash.
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// One line per store of the journey whose location is not stated.
fn unlocated(row: &Row, lang: Language) -> impl Iterator<Item = String> + '_ {
    row.unlocated.iter().map(move |s| {
        let what = not_stated(Kind::Store, &s.id, "location", lang);
        format!("{} — {}", s.name, lowercase_first(&what))
    })
}

fn none_if_empty(lines: Vec<String>, lang: Language) -> Vec<String> {
    if lines.is_empty() { vec![L::Nothing.get(lang).to_owned()] } else { lines }
}

fn dedup(mut lines: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    lines.retain(|l| seen.insert(l.clone()));
    lines
}

/// "Consent (art. 6(1)(a))".
pub fn with_article(term: &Term) -> String {
    match &term.article {
        Some(a) => format!("{} (art. {a})", term.label),
        None => term.label.clone(),
    }
}

fn labels(terms: &[Term]) -> String {
    terms.iter().map(|t| t.label.as_str()).collect::<Vec<_>>().join(", ")
}

fn data_use(term: &Term) -> String {
    if term.label == term.id { term.id.clone() } else { format!("{} ({})", term.label, term.id) }
}

fn lawful_basis(row: &Row) -> Vec<String> {
    let mut out: Vec<String> = row.legal_basis.iter().map(with_article).collect();
    out.extend(row.legal_reference.iter().cloned());
    out
}

fn field(f: &FieldRef) -> String {
    format!("{} ({})", f.name, f.path)
}

fn store(s: &StoreRef) -> String {
    s.name.clone()
}

fn recipient(r: &Recipient) -> String {
    match &r.vendor {
        Some(v) if r.store.is_some() => format!("{} ({v})", r.name),
        _ => r.name.clone(),
    }
}

/// The reference of a transfer, or the adequacy decision it rests on.
fn transfer_reference(tr: &super::rows::TransferRow) -> Option<String> {
    tr.reference.clone().or_else(|| {
        tr.mechanism.as_ref().filter(|m| m.id == "adequacy").and(tr.adequacy_decision.clone())
    })
}

fn safeguard(tr: &super::rows::TransferRow, lang: Language) -> String {
    match &tr.mechanism {
        None => L::NoSafeguard.get(lang).to_owned(),
        Some(m) => match transfer_reference(tr) {
            Some(r) => format!("{} — {r}", with_article(m)),
            None => with_article(m),
        },
    }
}

fn criteria(row: &Row, lang: Language) -> String {
    let n = row.dpia.criteria.len();
    let word = if n == 1 { L::CriterionMet } else { L::CriteriaMet };
    let names: Vec<&str> = row.dpia.criteria.iter().map(|c| c.label.as_str()).collect();
    format!("{n} {} ({})", word.get(lang), names.join(", "))
}

fn dpia_need(row: &Row, lang: Language) -> String {
    let verdict = if row.dpia.required { L::DpiaLikely } else { L::DpiaNotLikely }.get(lang);
    if row.dpia.criteria.is_empty() {
        verdict.to_owned()
    } else {
        format!("{verdict}{}{}", colon(lang), criteria(row, lang))
    }
}

fn controller(c: &Controller) -> Vec<String> {
    let mut out: Vec<String> = c.name.iter().chain(&c.address).cloned().collect();
    out.extend(c.country.iter().map(|t| t.label.clone()));
    out.extend(c.email.iter().chain(&c.phone).cloned());
    out
}

fn contact(c: Option<&Contact>) -> Vec<String> {
    c.map(|c| [&c.name, &c.address, &c.email, &c.phone].into_iter().flatten().cloned().collect())
        .unwrap_or_default()
}

//! Builds the row model from the compiled map: the header from `organization:`, one row per
//! active purpose using personal data with its derived cells (docs/register.md, "Row cells and
//! where each comes from"), the other purposes apart, and the coverage report.

use std::collections::{BTreeMap, BTreeSet};

use super::lineage::{Condensation, Journey, Origins, Walker};
use super::rows::*;
use super::{Inputs, coverage, families, retention};
use crate::checks::dpia::{Entry, criteria_from};
use crate::checks::facts::{outside_eea, register_purposes};
use crate::manifest::enums::Direction;
use crate::manifest::enums::{Language, LegalBasis, SecurityMeasure};
use crate::model::{FieldId, FlowId, Model, PurposeId, Recipient as Declared, StoreId};
use crate::rules::dpia_required;
use crate::vocab::tables;

use crate::words::register::L;
use rayon::prelude::*;

pub(super) fn register(inputs: &Inputs<'_>, language: Language) -> Register {
    let model = inputs.model;
    let large_scale = inputs.config.option(dpia_required::RULE.name, "large_scale_records");
    let in_register: Vec<PurposeId> = register_purposes(model).collect();
    // Rows are independent: in parallel over one condensation of the lineage, with a walker
    // (visit stamps the size of the graph) per split, the rows in purpose order.
    let condensation = Condensation::new(model, inputs.graph);
    let joined = joined_flows(model);
    let rows: Vec<Row> = in_register
        .par_iter()
        .enumerate()
        // Few splits: each makes a walker.
        .with_min_len(64)
        .map_init(
            || Walker::new(&condensation),
            |walker, (index, &p)| {
                row(inputs, walker, (index, p), &joined[p.index()], large_scale, language)
            },
        )
        .collect();
    let apart = model
        .purpose_ids()
        .filter(|p| in_register.binary_search(p).is_err())
        .map(|p| {
            let purpose = model.purpose(p);
            let reason = if purpose.is_active() {
                term_l("no_personal_data", L::ApartNoPersonal, language)
            } else {
                term_l("not_active", L::ApartNotActive, language)
            };
            Apart {
                reference: purpose.id.clone(),
                name: purpose.name.clone(),
                status: term("purpose_status", purpose.status.as_str(), language),
                reason,
            }
        })
        .collect();
    let controller = controller(model, language);
    let coverage = coverage::gaps(inputs, controller.as_ref(), &rows, language);
    let cache = super::cache::Cache::new(rows.len(), super::cells::CELLS);
    Register { version: VERSION, language, controller, rows, apart, coverage, cache }
}

/// For each purpose, the flows naming it in `purposes:` with the stores they bring into its
/// journey (the destination; both ends of a synchronisation): one pass over the flows.
fn joined_flows(model: &Model) -> Vec<Vec<(FlowId, StoreId)>> {
    let mut out = vec![Vec::new(); model.purposes.len()];
    for id in model.flow_ids() {
        let flow = model.flow(id);
        for p in &flow.purposes {
            out[p.index()].push((id, flow.to));
            if flow.direction == Direction::Both && flow.from != flow.to {
                out[p.index()].push((id, flow.from));
            }
        }
    }
    out
}

/// A term of a `gdpr.tsv` table; an id missing from the table is its own label.
pub(super) fn term(table: &str, id: &str, language: Language) -> Term {
    match tables::gdpr_term(table, id) {
        Some(t) => Term {
            id: id.to_owned(),
            label: t.label.get(language).to_owned(),
            article: t.article.map(str::to_owned),
        },
        None => Term { id: id.to_owned(), label: id.to_owned(), article: None },
    }
}

pub(super) fn term_l(id: &str, label: L, language: Language) -> Term {
    Term { id: id.to_owned(), label: label.get(language).to_owned(), article: None }
}

pub(super) fn country(code: &str, language: Language) -> Term {
    let label = tables::country(code).map_or(code, |c| c.label.get(language));
    Term { id: code.to_owned(), label: label.to_owned(), article: None }
}

/// A text attribute, `None` when blank.
fn text(s: Option<&(impl AsRef<str> + ?Sized)>) -> Option<String> {
    let s = s.map(AsRef::as_ref);
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

fn controller(model: &Model, language: Language) -> Option<Controller> {
    let org = &model.organization.as_ref()?.value;
    let contact = |c: Option<&crate::manifest::project::Contact>| {
        c.map(|c| Contact {
            name: text(c.name.as_ref()),
            address: text(c.address.as_ref()),
            email: text(c.email.as_ref()),
            phone: text(c.phone.as_ref()),
        })
        .filter(|c| !c.is_empty())
    };
    Some(Controller {
        name: text(org.name.as_ref()),
        address: text(org.address.as_ref()),
        country: org.country.as_ref().map(|c| country(c.value.as_str(), language)),
        email: text(org.email.as_ref()),
        phone: text(org.phone.as_ref()),
        dpo: contact(org.dpo.as_ref()),
        representative: contact(org.representative.as_ref()),
    })
}

pub(super) fn store_ref(model: &Model, s: StoreId) -> StoreRef {
    let store = model.store(s);
    StoreRef { id: store.id.clone(), name: store.name.clone() }
}

fn field_ref(model: &Model, f: FieldId) -> FieldRef {
    let field = model.field(f);
    FieldRef {
        path: model.field_path(f),
        name: field.name.clone(),
        category: field.category.as_ref().map(|c| c.value.clone()),
    }
}

fn row(
    inputs: &Inputs<'_>,
    walker: &mut Walker<'_>,
    (index, id): (usize, PurposeId),
    joined: &[(FlowId, StoreId)],
    large_scale: f64,
    language: Language,
) -> Row {
    let model = inputs.model;
    let p = model.purpose(id);
    // `uses` is sorted, so `used` is too (binary searches below).
    let used: Vec<FieldId> = p.uses.iter().copied().filter(|f| model.field(*f).personal).collect();
    let journey = walker.journey(&used, joined);
    let locations = locations(model, &journey, language);
    let recipients = recipients(model, p, &used, &journey);
    let origins = &journey.origins;
    let origin_stores: BTreeSet<StoreId> = origins.stores.iter().copied().collect();
    let (sources, collection) = sources(model, walker.condensation(), origins, &used);
    let criteria = criteria_from(model, id, large_scale, &Entry::from_set(model, &origin_stores));
    let (transfers, unlocated) = transfers(inputs, &locations, &recipients, &journey, language);
    Row {
        index,
        reference: p.id.clone(),
        name: p.name.clone(),
        description: text(p.description.as_ref()),
        business_function: p.owner.map(|t| model.team(t).name.clone()),
        objective: p.objective.map(|o| model.objective(o).name.clone()),
        data_use: p.data_use.as_ref().map(|u| {
            let label =
                tables::data_use_label(&u.value).map_or(u.value.as_str(), |l| l.get(language));
            Term { id: u.value.clone(), label: label.to_owned(), article: None }
        }),
        legal_basis: p
            .legal_basis
            .as_ref()
            .map(|b| term("legal_basis", b.value.as_str(), language)),
        legal_reference: text(p.legal_reference.as_ref()),
        legitimate_interest: text(p.legitimate_interest.as_ref()),
        lia: text(p.lia.as_ref()),
        schedule1_condition: text(p.schedule1_condition.as_ref()),
        retention_policy: text(p.retention_policy.as_ref()),
        retention_policy_followed: p.retention_policy_followed,
        retention_policy_deviation: text(p.retention_policy_deviation.as_ref()),
        created: p.created.map(|d| d.to_string()),
        updated: p.updated.map(|d| d.to_string()),
        special_condition: p
            .special_condition
            .map(|c| term("art9_condition", c.as_str(), language)),
        rights: rights(
            p.legal_basis.as_ref().map(|b| b.value),
            p.automated_decision == Some(true),
            language,
        ),
        subjects: p
            .subjects
            .iter()
            .map(|s| {
                let subject = model.subject(*s);
                let builtin = subject.span.is_none();
                let label = tables::subject_label(&subject.id)
                    .filter(|_| builtin)
                    .map_or_else(|| subject.name.clone(), |l| l.get(language).to_owned());
                Term { id: subject.id.clone(), label, article: None }
            })
            .collect(),
        categories: categories(model, &used, language),
        fields: used.iter().map(|f| field_ref(model, *f)).collect(),
        special: used
            .iter()
            .filter_map(|f| model.field(*f).special)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|s| term("special_category", s.as_str(), language))
            .collect(),
        sources,
        collection,
        transfers,
        unlocated,
        contracts: recipients
            .processors
            .iter()
            .filter_map(|r| {
                let store = r.store.clone()?;
                let s = model.store_by_id(&store.id)?;
                let vendor = r.vendor.clone()?;
                Some(Contract { store, vendor, contract: text(model.store(s).contract.as_ref()) })
            })
            .collect(),
        security: security(model, &locations, language),
        locations: locations.into_iter().map(|(_, l)| l).collect(),
        recipients,
        retention: retention_cell(model, p, &used, language),
        profiling: p.profiling,
        profiling_likely: p.profiling.is_none()
            && p.data_use.as_ref().is_some_and(|u| suggests_profiling(&u.value)),
        automated_decision: p.automated_decision,
        consent_record: p.consent_record.map(|f| field_ref(model, f)),
        dpia: Dpia {
            required: criteria.len() >= 2,
            criteria: criteria
                .into_iter()
                .map(|c| Criterion {
                    id: c.id.to_owned(),
                    label: term("dpia_criterion", c.id, language).label,
                    evidence: c.evidence.get(language).to_owned(),
                })
                .collect(),
            status: p.dpia_status.map(|s| term("dpia_status", s.as_str(), language)),
            link: text(p.dpia_link.as_ref()),
        },
        status: term("purpose_status", p.status.as_str(), language),
    }
}

/// The categories of the used fields by CNIL family, families and keys in order.
pub(super) fn categories(model: &Model, used: &[FieldId], language: Language) -> Vec<FamilyGroup> {
    let mut groups: BTreeMap<usize, BTreeSet<Option<&str>>> = BTreeMap::new();
    for f in used {
        let key = model.field(*f).category.as_ref().map(|c| c.value.as_str());
        groups.entry(families::rank(families::family_of(model, key))).or_default().insert(key);
    }
    groups
        .into_iter()
        .map(|(rank, keys)| {
            let family = families::FAMILIES.get(rank).copied().unwrap_or("other");
            FamilyGroup {
                family: term("cnil_family", family, language),
                categories: keys
                    .into_iter()
                    .map(|key| match key {
                        None => term_l("uncategorised", L::Uncategorised, language),
                        Some(key) => Term {
                            id: key.to_owned(),
                            label: category_label(model, key, language),
                            article: None,
                        },
                    })
                    .collect(),
            }
        })
        .collect()
}

fn category_label(model: &Model, key: &str, language: Language) -> String {
    if let Some(label) = tables::category_label(key) {
        return label.get(language).to_owned();
    }
    model.category(key).and_then(|c| c.name.clone()).unwrap_or_else(|| key.to_owned())
}

/// The origin stores of the used fields with the `collection` texts of their origin fields,
/// and the `collection` of used fields that are not origins.
fn sources(
    model: &Model,
    lineage: &Condensation,
    origins: &Origins,
    used: &[FieldId],
) -> (Vec<Source>, Vec<String>) {
    let sources = origins
        .stores
        .iter()
        .map(|&s| {
            let start = origins.collected.partition_point(|(t, _)| *t < s);
            let end = origins.collected.partition_point(|(t, _)| *t <= s);
            let texts: BTreeSet<String> = origins.collected[start..end]
                .iter()
                .filter_map(|(_, f)| text(model.field(*f).collection()))
                .collect();
            Source {
                store: store_ref(model, s),
                external: model.store(s).external,
                collection: texts.into_iter().collect(),
            }
        })
        .collect();
    let collection: BTreeSet<String> = used
        .iter()
        .filter(|f| !lineage.is_origin(**f))
        .filter_map(|f| text(model.field(*f).collection()))
        .collect();
    (sources, collection.into_iter().collect())
}

/// Every store of the journey, by store id.
fn locations(model: &Model, journey: &Journey, language: Language) -> Vec<(StoreId, Location)> {
    journey
        .stores
        .iter()
        .map(|&(s, holds_used)| {
            let mut codes: Vec<&str> =
                model.store(s).location.iter().map(|c| c.value.as_str()).collect();
            codes.sort_unstable();
            codes.dedup();
            let countries = codes.into_iter().map(|c| country(c, language)).collect();
            (s, Location { store: store_ref(model, s), countries, holds_used })
        })
        .collect()
}

#[derive(Default)]
struct Acc {
    declared: bool,
    flows: BTreeSet<String>,
    holds_used: bool,
}

/// Declared recipients, the stores of the journey the data is brought to by a flow, and the
/// processors and third parties holding used fields (a processor is a recipient even where
/// the data is collected); split internal / processors / third parties.
fn recipients(
    model: &Model,
    p: &crate::model::Purpose,
    used: &[FieldId],
    journey: &Journey,
) -> Recipients {
    let mut by_store: BTreeMap<StoreId, Acc> = BTreeMap::new();
    for (s, flow) in &journey.into {
        by_store.entry(*s).or_default().flows.insert(model.flow(*flow).id.clone());
    }
    for f in used {
        let s = model.field(*f).store;
        let store = model.store(s);
        if store.vendor.is_some() || store.external {
            by_store.entry(s).or_default().holds_used = true;
        }
    }
    let mut texts = Vec::new();
    for r in &p.recipients {
        match r {
            Declared::Store(s) => by_store.entry(*s).or_default().declared = true,
            Declared::Text(t) => texts.push(t.trim().to_owned()),
        }
    }
    let mut out = Recipients::default();
    for (s, acc) in by_store {
        let store = model.store(s);
        let r = Recipient {
            name: store.name.clone(),
            store: Some(store_ref(model, s)),
            vendor: store.vendor.clone(),
            declared: acc.declared,
            flows: acc.flows.into_iter().collect(),
            holds_used: acc.holds_used,
        };
        if store.external {
            out.third_parties.push(r);
        } else if store.vendor.is_some() {
            out.processors.push(r);
        } else {
            out.internal.push(r);
        }
    }
    let mut seen = BTreeSet::new();
    for t in texts.into_iter().filter(|t| !t.is_empty()) {
        if seen.insert(t.clone()) {
            out.third_parties.push(Recipient {
                name: t,
                store: None,
                vendor: None,
                declared: true,
                flows: Vec::new(),
                holds_used: false,
            });
        }
    }
    out
}

/// The stores of the journey and the recipient stores hosted outside the EEA, one entry per
/// country and safeguard: the safeguard of each flow that brings the data there, or, for a
/// store the data is collected in directly (or sent to with no flow on the map), the store's
/// own `transfer`. An outside party the data comes *from* (an external store collecting it,
/// no flow bringing it there) is a source, not a transfer. Second: the stores whose location is not stated.
fn transfers(
    inputs: &Inputs<'_>,
    locations: &[(StoreId, Location)],
    recipients: &Recipients,
    journey: &Journey,
    language: Language,
) -> (Vec<TransferRow>, Vec<StoreRef>) {
    let model = inputs.model;
    let mut stores: BTreeSet<StoreId> = locations.iter().map(|(s, _)| *s).collect();
    let all = [&recipients.internal, &recipients.processors, &recipients.third_parties];
    for r in all.into_iter().flatten() {
        if let Some(s) = r.store.as_ref().and_then(|s| model.store_by_id(&s.id)) {
            stores.insert(s);
        }
    }
    let mut out = Vec::new();
    let mut unlocated = Vec::new();
    for s in stores {
        let store = model.store(s);
        if store.location.is_empty() {
            unlocated.push(store_ref(model, s));
            continue;
        }
        let countries = outside_eea(model, s);
        if countries.is_empty() {
            continue;
        }
        // Safeguard (mechanism, reference) → flows; `None`: no `transfer:`.
        fn key(t: Option<&crate::model::Transfer>) -> Option<(&str, Option<&str>)> {
            t.map(|t| (t.mechanism.value.as_str(), t.reference.as_deref()))
        }
        let mut groups: BTreeMap<Option<(&str, Option<&str>)>, Vec<String>> = BTreeMap::new();
        for flow in journey.flows_into(s) {
            let f = model.flow(flow);
            groups.entry(key(f.transfer.as_ref())).or_default().push(f.id.clone());
        }
        let direct = journey.direct.binary_search(&s).is_ok();
        if store.external && direct && groups.is_empty() {
            continue;
        }
        let mut entries: Vec<_> = groups.into_iter().collect();
        if entries.is_empty() || (direct && !store.external) {
            // Collected there directly: the store's own safeguard, an entry of its own (with
            // no flow) unless a flow brings the very same safeguard — a missing one is asked
            // of the store, not of the flows.
            let own = key(store.transfer.as_ref());
            if own.is_none() || !entries.iter().any(|(k, _)| *k == own) {
                entries.push((own, Vec::new()));
            }
        }
        for code in countries {
            let adequacy = tables::adequacy_on(code, inputs.config.as_of);
            for (key, flows) in &entries {
                out.push(TransferRow {
                    store: store_ref(model, s),
                    country: country(code, language),
                    mechanism: key.map(|(m, _)| term("transfer_mechanism", m, language)),
                    reference: key.and_then(|(_, r)| r).map(|r| r.trim().to_owned()),
                    flows: flows.clone(),
                    adequacy_decision: adequacy.map(|a| a.act.to_owned()),
                    adequacy_scope: adequacy.map(|a| a.scope.to_owned()).filter(|s| s != "whole"),
                });
            }
        }
    }
    (out, unlocated)
}

/// Whether a fideslang data use implies profiling (targeted advertising, profiling-based
/// personalisation): the register then says "likely, not stated" rather than nothing.
fn suggests_profiling(data_use: &str) -> bool {
    let key = data_use.trim();
    let advertising = key == "marketing.advertising"
        || key.starts_with("marketing.advertising.")
            && !matches!(
                key,
                "marketing.advertising.first_party.contextual" | "marketing.advertising.serving"
            );
    advertising || key.split('.').any(|part| part == "profiling" || part == "targeted")
}

fn retention_cell(
    model: &Model,
    p: &crate::model::Purpose,
    used: &[FieldId],
    language: Language,
) -> RetentionCell {
    let purpose = p.retention.as_ref().and_then(|r| retention::sentence(&r.value, language));
    let purpose_core = p.retention.as_ref().and_then(|r| retention::core(&r.value, language));
    // Sentence → fields, in the order the fields are used.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for f in used {
        let Some(r) = &model.field(*f).retention else { continue };
        // Fields that only name another basis or reference do not differ.
        if retention::core(&r.value, language) == purpose_core {
            continue;
        }
        let Some(text) = retention::sentence(&r.value, language) else { continue };
        match groups.iter_mut().find(|(t, _)| *t == text) {
            Some((_, fields)) => fields.push(model.field_path(*f)),
            None => groups.push((text, vec![model.field_path(*f)])),
        }
    }
    RetentionCell {
        purpose,
        fields: groups.into_iter().map(|(text, fields)| FieldRetention { text, fields }).collect(),
    }
}

fn security(model: &Model, locations: &[(StoreId, Location)], language: Language) -> Vec<Term> {
    let measures: BTreeSet<SecurityMeasure> =
        locations.iter().flat_map(|(s, _)| model.store(*s).security.iter().copied()).collect();
    measures.into_iter().map(|m| term("security_measure", m.as_str(), language)).collect()
}

/// The rights a person has under each legal basis (GDPR arts. 13–22; the ICO's table of
/// rights by lawful basis): erasure, portability and objection depend on the basis.
fn rights(basis: Option<LegalBasis>, automated: bool, language: Language) -> Vec<Term> {
    use LegalBasis::*;
    let Some(basis) = basis else { return Vec::new() };
    let mut list = vec![
        ("informed", L::RightInformed),
        ("access", L::RightAccess),
        ("rectification", L::RightRectification),
    ];
    if matches!(basis, Consent | Contract | VitalInterests | LegitimateInterests) {
        list.push(("erasure", L::RightErasure));
    }
    list.push(("restriction", L::RightRestriction));
    if matches!(basis, Consent | Contract) {
        list.push(("portability", L::RightPortability));
    }
    if matches!(basis, PublicTask | LegitimateInterests) {
        list.push(("object", L::RightObject));
    }
    if automated {
        list.push(("automated_decision", L::RightAutomated));
    }
    if basis == Consent {
        list.push(("withdraw_consent", L::RightWithdraw));
    }
    list.into_iter().map(|(id, l)| term_l(id, l, language)).collect()
}

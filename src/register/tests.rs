//! The derivations of docs/register.md on small maps built in memory: recipients split three
//! ways, transfers from flows, sources through the lineage, families, the purposes kept
//! apart, the coverage report, and every label in both languages.

use super::cells::{self, Cell};
use super::layout::{Layout, columns};
use super::rows::Register;
use super::{Inputs, build};
use crate::config::Config;
use crate::date::Date;
use crate::graph::LineageGraph;
use crate::load::load_from_memory;
use crate::manifest::enums::*;
use crate::model::resolve::resolve;
use crate::rules::dpia_required;
use crate::vocab::{categories, subjects, tables};

pub(super) fn register_of(files: &[(&str, &str)], language: Language) -> Register {
    derived_of(files, language, |_, register| register)
}

/// The register of a map in memory, judged on 2026-11-22, and what `derive` makes of it
/// with the map (the processor and retention tables).
pub(super) fn derived_of<T>(
    files: &[(&str, &str)],
    language: Language,
    derive: impl FnOnce(&Inputs<'_>, Register) -> T,
) -> T {
    let loaded = load_from_memory(files);
    let day = Date::parse("2026-11-22").unwrap();
    let (config, _) = Config::build(&loaded.project, &loaded.sources, &[], day).unwrap();
    let (model, _) = resolve(loaded.manifests, &loaded.project, loaded.project_file);
    let graph = LineageGraph::build(&model);
    let inputs = Inputs { model: &model, graph: &graph, config: &config, sources: &loaded.sources };
    derive(&inputs, build(&inputs, language))
}

pub(super) const PROJECT: &str = "organization:\n  name: Test SAS\n  email: privacy@test.example\n";

/// A shop collecting the data, a CRM run by a processor, an in-house ERP, an ad platform in
/// the US (external) reached by a flow with SCCs, and a US analytics tool with none.
const STORES: &str = "\
stores:
  - id: shop
    location: FR
    security: [access_control]
    fields:
      - {id: email, category: user.contact.email, collection: checkout form}
      - {id: city, category: user.contact.address.city}
  - id: crm
    name: CRM
    location: FR
    vendor: Relatia
    contract: https://dpa.example/relatia
    security: [encryption, backup]
    fields:
      - {id: email, category: user.contact.email, retention: {duration: P3Y, trigger: last_contact_from_subject, end_action: delete}}
      - {id: segment, category: user.demographic.profile, collection: computed each night}
      - {id: card, category: user.financial.credit_card}
  - id: erp
    location: FR
    fields: [{id: email, category: user.contact.email}]
  - id: ads
    name: Ad platform
    location: US
    external: true
    fields: [{id: hash, category: user.unique_id.pseudonymous}]
  - id: stats
    location: [FR, US]
    vendor: Statly Inc
    fields: [{id: email, category: user.contact.email}]
";

const FLOWS: &str = "\
flows:
  - {id: shop-crm, from: shop, to: crm, fields: [email]}
  - {id: crm-erp, from: crm, to: erp, fields: [email]}
  - id: crm-ads
    from: crm
    to: ads
    fields: [{email: hash}]
    transfer: {mechanism: scc_commission, reference: SCC 2021/914}
  - {id: crm-stats, from: crm, to: stats, fields: [email]}
";

const PURPOSES: &str = "\
purposes:
  - id: newsletter
    name: Newsletter
    legal_basis: consent
    subjects: [customer]
    uses: [crm.email, crm.segment, crm.card]
    retention: {duration: P3Y, trigger: last_contact_from_subject, end_action: delete}
    recipients: [Printing house]
  - id: accounting
    legal_basis: legal_obligation
    subjects: [customer]
    uses: [erp.email]
    profiling: false
    automated_decision: false
  - id: advertising
    legal_basis: consent
    use: marketing.advertising.third_party.targeted
    subjects: [customer]
    uses: [ads.hash]
  - id: analytics
    legal_basis: legitimate_interests
    subjects: [customer]
    uses: [stats.email]
  - id: nobody
    legal_basis: contract
    uses: [shop.city]
  - id: planned
    status: planned
    subjects: [customer]
    uses: [shop.email]
  - id: stock
    subjects: [customer]
    uses: []
";

fn map() -> Register {
    register_of(
        &[
            ("datacarto.yaml", PROJECT),
            ("stores.yaml", STORES),
            ("flows.yaml", FLOWS),
            ("purposes.yaml", PURPOSES),
        ],
        Language::En,
    )
}

fn names(list: &[super::rows::Recipient]) -> Vec<&str> {
    list.iter().map(|r| r.name.as_str()).collect()
}

fn row<'r>(reg: &'r Register, id: &str) -> &'r super::rows::Row {
    reg.rows.iter().find(|r| r.reference == id).unwrap_or_else(|| panic!("no row {id}"))
}

/// Recipients: the processor holding the used fields, the stores of the journey the data is
/// brought to (in house, processor, third party) and the declared free text; never the
/// stores the data is copied to onward.
#[test]
fn recipients_split_three_ways() {
    let reg = map();
    let newsletter = row(&reg, "newsletter");
    assert!(newsletter.recipients.internal.is_empty(), "the ERP copy is not its recipient");
    assert_eq!(names(&newsletter.recipients.processors), ["CRM"]);
    assert_eq!(names(&newsletter.recipients.third_parties), ["Printing house"]);
    let crm = &newsletter.recipients.processors[0];
    assert!(crm.holds_used && !crm.declared);
    assert_eq!(crm.flows, ["shop-crm"], "it receives a used field by a flow");
    let contracts: Vec<(&str, Option<&str>)> =
        newsletter.contracts.iter().map(|c| (c.vendor.as_str(), c.contract.as_deref())).collect();
    assert_eq!(contracts, [("Relatia", Some("https://dpa.example/relatia"))]);

    let accounting = row(&reg, "accounting");
    assert_eq!(names(&accounting.recipients.internal), ["erp"]);
    assert_eq!(accounting.recipients.internal[0].flows, ["crm-erp"]);
    assert_eq!(names(&accounting.recipients.processors), ["CRM"]);
    let advertising = row(&reg, "advertising");
    assert_eq!(names(&advertising.recipients.third_parties), ["Ad platform"]);
    assert_eq!(advertising.recipients.third_parties[0].flows, ["crm-ads"]);
}

/// Transfers: each store of the journey outside the EEA with the safeguard of the flow that
/// brings the data there; a flow without one is a mandatory gap at its line. The newsletter's
/// data is copied onward to the US, but that is not its transfer.
#[test]
fn transfers_from_flows() {
    let reg = map();
    let transfers = |id: &str| -> Vec<(String, String, Option<String>, Option<String>)> {
        row(&reg, id)
            .transfers
            .iter()
            .map(|t| {
                (
                    t.store.id.clone(),
                    t.country.id.clone(),
                    t.mechanism.as_ref().map(|m| m.id.clone()),
                    t.reference.clone(),
                )
            })
            .collect()
    };
    assert!(transfers("newsletter").is_empty());
    let newsletter = row(&reg, "newsletter");
    assert_eq!(*cells::lines(Cell::Transfers, newsletter, &reg), ["None"]);
    assert_eq!(*cells::lines(Cell::TransferAny, newsletter, &reg), ["No"]);
    let own = |s: &str| s.to_owned();
    assert_eq!(
        transfers("advertising"),
        [(own("ads"), own("US"), Some(own("scc_commission")), Some(own("SCC 2021/914")))]
    );
    assert_eq!(transfers("analytics"), [(own("stats"), own("US"), None, None)]);
    let analytics = row(&reg, "analytics");
    assert_eq!(analytics.transfers[0].adequacy_scope.as_deref(), Some("dpf_certified"));
    assert_eq!(analytics.transfers[0].flows, ["crm-stats"]);
    let gaps: Vec<_> =
        reg.coverage.iter().filter(|g| g.cell.id == "transfers" && g.mandatory).collect();
    assert_eq!(gaps.len(), 1, "{gaps:?}");
    let gap = gaps[0];
    assert_eq!(gap.row.as_deref(), Some("analytics"));
    assert_eq!(gap.fix, "`transfer` of flow 'crm-stats'");
    assert_eq!(gap.at.as_deref(), Some("flows.yaml:9"));
    assert!(
        gap.why.ends_with(
            "; an adequacy decision may cover it: Decision (EU) 2023/1795 (dpf_certified)"
        ),
        "{}",
        gap.why
    );
}

/// Sources are the origin stores through the lineage with their `collection`; locations
/// the stores of the journey; security the union of their measures.
#[test]
fn sources_locations_security() {
    let reg = map();
    let row = row(&reg, "newsletter");
    let sources: Vec<(&str, &[String])> =
        row.sources.iter().map(|s| (s.store.id.as_str(), s.collection.as_slice())).collect();
    assert_eq!(
        sources,
        [
            ("crm", &["computed each night".to_owned()][..]),
            ("shop", &["checkout form".to_owned()][..])
        ]
    );
    let locations: Vec<(&str, bool)> =
        row.locations.iter().map(|l| (l.store.id.as_str(), l.holds_used)).collect();
    assert_eq!(locations, [("crm", true), ("shop", false)]);
    let security: Vec<&str> = row.security.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(security, ["access_control", "backup", "encryption"]);
    // The CRM's e-mail has the purpose's retention: only the purpose's sentence is shown.
    assert_eq!(
        row.retention.purpose.as_deref(),
        Some("3 years after the last contact from the person, then deletion")
    );
    assert!(row.retention.fields.is_empty());
}

/// Categories come grouped by CNIL family, in the fiche's order.
#[test]
fn categories_by_family() {
    let reg = map();
    let row = reg.rows.iter().find(|r| r.reference == "newsletter").unwrap();
    let families: Vec<(&str, Vec<&str>)> = row
        .categories
        .iter()
        .map(|g| (g.family.id.as_str(), g.categories.iter().map(|c| c.id.as_str()).collect()))
        .collect();
    assert_eq!(
        families,
        [
            ("identity", vec!["user.contact.email"]),
            ("personal_life", vec!["user.demographic.profile"]),
            ("economic_financial", vec!["user.financial.credit_card"]),
        ]
    );
}

/// Purposes that are not active or use no personal data are listed apart; a row without
/// subjects is a mandatory gap at the purpose's line.
#[test]
fn apart_and_coverage() {
    let reg = map();
    let rows: Vec<&str> = reg.rows.iter().map(|r| r.reference.as_str()).collect();
    assert_eq!(rows, ["accounting", "advertising", "analytics", "newsletter", "nobody"]);
    let apart: Vec<(&str, &str)> =
        reg.apart.iter().map(|a| (a.reference.as_str(), a.reason.id.as_str())).collect();
    assert_eq!(apart, [("planned", "not_active"), ("stock", "no_personal_data")]);
    let gaps: Vec<(&str, &str, bool)> = reg
        .coverage
        .iter()
        .filter(|g| g.row.as_deref() == Some("nobody"))
        .map(|g| (g.cell.id.as_str(), g.article.as_str(), g.mandatory))
        .collect();
    assert_eq!(
        gaps,
        [
            ("subjects", "30(1)(c)", true),
            ("recipients", "30(1)(d)", true),
            ("retention", "30(1)(f)", false),
            ("flags", "22", false),
            ("flags", "22", false),
        ]
    );
    let subjects = reg.coverage.iter().find(|g| g.cell.id == "subjects").unwrap();
    assert_eq!(subjects.at.as_deref(), Some("purposes.yaml:24"));
    // The controller has no DPO: a header gap that does not fail `--check`.
    let header: Vec<(&str, bool)> = reg
        .coverage
        .iter()
        .filter(|g| g.row.is_none())
        .map(|g| (g.why.as_str(), g.mandatory))
        .collect();
    assert_eq!(header, [("no data protection officer is named", false)]);
}

/// A map without `organization:` has no controller, and says so in the coverage.
#[test]
fn no_controller() {
    let reg = register_of(&[("purposes.yaml", PURPOSES), ("stores.yaml", STORES)], Language::En);
    assert!(!super::has_controller(&reg));
    assert!(reg.coverage.iter().any(|g| g.cell.id == "controller" && g.mandatory));
}

/// Every label and every vocabulary value the register prints exists in both languages.
#[test]
fn every_label_in_both_languages() {
    for language in [Language::En, Language::Fr] {
        let reg = register_of(
            &[
                ("datacarto.yaml", PROJECT),
                ("stores.yaml", STORES),
                ("flows.yaml", FLOWS),
                ("purposes.yaml", PURPOSES),
            ],
            language,
        );
        for layout in [Layout::Art30, Layout::Cnil, Layout::Ico] {
            for row in &reg.rows {
                for c in columns(layout) {
                    assert!(!c.title.get(language).is_empty());
                    let _ = cells::lines(c.cell, row, &reg);
                }
            }
        }
    }
    fn both(what: &str, label: Option<tables::Label>) {
        let label = label.unwrap_or_else(|| panic!("no label for {what}"));
        assert!(!label.en.is_empty() && !label.fr.is_empty(), "{what}");
    }
    fn terms<T: Copy>(table: &str, values: &[T], text: fn(T) -> &'static str) {
        for v in values {
            both(
                &format!("{table} {}", text(*v)),
                tables::gdpr_term(table, text(*v)).map(|t| t.label),
            );
        }
    }
    terms("legal_basis", LegalBasis::ALL, LegalBasis::as_str);
    terms("art9_condition", Art9Condition::ALL, Art9Condition::as_str);
    terms("special_category", SpecialCategory::ALL, SpecialCategory::as_str);
    terms("transfer_mechanism", TransferMechanism::ALL, TransferMechanism::as_str);
    terms("security_measure", SecurityMeasure::ALL, SecurityMeasure::as_str);
    terms("retention_trigger", RetentionTrigger::ALL, RetentionTrigger::as_str);
    terms("end_action", EndAction::ALL, EndAction::as_str);
    terms("retention_basis", RetentionBasis::ALL, RetentionBasis::as_str);
    terms("dpia_status", DpiaStatus::ALL, DpiaStatus::as_str);
    terms("purpose_status", PurposeStatus::ALL, PurposeStatus::as_str);
    for family in super::families::FAMILIES {
        both(family, tables::gdpr_term("cnil_family", family).map(|t| t.label));
    }
    // The criteria `dpia-required` computes, as the register names them.
    let criteria = [
        "special_data",
        "profiling",
        "automated_decision",
        "large_scale",
        "combining",
        "vulnerable_subjects",
        "systematic_monitoring",
    ];
    for id in criteria {
        both(id, tables::gdpr_term("dpia_criterion", id).map(|t| t.label));
    }
    let _ = dpia_required::RULE.name;
    for key in categories::CATEGORIES {
        both(key, tables::category_label(key));
    }
    for key in categories::DATA_USES {
        both(key, tables::data_use_label(key));
    }
    for s in subjects::SUBJECTS {
        both(s.id, tables::subject_label(s.id));
    }
    for l in crate::words::register::L::ALL {
        both(&format!("{l:?}"), Some(l.label()));
    }
}

/// French cells use French words and typography.
#[test]
fn french_cells() {
    let reg = register_of(
        &[
            ("datacarto.yaml", PROJECT),
            ("stores.yaml", STORES),
            ("flows.yaml", FLOWS),
            ("purposes.yaml", PURPOSES),
        ],
        Language::Fr,
    );
    let row = row(&reg, "newsletter");
    assert_eq!(
        *cells::lines(Cell::Recipients, row, &reg),
        ["Sous-traitants : CRM (Relatia)", "Tiers : Printing house"]
    );
    assert_eq!(
        *cells::lines(Cell::Flags, row, &reg),
        [
            "Profilage : Non renseigné (`profiling` de la finalité « newsletter »)",
            "Décision automatisée : Non renseigné (`automated_decision` de la finalité « newsletter »)"
        ]
    );
    assert_eq!(
        *cells::lines(Cell::Retention, row, &reg),
        ["3 ans à compter du dernier contact à l'initiative de la personne, puis suppression"]
    );
    assert_eq!(*cells::lines(Cell::Special, row, &reg), ["Non"]);
}

/// The lines a register keeps are the lines made afresh, for every cell of every layout; a
/// register without its store of lines (deserialised, say) still answers.
#[test]
fn kept_lines_are_the_made_lines() {
    let reg = map();
    let mut bare = reg.clone();
    bare.cache = Default::default();
    for layout in [Layout::Art30, Layout::Cnil, Layout::Ico] {
        for row in &reg.rows {
            for c in columns(layout) {
                let first = cells::lines(c.cell, row, &reg);
                assert!(matches!(first, std::borrow::Cow::Borrowed(_)), "{:?} is kept", c.cell);
                assert_eq!(first, cells::lines(c.cell, row, &bare), "{:?}", c.cell);
                // A row of another register is made afresh, not taken from this one's slots.
                let other = cells::lines(c.cell, &bare.rows[row.index], &reg);
                assert!(matches!(other, std::borrow::Cow::Owned(_)));
                assert_eq!(first, cells::lines(c.cell, row, &reg));
            }
        }
    }
}

//! The rule catalogue: every rule's identity (name, family, default level, summary,
//! documentation, options), one file per rule, and the findings the loader and the resolver
//! build (`schema`, `yaml-syntax`, `duplicate-id`, `unknown-reference`…). It sits below
//! `load`, so that every layer may name a rule without reaching up into `checks`, which holds
//! the rules' logic. `rules`, `explain`, `docs/rules/*.md`, the JSON Schema's rule names and
//! SARIF's rule table are all generated from `RULES`.

pub mod condition_without_special_data;
pub mod conflicting_definitions;
pub mod consent_without_record;
pub mod dpia_required;
pub mod duplicate_id;
pub mod duplicates_into_referential;
pub mod flow_cycle;
pub mod flow_without_fields;
pub mod invalid_adequacy;
pub mod invalid_suppression;
pub mod legacy_in_use;
pub mod legitimate_interest_undocumented;
pub mod low_completeness;
pub mod missing_column;
pub mod missing_data;
pub mod missing_erasure;
pub mod missing_identifier;
pub mod missing_legal_basis;
pub mod missing_legal_reference;
pub mod missing_organization;
pub mod missing_owner;
pub mod missing_retention;
pub mod missing_security;
pub mod missing_subjects;
pub mod no_referential;
pub mod orphan_store;
pub mod owner_without_access;
pub mod processor_review_overdue;
pub mod processor_without_contract;
pub mod processor_without_location;
pub mod redundant_flow;
pub mod retention_conflict;
pub mod schema;
pub mod silo;
pub mod special_data_broad_access;
pub mod special_data_without_condition;
pub mod stale_quality_audit;
pub mod too_many_admins;
pub mod transfer_without_safeguard;
pub mod uncategorised_field;
pub mod undeclared_column;
pub mod undeclared_field;
pub mod unknown_category;
pub mod unknown_reference;
pub mod unreadable_file;
pub mod unsourced_field;
pub mod unused_field;
pub mod unused_flow;
pub mod unused_personal_data;
pub mod unused_suppression;
pub mod unused_zone;
pub mod yaml_syntax;
pub mod zone_domain_twice;

use std::fmt::Write as _;

use crate::diag::Level;
use crate::diag::emit::RuleMeta;

/// The family a rule belongs to, in the order `datacarto rules` lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    Integrity,
    Cartography,
    Gdpr,
    /// Beyond the register: rights requests, meaning, access, quality, collection.
    Governance,
}

impl Family {
    pub fn title(self) -> &'static str {
        match self {
            Family::Integrity => "Integrity",
            Family::Cartography => "Cartography",
            Family::Gdpr => "GDPR",
            Family::Governance => "Governance",
        }
    }

    /// The title in French (the catalogue's `--lang fr`; the language is chosen by the
    /// command, as this module sits below the manifest types).
    pub fn title_fr(self) -> &'static str {
        match self {
            Family::Integrity => "Intégrité",
            Family::Cartography => "Cartographie",
            Family::Gdpr => "RGPD",
            Family::Governance => "Gouvernance",
        }
    }
}

/// An option a rule reads from `rules:` in datacarto.yaml.
#[derive(Debug)]
pub struct RuleOption {
    pub name: &'static str,
    pub description: &'static str,
    /// Bounds of the value (options are numbers).
    pub min: f64,
    pub max: f64,
    pub default: f64,
}

/// A rule's identity: what every layer may know of it (its logic, if it reads the model,
/// is in `checks::rules` and joined to it by `checks::registry`).
#[derive(Debug)]
pub struct Rule {
    pub name: &'static str,
    pub family: Family,
    pub default_level: Level,
    /// One line: what it finds.
    pub summary: &'static str,
    /// The same line in French (`rules --lang fr`, `explain --lang fr`).
    pub summary_fr: &'static str,
    /// Markdown: what it finds, why it matters, an example, the fix, configuration.
    pub doc: &'static str,
    pub options: &'static [RuleOption],
}

/// Every rule, by family then name.
pub static RULES: &[&Rule] = &[
    &duplicate_id::RULE,
    &invalid_suppression::RULE,
    &schema::RULE,
    &unknown_reference::RULE,
    &unreadable_file::RULE,
    &unused_suppression::RULE,
    &yaml_syntax::RULE,
    &flow_cycle::RULE,
    &flow_without_fields::RULE,
    &legacy_in_use::RULE,
    &low_completeness::RULE,
    &missing_column::RULE,
    &missing_data::RULE,
    &missing_identifier::RULE,
    &missing_owner::RULE,
    &no_referential::RULE,
    &orphan_store::RULE,
    &redundant_flow::RULE,
    &silo::RULE,
    &uncategorised_field::RULE,
    &undeclared_column::RULE,
    &undeclared_field::RULE,
    &unknown_category::RULE,
    &unsourced_field::RULE,
    &unused_field::RULE,
    &unused_flow::RULE,
    &unused_personal_data::RULE,
    &unused_zone::RULE,
    &zone_domain_twice::RULE,
    &condition_without_special_data::RULE,
    &consent_without_record::RULE,
    &dpia_required::RULE,
    &invalid_adequacy::RULE,
    &legitimate_interest_undocumented::RULE,
    &missing_legal_basis::RULE,
    &missing_legal_reference::RULE,
    &missing_organization::RULE,
    &missing_retention::RULE,
    &missing_security::RULE,
    &missing_subjects::RULE,
    &processor_without_contract::RULE,
    &processor_without_location::RULE,
    &retention_conflict::RULE,
    &special_data_without_condition::RULE,
    &transfer_without_safeguard::RULE,
    &conflicting_definitions::RULE,
    &duplicates_into_referential::RULE,
    &missing_erasure::RULE,
    &owner_without_access::RULE,
    &processor_review_overdue::RULE,
    &special_data_broad_access::RULE,
    &stale_quality_audit::RULE,
    &too_many_admins::RULE,
];

pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

pub fn names() -> impl Iterator<Item = &'static str> + Clone {
    RULES.iter().map(|r| r.name)
}

/// The metadata emitters may print.
pub fn metadata() -> Vec<RuleMeta> {
    RULES
        .iter()
        .map(|r| RuleMeta {
            name: r.name,
            summary: r.summary,
            default_level: r.default_level,
            description: what_it_finds(r),
            page: page(r),
            summary_fr: r.summary_fr,
            page_fr: page_fr(r),
        })
        .collect()
}

/// A rule's page: the same text as docs/rules/<rule>.md.
pub fn page(rule: &Rule) -> String {
    let mut out = format!("# {}\n\n", rule.name);
    let _ = writeln!(
        out,
        "{} rule, default level `{}`: {}.\n",
        rule.family.title(),
        rule.default_level,
        rule.summary
    );
    out.push_str(rule.doc.trim_end());
    out.push('\n');
    if !rule.options.is_empty() {
        out.push_str("\n## Options\n\n| option | default | range | meaning |\n|---|---|---|---|\n");
        for o in rule.options {
            let _ = writeln!(
                out,
                "| `{}` | {} | {}–{} | {} |",
                o.name, o.default, o.min, o.max, o.description
            );
        }
    }
    out
}

/// The "What it finds" section of a rule's documentation as one paragraph (SARIF's
/// `fullDescription`); the summary when a page has no such section.
/// A rule's page in French: its family, level and summary in French, then the detailed
/// documentation, which exists in English only and is said to be.
pub fn page_fr(rule: &Rule) -> String {
    let english = page(rule);
    // The English page opens with its title and its summary line; the rest is the detail.
    let detail = english.splitn(3, "\n\n").nth(2).unwrap_or_default();
    format!(
        "# {}\n\nRègle de la famille « {} », niveau par défaut `{}` : {}.\n\n\
         > La documentation détaillée de cette règle n'existe qu'en anglais ; la voici.\n\n{detail}",
        rule.name,
        rule.family.title_fr(),
        rule.default_level,
        rule.summary_fr,
    )
}

fn what_it_finds(rule: &Rule) -> String {
    let Some((_, rest)) = rule.doc.split_once("## What it finds") else {
        return format!("{}.", rule.summary);
    };
    let section = rest.split("\n## ").next().unwrap_or_default();
    let text = section.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() { format!("{}.", rule.summary) } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names are unique, kebab-case, and sorted by family then name.
    #[test]
    fn registry_is_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.name), "duplicate rule {}", rule.name);
            assert!(
                rule.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                rule.name
            );
            assert!(!rule.summary.is_empty() && !rule.doc.is_empty());
        }
        let order: Vec<_> = RULES.iter().map(|r| (r.family, r.name)).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
    }

    /// Every rule has a French summary, translated (not a copy of the English one), one
    /// line, with no trailing full stop (the page adds it), like the English one.
    #[test]
    fn every_summary_is_in_french() {
        for rule in RULES {
            let fr = rule.summary_fr;
            assert!(!fr.trim().is_empty() && fr != rule.summary, "{}", rule.name);
            assert!(!fr.contains('\n') && !fr.ends_with('.'), "{}", rule.name);
            assert_eq!(fr.matches('`').count() % 2, 0, "{}: unbalanced code span", rule.name);
        }
    }

    /// The list of rules is part of the interface: a change shows in review.
    #[test]
    fn rule_list_snapshot() {
        let list: Vec<String> = RULES
            .iter()
            .map(|r| format!("{} {} {}", r.family.title(), r.default_level, r.name))
            .collect();
        insta::assert_snapshot!(list.join("\n"));
    }
}

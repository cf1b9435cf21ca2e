//! The rule registry: every rule's name, family, default level, summary, documentation and
//! options, in one static list. `rules`, `explain`, `docs/rules/*.md`, the JSON Schema's rule
//! names and SARIF's rule table are all generated from it.

use std::fmt::Write as _;

use super::{Context, rules};
use crate::diag::emit::RuleMeta;
use crate::diag::{Finding, Level};

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

/// A rule of the catalogue.
#[derive(Debug)]
pub struct Rule {
    pub name: &'static str,
    pub family: Family,
    pub default_level: Level,
    /// One line: what it finds.
    pub summary: &'static str,
    /// Markdown: what it finds, why it matters, an example, the fix, configuration.
    pub doc: &'static str,
    pub options: &'static [RuleOption],
    /// The check reading the model; `None` for the integrity rules, which report while
    /// loading and resolving.
    pub check: Option<fn(&Context<'_>, &mut Vec<Finding>)>,
}

/// Every rule, by family then name.
pub static RULES: &[&Rule] = &[
    &rules::duplicate_id::RULE,
    &rules::invalid_suppression::RULE,
    &rules::schema::RULE,
    &rules::unknown_reference::RULE,
    &rules::unreadable_file::RULE,
    &rules::unused_suppression::RULE,
    &rules::yaml_syntax::RULE,
    &rules::flow_cycle::RULE,
    &rules::flow_without_fields::RULE,
    &rules::legacy_in_use::RULE,
    &rules::low_completeness::RULE,
    &rules::missing_column::RULE,
    &rules::missing_data::RULE,
    &rules::missing_identifier::RULE,
    &rules::missing_owner::RULE,
    &rules::no_referential::RULE,
    &rules::orphan_store::RULE,
    &rules::redundant_flow::RULE,
    &rules::silo::RULE,
    &rules::uncategorised_field::RULE,
    &rules::undeclared_column::RULE,
    &rules::undeclared_field::RULE,
    &rules::unknown_category::RULE,
    &rules::unsourced_field::RULE,
    &rules::unused_field::RULE,
    &rules::unused_flow::RULE,
    &rules::unused_personal_data::RULE,
    &rules::unused_zone::RULE,
    &rules::zone_domain_twice::RULE,
    &rules::condition_without_special_data::RULE,
    &rules::consent_without_record::RULE,
    &rules::dpia_required::RULE,
    &rules::invalid_adequacy::RULE,
    &rules::legitimate_interest_undocumented::RULE,
    &rules::missing_legal_basis::RULE,
    &rules::missing_legal_reference::RULE,
    &rules::missing_organization::RULE,
    &rules::missing_retention::RULE,
    &rules::missing_security::RULE,
    &rules::missing_subjects::RULE,
    &rules::processor_without_contract::RULE,
    &rules::processor_without_location::RULE,
    &rules::retention_conflict::RULE,
    &rules::special_data_without_condition::RULE,
    &rules::transfer_without_safeguard::RULE,
    &rules::conflicting_definitions::RULE,
    &rules::duplicates_into_referential::RULE,
    &rules::missing_erasure::RULE,
    &rules::owner_without_access::RULE,
    &rules::processor_review_overdue::RULE,
    &rules::special_data_broad_access::RULE,
    &rules::stale_quality_audit::RULE,
    &rules::too_many_admins::RULE,
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

//! The registry joining each rule's identity (`crate::rules`) to its logic (`checks::rules`):
//! the rules that read the model, and the check each one runs. The integrity rules report
//! while loading and resolving and have no entry here.

use super::{Context, rules};
use crate::diag::Finding;
use crate::rules::Rule;

/// A rule's logic: reads the model and the graph, pushes findings.
pub type Check = fn(&Context<'_>, &mut Vec<Finding>);

/// Every rule that reads the model, in catalogue order, with its check.
pub static CHECKS: &[(&Rule, Check)] = &[
    (&crate::rules::flow_cycle::RULE, rules::flow_cycle::check),
    (&crate::rules::flow_without_fields::RULE, rules::flow_without_fields::check),
    (&crate::rules::legacy_in_use::RULE, rules::legacy_in_use::check),
    (&crate::rules::low_completeness::RULE, rules::low_completeness::check),
    (&crate::rules::missing_data::RULE, rules::missing_data::check),
    (&crate::rules::missing_identifier::RULE, rules::missing_identifier::check),
    (&crate::rules::missing_owner::RULE, rules::missing_owner::check),
    (&crate::rules::no_referential::RULE, rules::no_referential::check),
    (&crate::rules::orphan_store::RULE, rules::orphan_store::check),
    (&crate::rules::redundant_flow::RULE, rules::redundant_flow::check),
    (&crate::rules::silo::RULE, rules::silo::check),
    (&crate::rules::uncategorised_field::RULE, rules::uncategorised_field::check),
    (&crate::rules::undeclared_field::RULE, rules::undeclared_field::check),
    (&crate::rules::unknown_category::RULE, rules::unknown_category::check),
    (&crate::rules::unsourced_field::RULE, rules::unsourced_field::check),
    (&crate::rules::unused_field::RULE, rules::unused_field::check),
    (&crate::rules::unused_flow::RULE, rules::unused_flow::check),
    (&crate::rules::unused_personal_data::RULE, rules::unused_personal_data::check),
    (&crate::rules::unused_zone::RULE, rules::unused_zone::check),
    (&crate::rules::zone_domain_twice::RULE, rules::zone_domain_twice::check),
    (
        &crate::rules::condition_without_special_data::RULE,
        rules::condition_without_special_data::check,
    ),
    (&crate::rules::consent_without_record::RULE, rules::consent_without_record::check),
    (&crate::rules::dpia_required::RULE, rules::dpia_required::check),
    (&crate::rules::invalid_adequacy::RULE, rules::invalid_adequacy::check),
    (
        &crate::rules::legitimate_interest_undocumented::RULE,
        rules::legitimate_interest_undocumented::check,
    ),
    (&crate::rules::missing_legal_basis::RULE, rules::missing_legal_basis::check),
    (&crate::rules::missing_legal_reference::RULE, rules::missing_legal_reference::check),
    (&crate::rules::missing_organization::RULE, rules::missing_organization::check),
    (&crate::rules::missing_retention::RULE, rules::missing_retention::check),
    (&crate::rules::missing_security::RULE, rules::missing_security::check),
    (&crate::rules::missing_subjects::RULE, rules::missing_subjects::check),
    (&crate::rules::processor_without_contract::RULE, rules::processor_without_contract::check),
    (&crate::rules::processor_without_location::RULE, rules::processor_without_location::check),
    (&crate::rules::retention_conflict::RULE, rules::retention_conflict::check),
    (
        &crate::rules::special_data_without_condition::RULE,
        rules::special_data_without_condition::check,
    ),
    (&crate::rules::transfer_without_safeguard::RULE, rules::transfer_without_safeguard::check),
    (&crate::rules::conflicting_definitions::RULE, rules::conflicting_definitions::check),
    (&crate::rules::duplicates_into_referential::RULE, rules::duplicates_into_referential::check),
    (&crate::rules::missing_erasure::RULE, rules::missing_erasure::check),
    (&crate::rules::owner_without_access::RULE, rules::owner_without_access::check),
    (&crate::rules::processor_review_overdue::RULE, rules::processor_review_overdue::check),
    (&crate::rules::special_data_broad_access::RULE, rules::special_data_broad_access::check),
    (&crate::rules::stale_quality_audit::RULE, rules::stale_quality_audit::check),
    (&crate::rules::too_many_admins::RULE, rules::too_many_admins::check),
];

/// The check of a rule, if it reads the model.
pub fn check_of(name: &str) -> Option<Check> {
    CHECKS.iter().find(|(rule, _)| rule.name == name).map(|&(_, check)| check)
}

/// Whether a rule reads the model (otherwise the loader or the resolver reports it).
pub fn reads_model(name: &str) -> bool {
    check_of(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each check is joined to a rule of the catalogue, once, in catalogue order: a rule
    /// renamed or listed twice would run twice or never.
    #[test]
    fn every_check_has_one_catalogued_rule() {
        let positions: Vec<usize> = CHECKS
            .iter()
            .map(|(rule, _)| {
                crate::rules::RULES
                    .iter()
                    .position(|r| std::ptr::eq(*r, *rule))
                    .unwrap_or_else(|| panic!("{} is not in the catalogue", rule.name))
            })
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    }
}

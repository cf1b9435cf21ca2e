//! One mistake, one finding: an attribute the loader left out (a wrong value, a misspelt
//! key) is already reported where it is written, so a rule that finds the attribute absent
//! on the same entity says nothing more. `retention: 2024` is one finding, not one more
//! "no retention period".

use crate::diag::Finding;
use crate::load::LeftOut;

/// The attributes whose absence each rule reports, on the entity its finding points at.
const ABSENCE_RULES: &[(&str, &[&str])] = &[
    ("consent-without-record", &["consent_record"]),
    ("dpia-required", &["dpia"]),
    ("flow-without-fields", &["fields"]),
    ("legitimate-interest-undocumented", &["legitimate_interest", "lia"]),
    ("missing-erasure", &["erasure"]),
    ("missing-legal-basis", &["legal_basis"]),
    ("missing-legal-reference", &["legal_reference"]),
    ("missing-owner", &["owner"]),
    ("missing-retention", &["retention"]),
    ("missing-security", &["security"]),
    ("missing-subjects", &["subjects"]),
    ("processor-without-contract", &["contract"]),
    ("processor-without-location", &["location"]),
    ("special-data-without-condition", &["special_condition"]),
    ("transfer-without-safeguard", &["transfer"]),
    ("uncategorised-field", &["category"]),
    ("unsourced-field", &["source"]),
];

/// Drops the findings that report as absent an attribute the loader left out.
pub fn drop_echoes(findings: &mut Vec<Finding>, left_out: &[LeftOut]) {
    if left_out.is_empty() {
        return;
    }
    findings.retain(|finding| !is_echo(finding, left_out));
}

fn is_echo(finding: &Finding, left_out: &[LeftOut]) -> bool {
    let Some((_, attributes)) = ABSENCE_RULES.iter().find(|(rule, _)| *rule == finding.rule) else {
        return false;
    };
    let Some(at) = finding.primary.as_ref().map(|l| l.span) else { return false };
    left_out.iter().any(|l| {
        l.entity.file == at.file
            && l.entity.start == at.start
            && attributes.contains(&l.attribute.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    /// Every rule of the table exists: a renamed rule would silently stop being filtered.
    #[test]
    fn the_table_names_existing_rules() {
        for (rule, _) in ABSENCE_RULES {
            assert!(RULES.iter().any(|r| r.name == *rule), "{rule}");
        }
    }
}

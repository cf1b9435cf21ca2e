//! `allow:` entries: the rule must exist and a reason must be given; what fails silences
//! nothing and is reported (`invalid-suppression`). Expiry is judged when findings are
//! filtered, against `--as-of`.

use crate::checks::registry;
use crate::checks::rules::invalid_suppression;
use crate::date::Date;
use crate::diag::{Entity, Finding};
use crate::manifest::entities::Allow;
use crate::model::Suppression;

pub(super) fn validate(
    allow: Option<Vec<Allow>>,
    entity: &Entity,
    findings: &mut Vec<Finding>,
) -> Vec<Suppression> {
    let mut valid = Vec::new();
    for a in allow.into_iter().flatten() {
        let Some(rule) = registry::find(&a.rule.value) else {
            findings.push(invalid_suppression::unknown_rule(
                entity.clone(),
                &a.rule.value,
                a.rule.span,
                registry::names(),
            ));
            continue;
        };
        let reason = a.reason.as_ref().map(|r| r.value.trim()).filter(|r| !r.is_empty());
        let Some(reason) = reason else {
            findings.push(invalid_suppression::missing_reason(
                entity.clone(),
                rule.name,
                a.rule.span,
            ));
            continue;
        };
        valid.push(Suppression {
            rule: rule.name,
            reason: reason.to_owned(),
            until: a.until.as_ref().and_then(|u| Date::parse(u.as_str())),
            span: a.rule.span,
        });
    }
    valid
}

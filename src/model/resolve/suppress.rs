//! `allow:` entries: the rule must exist and a reason must be given; what fails silences
//! nothing and is reported (`invalid-suppression`). Expiry is judged when findings are
//! filtered, against `--as-of`.

use crate::date::Date;
use crate::diag::{Entity, Finding};
use crate::manifest::entities::Allow;
use crate::model::Suppression;
use crate::rules::{self, invalid_suppression};

pub(super) fn validate(
    allow: Option<Vec<Allow>>,
    entity: &Entity,
    findings: &mut Vec<Finding>,
) -> Vec<Suppression> {
    let mut entries = Vec::new();
    for a in allow.into_iter().flatten() {
        let known = rules::find(&a.rule.value).is_some();
        if !known {
            findings.push(invalid_suppression::unknown_rule(
                entity.clone(),
                &a.rule.value,
                a.rule.span,
                rules::names(),
            ));
        }
        let reason =
            a.reason.as_ref().map(|r| r.value.trim()).filter(|r| !r.is_empty()).map(str::to_owned);
        if reason.is_none() {
            findings.push(invalid_suppression::missing_reason(
                entity.clone(),
                &a.rule.value,
                a.rule.span,
            ));
        }
        entries.push(Suppression {
            rule: a.rule.value.clone(),
            known,
            reason,
            until: a.until.as_ref().and_then(|u| Date::parse(u.as_str())),
            span: a.rule.span,
        });
    }
    entries
}

//! `missing-organization`: no controller identity in datacarto.yaml.

use crate::checks::Context;
use crate::diag::Finding;
use crate::rules::missing_organization::RULE;
use crate::source::Span;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let named = model
        .organization
        .as_ref()
        .is_some_and(|o| o.value.name.as_deref().is_some_and(|n| !n.trim().is_empty()));
    if named {
        return;
    }
    let mut finding = Finding::new(RULE.name, "the map names no controller: datacarto.yaml has no organization name")
        .key("organization")
        .help("add 'organization:' with 'name', 'address', 'country', 'email' and 'dpo' to datacarto.yaml");
    if let Some(org) = &model.organization {
        finding = finding.at(org.span, "no 'name'");
    } else if let Some(file) = model.project_file {
        finding = finding.at(Span::file_start(file), "no 'organization:'");
    }
    out.push(finding);
}

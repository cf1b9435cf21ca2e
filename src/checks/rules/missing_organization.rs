//! `missing-organization`: no controller identity in datacarto.yaml.

use crate::checks::Context;
use crate::diag::Finding;
use crate::diag::t;
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
    let mut finding = Finding::new(RULE.name, t!("the map names no controller: datacarto.yaml has no organization name", "la carte ne nomme aucun responsable de traitement : datacarto.yaml n'a pas de nom d'organisation"))
        .key("organization")
        .help(t!("add 'organization:' with 'name', 'address', 'country', 'email' and 'dpo' to datacarto.yaml", "ajoutez 'organization:' avec 'name', 'address', 'country', 'email' et 'dpo' à datacarto.yaml"));
    if let Some(org) = &model.organization {
        finding = finding.at(org.span, t!("no 'name'", "'name' non renseigné"));
    } else if let Some(file) = model.project_file {
        finding = finding
            .at(Span::file_start(file), t!("no 'organization:'", "'organization:' non renseigné"));
    }
    out.push(finding);
}

//! The rules and the one place their findings are judged: levels from the configuration,
//! `allow:` suppressions on the entity or what contains it, expiry against `--as-of`.
//! Rules push findings; they never decide levels, read files or print.

#[cfg(test)]
mod application_tests;
mod cap;
pub(crate) mod dpia;
pub(crate) mod facts;
pub mod left_out;
pub(crate) mod people;
pub mod registry;
pub mod rules;

use std::collections::HashSet;

use crate::config::Config;
use crate::diag::{Accepted, Entity, EntityKind, Finding, Report};
use crate::graph::LineageGraph;
use crate::model::{Model, Suppression};
use crate::rules::unused_suppression;
use crate::source::SourceMap;

/// What a rule reads.
pub struct Context<'a> {
    pub model: &'a Model,
    pub graph: &'a LineageGraph,
    pub config: &'a Config,
}

/// Runs every rule that reads the model and is not turned off. (The integrity rules report
/// while loading and resolving.)
pub fn run(cx: &Context<'_>) -> Vec<Finding> {
    use rayon::prelude::*;
    // Rules are independent readers of the model: they run in parallel, and their findings
    // are put together in registry order (the report sorts them anyway).
    let per_rule: Vec<Vec<Finding>> = registry::CHECKS
        .par_iter()
        .map(|(rule, check)| {
            let mut findings = Vec::new();
            if cx.config.level_of(rule.name, None).is_some() {
                check(cx, &mut findings);
            }
            findings
        })
        .collect();
    per_rule.into_iter().flatten().collect()
}

/// Applies levels and suppressions to every finding of a run and orders them. A silenced
/// finding is kept as an accepted risk with its reason; an `allow:` that silences nothing
/// is reported (`unused-suppression`).
pub fn finalize(
    findings: Vec<Finding>,
    model: &Model,
    config: &Config,
    sources: &SourceMap,
) -> Report {
    let mut kept = Vec::with_capacity(findings.len());
    let mut accepted = Vec::new();
    let mut used = HashSet::new();
    for finding in findings.into_iter().chain(expired_suppressions(model, config)) {
        let Some(level) = config.level_of(finding.rule, finding.own_level) else { continue };
        let finding = Finding { level, ..finding };
        let allow = suppressions_for(&finding, model)
            .into_iter()
            .find(|s| s.silences(finding.rule, config.as_of));
        match allow {
            Some(s) => {
                used.insert(s.span);
                let reason = s.reason.clone().unwrap_or_default();
                accepted.push(Accepted { finding, reason, until: s.until, allow: s.span });
            }
            None => kept.push(finding),
        }
    }
    for (s, entity) in every_allow(model) {
        let live = s.silences(&s.rule, config.as_of);
        if live && !used.contains(&s.span) && config.level_of(&s.rule, None).is_some() {
            let finding = unused_suppression::finding(entity, &s.rule, s.span);
            if let Some(level) = config.level_of(finding.rule, None) {
                kept.push(Finding { level, ..finding });
            }
        }
    }
    Report::new(cap::cap(kept, sources), accepted, sources)
}

/// The suppressions that apply to a finding: on its entity, and for a field on its store.
fn suppressions_for<'m>(finding: &Finding, model: &'m Model) -> Vec<&'m Suppression> {
    let Some(entity) = &finding.entity else { return Vec::new() };
    let mut out = Vec::new();
    match entity.kind {
        EntityKind::Store => {
            if let Some(s) = model.store_by_id(&entity.path) {
                out.extend(&model.store(s).allow);
            }
        }
        EntityKind::Field => {
            if let Some((store, _)) = entity.path.split_once('.')
                && let Some(s) = model.store_by_id(store)
            {
                out.extend(&model.store(s).allow);
            }
            if let Some(f) = model.field_by_path(&entity.path) {
                out.extend(&model.field(f).allow);
            }
        }
        EntityKind::Flow => {
            if let Some(f) = model.flow_by_id(&entity.path) {
                out.extend(&model.flow(f).allow);
            }
        }
        EntityKind::Purpose => {
            if let Some(p) = model.purpose_by_id(&entity.path) {
                out.extend(&model.purpose(p).allow);
            }
        }
        _ => {}
    }
    out
}

/// Every `allow:` entry of the map with the entity it sits on, in model order.
fn every_allow(model: &Model) -> Vec<(&Suppression, Entity)> {
    let mut out = Vec::new();
    for store in &model.stores {
        let entity = Entity::new(EntityKind::Store, store.id.as_str());
        out.extend(store.allow.iter().map(|s| (s, entity.clone())));
    }
    for id in model.field_ids() {
        let allow = &model.field(id).allow;
        if !allow.is_empty() {
            let entity = Entity::new(EntityKind::Field, model.field_path(id));
            out.extend(allow.iter().map(|s| (s, entity.clone())));
        }
    }
    for flow in &model.flows {
        let entity = Entity::new(EntityKind::Flow, flow.id.as_str());
        out.extend(flow.allow.iter().map(|s| (s, entity.clone())));
    }
    for purpose in &model.purposes {
        let entity = Entity::new(EntityKind::Purpose, purpose.id.as_str());
        out.extend(purpose.allow.iter().map(|s| (s, entity.clone())));
    }
    out
}

/// An `invalid-suppression` finding (at info) for every suppression past its date.
fn expired_suppressions(model: &Model, config: &Config) -> Vec<Finding> {
    use crate::rules::invalid_suppression::expired;
    every_allow(model)
        .into_iter()
        .filter_map(|(s, entity)| {
            let until = s.until.filter(|until| *until < config.as_of)?;
            Some(expired(entity, &s.rule, until, s.span))
        })
        .collect()
}

/// A small map checked in memory with the default levels: `(rule, level, entity path)` of
/// every finding kept, for the rules' unit tests.
#[cfg(test)]
pub(crate) fn check_yaml(yaml: &str) -> Vec<(&'static str, crate::diag::Level, String)> {
    let loaded = crate::load::load_from_memory(&[("map.yaml", yaml)]);
    assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
    let (model, mut findings) =
        crate::model::resolve::resolve(loaded.manifests, &loaded.project, None);
    let graph = LineageGraph::build(&model);
    let as_of = crate::date::Date::new(2026, 11, 22).expect("a date");
    let config = Config::defaults(as_of);
    findings.extend(run(&Context { model: &model, graph: &graph, config: &config }));
    let report = finalize(findings, &model, &config, &loaded.sources);
    report
        .findings
        .into_iter()
        .map(|f| (f.rule, f.level, f.entity.map(|e| e.path).unwrap_or_default()))
        .collect()
}

/// The findings of `rule` in [`check_yaml`]'s answer.
#[cfg(test)]
pub(crate) fn findings_of(yaml: &str, rule: &str) -> Vec<(crate::diag::Level, String)> {
    check_yaml(yaml).into_iter().filter(|f| f.0 == rule).map(|f| (f.1, f.2)).collect()
}

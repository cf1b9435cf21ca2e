//! The offline site of a map (`datacarto build`): HTML pages from tera templates over view
//! models, the SVG maps, the register, the findings and the graph as JSON, all as artifacts
//! for `output` to write. Links are relative, nothing loads from the network, so the site
//! works from `file://` and from any static server.

mod common;
mod data;
pub mod env;
pub mod i18n;
mod lists;
mod maps;
mod pages;
mod register;

use rayon::prelude::*;
use serde_json::{Value, json};
use tera::Context;

use crate::config::Config;
use crate::diag::Report;
use crate::graph::LineageGraph;
use crate::manifest::enums::Language;
use crate::model::Model;
use crate::output::Artifact;
use crate::source::SourceMap;

/// What the site is made of: a compiled map.
#[derive(Clone, Copy)]
pub struct Inputs<'a> {
    pub model: &'a Model,
    pub graph: &'a LineageGraph,
    pub report: &'a Report,
    pub config: &'a Config,
    pub sources: &'a SourceMap,
}

pub struct Options {
    pub language: Language,
    /// Printed in the footer when given; nothing by default, so two builds give the same
    /// bytes.
    pub date: Option<String>,
    /// User templates (`--templates DIR`), by name; they replace the built-in ones.
    pub templates: Vec<(String, String)>,
    /// Called as pages are made, with (done, total), for a progress bar.
    pub progress: Option<&'static (dyn Fn(usize, usize) + Sync)>,
}

/// Every file of the site.
pub fn build(inputs: &Inputs<'_>, options: &Options) -> anyhow::Result<Vec<Artifact>> {
    let tera = env::environment(&options.templates)?;
    let site = Site::new(inputs, options);
    let mut artifacts: Vec<Artifact> =
        env::ASSETS.iter().map(|(path, text)| Artifact::new(*path, *text)).collect();
    artifacts.push(Artifact::new("assets/search-index.js", data::search_index(inputs)));
    artifacts.push(Artifact::new("graph.json", data::graph_json(inputs)));
    artifacts.push(Artifact::new("findings.json", data::findings_json(inputs)));
    let (map_files, system_map) = maps::system(inputs, options.language);
    artifacts.extend(map_files);
    artifacts.extend(register::files(inputs, options.language)?);

    let singles: Vec<(&str, Value)> = vec![
        ("index.html", pages::home(inputs, &site, &system_map)),
        ("stores.html", lists::stores(inputs, &site)),
        ("purposes.html", lists::purposes(inputs, &site)),
        ("flows.html", lists::flows(inputs, &site)),
        ("fields.html", lists::fields(inputs, &site)),
        ("teams.html", lists::teams(inputs)),
        ("objectives.html", lists::objectives(inputs, &site)),
        ("plan.html", lists::plan(inputs, &site)),
        ("findings.html", lists::findings(inputs, &site)),
        ("register.html", register::page(inputs, &site)),
    ];
    let model = inputs.model;
    let total = singles.len() + model.stores.len() + model.purposes.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let tick = || {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if let Some(progress) = options.progress {
            progress(n, total);
        }
    };
    for (page, model) in singles {
        artifacts.push(Artifact::new(page, site.render(&tera, page, page, "", model)?));
        tick();
    }
    // Store and purpose pages, each with its own map: the bulk of the work, in parallel.
    let stores: Vec<anyhow::Result<Vec<Artifact>>> = model
        .store_ids()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&s| {
            let (page, svg) = pages::store(inputs, &site, s);
            let id = &model.store(s).id;
            let html =
                site.render(&tera, "store.html", &format!("stores/{id}.html"), "../", page)?;
            tick();
            Ok(vec![
                Artifact::new(format!("stores/{id}.html"), html),
                Artifact::new(format!("maps/stores/{id}.svg"), svg),
            ])
        })
        .collect();
    let purposes: Vec<anyhow::Result<Vec<Artifact>>> = model
        .purpose_ids()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&p| {
            let (page, svg) = pages::purpose(inputs, &site, p);
            let id = &model.purpose(p).id;
            let html =
                site.render(&tera, "purpose.html", &format!("purposes/{id}.html"), "../", page)?;
            tick();
            Ok(vec![
                Artifact::new(format!("purposes/{id}.html"), html),
                Artifact::new(format!("maps/purposes/{id}.svg"), svg),
            ])
        })
        .collect();
    for result in stores.into_iter().chain(purposes) {
        artifacts.extend(result?);
    }
    artifacts.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(artifacts)
}

/// What every page shares: the title, the navigation, the words, the register and the
/// findings by entity (built once, not per page).
struct Site<'a> {
    language: Language,
    title: String,
    date: Option<String>,
    words: Value,
    nav: Value,
    /// The register, built once for the register page and the purpose pages.
    register: crate::register::Register,
    findings: common::FindingIndex<'a>,
}

impl<'a> Site<'a> {
    fn new(inputs: &Inputs<'a>, options: &Options) -> Site<'a> {
        let lang = options.language;
        let title = inputs
            .model
            .organization
            .as_ref()
            .and_then(|o| o.value.name.clone())
            .map_or_else(|| "datacarto".to_owned(), |name| format!("{name} · datacarto"));
        let w = |k| i18n::word(k, lang);
        let nav = json!([
            {"href": "stores.html", "label": w("stores")},
            {"href": "purposes.html", "label": w("purposes")},
            {"href": "flows.html", "label": w("flows")},
            {"href": "fields.html", "label": w("fields")},
            {"href": "teams.html", "label": match lang { Language::En => "Teams", Language::Fr => "Équipes" }},
            {"href": "objectives.html", "label": match lang { Language::En => "Objectives", Language::Fr => "Objectifs" }},
            {"href": "plan.html", "label": match lang { Language::En => "Collection plan", Language::Fr => "Plan de collecte" }},
            {"href": "findings.html", "label": w("findings")},
            {"href": "register.html", "label": match lang { Language::En => "Register", Language::Fr => "Registre" }},
        ]);
        let register = crate::register::build(
            &crate::register::Inputs {
                model: inputs.model,
                graph: inputs.graph,
                config: inputs.config,
                sources: inputs.sources,
            },
            lang,
        );
        Site {
            language: lang,
            title,
            date: options.date.clone(),
            words: json!(i18n::words(lang)),
            nav,
            register,
            findings: common::FindingIndex::new(&inputs.report.findings),
        }
    }

    fn word(&self, key: &str) -> &'static str {
        i18n::word(key, self.language)
    }

    /// Renders a page: `model` must hold `page_title`; `root` leads back to the site's root.
    fn render(
        &self,
        tera: &tera::Tera,
        template: &str,
        current: &str,
        root: &str,
        model: Value,
    ) -> anyhow::Result<String> {
        let mut context = Context::from_serialize(&model).map_err(|e| anyhow::anyhow!("{e}"))?;
        context.insert("lang", self.language.as_str());
        context.insert("t", &self.words);
        context.insert("root", root);
        context.insert("current", current);
        context.insert("site", &json!({"title": self.title, "nav": self.nav, "date": self.date}));
        env::render(tera, template, &context)
    }
}

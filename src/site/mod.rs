//! The offline site of a map (`datacarto build`): HTML pages from tera templates over view
//! models, the SVG maps, the register, the findings and the graph as JSON, all as artifacts
//! for `output` to write. Links are relative, nothing loads from the network, so the site
//! works from `file://` and from any static server.

/// A tera map from `"key": value` pairs, each value moved into a `tera::Value`: page models
/// are built straight into what tera reads. (Building them as serde_json values and
/// converting each page cost a tenth of a large map's build.)
macro_rules! obj {
    ($($key:literal : $val:expr),* $(,)?) => {{
        let mut map = tera::Map::with_capacity(<[&str]>::len(&[$($key),*]));
        $( map.insert(tera::value::Key::Str($key), tera::Value::from($val)); )*
        tera::Value::from(map)
    }};
}

mod access;
mod common;
mod data;
pub mod env;
mod glossary;
mod lists;
mod mapdata;
mod maps;
mod on_demand;
mod pages;
mod quality;
mod register;
mod rights;

use rayon::prelude::*;
use tera::{Context, Value};

use crate::config::Config;
use crate::diag::Report;
use crate::graph::LineageGraph;
use crate::manifest::enums::Language;
use crate::map;
use crate::model::{Model, PurposeId, StoreId, SubjectId};
use crate::output::Artifact;
use crate::source::SourceMap;

pub use self::on_demand::{Made, Pages};

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

/// One piece of the site, made independently of the others.
#[derive(Clone, Copy)]
enum Job {
    SearchIndex,
    Graph,
    Findings,
    Register(usize),
    /// The home page and the system maps it shows.
    Home,
    Single(&'static str),
    Store(StoreId),
    Purpose(PurposeId),
    Subject(SubjectId),
    /// A domain's map, which its box in the overview opens (an index into
    /// `Model::domains`).
    Domain(usize),
    PlanXlsx,
}

/// The pages with one instance, but the home page.
const SINGLES: [&str; 14] = [
    "stores.html",
    "purposes.html",
    "flows.html",
    "fields.html",
    "teams.html",
    "objectives.html",
    "plan.html",
    "findings.html",
    "accepted.html",
    "register.html",
    "rights.html",
    "glossary.html",
    "access.html",
    "quality.html",
];

/// Every file of the site, sorted by path. The register is built once; everything else —
/// pages, maps, data files, the register's formats — is an independent job, run in parallel.
pub fn build(inputs: &Inputs<'_>, options: &Options) -> anyhow::Result<Vec<Artifact>> {
    let files = std::sync::Mutex::new(Vec::new());
    build_into(inputs, options, &|artifact| {
        files.lock().map_err(|_| anyhow::anyhow!("a job failed"))?.push(artifact);
        Ok(())
    })?;
    let mut artifacts = files.into_inner().map_err(|_| anyhow::anyhow!("a job failed"))?;
    artifacts.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(artifacts)
}

/// Makes every file of the site and hands each to `sink` as soon as it is made, from the
/// job's thread (`datacarto build` writes them straight into the new folder: the site is
/// never held in memory whole). Returns how many files there were.
pub fn build_into(
    inputs: &Inputs<'_>,
    options: &Options,
    sink: &(dyn Fn(Artifact) -> anyhow::Result<()> + Sync),
) -> anyhow::Result<usize> {
    let tera = env::environment(&options.templates)?;
    // The register is built here, before the jobs: built inside one of them, it would run
    // its own parallel loop from a rayon worker that other jobs wait on.
    let site = Site::new(inputs, options, true);
    let jobs = jobs(inputs.model);
    let total = jobs.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let files = std::sync::atomic::AtomicUsize::new(0);
    jobs.par_iter().try_for_each(|job| -> anyhow::Result<()> {
        for artifact in site.make(inputs, &tera, *job)? {
            files.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            sink(artifact)?;
        }
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if let Some(progress) = options.progress {
            progress(n, total);
        }
        Ok(())
    })?;
    for (path, text) in env::ASSETS {
        sink(Artifact::new(*path, *text))?;
    }
    Ok(files.into_inner() + env::ASSETS.len())
}

/// Every job of the site, in the order `build` starts them.
fn jobs(model: &Model) -> Vec<Job> {
    let mut jobs = vec![Job::SearchIndex, Job::Graph, Job::Findings, Job::Home];
    jobs.extend((0..register::FILES.len()).map(Job::Register));
    jobs.extend(SINGLES.iter().map(|page| Job::Single(page)));
    jobs.extend(model.store_ids().map(Job::Store));
    jobs.extend(model.purpose_ids().map(Job::Purpose));
    jobs.extend(rights::subjects(model).into_iter().map(Job::Subject));
    if maps::has_domain_maps(model) {
        jobs.extend((0..model.domains().len()).map(Job::Domain));
    }
    jobs.push(Job::PlanXlsx);
    jobs
}

impl Job {
    /// The paths of the files the job makes, known without making them: how `serve` finds
    /// the job to run for a path asked for. `Site::make` names the same files (a test holds
    /// the two together).
    fn paths(self, model: &Model) -> Vec<String> {
        match self {
            Job::SearchIndex => vec!["assets/search-index.js".to_owned()],
            Job::Graph => vec!["graph.json".to_owned()],
            Job::Findings => vec!["findings.json".to_owned()],
            Job::Register(i) => vec![register::FILES[i].0.to_owned()],
            Job::Home => vec![
                "maps/system.svg".to_owned(),
                "maps/system-findings.svg".to_owned(),
                "index.html".to_owned(),
            ],
            Job::Single(page) => vec![page.to_owned()],
            Job::Store(s) => {
                let id = &model.store(s).id;
                vec![format!("stores/{id}.html"), format!("maps/stores/{id}.svg")]
            }
            Job::Purpose(p) => {
                let id = &model.purpose(p).id;
                vec![format!("purposes/{id}.html"), format!("maps/purposes/{id}.svg")]
            }
            Job::Subject(s) => vec![format!("subjects/{}.html", model.subject(s).id)],
            Job::Domain(d) => {
                vec![format!("maps/{}", map::overview::domain_file(model.domains(), d))]
            }
            Job::PlanXlsx => vec!["plan.xlsx".to_owned()],
        }
    }
}

impl Site<'_> {
    /// The files of one job.
    fn make(
        &self,
        inputs: &Inputs<'_>,
        tera: &tera::Tera,
        job: Job,
    ) -> anyhow::Result<Vec<Artifact>> {
        let model = inputs.model;
        Ok(match job {
            Job::SearchIndex => {
                vec![Artifact::new("assets/search-index.js", data::search_index(inputs))]
            }
            Job::Graph => vec![Artifact::new("graph.json", data::graph_json(inputs))],
            Job::Findings => {
                vec![Artifact::new("findings.json", data::findings_json(inputs, self.language))]
            }
            Job::Register(i) => vec![register::file(self.register(), i)?],
            Job::Home => {
                let (mut files, system_map, map_data) =
                    maps::system(&self.maps, &self.maps_findings);
                let page = pages::home(inputs, self, &system_map, &map_data);
                files.push(Artifact::new(
                    "index.html",
                    self.render(tera, "index.html", "index.html", "", page)?,
                ));
                files
            }
            Job::Single(page) => {
                let value = match page {
                    "stores.html" => lists::stores(inputs, self),
                    "purposes.html" => lists::purposes(inputs, self),
                    "flows.html" => lists::flows(inputs, self),
                    "fields.html" => lists::fields(inputs, self),
                    "teams.html" => lists::teams(inputs, self),
                    "objectives.html" => lists::objectives(inputs, self),
                    "plan.html" => lists::plan(inputs, self),
                    "findings.html" => lists::findings(inputs, self),
                    "accepted.html" => lists::accepted(inputs, self),
                    "rights.html" => rights::list(inputs, self),
                    "glossary.html" => glossary::page(inputs, self),
                    "access.html" => access::page(inputs, self),
                    "quality.html" => quality::page(inputs, self),
                    _ => register::page(self),
                };
                vec![Artifact::new(page, self.render(tera, page, page, "", value)?)]
            }
            // Store and purpose pages, each with its own map.
            Job::Store(s) => {
                let (page, svg) = pages::store(inputs, self, s);
                let id = &model.store(s).id;
                let html =
                    self.render(tera, "store.html", &format!("stores/{id}.html"), "../", page)?;
                vec![
                    Artifact::new(format!("stores/{id}.html"), html),
                    Artifact::new(format!("maps/stores/{id}.svg"), svg),
                ]
            }
            Job::Purpose(p) => {
                let (page, svg) = pages::purpose(inputs, self, p);
                let id = &model.purpose(p).id;
                let html =
                    self.render(tera, "purpose.html", &format!("purposes/{id}.html"), "../", page)?;
                vec![
                    Artifact::new(format!("purposes/{id}.html"), html),
                    Artifact::new(format!("maps/purposes/{id}.svg"), svg),
                ]
            }
            Job::Domain(d) => vec![maps::domain(&self.maps, d)],
            Job::PlanXlsx => {
                let rows = crate::plan::build(model, self.language);
                vec![Artifact::new("plan.xlsx", crate::plan::xlsx(&rows, self.language)?)]
            }
            Job::Subject(s) => {
                let page = rights::page(inputs, self, s);
                let path = format!("subjects/{}.html", model.subject(s).id);
                vec![Artifact::new(
                    path.clone(),
                    self.render(tera, "subject.html", &path, "../", page)?,
                )]
            }
        })
    }
}

/// What every page shares: the title, the navigation, the words, the register and the
/// findings by entity (built once, not per page).
struct Site<'a> {
    language: Language,
    title: String,
    /// The words (`t`) and the site's title, navigation and date (`site`), converted for
    /// tera once: tera's values share their contents, so each page clones them for free.
    words: tera::Value,
    shared: tera::Value,
    /// The register, built once for the register page and the purpose pages: when first
    /// needed (`serve` asked for a store page never builds it), or at once (`build`).
    register: std::sync::OnceLock<crate::register::Register>,
    /// What the register is built from, when it is built late.
    inputs: Inputs<'a>,
    findings: common::FindingIndex<'a>,
    /// What the maps read, without and with the findings (made once: they sort the
    /// findings that mark flows and stores).
    maps: crate::map::view::Sources<'a>,
    maps_findings: crate::map::view::Sources<'a>,
}

impl<'a> Site<'a> {
    /// What the pages share; the register too when `register_now` (else when a page first
    /// needs it).
    fn new(inputs: &Inputs<'a>, options: &Options, register_now: bool) -> Site<'a> {
        let lang = options.language;
        let title = inputs
            .model
            .organization
            .as_ref()
            .and_then(|o| o.value.name.clone())
            .map_or_else(|| "datacarto".to_owned(), |name| format!("{name} · datacarto"));
        let w = |k| crate::words::site::word(k, lang);
        let link = |href: &'static str, label: &'static str| obj! {"href": href, "label": label};
        let nav = Value::from(vec![
            link("stores.html", w("stores")),
            link("purposes.html", w("purposes")),
            link("flows.html", w("flows")),
            link("fields.html", w("fields")),
            link("teams.html", w("teams")),
            link("objectives.html", w("objectives")),
            link("plan.html", w("collection_plan")),
            link("findings.html", w("findings")),
            link("register.html", w("register")),
            link("rights.html", w("rights_requests")),
            link("glossary.html", w("glossary")),
            link("access.html", w("access_rights")),
            link("quality.html", w("quality")),
        ]);
        let site = Site {
            language: lang,
            words: tera::Value::from_serializable(&crate::words::site::words(lang)),
            shared: obj! {"title": title.as_str(), "nav": nav, "date": options.date.as_deref()},
            title,
            register: std::sync::OnceLock::new(),
            inputs: *inputs,
            findings: common::FindingIndex::new(&inputs.report.findings),
            maps: crate::map::view::Sources::new(inputs.model, inputs.graph, None, lang),
            maps_findings: crate::map::view::Sources::new(
                inputs.model,
                inputs.graph,
                Some(inputs.report),
                lang,
            ),
        };
        if register_now {
            site.register();
        }
        site
    }

    /// The register, built on first use.
    fn register(&self) -> &crate::register::Register {
        self.register.get_or_init(|| {
            let inputs = &self.inputs;
            crate::register::build(
                &crate::register::Inputs {
                    model: inputs.model,
                    graph: inputs.graph,
                    config: inputs.config,
                    sources: inputs.sources,
                },
                self.language,
            )
        })
    }

    fn word(&self, key: &str) -> &'static str {
        crate::words::site::word(key, self.language)
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
        let mut context = Context::new();
        for (key, value) in model.into_map().into_iter().flatten() {
            if let Some(key) = key.as_str() {
                context.insert_value(key.to_owned(), value);
            }
        }
        context.insert("lang", self.language.as_str());
        context.insert_value("t", self.words.clone());
        context.insert("root", root);
        context.insert("current", current);
        context.insert_value("site", self.shared.clone());
        env::render(tera, template, &context)
    }
}

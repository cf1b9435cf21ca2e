//! The site made file by file, when a path is asked for (`datacarto serve`): the same jobs
//! as `build`, run only for the paths requested, each at most once, its files kept.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use super::{Inputs, Job, Options, Site, env, jobs};

/// What asking for a path gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Made {
    /// The file's bytes, as `build` writes them.
    File(Arc<[u8]>),
    /// The site has no file at that path (`build` would not write one): nothing was made.
    Missing,
    /// The job that makes the file failed: why, in our words.
    Failed(String),
}

/// Where a path's bytes come from.
#[derive(Clone, Copy)]
enum Source {
    /// The `n`th job of `Pages::jobs`.
    Job(usize),
    /// A static file (`env::ASSETS`).
    Asset(&'static str),
}

/// The files of a job: (path, bytes), or why the job failed.
type Files = Result<Vec<(String, Arc<[u8]>)>, String>;

/// The site of one compiled map, made as it is asked for. What the pages share (`Site`) is
/// made once, the register only when a page needs it; every job runs at most once (two
/// requests for files of one job wait for the same run) and its files are kept, so a page's
/// map, asked for after the page, is served without making anything again.
pub struct Pages<'a> {
    inputs: Inputs<'a>,
    site: Site<'a>,
    tera: tera::Tera,
    jobs: Vec<Job>,
    /// Which job makes each path of the site.
    index: HashMap<String, Source>,
    made: Vec<OnceLock<Files>>,
    /// How many jobs ran: what proves that asking for one page does not make the others.
    runs: AtomicUsize,
}

impl<'a> Pages<'a> {
    /// The site of `inputs`; nothing is made yet but the index of its paths.
    pub fn new(inputs: Inputs<'a>, options: &Options) -> anyhow::Result<Pages<'a>> {
        let tera = env::environment(&options.templates)?;
        let site = Site::new(&inputs, options, false);
        let jobs = jobs(inputs.model);
        let mut index = HashMap::with_capacity(jobs.len() * 2 + env::ASSETS.len());
        for (n, job) in jobs.iter().enumerate() {
            for path in job.paths(inputs.model) {
                index.entry(path).or_insert(Source::Job(n));
            }
        }
        for (path, text) in env::ASSETS {
            index.insert((*path).to_owned(), Source::Asset(text));
        }
        let made = jobs.iter().map(|_| OnceLock::new()).collect();
        Ok(Pages { inputs, site, tera, jobs, index, made, runs: AtomicUsize::new(0) })
    }

    /// The file at `path` (relative to the site's root, as `build` writes it), made now if
    /// no request made it before.
    pub fn get(&self, path: &str) -> Made {
        let job = match self.index.get(path) {
            None => return Made::Missing,
            Some(Source::Asset(text)) => return Made::File(Arc::from(text.as_bytes())),
            Some(Source::Job(n)) => *n,
        };
        let files = self.made[job].get_or_init(|| {
            self.runs.fetch_add(1, Ordering::Relaxed);
            match self.site.make(&self.inputs, &self.tera, self.jobs[job]) {
                Ok(files) => Ok(files.into_iter().map(|a| (a.path, Arc::from(a.bytes))).collect()),
                Err(e) => Err(format!("{e:#}")),
            }
        });
        match files {
            Ok(files) => match files.iter().find(|(p, _)| p == path) {
                Some((_, bytes)) => Made::File(Arc::clone(bytes)),
                None => Made::Failed(format!("the job that makes {path} did not make it")),
            },
            Err(reason) => Made::Failed(reason.clone()),
        }
    }

    /// How many jobs ran so far.
    pub fn runs(&self) -> usize {
        self.runs.load(Ordering::Relaxed)
    }

    /// Whether the register was built (the purpose pages and the register's files need it).
    pub fn register_built(&self) -> bool {
        self.site.register.get().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::{Compiled, compile};
    use crate::date::Date;
    use crate::load::LoadOptions;
    use crate::manifest::enums::Language;

    fn retail() -> Compiled {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/01-retail");
        let as_of = Date::new(2026, 11, 22).expect("a date");
        compile(&dir, &[], as_of, &LoadOptions::default()).expect("the example compiles")
    }

    fn options() -> Options {
        Options { language: Language::En, date: None, templates: Vec::new(), progress: None }
    }

    /// A store page makes its own job only: not the register, not the other pages; its map,
    /// asked for next, is the file the same run made.
    #[test]
    fn one_page_makes_one_job() {
        let compiled = retail();
        let pages = Pages::new(compiled.site_inputs(), &options()).expect("the site");
        assert_eq!(pages.runs(), 0, "nothing is made before it is asked for");
        let Made::File(page) = pages.get("stores/crm.html") else { panic!("the store page") };
        assert!(String::from_utf8_lossy(&page).contains("CRM"));
        assert_eq!(pages.runs(), 1);
        assert!(!pages.register_built(), "a store page does not need the register");
        assert!(matches!(pages.get("maps/stores/crm.svg"), Made::File(_)));
        assert!(matches!(pages.get("stores/crm.html"), Made::File(_)));
        assert!(matches!(pages.get("assets/style.css"), Made::File(_)));
        assert_eq!(pages.runs(), 1, "the store's map and the page again: nothing made again");
        let purpose = compiled.model.purposes[0].id.clone();
        assert!(matches!(pages.get(&format!("purposes/{purpose}.html")), Made::File(_)));
        assert_eq!(pages.runs(), 2);
        assert!(pages.register_built(), "a purpose page shows its register row");
    }

    /// A path the site does not have runs nothing.
    #[test]
    fn unknown_paths_make_nothing() {
        let compiled = retail();
        let pages = Pages::new(compiled.site_inputs(), &options()).expect("the site");
        for path in ["stores/nothing.html", "stores/crm.htm", "", "../Cargo.toml", "/index.html"] {
            assert_eq!(pages.get(path), Made::Missing, "{path}");
        }
        assert_eq!(pages.runs(), 0);
    }

    /// Every job makes exactly the files its `paths` name: the index `serve` looks paths up
    /// in is the site `build` writes.
    #[test]
    fn jobs_make_the_paths_they_name() {
        let compiled = retail();
        let inputs = compiled.site_inputs();
        let site = Site::new(&inputs, &options(), true);
        let tera = env::environment(&[]).expect("the templates");
        for job in jobs(inputs.model) {
            let mut made: Vec<String> = site
                .make(&inputs, &tera, job)
                .expect("the job runs")
                .into_iter()
                .map(|a| a.path)
                .collect();
            let mut named = job.paths(inputs.model);
            made.sort();
            named.sort();
            assert_eq!(made, named);
        }
    }

    /// A failing job is a reason, not a panic; the other pages are still made.
    #[test]
    fn a_failing_job_says_why() {
        let compiled = retail();
        let options = Options {
            templates: vec![("store.html".into(), "{{ missing_value.field }}".into())],
            ..options()
        };
        let pages = Pages::new(compiled.site_inputs(), &options).expect("the site");
        let Made::Failed(reason) = pages.get("stores/crm.html") else { panic!("a failure") };
        assert!(reason.contains("store.html"), "{reason}");
        assert!(matches!(pages.get("maps/stores/crm.svg"), Made::Failed(_)));
        assert!(matches!(pages.get("index.html"), Made::File(_)));
    }
}

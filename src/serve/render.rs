//! One generation's pages, made when a browser asks for them: a thread owns the compiled map
//! and the site made from it (`site::Pages`), and answers the paths the server threads send.
//!
//! Why a thread: `site::Site` borrows the compiled map (`Inputs<'a>`), as `build` wants it
//! (no copy, no reference counting in the pages' code). A thread that owns `Compiled` can
//! lend it for as long as it runs, with no self-referential struct and no `unsafe`. It
//! serves each request on a scoped thread of its own, so a slow page (the home page's map,
//! or the register on a big map) does not hold up the others; when the generation is
//! replaced and its last request answered, the channel closes, the thread ends and the map
//! is freed.

use std::sync::mpsc::{self, Sender};

use crate::commands::Compiled;
use crate::site::{self, Made};

/// A request: the path, and where to send its answer.
struct Ask {
    path: String,
    answer: Sender<Made>,
}

/// The pages of one generation: a handle on the thread that makes them.
#[derive(Debug)]
pub struct Generation {
    asks: Sender<Ask>,
}

impl Generation {
    /// Starts the thread that makes the pages of `compiled`; nothing is made until asked.
    pub fn start(compiled: Compiled, options: site::Options) -> anyhow::Result<Generation> {
        let (asks, incoming) = mpsc::channel::<Ask>();
        std::thread::Builder::new().name("datacarto-pages".into()).spawn(move || {
            let pages = match site::Pages::new(compiled.site_inputs(), &options) {
                Ok(pages) => pages,
                Err(e) => {
                    let reason = format!("{e:#}");
                    for ask in incoming {
                        let _ = ask.answer.send(Made::Failed(reason.clone()));
                    }
                    return;
                }
            };
            std::thread::scope(|scope| {
                for ask in incoming {
                    let pages = &pages;
                    scope.spawn(move || {
                        // A job that panics is a bug of ours: the page is a 500, the server
                        // and the other pages go on.
                        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            pages.get(&ask.path)
                        }))
                        .unwrap_or_else(|_| Made::Failed("datacarto failed making it".into()));
                        let _ = ask.answer.send(made);
                    });
                }
            });
        })?;
        Ok(Generation { asks })
    }

    /// The file at `path` of this generation's site (relative to its root), made now when
    /// no request made it before.
    pub fn get(&self, path: &str) -> Made {
        let (answer, answered) = mpsc::channel();
        let ask = Ask { path: path.to_owned(), answer };
        if self.asks.send(ask).is_err() {
            return Made::Failed("the thread making the pages stopped".into());
        }
        answered
            .recv()
            .unwrap_or_else(|_| Made::Failed("the thread making the pages stopped".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::load::LoadOptions;
    use crate::manifest::enums::Language;

    /// Requests from several threads at once get the same bytes; a path the site does not
    /// have is missing; the thread lends the map for as long as the generation lives.
    #[test]
    fn a_generation_answers_requests_from_several_threads() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/01-retail");
        let as_of = Date::new(2026, 11, 22).expect("a date");
        let compiled = crate::commands::compile(&dir, &[], as_of, &LoadOptions::default())
            .expect("the example compiles");
        let options = site::Options {
            language: Language::En,
            date: None,
            templates: Vec::new(),
            progress: None,
        };
        let generation = Generation::start(compiled, options).expect("started");
        let pages: Vec<Made> = std::thread::scope(|s| {
            let asks: Vec<_> =
                (0..4).map(|_| s.spawn(|| generation.get("stores/crm.html"))).collect();
            asks.into_iter().map(|a| a.join().expect("answered")).collect()
        });
        assert!(matches!(pages[0], Made::File(_)), "{:?}", pages[0]);
        assert!(pages.iter().all(|p| *p == pages[0]));
        assert_eq!(generation.get("stores/nothing.html"), Made::Missing);
    }
}

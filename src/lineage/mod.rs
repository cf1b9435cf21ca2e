//! Lineage questions on top of `graph/`: where a field comes from and where it goes
//! (`trace`), what is lost when a store or a field is removed (`impact`), and what changed
//! between two compiled maps (`diff`). Each question builds a plain model that serialises to
//! JSON and that the renderers turn into text or Markdown; nothing here reads or writes files.

pub mod diff;
pub mod impact;
mod md;
pub mod openlineage;
mod target;
pub mod trace;

use std::io::{self, Write};

use serde::Serialize;

pub use self::target::{Target, resolve_field, resolve_target};
use crate::graph::FieldEdge;
use crate::model::Model;

/// The output formats of `trace`, `impact` and `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A readable text for the terminal.
    Text,
    /// The model itself (`"version": 1`), for scripts.
    Json,
    /// Markdown, for a pull-request comment or a wiki page.
    Md,
}

/// The version of the JSON documents of this module; bumped only when a field is removed
/// or changes meaning.
pub const JSON_VERSION: u32 = 1;

/// One flow a field's data travels through, as the reader needs it: its id, how and how
/// often it runs, and whether it is the reverse direction of a `direction: both` sync.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FlowHop {
    pub flow: String,
    pub mechanism: Option<&'static str>,
    pub frequency: Option<&'static str>,
    pub reverse: bool,
}

impl FlowHop {
    pub(crate) fn new(model: &Model, edge: FieldEdge) -> FlowHop {
        let flow = model.flow(edge.flow);
        FlowHop {
            flow: flow.id.clone(),
            mechanism: flow.mechanism.map(|m| m.as_str()),
            frequency: flow.frequency.map(|f| f.as_str()),
            reverse: edge.reverse,
        }
    }

    /// `eshop-to-crm (api, realtime)`; `(…, way back of the sync)` for the reverse direction.
    pub(crate) fn label(&self) -> String {
        let mut details: Vec<&str> =
            [self.mechanism, self.frequency].into_iter().flatten().collect();
        if self.reverse {
            details.push("way back of the sync");
        }
        if details.is_empty() {
            self.flow.clone()
        } else {
            format!("{} ({})", self.flow, details.join(", "))
        }
    }
}

/// Pretty JSON with a final newline.
pub(crate) fn write_json<T: Serialize>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// `n thing` or `n things`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A small map compiled in memory, for the unit tests of this module.
#[cfg(test)]
pub(crate) fn compile_yaml(yaml: &str) -> (Model, crate::graph::LineageGraph) {
    let loaded = crate::load::load_from_memory(&[("map.yaml", yaml)]);
    assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
    let (model, findings) = crate::model::resolve::resolve(loaded.manifests, &loaded.project, None);
    assert!(findings.is_empty(), "{findings:#?}");
    let graph = crate::graph::LineageGraph::build(&model);
    (model, graph)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{self, LoadOptions};

    /// On every bundled example: every field traces, every store and field has an impact,
    /// in every format; the map compared with itself is empty; JSON parses back.
    #[test]
    fn every_entity_of_the_examples() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        for example in ["01-retail", "02-clinic-network"] {
            let loaded = load::load(&root.join(example), &LoadOptions::default()).unwrap();
            let (model, _) = crate::model::resolve::resolve(
                loaded.manifests,
                &loaded.project,
                loaded.project_file,
            );
            let graph = crate::graph::LineageGraph::build(&model);
            let formats = [Format::Text, Format::Md, Format::Json];
            for field in model.field_ids() {
                let t = trace::trace(&model, &graph, field, trace::Options::default());
                let i = impact::impact(&model, &graph, Target::Field(field));
                for format in formats {
                    let mut out = Vec::new();
                    trace::render(&t, format, &mut out).unwrap();
                    impact::render(&i, format, &mut out).unwrap();
                    assert!(!out.is_empty());
                }
            }
            for store in model.store_ids() {
                let i = impact::impact(&model, &graph, Target::Store(store));
                let mut out = Vec::new();
                impact::render(&i, Format::Json, &mut out).unwrap();
                let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
                assert_eq!(value["removed"]["id"], model.store(store).id.as_str());
            }
            let side = diff::Map { model: &model, graph: &graph, findings: &[], root: example };
            assert!(diff::diff(&side, &side).is_empty(), "{example}");
        }
    }
}

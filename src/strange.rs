//! Whole-pipeline fuzzing: valid-but-strange maps (loops, syncs, self-flows, empty stores,
//! a hub with huge fan-in and fan-out, hostile Unicode in every free text) run through every
//! stage in memory: load, resolve, graph, every rule, every `check` format, the register in
//! every layout and format, trace, impact and diff in every format, the map views and their
//! layouts, and the whole site. Nothing may panic; terminal formats may carry no control
//! character. `DATACARTO_FUZZ_CASES=N` runs N maps instead of the smoke run's few
//! (docs/security.md).

use std::fmt::Write as _;

use proptest::prelude::*;
use proptest::strategy::ValueTree as _;

use crate::checks;
use crate::config::Config;
use crate::date::Date;
use crate::diag::emit::{self, Format};
use crate::graph::LineageGraph;
use crate::lineage::{self, Target, diff, impact, trace};
use crate::manifest::enums::Language;
use crate::map::view::{self, Selection, Sources};
use crate::map::{self, dot, mermaid};
use crate::model::resolve;
use crate::register::{self, Layout};
use crate::{load, site};

/// Text that has broken tools before: markup, Markdown, formulas, links, controls, bidi,
/// combining marks, wide and astral characters, empty and blank.
const NASTY: &[&str] = &[
    "Clients",
    "",
    "   ",
    "Ünïcødé ÉÈ ß",
    "日本語のデータ",
    "עברית \u{202e}txet desrever",
    "🚀 👩\u{200d}👩\u{200d}👧 emoji",
    "<script>alert(1)</script>",
    "\"quotes\" & 'apostrophes' </title>",
    "a|b*c_d`e[f](g)#h~~i~~ @everyone",
    "=cmd|' /C calc'!A0",
    "+SUM(1,2) -3 @A1",
    "javascript:alert(document.cookie)",
    "line\nbreak\r\nand\rcarriage",
    "\u{1b}[2J\u{1b}]0;title\u{7}",
    "crmm\n::error file=FAKE.yaml,line=1::INJECTED",
    "tab\there \u{0}nul \u{85}nel \u{2028}ls",
    "e\u{301}\u{301}\u{301} zalgo",
    "ＦＵＬＬＷＩＤＴＨ",
    "{{ tera }} {% raw %}",
    "../../etc/passwd",
];

const CATEGORIES: &[&str] =
    &["user.contact.email", "user.name", "user.financial", "user.health_and_medical", "system"];

/// One store of a strange map.
#[derive(Debug, Clone)]
struct StoreSpec {
    fields: usize,
    name: usize,
    category: Option<usize>,
    location: bool,
}

/// A flow: from, to (equal for a self-flow), both ways or not, field pairs by index.
#[derive(Debug, Clone)]
struct FlowSpec {
    from: usize,
    to: usize,
    both: bool,
    fields: Vec<(usize, usize)>,
    name: usize,
}

/// A purpose: the fields it uses (store, field by index), its name, planned or active.
type PurposeSpec = (Vec<(usize, usize)>, usize, bool);

#[derive(Debug, Clone)]
struct Spec {
    stores: Vec<StoreSpec>,
    flows: Vec<FlowSpec>,
    /// A store every other one sends to and receives from, with this many fields.
    hub: Option<usize>,
    purposes: Vec<PurposeSpec>,
    organization: Option<usize>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let store =
        (0usize..5, 0..NASTY.len(), proptest::option::of(0..CATEGORIES.len()), any::<bool>())
            .prop_map(|(fields, name, category, location)| StoreSpec {
                fields,
                name,
                category,
                location,
            });
    let flow = (
        0usize..8,
        0usize..8,
        any::<bool>(),
        prop::collection::vec((0usize..5, 0usize..5), 0..4),
        0..NASTY.len(),
    )
        .prop_map(|(from, to, both, fields, name)| FlowSpec { from, to, both, fields, name });
    let purpose =
        (prop::collection::vec((0usize..8, 0usize..5), 0..4), 0..NASTY.len(), any::<bool>());
    (
        prop::collection::vec(store, 1..8),
        prop::collection::vec(flow, 0..14),
        proptest::option::of(1usize..40),
        prop::collection::vec(purpose, 0..4),
        proptest::option::of(0..NASTY.len()),
    )
        .prop_map(|(stores, flows, hub, purposes, organization)| Spec {
            stores,
            flows,
            hub,
            purposes,
            organization,
        })
}

/// A YAML scalar holding `text` exactly (JSON strings are YAML double-quoted scalars).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// The map's files: `datacarto.yaml` when the spec has an organisation, and one manifest.
fn files(spec: &Spec) -> Vec<(String, String)> {
    let n = spec.stores.len();
    let mut y = String::from("stores:\n");
    for (i, s) in spec.stores.iter().enumerate() {
        let _ = writeln!(y, "  - id: s{i}\n    name: {}", quoted(NASTY[s.name]));
        let _ = writeln!(y, "    description: {}", quoted(NASTY[(s.name + i) % NASTY.len()]));
        if s.location {
            y.push_str("    location: [US]\n    external: true\n");
        }
        y.push_str(if s.fields == 0 { "    fields: []\n" } else { "    fields:\n" });
        for f in 0..s.fields {
            let _ = write!(
                y,
                "      - {{id: f{f}, name: {}",
                quoted(NASTY[(s.name + f) % NASTY.len()])
            );
            if let Some(c) = s.category {
                let _ = write!(y, ", category: {}", CATEGORIES[(c + f) % CATEGORIES.len()]);
            }
            y.push_str("}\n");
        }
    }
    if let Some(fields) = spec.hub {
        let _ = writeln!(y, "  - id: hub\n    name: {}\n    fields:", quoted("hub ⇄ 中心"));
        for f in 0..fields {
            let _ = writeln!(y, "      - {{id: h{f}, category: user.contact.email}}");
        }
    }
    y.push_str("flows:\n");
    let field_of = |store: usize, f: usize| {
        let count = spec.stores[store].fields;
        (count > 0).then(|| format!("f{}", f % count))
    };
    for (i, flow) in spec.flows.iter().enumerate() {
        let (from, to) = (flow.from % n, flow.to % n);
        let pairs: Vec<String> = flow
            .fields
            .iter()
            .filter_map(|&(a, b)| Some(format!("{{{}: {}}}", field_of(from, a)?, field_of(to, b)?)))
            .collect();
        let direction = if flow.both { "both" } else { "one-way" };
        let _ = writeln!(
            y,
            "  - {{id: fl{i}, from: s{from}, to: s{to}, direction: {direction}, fields: [{}], description: {}}}",
            pairs.join(", "),
            quoted(NASTY[flow.name])
        );
    }
    if let Some(fields) = spec.hub {
        // Huge fan-in and fan-out: every store to the hub and back, every field.
        for (i, s) in spec.stores.iter().enumerate() {
            let pairs: Vec<String> =
                (0..s.fields.min(fields)).map(|f| format!("{{f{f}: h{f}}}")).collect();
            let _ = writeln!(
                y,
                "  - {{id: in{i}, from: s{i}, to: hub, fields: [{}]}}",
                pairs.join(", ")
            );
            let back: Vec<String> =
                (0..s.fields.min(fields)).map(|f| format!("{{h{f}: f{f}}}")).collect();
            let _ = writeln!(
                y,
                "  - {{id: out{i}, from: hub, to: s{i}, fields: [{}]}}",
                back.join(", ")
            );
        }
    }
    y.push_str("purposes:\n");
    for (i, (uses, name, planned)) in spec.purposes.iter().enumerate() {
        let uses: Vec<String> = uses
            .iter()
            .filter_map(|&(s, f)| Some(format!("s{}.{}", s % n, field_of(s % n, f)?)))
            .collect();
        let status = if *planned { "planned" } else { "active" };
        let _ = writeln!(
            y,
            "  - {{id: p{i}, name: {}, uses: [{}], legal_basis: consent, status: {status}}}",
            quoted(NASTY[*name]),
            uses.join(", ")
        );
    }
    let mut files = vec![("ünï/map.yaml".to_owned(), y)];
    if let Some(org) = spec.organization {
        let project = format!(
            "organization:\n  name: {}\n  address: {}\n  country: FR\n  email: dpo@example.org\n  dpo: {{name: {}, email: dpo@example.org}}\n",
            quoted(NASTY[org]),
            quoted(NASTY[(org + 1) % NASTY.len()]),
            quoted(NASTY[(org + 2) % NASTY.len()]),
        );
        files.push(("datacarto.yaml".to_owned(), project));
    }
    files
}

/// A compiled map, as the commands make it from a folder.
struct Compiled {
    sources: crate::source::SourceMap,
    model: crate::model::Model,
    graph: LineageGraph,
    config: Config,
    report: crate::diag::Report,
}

fn compile(files: &[(String, String)]) -> Compiled {
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let loaded = load::load_from_memory(&borrowed);
    let as_of = Date::parse("2026-01-01").expect("a date");
    let (config, mut findings) =
        Config::build(&loaded.project, &loaded.sources, &[], as_of).expect("no flags");
    findings.extend(loaded.findings);
    let (model, resolved) =
        resolve::resolve(loaded.manifests, &loaded.project, loaded.project_file);
    findings.extend(resolved);
    let graph = LineageGraph::build(&model);
    findings.extend(checks::run(&checks::Context {
        model: &model,
        graph: &graph,
        config: &config,
    }));
    let report = checks::finalize(findings, &model, &config, &loaded.sources);
    Compiled { sources: loaded.sources, model, graph, config, report }
}

/// Every stage on one map. Panics are the failures; a few properties are checked on the way.
fn pipeline(files: &[(String, String)]) {
    let c = compile(files);
    let (model, graph) = (&c.model, &c.graph);

    // Every format of `check`; terminal ones carry no control character.
    let rules = crate::rules::metadata();
    let cx = emit::Context {
        sources: &c.sources,
        rules: &rules,
        color: false,
        show_suppressed: true,
        origin: Default::default(),
        language: crate::manifest::enums::Language::En,
    };
    for format in [Format::Human, Format::Concise, Format::Json, Format::Sarif, Format::Github] {
        let mut out = Vec::new();
        emit::emit(format, &c.report, &cx, &mut out).expect("writing to memory");
        let text = String::from_utf8(out).expect("UTF-8");
        if matches!(format, Format::Human | Format::Concise | Format::Github) {
            let bad = text.chars().find(|ch| ch.is_control() && *ch != '\n');
            assert!(bad.is_none(), "{format:?} prints {bad:?}");
            assert!(!text.lines().any(|l| l.starts_with("::error file=FAKE")), "{format:?} forged");
        }
    }

    // The register, every layout and format, both languages.
    let inputs = register::Inputs { model, graph, config: &c.config, sources: &c.sources };
    for language in [Language::En, Language::Fr] {
        let reg = register::build(&inputs, language);
        let _ = register::coverage_text(&reg);
        for layout in [Layout::Art30, Layout::Cnil, Layout::Ico] {
            for format in [
                register::Format::Csv,
                register::Format::Xlsx,
                register::Format::Html,
                register::Format::Md,
                register::Format::Json,
            ] {
                register::encode(&reg, layout, format).expect("the register encodes");
            }
        }
    }

    // trace every field, impact every store and field, in every format.
    let formats = [lineage::Format::Text, lineage::Format::Json, lineage::Format::Md];
    for field in model.field_ids() {
        let t = trace::trace(model, graph, field, trace::Options::default());
        let i = impact::impact(model, graph, Target::Field(field));
        for format in formats {
            trace::render(&t, format, &mut Vec::new()).expect("memory");
            impact::render(&i, format, &mut Vec::new()).expect("memory");
        }
    }
    for store in model.store_ids() {
        let i = impact::impact(model, graph, Target::Store(store));
        for format in formats {
            impact::render(&i, format, &mut Vec::new()).expect("memory");
        }
    }

    // diff: the map with itself is empty; against the map without its last store, renders.
    fn side(c: &Compiled) -> diff::Map<'_> {
        diff::Map { model: &c.model, graph: &c.graph, findings: &c.report.findings, root: "" }
    }
    let same = diff::diff(&side(&c), &side(&c));
    assert_eq!(same.summary.new_errors, 0);
    let empty = compile(&[]);
    for (old, new) in [(&empty, &c), (&c, &empty)] {
        let d = diff::diff(&side(old), &side(new));
        for format in formats {
            diff::render(&d, format, &mut Vec::new()).expect("memory");
        }
    }

    // Maps: the system view and a focus on each store, each through the embedded layout,
    // DOT and Mermaid.
    let sources = Sources::new(model, graph, Some(&c.report), Language::En);
    let mut selections = vec![Selection::System];
    selections.extend(model.store_ids().map(|store| Selection::Focus { store, depth: 2 }));
    selections.extend(model.purpose_ids().map(Selection::Purpose));
    for selection in selections {
        let view = view::build(&sources, selection);
        let _ = dot::write(&view, true);
        let _ = dot::write(&view, false);
        let _ = mermaid::write(&view);
        let drawing = map::draw(view);
        let _ = drawing.svg(Some("2026-01-01"));
        let _ = drawing.json();
    }

    // The whole site, in memory: every artifact stays inside the output folder.
    let inputs =
        site::Inputs { model, graph, report: &c.report, config: &c.config, sources: &c.sources };
    let options =
        site::Options { language: Language::Fr, date: None, templates: Vec::new(), progress: None };
    let sink = |artifact: crate::output::Artifact| {
        let safe = std::path::Path::new(&artifact.path)
            .components()
            .all(|p| matches!(p, std::path::Component::Normal(_)));
        anyhow::ensure!(safe, "an artifact path leaves the site: {}", artifact.path);
        Ok(())
    };
    site::build_into(&inputs, &options, &sink).expect("the site builds");
}

/// How many maps a run tries: a few in the normal test suite, more by hand.
fn cases() -> u32 {
    std::env::var("DATACARTO_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Every stage survives any strange map (the smoke run of the whole-pipeline fuzz).
    #[test]
    fn the_whole_pipeline_survives_strange_maps(spec in spec()) {
        pipeline(&files(&spec));
    }
}

/// The generator makes maps that load: strange, but valid YAML of the right shape.
#[test]
fn strange_maps_load_without_loader_findings() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..20 {
        let spec = spec().new_tree(&mut runner).expect("a spec").current();
        let files = files(&spec);
        let borrowed: Vec<(&str, &str)> =
            files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let loaded = load::load_from_memory(&borrowed);
        let bad: Vec<_> =
            loaded.findings.iter().filter(|f| matches!(f.rule, "yaml-syntax" | "schema")).collect();
        assert!(bad.is_empty(), "{bad:#?}\n{}", files[0].1);
    }
}

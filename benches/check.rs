//! The `check` benchmarks of docs/performance.md, on the synthetic benchmark map (2,000
//! stores, 100,000 fields, 10,000 flows, 1,000 purposes) written once into a temporary
//! folder. `yaml_only/*` is the floor: the same files read and parsed by the same parser
//! with the same options, into nothing. The others are the stages of `check`: `load`,
//! `resolve`, the lineage graph, and the whole `compile`. Before measuring, one run of each
//! stage and of each rule is timed and printed: where the time goes.
//!
//! `cargo bench --bench check`; `cargo bench --bench check -- 'yaml|load'` for some only;
//! `DATACARTO_BENCH_SCALE=0.25 cargo bench --bench check -- nothing` for the stage times of
//! a map a quarter of the size, and no measurement; `DATACARTO_BENCH_SCALE=5` for those of the
//! 500,000-field map of issue 18 (the growth table of docs/performance.md, "At 500,000
//! fields": about a minute, 125 MB of temporary files).

use std::hint::black_box;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, SamplingMode, criterion_group, criterion_main};
use datacarto::checks::{self, Context, registry};
use datacarto::commands::compile;
use datacarto::config::Config;
use datacarto::date::Date;
use datacarto::graph::LineageGraph;
use datacarto::load::yaml;
use datacarto::load::{self, LoadOptions};
use datacarto::model::FieldId;
use datacarto::model::resolve::resolve;
use datacarto::synth::{self, Spec};
use rayon::prelude::*;
use serde::de::IgnoredAny;

#[expect(clippy::disallowed_methods, reason = "the floor reads the files as load/ does")]
fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("a file of the benchmark map")
}

/// Parses one file into nothing: the cost of the YAML alone.
fn parse_only(text: &str) -> usize {
    let docs: Vec<IgnoredAny> =
        serde_saphyr::from_multiple_with_options(text, yaml::options()).expect("valid YAML");
    docs.len()
}

/// CPU time of the process so far (all threads), in ms, from /proc/self/stat: on a shared
/// machine the wall time of a stage says more about the neighbours than about the stage.
fn cpu_ms() -> f64 {
    #[expect(clippy::disallowed_methods, reason = "reads the process clock, not a map")]
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime and stime are 12 and 13.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: Vec<f64> = after.split_whitespace().skip(11).take(2).flat_map(str::parse).collect();
    // Linux counts in USER_HZ, 100 a second on every common configuration.
    ticks.iter().sum::<f64>() * 10.0
}

/// A stage timed: wall and CPU milliseconds.
struct Clock(Instant, f64);

impl Clock {
    fn start() -> Clock {
        Clock(Instant::now(), cpu_ms())
    }

    fn read(&self) -> (f64, f64) {
        (self.0.elapsed().as_secs_f64() * 1000.0, cpu_ms() - self.1)
    }
}

/// One run of each stage of `compile`, and of each rule, timed and printed: where the time
/// goes, before criterion measures the stages again more carefully.
fn breakdown(dir: &Path, texts: &[String], as_of: Date) {
    let mut floors = Vec::new();
    let start = Clock::start();
    black_box(texts.iter().map(|t| parse_only(t)).sum::<usize>());
    floors.push(("floor: parse into nothing, one thread", start.read()));
    let start = Clock::start();
    black_box(texts.iter().map(|t| yaml::parse(t).map_or(0, |d| d.len())).sum::<usize>());
    floors.push(("floor: parse into the spanned tree, one thread", start.read()));

    let mut lines = Vec::new();
    let mut timed = |name: String, start: Clock| lines.push((name, start.read()));
    let start = Clock::start();
    let loaded = load::load(dir, &LoadOptions::default()).expect("the map loads");
    timed("load".to_owned(), start);
    let start = Clock::start();
    let (model, _) = resolve(loaded.manifests, &loaded.project, loaded.project_file);
    timed("resolve".to_owned(), start);
    let start = Clock::start();
    let graph = LineageGraph::build(&model);
    timed("graph".to_owned(), start);
    let config = Config::defaults(as_of);
    let cx = Context { model: &model, graph: &graph, config: &config };
    let mut findings = Vec::new();
    for (rule, check) in registry::CHECKS {
        let start = Clock::start();
        check(&cx, &mut findings);
        timed(format!("rule {}", rule.name), start);
    }
    let start = Clock::start();
    let report = checks::finalize(findings, &model, &config, &loaded.sources);
    timed("finalize".to_owned(), start);
    let mut stderr = std::io::stderr().lock();
    let wall: f64 = lines.iter().map(|l| l.1.0).sum();
    let cpu: f64 = lines.iter().map(|l| l.1.1).sum();
    let _ = writeln!(stderr, "one run of compile, stage by stage (ms):");
    let _ = writeln!(stderr, "  {:<48} {:>9} {:>9}", "stage", "wall", "cpu");
    for (name, (wall, cpu)) in &lines {
        if *wall >= 1.0 {
            let _ = writeln!(stderr, "  {name:<48} {wall:>9.1} {cpu:>9.0}");
        }
    }
    let _ = writeln!(stderr, "  {:<48} {wall:>9.1} {cpu:>9.0}", "total");
    for (name, (wall, cpu)) in &floors {
        let _ = writeln!(stderr, "  {name:<48} {wall:>9.1} {cpu:>9.0}");
    }
    let _ = writeln!(
        stderr,
        "  (stages under 1 ms left out; cpu counts in 10 ms ticks; {} findings)",
        report.findings.len()
    );
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let spec = Spec::benchmark_scaled();
    synth::write(&spec, dir.path()).expect("the benchmark map is written");
    let paths: Vec<PathBuf> =
        synth::generate(&spec).into_iter().map(|(rel, _)| dir.path().join(rel)).collect();
    let texts: Vec<String> = paths.iter().map(|p| read(p)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let _ = writeln!(
        std::io::stderr(),
        "benchmark map: {} stores, {} fields, {} flows, {} purposes; {} files, {bytes} bytes \
         of YAML, in {}",
        spec.stores,
        spec.fields,
        spec.flows,
        spec.purposes,
        paths.len(),
        dir.path().display()
    );
    let as_of = Date::new(2026, 1, 1).expect("a date");
    let options = LoadOptions::default();
    breakdown(dir.path(), &texts, as_of);

    let mut group = c.benchmark_group("check");
    // An iteration of most of these takes seconds: flat sampling runs 10 samples of one or
    // a few iterations instead of criterion's 1 + 2 + … + 10 linear ramp.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(8));

    group.bench_function("yaml_only/seq", |b| {
        b.iter(|| paths.iter().map(|p| parse_only(&read(p))).sum::<usize>());
    });
    group.bench_function("yaml_only/par", |b| {
        b.iter(|| paths.par_iter().map(|p| parse_only(&read(p))).sum::<usize>());
    });
    // The spanned tree `load` validates: the parser plus one allocation per node.
    group.bench_function("yaml_tree/par", |b| {
        b.iter(|| {
            texts.par_iter().map(|t| yaml::parse(t).expect("valid YAML").len()).sum::<usize>()
        });
    });
    group.bench_function("load", |b| {
        b.iter(|| load::load(dir.path(), &options).expect("the map loads"));
    });
    group.bench_function("resolve", |b| {
        b.iter_batched(
            || load::load(dir.path(), &options).expect("the map loads"),
            |loaded| resolve(loaded.manifests, &loaded.project, loaded.project_file),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("compile", |b| {
        b.iter(|| compile(dir.path(), &[], as_of, &options).expect("the map compiles"));
    });

    let loaded = load::load(dir.path(), &options).expect("the map loads");
    let (model, findings) = resolve(loaded.manifests, &loaded.project, loaded.project_file);
    assert!(findings.is_empty(), "the benchmark map resolves cleanly");
    group.bench_function("graph_build", |b| b.iter(|| LineageGraph::build(black_box(&model))));
    let graph = LineageGraph::build(&model);
    let step = (model.fields.len() / 1_000).max(1);
    let sample: Vec<FieldId> = (0..model.fields.len()).step_by(step).map(FieldId::new).collect();
    // What the queries walk: their cost is the size of what they reach.
    let up: usize = sample.iter().map(|&f| graph.upstream(f, None).len()).sum();
    let down: usize = sample.iter().map(|&f| graph.downstream(f, None).len()).sum();
    let _ = writeln!(
        std::io::stderr(),
        "lineage graph: {} fields, {} field edges; over {} fields, on average {} upstream and {} \
         downstream",
        graph.fields.node_count(),
        graph.fields.edge_count(),
        sample.len(),
        up / sample.len(),
        down / sample.len()
    );
    group.bench_function("graph_queries/origins_1000", |b| {
        b.iter(|| sample.iter().map(|&f| graph.origins(f).len()).sum::<usize>());
    });
    group.bench_function("graph_queries/downstream_1000", |b| {
        b.iter(|| sample.iter().map(|&f| graph.downstream(f, None).len()).sum::<usize>());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! The site benchmark of docs/performance.md: `datacarto build` of the synthetic benchmark
//! map (2,000 stores, 100,000 fields, 10,000 flows, 1,000 purposes), compiled once.
//!
//! - `site/pages`: every file of the site made in memory (`site::build`);
//! - `site/write`: the same, then written into a fresh folder (`output::write_folder`).
//!
//! `cargo bench --bench site`; `DATACARTO_BENCH_SCALE=0.25 cargo bench --bench site` for a map
//! a quarter of the size.

use std::hint::black_box;
use std::io::Write as _;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use datacarto::commands::compile;
use datacarto::date::Date;
use datacarto::load::LoadOptions;
use datacarto::manifest::enums::Language;
use datacarto::site::{self, Inputs, Options};
use datacarto::synth::{self, Spec};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    synth::write(&Spec::benchmark_scaled(), dir.path()).expect("the map is written");
    let as_of = Date::new(2026, 1, 1).expect("a date");
    let compiled = compile(dir.path(), &[], as_of, &LoadOptions::default()).expect("compiles");
    let inputs = Inputs {
        model: &compiled.model,
        graph: &compiled.graph,
        report: &compiled.report,
        config: &compiled.config,
        sources: &compiled.sources,
    };
    let options =
        || Options { language: Language::En, date: None, templates: Vec::new(), progress: None };
    let start = Instant::now();
    let artifacts = site::build(&inputs, &options()).expect("the site is built");
    let bytes: usize = artifacts.iter().map(|a| a.bytes.len()).sum();
    let _ = writeln!(
        std::io::stderr(),
        "site of {} stores, {} fields: {} files, {} MB, made in {:?}",
        compiled.model.stores.len(),
        compiled.model.fields.len(),
        artifacts.len(),
        bytes / 1_000_000,
        start.elapsed()
    );

    let mut group = c.benchmark_group("site");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("pages", |b| {
        b.iter(|| black_box(site::build(&inputs, &options()).expect("built").len()));
    });
    let out = tempfile::tempdir().expect("a temporary folder");
    group.bench_function("write", |b| {
        b.iter(|| {
            let artifacts = site::build(&inputs, &options()).expect("built");
            datacarto::output::write_folder(&out.path().join("site"), &artifacts).expect("written");
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

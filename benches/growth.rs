//! How `check` grows with the map, test-sized: the synthetic map at 1/32, 1/16, 1/8 and 1/4
//! of the benchmark map (3,125 to 25,000 fields), each compiled (`growth/check/<fields>`)
//! beside the parse-only floor of the same files (`growth/floor/<fields>`). Linear growth
//! shows as times doubling with the map and a check/floor ratio that stays flat; a pass
//! that costs purposes × cones shows as a ratio that climbs. The full-size table (100k and
//! 500k fields) is in docs/performance.md, measured with `datacarto-synth` and `time`.
//!
//! `cargo bench --bench growth`.

use std::hint::black_box;
use std::io::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use datacarto::commands::compile;
use datacarto::date::Date;
use datacarto::load::{LoadOptions, yaml};
use datacarto::synth::{self, Spec};
use rayon::prelude::*;
use serde::de::IgnoredAny;

#[expect(clippy::disallowed_methods, reason = "the floor reads the files as load/ does")]
fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).expect("a file of the map")
}

/// The floor: every file read and parsed into nothing, in parallel like `load`.
fn floor(paths: &[PathBuf]) -> usize {
    paths
        .par_iter()
        .map(|p| {
            let docs: Vec<IgnoredAny> =
                serde_saphyr::from_multiple_with_options(&read(p), yaml::options())
                    .expect("valid YAML");
            docs.len()
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let as_of = Date::new(2026, 1, 1).expect("a date");
    let options = LoadOptions::default();
    let full = Spec::benchmark();
    let mut group = c.benchmark_group("growth");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(4));
    let mut stderr = std::io::stderr().lock();
    for divisor in [32, 16, 8, 4] {
        let spec = Spec {
            stores: full.stores / divisor,
            fields: full.fields / divisor,
            flows: full.flows / divisor,
            purposes: full.purposes / divisor,
            seed: full.seed,
        };
        let dir = tempfile::tempdir().expect("a temporary folder");
        synth::write(&spec, dir.path()).expect("the map is written");
        let paths: Vec<PathBuf> =
            synth::generate(&spec).into_iter().map(|(rel, _)| dir.path().join(rel)).collect();
        // One run of each first, wall clock, for the ratio printed beside criterion's figures.
        let start = Instant::now();
        black_box(floor(&paths));
        let floor_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        black_box(compile(dir.path(), &[], as_of, &options).expect("the map compiles"));
        let check_ms = start.elapsed().as_secs_f64() * 1000.0;
        let _ = writeln!(
            stderr,
            "{} fields: floor {floor_ms:.0} ms, check {check_ms:.0} ms, ratio {:.2}",
            spec.fields,
            check_ms / floor_ms
        );
        group.bench_with_input(BenchmarkId::new("floor", spec.fields), &paths, |b, paths| {
            b.iter(|| floor(paths));
        });
        group.bench_with_input(BenchmarkId::new("check", spec.fields), &dir, |b, dir| {
            b.iter(|| compile(dir.path(), &[], as_of, &options).expect("the map compiles"));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

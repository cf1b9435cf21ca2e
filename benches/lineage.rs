//! The lineage benchmarks of docs/performance.md, on the synthetic benchmark map (2,000
//! stores, 100,000 fields, 10,000 flows, 1,000 purposes), compiled once: what `trace`,
//! `impact` and `diff` do after loading, rendering included.
//!
//! - `trace/*`: both ways, no depth bound, text; on the sampled field that reaches the most
//!   fields (`widest`) and on the median one (`median`);
//! - `impact/*`: removing the store of the widest field (`store`), and that field (`field`);
//! - `diff/*`: the map against itself (`same`), and against the same map with a US survey tool
//!   and a flow to it added (`changed`), text and Markdown.
//!
//! `cargo bench --bench lineage`.

use std::hint::black_box;
use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use datacarto::commands::{Compiled, compile};
use datacarto::date::Date;
use datacarto::lineage::{Format, Target, diff, impact, trace};
use datacarto::load::LoadOptions;
use datacarto::model::FieldId;
use datacarto::synth::{self, Spec};

fn compile_dir(dir: &Path) -> Compiled {
    let as_of = Date::new(2026, 1, 1).expect("a date");
    compile(dir, &[], as_of, &LoadOptions::default()).expect("the map compiles")
}

/// The benchmark map plus a store in the US and a flow carrying a personal field to it.
#[expect(clippy::disallowed_methods, reason = "the benchmark writes its second map")]
fn changed_map(base: &Compiled, dir: &Path) {
    synth::write(&Spec::benchmark(), dir).expect("the benchmark map is written");
    let model = &base.model;
    let field = model.field_ids().find(|f| model.field(*f).personal).expect("a personal field");
    let (store, name) = (&model.store(model.field(field).store).id, &model.field(field).id);
    let extra = format!(
        "stores:\n  - id: survey-tool\n    location: [US]\n    vendor: Askly Inc.\n    fields:\n      - {{id: {name}, category: user.contact.email}}\n\
         flows:\n  - {{id: to-survey, from: {store}, to: survey-tool, fields: [{name}], mechanism: api}}\n"
    );
    std::fs::write(dir.join("survey.yaml"), extra).expect("the extra file is written");
}

fn render_trace(t: &trace::Trace) -> usize {
    let mut out = Vec::new();
    trace::render(t, Format::Text, &mut out).expect("rendered");
    out.len()
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    synth::write(&Spec::benchmark(), dir.path()).expect("the benchmark map is written");
    let base = compile_dir(dir.path());
    let changed_dir = tempfile::tempdir().expect("a temporary folder");
    changed_map(&base, changed_dir.path());
    let changed = compile_dir(changed_dir.path());
    let (model, graph) = (&base.model, &base.graph);

    // The widest and the median field of a sample, by the number of fields a trace visits.
    let step = (model.fields.len() / 1_000).max(1);
    let mut sample: Vec<(usize, FieldId)> = (0..model.fields.len())
        .step_by(step)
        .map(FieldId::new)
        .map(|f| (graph.upstream(f, None).len() + graph.downstream(f, None).len(), f))
        .collect();
    sample.sort_unstable();
    let (widest_reach, widest) = *sample.last().expect("fields");
    let (median_reach, median) = sample[sample.len() / 2];
    let store = model.field(widest).store;
    let widest_trace = trace::trace(model, graph, widest, trace::Options::default());
    let removal = impact::impact(model, graph, Target::Store(store));
    let _ = writeln!(
        std::io::stderr(),
        "benchmark map: {} fields, {} flows, {} findings; trace of {} reaches {widest_reach} fields \
         ({} bytes of text), of {} reaches {median_reach}; removing {} ({} fields) leaves {} fields \
         without a source and touches {} purposes",
        model.fields.len(),
        model.flows.len(),
        base.report.findings.len(),
        model.field_path(widest),
        render_trace(&widest_trace),
        model.field_path(median),
        model.store(store).id,
        model.store(store).fields.len(),
        removal.left_without_source.len(),
        removal.purposes.len(),
    );

    let mut group = c.benchmark_group("lineage");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));

    group.bench_function("trace/widest", |b| {
        b.iter(|| {
            render_trace(&trace::trace(model, graph, black_box(widest), trace::Options::default()))
        });
    });
    group.bench_function("trace/median", |b| {
        b.iter(|| {
            render_trace(&trace::trace(model, graph, black_box(median), trace::Options::default()))
        });
    });
    let render_impact = |target| {
        let i = impact::impact(model, graph, target);
        let mut out = Vec::new();
        impact::render(&i, Format::Text, &mut out).expect("rendered");
        out.len()
    };
    group.bench_function("impact/store", |b| {
        b.iter(|| render_impact(black_box(Target::Store(store))))
    });
    group.bench_function("impact/field", |b| {
        b.iter(|| render_impact(black_box(Target::Field(widest))))
    });

    let (old_root, new_root) = (
        dir.path().to_string_lossy().into_owned(),
        changed_dir.path().to_string_lossy().into_owned(),
    );
    let run_diff = |old: &Compiled, old_root: &str, new: &Compiled, new_root: &str, format| {
        let d = diff::diff(
            &diff::Map {
                model: &old.model,
                graph: &old.graph,
                findings: &old.report.findings,
                root: old_root,
            },
            &diff::Map {
                model: &new.model,
                graph: &new.graph,
                findings: &new.report.findings,
                root: new_root,
            },
        );
        let mut out = Vec::new();
        diff::render(&d, format, &mut out).expect("rendered");
        out.len()
    };
    group.bench_function("diff/same", |b| {
        b.iter(|| run_diff(&base, &old_root, &base, &old_root, Format::Text))
    });
    group.bench_function("diff/changed", |b| {
        b.iter(|| run_diff(&base, &old_root, &changed, &new_root, Format::Md))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

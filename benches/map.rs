//! The map benchmark of docs/performance.md: the system map of synthetic maps of 20, 100 and
//! 300 stores (20 fields and 1.5 flows per store), laid out and written as SVG by the embedded
//! engine (`map/embedded/N`), and by Graphviz on the same view's DOT (`map/dot/N`, `dot -Tsvg`,
//! when installed). It first prints, for each size, the edge crossings and the drawing area of
//! both engines, measured the same way (`map::quality`) on their geometry (Graphviz's from
//! `dot -Tplain`).
//!
//! `cargo bench --bench map`.

use std::hint::black_box;
use std::io::Write as _;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use datacarto::commands::compile;
use datacarto::date::Date;
use datacarto::load::LoadOptions;
use datacarto::manifest::enums::Language;
use datacarto::map::layout::Path;
use datacarto::map::view::{self, Selection, Sources, View};
use datacarto::map::{self, dot, quality};
use datacarto::synth::{self, Spec};

/// The system view of a synthetic map of `stores` stores.
fn system_view(stores: usize) -> View {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let spec = Spec {
        stores,
        fields: stores * 20,
        flows: stores * 3 / 2,
        purposes: (stores / 4).max(1),
        seed: 1,
    };
    synth::write(&spec, dir.path()).expect("the map is written");
    let as_of = Date::new(2026, 1, 1).expect("a date");
    let c = compile(dir.path(), &[], as_of, &LoadOptions::default()).expect("compiles");
    let sources = Sources::new(&c.model, &c.graph, None, Language::En);
    view::build(&sources, Selection::System)
}

/// `dot FORMAT` on `input`; `None` when Graphviz is not installed or fails.
fn graphviz(input: &str, format: &str) -> Option<String> {
    datacarto::commands::map::graphviz(input, format).ok()
}

/// Tokens of a `-Tplain` line, quotes removed.
fn tokens(line: &str) -> Vec<String> {
    let (mut out, mut current, mut quoted) = (Vec::new(), String::new(), false);
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Graphviz's edge crossings and area (points²) from `dot -Tplain`: edges are B-splines given
/// by their control points, in inches.
fn graphviz_quality(plain: &str) -> (usize, f64) {
    let mut area = 0.0;
    let mut paths = Vec::new();
    for line in plain.lines() {
        let t = tokens(line);
        match t.first().map(String::as_str) {
            Some("graph") if t.len() >= 4 => {
                let n = |i: usize| t[i].parse::<f64>().unwrap_or(0.0) * 72.0;
                area = n(2) * n(3);
            }
            Some("edge") if t.len() > 4 => {
                let count: usize = t[3].parse().unwrap_or(0);
                let p = |i: usize| {
                    let x = t.get(4 + 2 * i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
                    let y = t.get(5 + 2 * i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
                    (x * 72.0, y * 72.0)
                };
                let segments = (0..count.saturating_sub(1) / 3)
                    .map(|k| [p(3 * k + 1), p(3 * k + 2), p(3 * k + 3)])
                    .collect();
                paths.push(Path { start: p(0), segments });
            }
            _ => {}
        }
    }
    (quality::crossings(&paths), area)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("map");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for stores in [20, 100, 300] {
        let view = system_view(stores);
        let dot_text = dot::write(&view);
        let d = map::draw(view.clone());
        let mut report = format!("{stores} stores, {} flows drawn: ", view.edges.len());
        let crossings = quality::crossings(&d.geometry.paths);
        let area = quality::area(&d.geometry);
        report += &format!("embedded {crossings} crossings, {:.0} k px²; ", area / 1e3);
        match graphviz(&dot_text, "-Tplain") {
            Some(plain) => {
                let (crossings, area) = graphviz_quality(&plain);
                report += &format!("Graphviz {crossings} crossings, {:.0} k pt²", area / 1e3);
            }
            None => report += "Graphviz not installed",
        }
        let _ = writeln!(std::io::stderr(), "{report}");
        group.bench_function(format!("embedded/{stores}"), |b| {
            b.iter(|| black_box(map::draw(view.clone()).svg(None).len()));
        });
        if graphviz(&dot_text, "-Tsvg").is_some() {
            group.bench_function(format!("dot/{stores}"), |b| {
                b.iter(|| black_box(graphviz(&dot_text, "-Tsvg").map(|s| s.len())));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

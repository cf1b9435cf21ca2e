//! The map benchmark of docs/performance.md: the system map of synthetic maps of 20, 100, 300
//! and 1,000 stores (20 fields and 1.5 flows per store), laid out and written as SVG by the
//! embedded engine with every store (`map/detail/N`) and as the command draws it (the overview
//! above 60 stores: `map/command/N`), and by Graphviz on the same view's DOT (`map/dot/N`,
//! `dot -Tsvg`, when installed). It first prints, for each size, the figures of each drawing,
//! measured the same way (`map::quality`) on their geometry (Graphviz's from `dot -Tplain`):
//! crossings, lines through a box not their own, hidden heads, area, and the size of store
//! names once the whole picture is fitted to 1920×1080.
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
use datacarto::map::layout::{Path, Rect};
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

/// Graphviz's figures from `dot -Tplain`: crossings, lines through a foreign box, area
/// (points²) and the name size at 1080p. Nodes are given by centre and size, edges as
/// B-splines by their control points, all in inches.
fn graphviz_quality(plain: &str) -> String {
    let (mut area, mut fit) = (0.0, 0.0);
    let mut paths = Vec::new();
    let mut ends = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut rects = Vec::new();
    for line in plain.lines() {
        let t = tokens(line);
        let n = |i: usize| t.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) * 72.0;
        match t.first().map(String::as_str) {
            Some("graph") if t.len() >= 4 => {
                area = n(2) * n(3);
                // Node names are 11 pt in our DOT.
                fit = 11.0 * (1920.0 / n(2)).min(1080.0 / n(3));
            }
            Some("node") if t.len() >= 6 => {
                index.insert(t[1].clone(), rects.len());
                let (w, h) = (n(4), n(5));
                rects.push(Rect { x: n(2) - w / 2.0, y: n(3) - h / 2.0, width: w, height: h });
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
                let at = |name: &String| index.get(name).copied().unwrap_or(usize::MAX);
                ends.push((at(&t[1]), at(&t[2])));
            }
            _ => {}
        }
    }
    format!(
        "{} crossings, {} through boxes, {:.0} k pt², names {fit:.1} px",
        quality::crossings(&paths),
        quality::lines_through_boxes(&rects, &ends, &paths),
        area / 1e3
    )
}

/// The figures of one of our drawings.
fn figures(d: &map::Drawing) -> String {
    let ends: Vec<(usize, usize)> = d.view.edges.iter().map(|e| (e.from, e.to)).collect();
    format!(
        "{} crossings, {} through boxes, {} hidden heads, {:.0} k px², names {:.1} px",
        quality::crossings(&d.geometry.paths),
        quality::lines_through_boxes(&d.geometry.boxes, &ends, &d.geometry.paths),
        quality::hidden_heads(&d.view, &d.geometry),
        quality::area(&d.geometry) / 1e3,
        quality::names_at_1080p(&d.view, &d.boxes, &d.geometry),
    )
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("map");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    for stores in [20, 100, 300, 1_000] {
        let view = system_view(stores);
        // Clusters on, as the figures in docs/performance.md were measured.
        let dot_text = dot::write(&view, true);
        let command = map::overview::when_large(view.clone(), Selection::System);
        let mut report = format!("{stores} stores, {} flows drawn:\n", view.edges.len());
        report += &format!("  detail:  {}\n", figures(&map::draw(view.clone())));
        if command.nodes.len() != view.nodes.len() {
            report += &format!("  command: {}\n", figures(&map::draw(command.clone())));
        }
        match graphviz(&dot_text, "-Tplain") {
            Some(plain) => report += &format!("  dot:     {}", graphviz_quality(&plain)),
            None => report += "  Graphviz not installed",
        }
        let _ = writeln!(std::io::stderr(), "{report}");
        group.bench_function(format!("detail/{stores}"), |b| {
            b.iter(|| black_box(map::draw(view.clone()).svg(None).len()));
        });
        group.bench_function(format!("command/{stores}"), |b| {
            b.iter(|| {
                let v = map::overview::when_large(view.clone(), Selection::System);
                black_box(map::draw(v).svg(None).len())
            });
        });
        if stores <= 300 && graphviz(&dot_text, "-Tsvg").is_some() {
            group.bench_function(format!("dot/{stores}"), |b| {
                b.iter(|| black_box(graphviz(&dot_text, "-Tsvg").map(|s| s.len())));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

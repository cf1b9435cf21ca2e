//! The incremental compiler (`datacarto serve`, `datacarto lsp`) on the benchmark map
//! (2,000 stores, 100,000 fields): a full `check` beside a re-check after one store file
//! was edited (`incremental/recheck_after_edit`) and after nothing changed; then `serve`
//! after an edit, on the retail example, until the home page and the edited store's page
//! are made (and, with `DATACARTO_BENCH_SERVE_BIG=1`, one timed run on the benchmark map,
//! step by step, printed). Before
//! measuring, one re-check after an edit is timed stage by stage and printed: what the edit
//! still costs.
//!
//! `cargo bench --bench incremental`; `DATACARTO_BENCH_SCALE=0.25 cargo bench --bench
//! incremental` on a map a quarter of the size.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use datacarto::checks::{self, Context};
use datacarto::commands::compile;
use datacarto::date::Date;
use datacarto::engine::Engine;
use datacarto::graph::LineageGraph;
use datacarto::load::LoadOptions;
use datacarto::serve::{self, Made, Shared};
use datacarto::synth::{self, Spec};

/// A store file edited as in a workshop: its store's name changed, and back, in turn.
struct Edit {
    path: PathBuf,
    texts: [String; 2],
    next: usize,
    from: String,
    to: String,
}

impl Edit {
    #[expect(clippy::disallowed_methods, reason = "the benchmark edits the map it checks")]
    fn new(path: PathBuf, from: &str, to: &str) -> Edit {
        let original = std::fs::read_to_string(&path).expect("the file to edit");
        assert!(original.contains(from), "{} holds {from:?}", path.display());
        let edited = original.replacen(from, to, 1);
        Edit { path, texts: [edited, original], next: 0, from: from.into(), to: to.into() }
    }

    /// The text the last `apply` wrote in place of the other.
    fn now(&self) -> &str {
        if self.next == 1 { &self.to } else { &self.from }
    }

    #[expect(clippy::disallowed_methods, reason = "the benchmark edits the map it checks")]
    fn apply(&mut self) {
        std::fs::write(&self.path, &self.texts[self.next]).expect("the edit is written");
        self.next = 1 - self.next;
    }
}

/// Wall milliseconds of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed().as_secs_f64() * 1000.0)
}

/// One full check, then one re-check after an edit, stage by stage: reading the map, then
/// the engine's check (resolution patched or whole, the graph, the rules, finalize); the
/// graph and the rules are then timed again alone on the result, to show their share.
fn breakdown(dir: &Path, edit: &mut Edit, as_of: Date) {
    let mut err = std::io::stderr().lock();
    let options = LoadOptions::default();
    let (_, full) = timed(|| compile(dir, &[], as_of, &options).expect("the map compiles"));
    let mut engine = Engine::new(dir, options);
    drop(engine.compile(&[], as_of).expect("the map compiles"));
    edit.apply();
    let (read, load) = timed(|| engine.read(&BTreeMap::new()).expect("the map loads"));
    let reuse = engine.reuse();
    let (compiled, checking) = timed(|| engine.check(read, &[], as_of).expect("checked"));
    let resolution = engine.resolution();
    let (graph, graphing) = timed(|| LineageGraph::build(&compiled.model));
    let cx = Context { model: &compiled.model, graph: &graph, config: &compiled.config };
    let (_, rules) = timed(|| checks::run(&cx).len());
    let stages = [
        ("load (unchanged files taken from the last run)", load),
        ("check (resolve, graph, rules, finalize)", checking),
    ];
    let total: f64 = stages.iter().map(|s| s.1).sum();
    let _ = writeln!(err, "one re-check after editing one file, stage by stage (wall ms):");
    for (stage, ms) in stages {
        let _ = writeln!(err, "  {stage:<50} {ms:>8.1}");
    }
    let _ = writeln!(err, "  {:<50} {total:>8.1}", "total");
    let _ = writeln!(err, "  {:<50} {graphing:>8.1}", "  of which the lineage graph (timed again)");
    let _ = writeln!(err, "  {:<50} {rules:>8.1}", "  of which the rules (timed again)");
    let _ = writeln!(err, "  {:<50} {full:>8.1}", "a full check, for comparison");
    let _ = writeln!(
        err,
        "  files parsed {}, taken from the last run {}; resolution: {resolution:?}; re-check / full check = {:.0} %",
        reuse.parsed,
        reuse.reused,
        total / full * 100.0
    );
}

/// `serve` on a map, once, step by step (wall ms, printed): the first build and the home
/// page, then an edit, the re-check and the pages asked for after it, as a browser's
/// reload asks for them (the home page, then the edited store's page).
fn serve_once(dir: &Path, edit: &mut Edit, store: &str, as_of: Date) {
    let mut err = std::io::stderr().lock();
    let options = serve::Options { dir: dir.to_path_buf(), lang: None, as_of };
    let shared = Shared::default();
    let mut engine = serve::engine(&options);
    let page = |path: &str| match shared.current().get(path) {
        Made::File(bytes) => bytes,
        other => panic!("{path}: {other:?}"),
    };
    let (_, first) = timed(|| serve::rebuild(&shared, &options, &mut engine).expect("checked"));
    // A static file makes no page: its time is what every page shares, made at the first
    // request (templates, findings by entity, the maps' sources; not the register).
    let (_, shared_parts) = timed(|| page("assets/style.css"));
    let (_, first_home) = timed(|| page("index.html"));
    edit.apply();
    let (_, recheck) = timed(|| serve::rebuild(&shared, &options, &mut engine).expect("checked"));
    let (_, home) = timed(|| page("index.html"));
    let (bytes, store_page) = timed(|| page(&format!("stores/{store}.html")));
    let renamed = String::from_utf8_lossy(&bytes).contains(edit.now().trim_start_matches("name: "));
    let purposes = purpose_ids(dir);
    let (_, purpose) = timed(|| page(&format!("purposes/{}.html", purposes[0])));
    let (_, purpose2) = timed(|| page(&format!("purposes/{}.html", purposes[1])));
    let steps = [
        ("first check", first),
        ("what the pages share (first request)", shared_parts),
        ("first home page", first_home),
        ("re-check after the edit", recheck),
        ("home page after the edit", home),
        ("the edited store's page", store_page),
        ("edit -> home and store page (sum)", recheck + home + store_page),
        ("a purpose page (builds the register)", purpose),
        ("another purpose page", purpose2),
    ];
    let _ = writeln!(err, "serve, step by step (wall ms):");
    for (step, ms) in steps {
        let _ = writeln!(err, "  {step:<50} {ms:>8.1}");
    }
    let _ = writeln!(err, "  the store's page shows the new name: {renamed}");
}

/// The ids of the purposes of the map's first purposes file.
#[expect(clippy::disallowed_methods, reason = "the benchmark reads the map it wrote")]
fn purpose_ids(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("purposes/purposes-01.yaml")).expect("read");
    text.lines().filter_map(|l| l.strip_prefix("  - id: ")).map(str::to_owned).collect()
}

fn bench(c: &mut Criterion) {
    let as_of = Date::new(2026, 1, 1).expect("a date");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let spec = Spec::benchmark_scaled();
    synth::write(&spec, dir.path()).expect("the benchmark map is written");
    let store = dir.path().join("stores/store-0001.yaml");
    let mut edit = Edit::new(store, "name: Point of sale 0001", "name: Point of sale 0001 (EU)");
    let _ = writeln!(
        std::io::stderr(),
        "benchmark map: {} stores, {} fields, {} flows, {} purposes",
        spec.stores,
        spec.fields,
        spec.flows,
        spec.purposes
    );
    breakdown(dir.path(), &mut edit, as_of);
    // `serve` on the benchmark map: a minute on a busy machine; asked for, not by default.
    if std::env::var_os("DATACARTO_BENCH_SERVE_BIG").is_some() {
        serve_once(dir.path(), &mut edit, "pos-0001", as_of);
    }

    let mut group = c.benchmark_group("incremental");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(8));
    let options = LoadOptions::default();
    // What a run made is freed outside the measured time, as in `check` (which exits
    // without freeing) and `serve`/`lsp` (which free the last run's after publishing), and
    // one at a time (criterion's `iter_with_large_drop` would keep every run's map alive
    // until the end of a sample: page faults that no real run has).
    group.bench_function("check", |b| {
        b.iter_custom(|n| timed_runs(n, || (), |()| compile(dir.path(), &[], as_of, &options)));
    });
    let mut engine = Engine::new(dir.path(), options.clone());
    engine.compile(&[], as_of).expect("the map compiles");
    group.bench_function("recheck_unchanged", |b| {
        b.iter_custom(|n| timed_runs(n, || (), |()| engine.compile(&[], as_of)));
    });
    group.bench_function("recheck_after_edit", |b| {
        // From the edit on disk to the findings: the write is not measured. The last run's
        // result is freed before (as `lsp` does): the engine patches its model in place.
        b.iter_custom(|n| timed_runs(n, || edit.apply(), |()| engine.compile(&[], as_of)));
    });
    group.bench_function("recheck_after_edit_held", |b| {
        // The last run's result still held during the re-check (as `serve` holds the pages
        // it serves): the engine patches a copy of the model.
        b.iter_custom(|n| {
            let mut held = engine.compile(&[], as_of).expect("the map compiles");
            timed_runs(
                n,
                || edit.apply(),
                |()| {
                    let run = engine.compile(&[], as_of)?;
                    Ok(std::mem::replace(&mut held, run))
                },
            )
        });
    });
    // A field added, and removed, in turn: ids move, the whole map is resolved again.
    let mut added = Edit::new(
        dir.path().join("stores/store-0002.yaml"),
        "    fields:\n",
        "    fields:\n      - id: added_in_the_workshop\n",
    );
    group.bench_function("recheck_after_field_added", |b| {
        b.iter_custom(|n| timed_runs(n, || added.apply(), |()| engine.compile(&[], as_of)));
    });

    // The retail example, copied: an edit → checked again, the home page and the store's
    // page made.
    let example = tempfile::tempdir().expect("a temporary folder");
    copy(Path::new("examples/01-retail"), example.path());
    let crm = example.path().join("stores/crm.yaml");
    let mut edit = Edit::new(crm, "name: CRM", "name: CRM (EU)");
    let options = serve::Options { dir: example.path().to_path_buf(), lang: None, as_of };
    let shared = Shared::default();
    let mut engine = serve::engine(&options);
    group.bench_function("serve_edit_to_pages/01-retail", |b| {
        b.iter(|| {
            edit.apply();
            serve::rebuild(&shared, &options, &mut engine).expect("the map is checked");
            let build = shared.current();
            for path in ["index.html", "stores/crm.html"] {
                assert!(matches!(build.get(path), Made::File(_)), "{path}");
            }
        });
    });
    group.finish();
}

/// The time of `n` runs of `run`, each after an unmeasured `before`, its result freed
/// outside the measured time.
fn timed_runs<B, T>(
    n: u64,
    mut before: impl FnMut() -> B,
    mut run: impl FnMut(B) -> anyhow::Result<T>,
) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..n {
        let input = before();
        let start = Instant::now();
        let made = run(input).expect("the map compiles");
        total += start.elapsed();
        drop(std::hint::black_box(made));
    }
    total
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("the example") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a type").is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("a copy");
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

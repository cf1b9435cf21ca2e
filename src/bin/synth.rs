//! `datacarto-synth DIR [--stores N] [--fields N] [--flows N] [--purposes N] [--seed N]`:
//! writes a synthetic map into DIR for benchmarks and scale tests (see `datacarto::synth`
//! and docs/performance.md). Without options it writes the benchmark map.
//! `datacarto-synth --parse-only DIR` is the floor `check` is measured against: it reads
//! every manifest of DIR and parses it with datacarto's parser and options into nothing, in
//! parallel, so that `/usr/bin/time -v` can compare a bare parse with `datacarto check`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use datacarto::synth::{self, Spec};
use rayon::prelude::*;
use serde::de::IgnoredAny;

/// Write a synthetic, valid datacarto map of the given size.
#[derive(Parser)]
#[command(name = "datacarto-synth", version)]
struct Args {
    /// The folder to write the map into: new or empty (files left from another map would
    /// join it).
    dir: PathBuf,
    /// Number of stores.
    #[arg(long, default_value_t = Spec::benchmark().stores)]
    stores: usize,
    /// Number of declared fields, over all stores (at least one per store).
    #[arg(long, default_value_t = Spec::benchmark().fields)]
    fields: usize,
    /// Number of flows.
    #[arg(long, default_value_t = Spec::benchmark().flows)]
    flows: usize,
    /// Number of purposes.
    #[arg(long, default_value_t = Spec::benchmark().purposes)]
    purposes: usize,
    /// Seed of the generator: the same seed and sizes give the same files.
    #[arg(long, default_value_t = Spec::benchmark().seed)]
    seed: u64,
    /// Write nothing: read and parse every `.yaml` file of DIR into nothing, and print the
    /// time taken (the parse-only floor of docs/performance.md).
    #[arg(long)]
    parse_only: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.parse_only {
        return parse_only(&args.dir);
    }
    let spec = Spec {
        stores: args.stores,
        fields: args.fields,
        flows: args.flows,
        purposes: args.purposes,
        seed: args.seed,
    };
    let mut stderr = std::io::stderr().lock();
    if std::fs::read_dir(&args.dir).is_ok_and(|mut entries| entries.next().is_some()) {
        let _ = writeln!(
            stderr,
            "error: {} is not empty: give a new or empty folder",
            args.dir.display()
        );
        return ExitCode::from(2);
    }
    match synth::write(&spec, &args.dir) {
        Ok(()) => {
            // A tiny map may hold fewer flows than asked (one per pair of stores at most).
            let _ = writeln!(
                stderr,
                "wrote a synthetic map into {} ({} stores, {} fields, {} flows, {} purposes asked)",
                args.dir.display(),
                spec.stores,
                spec.fields,
                spec.flows,
                spec.purposes
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            let _ =
                writeln!(stderr, "error: cannot write the map into {}: {err}", args.dir.display());
            ExitCode::from(2)
        }
    }
}

/// Every `.yaml` file below `dir`, sorted (no hidden folders in a synthetic map).
fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            yaml_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    out.sort();
    Ok(())
}

fn parse_only(dir: &Path) -> ExitCode {
    let start = Instant::now();
    let mut files = Vec::new();
    let outcome = yaml_files(dir, &mut files).and_then(|()| {
        files
            .par_iter()
            .map(|path| {
                #[expect(clippy::disallowed_methods, reason = "a measuring tool, not datacarto")]
                let text = std::fs::read_to_string(path)?;
                serde_saphyr::from_multiple_with_options::<IgnoredAny>(
                    &text,
                    datacarto::load::yaml::options(),
                )
                .map(|_| text.len())
                .map_err(|e| std::io::Error::other(format!("{}: {e}", path.display())))
            })
            .sum::<std::io::Result<usize>>()
    });
    let mut stderr = std::io::stderr().lock();
    match outcome {
        Ok(bytes) => {
            let _ = writeln!(
                stderr,
                "parsed {} files, {bytes} bytes, in {:.3} s",
                files.len(),
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            let _ = writeln!(stderr, "error: {err}");
            ExitCode::from(2)
        }
    }
}

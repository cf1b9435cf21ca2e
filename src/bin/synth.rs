//! `datacarto-synth`: writes a synthetic map for benchmarks.
fn main() {}

//! Synthetic maps of any size, for the benchmarks and scale tests (`datacarto-synth`).

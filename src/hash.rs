//! The hash maps of the hot paths: std's maps with foldhash's hasher instead of SipHash.
//! Resolving a map looks up every field a flow carries by its id (hundreds of thousands of
//! short strings), and SipHash was the single largest cost of a re-check. foldhash is
//! already built for hashbrown (no build time added); its seed is still random per
//! process, and nothing iterates these maps into output, so output does not depend on it.

/// A hash map keyed by short strings or ids, hashed with foldhash.
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set, hashed with foldhash.
pub type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// An empty map with room for `n` entries.
pub fn map_with_capacity<K, V>(n: usize) -> Map<K, V> {
    Map::with_capacity_and_hasher(n, foldhash::fast::RandomState::default())
}

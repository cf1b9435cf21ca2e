//! `IdKey`: an id as the model's field index keys it, its bytes inline when they fit.

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};

/// The longest id kept inline: every field id of the benchmark map fits.
const INLINE: usize = 22;

/// An id as a hash-map key. Inline up to 22 bytes, so that a lookup compares the bytes in
/// the table itself: with the id on the heap, each of the million lookups that resolving
/// the flows of a 500,000-field map makes missed the cache twice (the table, then the
/// string), and each key was an allocation. Looked up by `id.as_bytes()`.
#[derive(Clone, Debug)]
pub(crate) enum IdKey {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl IdKey {
    pub(crate) fn new(id: &str) -> IdKey {
        match u8::try_from(id.len()) {
            Ok(len) if id.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..id.len()].copy_from_slice(id.as_bytes());
                IdKey::Inline { len, bytes }
            }
            _ => IdKey::Heap(id.into()),
        }
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            IdKey::Inline { len, bytes } => &bytes[..usize::from(*len)],
            IdKey::Heap(id) => id.as_bytes(),
        }
    }
}

// Equality and hashing are those of the bytes, as `Borrow<[u8]>` requires.
impl PartialEq for IdKey {
    fn eq(&self, other: &IdKey) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for IdKey {}

impl Hash for IdKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

impl Borrow<[u8]> for IdKey {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::Map;

    /// Short and long ids are found by their bytes, and only by them.
    #[test]
    fn found_by_bytes_inline_or_not() {
        let long = "a_field_id_longer_than_twenty_two_bytes";
        let mut map: Map<IdKey, u32> = Map::default();
        for (i, id) in ["email", "", "exactly_twenty_two_byt", long].iter().enumerate() {
            map.insert(IdKey::new(id), i as u32);
        }
        assert!(matches!(IdKey::new("exactly_twenty_two_byt"), IdKey::Inline { .. }));
        assert!(matches!(IdKey::new(long), IdKey::Heap(_)));
        assert_eq!(map.get("email".as_bytes()), Some(&0));
        assert_eq!(map.get("".as_bytes()), Some(&1));
        assert_eq!(map.get("exactly_twenty_two_byt".as_bytes()), Some(&2));
        assert_eq!(map.get(long.as_bytes()), Some(&3));
        assert_eq!(map.get("emai".as_bytes()), None);
        assert_eq!(map.get("email\0".as_bytes()), None, "padding is not part of the id");
        assert_eq!(IdKey::new("é").as_bytes(), "é".as_bytes());
    }
}

//! `datacarto import threagile`: a Threagile model (technical assets, data assets, trust
//! boundaries, communication links) into a new map, and the import report of what has no
//! place in it.

pub mod map;
pub mod read;

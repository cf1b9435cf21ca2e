//! Zones: the columns of a map, left to right, as a workshop draws it by hand — where data
//! is collected, the customer master, where it is used, the partners outside. Declared with
//! `zone:` on stores or `zones:` in datacarto.yaml; when a map declares none, chosen from the
//! graph. Nodes with no edge in the view go to the tray at the bottom, out of the prime
//! corner.

use std::collections::VecDeque;

use super::view::{EdgeStyle, Mark, NodeKind, View};
use crate::words::map::{self as i18n, Text};

/// The zone of every node of a view.
#[derive(Clone, Debug, PartialEq)]
pub struct Zoning {
    /// The titles of the zones that hold a node, left to right.
    pub titles: Vec<String>,
    /// The zone of each node (an index into `titles`), `None` for the tray.
    pub zone: Vec<Option<usize>>,
}

/// The zones chosen from the graph, left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Default {
    Collection,
    Master,
    Use,
    Partners,
}

/// Assigns every node of `view` to a zone (see the module comment).
pub fn assign(view: &View) -> Zoning {
    let n = view.nodes.len();
    let mut connected = vec![false; n];
    for e in &view.edges {
        connected[e.from] = true;
        connected[e.to] = true;
    }
    // Keys sort the zones left to right: (group, rank within the group).
    let mut keys: Vec<Option<(u8, usize)>> = vec![None; n];
    let defaults = if view.zones.is_empty() { Some(defaults(view)) } else { None };
    for (i, node) in view.nodes.iter().enumerate() {
        if !connected[i] {
            continue;
        }
        keys[i] = Some(match (node.kind, &defaults, &node.zone) {
            (NodeKind::Purpose, _, _) => (2, 0),
            (_, Some(d), _) => (0, d[i] as usize),
            (_, None, Some(zone)) => {
                (0, view.zones.iter().position(|z| z == zone).unwrap_or(usize::MAX))
            }
            // A map that declares zones and a store that has none: said, not guessed.
            (_, None, None) => (1, 0),
        });
    }
    let mut used: Vec<(u8, usize)> = keys.iter().flatten().copied().collect();
    used.sort_unstable();
    used.dedup();
    let lang = view.language;
    let titles = used
        .iter()
        .map(|&(group, rank)| match (group, &defaults) {
            (2, _) => i18n::t(Text::ZonePurposes, lang).to_owned(),
            (1, _) => i18n::t(Text::ZoneNotStated, lang).to_owned(),
            (_, Some(_)) => i18n::t(
                match rank {
                    0 => Text::ZoneCollection,
                    1 => Text::ZoneMaster,
                    2 => Text::ZoneUse,
                    _ => Text::ZonePartners,
                },
                lang,
            )
            .to_owned(),
            (_, None) => view.zones.get(rank).cloned().unwrap_or_default(),
        })
        .collect();
    let zone = keys.iter().map(|k| k.map(|k| used.binary_search(&k).unwrap_or(0))).collect();
    Zoning { titles, zone }
}

/// Zones from the graph: the customer master in the centre, what it feeds on the right, what
/// feeds it (not through what it feeds) on the left, outside parties that receive data at
/// the far right. Without a
/// master in the view, stores nothing flows into are sources and the rest uses.
fn defaults(view: &View) -> Vec<Default> {
    let n = view.nodes.len();
    let mut forward = vec![Vec::new(); n];
    let mut backward = vec![Vec::new(); n];
    let mut incoming = vec![0usize; n];
    for e in view.edges.iter().filter(|e| e.style != EdgeStyle::Uses) {
        forward[e.from].push(e.to);
        backward[e.to].push(e.from);
        incoming[e.to] += 1;
    }
    let masters: Vec<usize> =
        (0..n).filter(|&i| view.nodes[i].marks.contains(&Mark::Referential)).collect();
    let downstream = reach(&forward, &masters, &vec![false; n]);
    // What feeds the master through a store the master feeds (a warehouse sending scores
    // back) is not collection: the walk upstream stops at the stores downstream.
    let upstream = reach(&backward, &masters, &downstream);
    (0..n)
        .map(|i| {
            let marks = &view.nodes[i].marks;
            if marks.contains(&Mark::Referential) {
                Default::Master
            } else if marks.contains(&Mark::External) && incoming[i] > 0 {
                Default::Partners
            } else if downstream[i] {
                Default::Use
            } else if upstream[i] || incoming[i] == 0 {
                Default::Collection
            } else {
                Default::Use
            }
        })
        .collect()
}

/// Nodes reachable from `starts` along `next` (breadth first, each node once), not going
/// through a `blocked` node.
fn reach(next: &[Vec<usize>], starts: &[usize], blocked: &[bool]) -> Vec<bool> {
    let mut seen = vec![false; next.len()];
    let mut queue: VecDeque<usize> = starts.iter().copied().collect();
    while let Some(i) = queue.pop_front() {
        for &j in &next[i] {
            if !seen[j] && !blocked[j] {
                seen[j] = true;
                queue.push_back(j);
            }
        }
    }
    seen
}

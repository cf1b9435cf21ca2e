//! The embedded layered layout, our own: layout-rs could not keep zones in columns, let long
//! edges cut through boxes and grew cubic with the width of the ranks. Here every zone is a
//! run of columns (ranks within the zone), each edge becomes a chain of one vertex per column
//! it passes (its label is one of them, so a label sits on its own line and nowhere else),
//! columns are ordered by barycentre sweeps keeping the order with fewest crossings, and
//! vertices are placed by isotonic regression (as close to their neighbours as their order
//! allows). Lines run straight across columns and curve only in the empty gaps between
//! them, so no line enters a box that is not one of its ends. Every step is linear in the
//! vertices and chain links, up to a log factor for sorting.

use super::layout::{Band, Geometry, LABEL_SIZE, Path, Rect};
use super::text::width;
use super::view::View;
use super::zones::Zoning;

/// Vertical gap between two boxes of a column.
const BOX_GAP: f64 = 26.0;
/// Vertical room of a line passing through a column, and the gap around it.
const LINE: f64 = 4.0;
const LINE_GAP: f64 = 6.0;
/// Horizontal room between two columns, where lines curve.
const GAP: f64 = 44.0;
/// Extra room between two zones, for their bands.
const ZONE_GAP: f64 = 36.0;
/// The height of a label's plate.
pub const LABEL_HEIGHT: f64 = LABEL_SIZE as f64 * 1.5;
/// Bands reach this far beyond their boxes; their title sits in `BAND_HEAD` above them.
const BAND_PAD: f64 = 14.0;
const BAND_HEAD: f64 = 34.0;
const TRAY_GAP: f64 = 16.0;
/// Barycentre sweeps over the columns.
const SWEEPS: usize = 16;

/// One thing placed in a column: a box, a label, or a line passing through.
struct Vertex {
    column: usize,
    height: f64,
    width: f64,
    /// Whether this is a node's box (boxes keep a wider gap between them).
    is_box: bool,
    /// The lap of a folded zone it belongs to: columns keep laps apart, top to bottom.
    lap: f64,
}

/// The plate width of an edge label.
pub fn label_width(label: &str) -> f64 {
    width(label, LABEL_SIZE as f64, false) + 8.0
}

/// Lays out `view`, whose node boxes measure `sizes`, in the zones of `zoning`.
pub fn layout(view: &View, zoning: &Zoning, sizes: &[(f64, f64)]) -> Geometry {
    layout_in(view, zoning, sizes, None)
}

/// `layout`, with the boxes spread over `columns` columns in all when given (at least one
/// per zone): the overview of a large map, whose domains are so interconnected that one
/// column per rank would make a strip no projector shows readably. Boxes keep the order of
/// their ranks; an edge between two boxes of one column turns in the gap on their right.
pub fn layout_in(
    view: &View,
    zoning: &Zoning,
    sizes: &[(f64, f64)],
    columns: Option<usize>,
) -> Geometry {
    let n = view.nodes.len();
    let mut rank = ranks(view, zoning);
    if let Some(k) = columns {
        rank = spread(zoning, &rank, k);
    }
    // The first node column of each zone; a zone spans its ranks.
    let zones = zoning.titles.len();
    let mut depth = vec![0usize; zones];
    for (zone, rank) in zoning.zone.iter().zip(&rank) {
        if let Some(z) = *zone {
            depth[z] = depth[z].max(rank + 1);
        }
    }
    // Projector mode: a deep zone folds onto laps stacked one under the other, so that the
    // map stays near 16:9 instead of becoming a long strip.
    let wrap = if columns.is_some() { depth.clone() } else { laps(view, zoning, &rank, &depth) };
    let lap: Vec<usize> = (0..n).map(|i| zoning.zone[i].map_or(0, |z| rank[i] / wrap[z])).collect();
    let rank: Vec<usize> =
        (0..n).map(|i| zoning.zone[i].map_or(rank[i], |z| rank[i] % wrap[z])).collect();
    for z in 0..zones {
        depth[z] = depth[z].min(wrap[z]);
    }
    let mut first = vec![0usize; zones + 1];
    for z in 0..zones {
        first[z + 1] = first[z] + depth[z];
    }
    let node_columns = first[zones];
    let zone_of_column: Vec<usize> =
        (0..zones).flat_map(|z| std::iter::repeat_n(z, depth[z])).collect();
    // Physical columns: node column c is 2c, the gap column after it (labels, lines) 2c + 1.
    let mut vertices: Vec<Vertex> = (0..n)
        .map(|i| Vertex {
            column: zoning.zone[i].map_or(usize::MAX, |z| 2 * (first[z] + rank[i])),
            height: sizes[i].1,
            width: sizes[i].0,
            is_box: true,
            lap: lap[i] as f64,
        })
        .collect();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(view.edges.len());
    let mut reversed = Vec::with_capacity(view.edges.len());
    let mut turns = Vec::with_capacity(view.edges.len());
    let mut label_vertex = vec![None; view.edges.len()];
    for (e, edge) in view.edges.iter().enumerate() {
        let back = vertices[edge.from].column > vertices[edge.to].column;
        let (a, b) = if back { (edge.to, edge.from) } else { (edge.from, edge.to) };
        let (ca, cb) = (vertices[a].column, vertices[b].column);
        if ca == cb {
            // Both ends in one column: the line goes out into the gap column on the right
            // (its label there), turns, and comes back to the other box's right side, each
            // way on a vertex of its own.
            let lap = vertices[a].lap;
            let labelled = !edge.label.is_empty();
            let (height, width) =
                if labelled { (LABEL_HEIGHT, label_width(&edge.label)) } else { (LINE, 0.0) };
            let out = vertices.len();
            if labelled {
                label_vertex[e] = Some(out);
            }
            vertices.push(Vertex { column: ca + 1, height, width, is_box: false, lap });
            vertices.push(Vertex { column: ca + 1, height: LINE, width: 0.0, is_box: false, lap });
            chains.push(vec![a, out, out + 1, b]);
            reversed.push(false);
            turns.push(true);
            continue;
        }
        let mut chain = vec![a];
        // The label goes in the gap column nearest the middle of the edge.
        let middle = ca + 1 + 2 * (((cb - ca) / 2).saturating_sub(1) / 2);
        // Lines between two laps run between them.
        let between = (vertices[a].lap + vertices[b].lap) / 2.0;
        for column in ca + 1..cb {
            let labelled = column == middle && !edge.label.is_empty();
            let (height, width) =
                if labelled { (LABEL_HEIGHT, label_width(&edge.label)) } else { (LINE, 0.0) };
            if labelled {
                label_vertex[e] = Some(vertices.len());
            }
            chain.push(vertices.len());
            vertices.push(Vertex { column, height, width, is_box: false, lap: between });
        }
        chain.push(b);
        chains.push(chain);
        reversed.push(back);
        turns.push(false);
    }
    // A turn in the last column needs the gap column after it.
    let columns = vertices
        .iter()
        .filter(|v| v.column != usize::MAX)
        .map(|v| v.column + 1)
        .max()
        .unwrap_or(0)
        .max((2 * node_columns).saturating_sub(1));
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for (v, vertex) in vertices.iter().enumerate() {
        if vertex.column != usize::MAX {
            layers[vertex.column].push(v);
        }
    }
    let mut up = vec![Vec::new(); vertices.len()];
    let mut down = vec![Vec::new(); vertices.len()];
    for (chain, &turn) in chains.iter().zip(&turns) {
        if turn {
            // Each end links to its own vertex in the gap column: the turn itself, within
            // that column, is no link between columns.
            let (a, out, back, b) = (chain[0], chain[1], chain[2], chain[3]);
            down[a].push(out);
            up[out].push(a);
            down[b].push(back);
            up[back].push(b);
            continue;
        }
        for pair in chain.windows(2) {
            down[pair[0]].push(pair[1]);
            up[pair[1]].push(pair[0]);
        }
    }
    let laps: Vec<f64> = vertices.iter().map(|v| v.lap).collect();
    for layer in &mut layers {
        layer.sort_by(|a, b| laps[*a].total_cmp(&laps[*b]).then(a.cmp(b)));
    }
    order(&mut layers, &up, &down, &laps);
    let y = place(&layers, &vertices, &up, &down);

    // Columns left to right: each as wide as its widest vertex.
    let mut left = vec![0.0; columns];
    let mut widths = vec![0.0f64; columns];
    for layer in &layers {
        for &v in layer {
            let c = vertices[v].column;
            widths[c] = widths[c].max(vertices[v].width);
        }
    }
    let mut x = 0.0;
    for c in 0..columns {
        left[c] = x;
        x += widths[c] + GAP;
        let (this, next) = (c / 2, c.div_ceil(2));
        if next < node_columns && zone_of_column[this] != zone_of_column[next] {
            x += ZONE_GAP / 2.0;
        }
    }
    let mut boxes: Vec<Rect> = (0..n)
        .map(|i| {
            let c = vertices[i].column;
            if c == usize::MAX {
                return Rect { x: 0.0, y: 0.0, width: sizes[i].0, height: sizes[i].1 };
            }
            Rect {
                x: left[c] + (widths[c] - sizes[i].0) / 2.0,
                y: y[i] - sizes[i].1 / 2.0,
                width: sizes[i].0,
                height: sizes[i].1,
            }
        })
        .collect();
    let ports = ports(n, &chains, &turns, &boxes, &y);
    let mut paths = Vec::with_capacity(chains.len());
    let mut labels = Vec::with_capacity(chains.len());
    for (e, chain) in chains.iter().enumerate() {
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        let (out_y, in_y) = ports[e];
        labels.push(label_vertex[e].map(|v| {
            let c = vertices[v].column;
            (left[c] + widths[c] / 2.0, y[v])
        }));
        if turns[e] {
            let (c, g) = (vertices[a].column, vertices[chain[1]].column);
            let (right, gl, gr) = (left[c] + widths[c], left[g], left[g] + widths[g]);
            let (y1, y2) = (y[chain[1]], y[chain[2]]);
            let out = through(&[(boxes[a].right(), out_y), (right, out_y), (gl, y1), (gr, y1)]);
            let back = through(&[(gr, y2), (gl, y2), (right, in_y), (boxes[b].right(), in_y)]);
            // The turn bulges three quarters of `reach` into the gap after the column: never
            // as far as the boxes of the next column.
            let reach = GAP * 0.9;
            let mut segments = out.segments;
            segments.push([(gr + reach, y1), (gr + reach, y2), (gr, y2)]);
            segments.extend(back.segments);
            paths.push(Path { start: out.start, segments });
            continue;
        }
        let mut points = vec![
            (boxes[a].right(), out_y),
            (left[vertices[a].column] + widths[vertices[a].column], out_y),
        ];
        for &v in &chain[1..chain.len() - 1] {
            let c = vertices[v].column;
            points.push((left[c], y[v]));
            points.push((left[c] + widths[c], y[v]));
        }
        points.push((left[vertices[b].column], in_y));
        points.push((boxes[b].x, in_y));
        let path = through(&points);
        paths.push(if reversed[e] { path.reversed() } else { path });
    }
    let columns = Columns { first: &first, depth: &depth, left: &left, widths: &widths };
    let mut bands = zone_bands(&columns, zoning, &vertices, &y);
    tray(view, zoning, &mut boxes, &mut bands);
    Geometry { boxes, paths, labels, bands }
}

/// Ranks that spread each zone's boxes over a share of `columns` columns, in the order of
/// their `rank`: every zone has one column, and each further column goes to the zone with
/// the most boxes per column (no zone gets more columns than boxes).
fn spread(zoning: &Zoning, rank: &[usize], columns: usize) -> Vec<usize> {
    let zones = zoning.titles.len();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); zones];
    for (i, zone) in zoning.zone.iter().enumerate() {
        if let Some(z) = *zone {
            members[z].push(i);
        }
    }
    let mut count = vec![1usize; zones];
    for _ in zones..columns {
        let fullest = (0..zones)
            .filter(|&z| count[z] < members[z].len())
            .max_by_key(|&z| (members[z].len().div_ceil(count[z]), std::cmp::Reverse(z)));
        let Some(z) = fullest else { break };
        count[z] += 1;
    }
    let mut out = rank.to_vec();
    for (list, &k) in members.iter_mut().zip(&count) {
        list.sort_by_key(|&i| (rank[i], i));
        let m = list.len();
        for (p, &i) in list.iter().enumerate() {
            out[i] = p * k / m;
        }
    }
    out
}

/// How many columns each zone keeps before folding onto a new lap. A column is about
/// `COLUMN` px wide and a box with its gap `ROW` px tall: a map whose columns would make it
/// wider than about 2.4 : 1 folds its deep zones, each keeping the most columns that leave
/// the map near 16:9, and never a number of columns an edge of the zone spans exactly (its
/// two ends would share a column).
fn laps(view: &View, zoning: &Zoning, rank: &[usize], depth: &[usize]) -> Vec<usize> {
    const COLUMN: f64 = 280.0;
    const ROW: f64 = 90.0;
    let mut counts: Vec<Vec<usize>> = depth.iter().map(|&d| vec![0; d]).collect();
    for (i, zone) in zoning.zone.iter().enumerate() {
        if let Some(z) = *zone {
            counts[z][rank[i]] += 1;
        }
    }
    let rows: Vec<usize> = counts.iter().map(|c| c.iter().copied().max().unwrap_or(0)).collect();
    let tallest = rows.iter().copied().max().unwrap_or(1).max(1);
    let total: usize = depth.iter().sum();
    let ratio = |columns: usize, height: usize| columns as f64 * COLUMN / (height as f64 * ROW);
    if ratio(total, tallest) <= 2.4 {
        return depth.to_vec();
    }
    let mut spans: Vec<Vec<usize>> = vec![Vec::new(); depth.len()];
    for e in &view.edges {
        if let (Some(a), Some(b)) = (zoning.zone[e.from], zoning.zone[e.to])
            && a == b
        {
            spans[a].push(rank[e.from].abs_diff(rank[e.to]));
        }
    }
    depth
        .iter()
        .zip(&spans)
        .zip(&rows)
        .map(|((&d, spans), &r)| {
            let fits = |k: &usize| spans.iter().all(|s| s % k != 0);
            let near = |k: &usize| ratio(total - d + k, tallest.max(r * d.div_ceil(*k))) <= 1.9;
            (2..d).rev().find(|k| fits(k) && near(k)).or_else(|| (2..d).find(fits)).unwrap_or(d)
        })
        .collect()
}

/// The rank of each node within its zone: the longest path to it from the zone's sources,
/// along the zone's own edges, after breaking cycles at the edges a depth-first search finds
/// going back.
fn ranks(view: &View, zoning: &Zoning) -> Vec<usize> {
    let n = view.nodes.len();
    let mut next = vec![Vec::new(); n];
    for e in &view.edges {
        if zoning.zone[e.from].is_some() && zoning.zone[e.from] == zoning.zone[e.to] {
            next[e.from].push(e.to);
        }
    }
    // Iterative depth-first search: an edge to a node still on the stack closes a cycle.
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut keep = vec![Vec::new(); n];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (v, ref mut k)) = stack.last_mut() {
            if let Some(&w) = next[v].get(*k) {
                *k += 1;
                match state[w] {
                    0 => {
                        keep[v].push(w);
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => {} // goes back: dropped for ranking
                    _ => keep[v].push(w),
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    let mut incoming = vec![0usize; n];
    for targets in &keep {
        for &w in targets {
            incoming[w] += 1;
        }
    }
    let mut rank = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&i| incoming[i] == 0).collect();
    while let Some(v) = ready.pop() {
        for &w in &keep[v] {
            rank[w] = rank[w].max(rank[v] + 1);
            incoming[w] -= 1;
            if incoming[w] == 0 {
                ready.push(w);
            }
        }
    }
    rank
}

/// Orders every column by barycentre sweeps, down and up, keeping the best order seen.
fn order(layers: &mut [Vec<usize>], up: &[Vec<usize>], down: &[Vec<usize>], laps: &[f64]) {
    let mut position = vec![0usize; laps.len()];
    let index = |layers: &[Vec<usize>], position: &mut [usize]| {
        for layer in layers {
            for (k, &v) in layer.iter().enumerate() {
                position[v] = k;
            }
        }
    };
    index(layers, &mut position);
    let mut best = crossings(layers, down, &position);
    let mut best_layers = layers.to_vec();
    for sweep in 0..SWEEPS {
        let downward = sweep % 2 == 0;
        let steps: Vec<usize> = if downward {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for c in steps {
            let neighbours = if downward { up } else { down };
            let mut keyed: Vec<(f64, f64, usize, usize)> = layers[c]
                .iter()
                .map(|&v| {
                    let ns = &neighbours[v];
                    let key = if ns.is_empty() {
                        position[v] as f64
                    } else {
                        ns.iter().map(|&w| position[w] as f64).sum::<f64>() / ns.len() as f64
                    };
                    (laps[v], key, position[v], v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
            layers[c] = keyed.into_iter().map(|k| k.3).collect();
            for (k, &v) in layers[c].iter().enumerate() {
                position[v] = k;
            }
        }
        let now = crossings(layers, down, &position);
        if now < best {
            best = now;
            best_layers = layers.to_vec();
        }
    }
    layers.clone_from_slice(&best_layers);
}

/// Crossings between consecutive columns: inversions of the link targets once links are
/// sorted by source (counted with a Fenwick tree).
pub fn crossings(layers: &[Vec<usize>], down: &[Vec<usize>], position: &[usize]) -> usize {
    let mut total = 0;
    for c in 0..layers.len().saturating_sub(1) {
        let mut links: Vec<(usize, usize)> = layers[c]
            .iter()
            .flat_map(|&v| down[v].iter().map(move |&w| (position[v], position[w])))
            .collect();
        links.sort_unstable();
        let size = layers[c + 1].len() + 1;
        let mut tree = vec![0usize; size + 1];
        for (k, &(_, to)) in links.iter().enumerate() {
            // Links seen so far that end below `to`: each crosses this one.
            let mut at_most = 0;
            let mut i = to + 1;
            while i > 0 {
                at_most += tree[i];
                i &= i - 1;
            }
            total += k - at_most;
            let mut i = to + 1;
            while i <= size {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

/// The centre `y` of every vertex: each column keeps its order and its gaps, and otherwise
/// moves its vertices toward the mean of their neighbours, sweeping down and up.
fn place(
    layers: &[Vec<usize>],
    vertices: &[Vertex],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
) -> Vec<f64> {
    let mut y = vec![0.0; vertices.len()];
    for layer in layers {
        let mut top = 0.0;
        for (k, &v) in layer.iter().enumerate() {
            if k > 0 {
                top += gap(&vertices[layer[k - 1]], &vertices[v]);
            }
            y[v] = top + vertices[v].height / 2.0;
            top += vertices[v].height;
        }
    }
    for round in 0..8 {
        let downward = round % 2 == 0;
        let steps: Vec<usize> =
            if downward { (0..layers.len()).collect() } else { (0..layers.len()).rev().collect() };
        for c in steps {
            let desired: Vec<f64> = layers[c]
                .iter()
                .map(|&v| {
                    let ns: Vec<usize> = if round >= 6 {
                        up[v].iter().chain(&down[v]).copied().collect()
                    } else if downward {
                        up[v].clone()
                    } else {
                        down[v].clone()
                    };
                    if ns.is_empty() {
                        y[v]
                    } else {
                        ns.iter().map(|&w| y[w]).sum::<f64>() / ns.len() as f64
                    }
                })
                .collect();
            let placed = fit(&layers[c], vertices, &desired);
            for (&v, yv) in layers[c].iter().zip(placed) {
                y[v] = yv;
            }
        }
    }
    let top = layers
        .iter()
        .flatten()
        .map(|&v| y[v] - vertices[v].height / 2.0)
        .fold(f64::INFINITY, f64::min);
    if top.is_finite() {
        for v in y.iter_mut() {
            *v -= top;
        }
    }
    y
}

fn gap(a: &Vertex, b: &Vertex) -> f64 {
    if a.is_box && b.is_box { BOX_GAP } else { LINE_GAP }
}

/// Centres as near `desired` as the column's order and gaps allow (least squares): pool
/// adjacent violators on the centres minus their minimal offsets.
fn fit(layer: &[usize], vertices: &[Vertex], desired: &[f64]) -> Vec<f64> {
    let mut offset = vec![0.0; layer.len()];
    for k in 1..layer.len() {
        let (a, b) = (&vertices[layer[k - 1]], &vertices[layer[k]]);
        offset[k] = offset[k - 1] + a.height / 2.0 + gap(a, b) + b.height / 2.0;
    }
    // Blocks of (sum, count) whose means never decrease.
    let mut blocks: Vec<(f64, usize)> = Vec::with_capacity(layer.len());
    for k in 0..layer.len() {
        blocks.push((desired[k] - offset[k], 1));
        while blocks.len() > 1 {
            let (s2, n2) = blocks[blocks.len() - 1];
            let (s1, n1) = blocks[blocks.len() - 2];
            if s1 / n1 as f64 <= s2 / n2 as f64 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (s1 + s2, n1 + n2);
        }
    }
    let mut out = Vec::with_capacity(layer.len());
    for (sum, count) in blocks {
        for _ in 0..count {
            let k = out.len();
            out.push(sum / count as f64 + offset[k]);
        }
    }
    out
}

/// Where each edge leaves its first box and enters its last: spread along the box's side,
/// in the order of where the edge goes next, so that edges leaving one box do not cross. An
/// edge turning back into its own column enters its last box on the right side, among the
/// edges leaving it.
fn ports(
    n: usize,
    chains: &[Vec<usize>],
    turns: &[bool],
    boxes: &[Rect],
    y: &[f64],
) -> Vec<(f64, f64)> {
    // Per box and side: (where the edge goes next, edge, whether it starts here).
    let mut right: Vec<Vec<(f64, usize, bool)>> = vec![Vec::new(); n];
    let mut left: Vec<Vec<(f64, usize, bool)>> = vec![Vec::new(); n];
    for (e, chain) in chains.iter().enumerate() {
        let last = chain.len() - 1;
        right[chain[0]].push((y[chain[1]], e, true));
        let side = if turns[e] { &mut right } else { &mut left };
        side[chain[last]].push((y[chain[last - 1]], e, false));
    }
    let mut ports = vec![(0.0, 0.0); chains.len()];
    for sides in [&mut right, &mut left] {
        for (i, list) in sides.iter_mut().enumerate() {
            list.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            let r = boxes[i];
            let span = (r.height - 16.0).max(0.0);
            let count = list.len() as f64;
            for (k, &(_, e, starts)) in list.iter().enumerate() {
                let py = r.y + 8.0 + span * (k as f64 + 1.0) / (count + 1.0);
                if starts { ports[e].0 = py } else { ports[e].1 = py }
            }
        }
    }
    ports
}

/// A path through `points`: straight along a column (same `y`), an S-curve with horizontal
/// tangents across a gap (it stays between the gap's two sides).
fn through(points: &[(f64, f64)]) -> Path {
    let mut segments = Vec::with_capacity(points.len());
    let mut last = points[0];
    for &p in &points[1..] {
        if (p.0 - last.0).abs() < 0.05 && (p.1 - last.1).abs() < 0.05 {
            continue;
        }
        if (p.1 - last.1).abs() < 0.05 {
            let third = (p.0 - last.0) / 3.0;
            segments.push([(last.0 + third, last.1), (p.0 - third, p.1), p]);
        } else {
            let dx = (p.0 - last.0) / 2.0;
            segments.push([(last.0 + dx, last.1), (p.0 - dx, p.1), p]);
        }
        last = p;
    }
    Path { start: points[0], segments }
}

/// A band behind each zone's columns, the full height of the drawing, when there are two
/// zones or more (one zone says nothing).
fn zone_bands(columns: &Columns<'_>, zoning: &Zoning, vertices: &[Vertex], y: &[f64]) -> Vec<Band> {
    if zoning.titles.len() < 2 {
        return Vec::new();
    }
    let (top, bottom) = vertices
        .iter()
        .zip(y)
        .filter(|(v, _)| v.column != usize::MAX)
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(t, b), (v, y)| {
            (t.min(y - v.height / 2.0), b.max(y + v.height / 2.0))
        });
    zoning
        .titles
        .iter()
        .enumerate()
        .map(|(z, title)| {
            let (c0, c1) = (2 * columns.first[z], 2 * (columns.first[z] + columns.depth[z] - 1));
            let x = columns.left[c0] - BAND_PAD;
            let rect = Rect {
                x,
                y: top - BAND_HEAD,
                width: columns.left[c1] + columns.widths[c1] + BAND_PAD - x,
                height: bottom - top + BAND_HEAD + BAND_PAD,
            };
            Band { title: title.clone(), rect, tray: false }
        })
        .collect()
}

/// Where the columns are.
struct Columns<'a> {
    first: &'a [usize],
    depth: &'a [usize],
    left: &'a [f64],
    widths: &'a [f64],
}

/// The nodes with no edge in rows under the drawing, in a band of their own.
fn tray(view: &View, zoning: &Zoning, boxes: &mut [Rect], bands: &mut Vec<Band>) {
    let idle: Vec<usize> = (0..boxes.len()).filter(|&i| zoning.zone[i].is_none()).collect();
    if idle.is_empty() {
        return;
    }
    let placed: Vec<Rect> =
        (0..boxes.len()).filter(|&i| zoning.zone[i].is_some()).map(|i| boxes[i]).collect();
    let extent = |rects: &mut dyn Iterator<Item = Rect>| {
        rects.fold((f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY), |(l, r, b), x| {
            (l.min(x.x), r.max(x.right()), b.max(x.bottom()))
        })
    };
    let (mut l, mut r, mut b) =
        extent(&mut placed.iter().copied().chain(bands.iter().map(|b| b.rect)));
    if !l.is_finite() {
        (l, r, b) = (0.0, 0.0, -BAND_PAD - TRAY_GAP);
    }
    let row_width = (r - l).max(720.0) - 2.0 * BAND_PAD;
    let top = b + TRAY_GAP + 2.0 * BAND_PAD;
    let (mut x, mut y, mut row_height, mut right) = (0.0, top + BAND_HEAD, 0.0f64, 0.0f64);
    for &i in &idle {
        let w = boxes[i].width;
        if x > 0.0 && x + w > row_width {
            x = 0.0;
            y += row_height + TRAY_GAP;
            row_height = 0.0;
        }
        boxes[i].x = l + BAND_PAD + x;
        boxes[i].y = y;
        x += w + TRAY_GAP;
        right = right.max(x - TRAY_GAP);
        row_height = row_height.max(boxes[i].height);
    }
    bands.push(Band {
        title: crate::words::map::t(crate::words::map::Text::Tray, view.language).to_owned(),
        rect: Rect {
            x: l,
            y: top,
            width: right + 2.0 * BAND_PAD,
            height: y + row_height + BAND_PAD - top,
        },
        tray: true,
    });
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::manifest::enums::Language;
    use crate::map::layout::Rect;
    use crate::map::quality;
    use crate::map::view::{Edge, EdgeStyle, Mark, Node, NodeKind, View};

    /// A view of `nodes` stores and the given edges (pairs already distinct, as the view
    /// merges both directions of a pair into one edge).
    fn view(
        nodes: &[(usize, Option<usize>, u8)],
        edges: &[(usize, usize, bool, bool)],
        zones: usize,
    ) -> View {
        let node = |(i, &(title, zone, mark)): (usize, &(usize, Option<usize>, u8))| Node {
            id: format!("s{i}"),
            kind: if mark == 3 { NodeKind::Purpose } else { NodeKind::Store },
            title: "Store name ".repeat(title % 4 + 1),
            subtitle: "kind · team".to_owned(),
            domain: None,
            zone: zone.filter(|_| zones > 0).map(|z| format!("zone {}", z % zones.max(1))),
            marks: match mark {
                1 => vec![Mark::Referential],
                2 => vec![Mark::External],
                _ => Vec::new(),
            },
            tooltip: String::new(),
            dimmed: false,
            link: None,
        };
        let edge = |&(from, to, both, labelled): &(usize, usize, bool, bool)| Edge {
            from,
            to,
            flows: vec![format!("f{from}-{to}")],
            fields: 3,
            both,
            style: EdgeStyle::Flow,
            label: if labelled { format!("{} fields", from + to) } else { String::new() },
            tooltip: String::new(),
        };
        View {
            title: String::new(),
            nodes: nodes.iter().enumerate().map(node).collect(),
            edges: edges.iter().map(edge).collect(),
            domains: Vec::new(),
            palette: Vec::new(),
            zones: (0..zones).map(|z| format!("zone {z}")).collect(),
            callouts: Vec::new(),
            language: Language::En,
        }
    }

    fn problems(v: View) -> Vec<String> {
        let d = crate::map::draw(v);
        quality::problems(&d.view, &d.boxes, &d.geometry)
    }

    /// A small map with a cycle, a synchronisation, a long edge and a store with no flow.
    #[test]
    fn a_cycle_a_long_edge_and_a_lonely_store_are_drawn_clean() {
        let nodes = [(0, None, 0), (1, None, 1), (2, None, 0), (3, None, 2), (0, None, 0)];
        let edges =
            [(0, 1, true, true), (1, 2, false, true), (2, 0, false, true), (0, 3, false, true)];
        let v = view(&nodes, &edges, 0);
        let d = crate::map::draw(v);
        assert!(quality::problems(&d.view, &d.boxes, &d.geometry).is_empty());
        assert!(d.geometry.bands.iter().any(|b| b.tray), "the store with no flow is in the tray");
        let tray = d.geometry.bands.iter().find(|b| b.tray).unwrap();
        let lonely = d.geometry.boxes[4];
        assert!(lonely.y > d.geometry.boxes[..4].iter().map(|b| b.bottom()).fold(0.0, f64::max));
        assert!(tray.rect.x <= lonely.x && tray.rect.bottom() >= lonely.bottom());
    }

    /// A chain of twenty stores folds onto laps instead of a strip twenty boxes wide, and is
    /// still drawn clean (the wrapping lines run back between the laps).
    #[test]
    fn a_long_chain_folds_onto_laps() {
        let nodes: Vec<(usize, Option<usize>, u8)> = (0..20).map(|_| (1, None, 0)).collect();
        let edges: Vec<(usize, usize, bool, bool)> =
            (0..19).map(|i| (i, i + 1, false, true)).collect();
        let d = crate::map::draw(view(&nodes, &edges, 0));
        assert!(quality::problems(&d.view, &d.boxes, &d.geometry).is_empty());
        let mut xs: Vec<i64> = d.geometry.boxes.iter().map(|b| b.x.round() as i64).collect();
        xs.sort_unstable();
        xs.dedup();
        assert!(xs.len() <= 7, "{} columns", xs.len());
        let (w, h) = (
            quality::area(&d.geometry),
            d.geometry.boxes.iter().map(|b| b.bottom()).fold(0.0, f64::max),
        );
        assert!(w / (h * h) < 4.0, "near 16:9, not a strip");
    }

    /// Three stores in one column, each pair joined: the lines turn in the gap on the
    /// column's right, each with its label, and enter their boxes from the right, heads
    /// outside, drawn clean.
    #[test]
    fn lines_within_a_column_turn_in_the_gap_on_its_right() {
        let nodes = [(0, Some(0), 0), (1, Some(0), 0), (2, Some(0), 0)];
        let edges = [(0, 1, false, true), (1, 2, true, true), (0, 2, false, true)];
        let v = view(&nodes, &edges, 1);
        let (boxes, zoning, sizes) = measured(&v);
        let g = super::layout_in(&v, &zoning, &sizes, Some(1));
        let centre = |b: &Rect| b.x + b.width / 2.0;
        assert!(g.boxes.iter().all(|b| (centre(b) - centre(&g.boxes[0])).abs() < 0.5));
        for (e, path) in v.edges.iter().zip(&g.paths) {
            let (from, to) = (g.boxes[e.from], g.boxes[e.to]);
            assert!((path.start.0 - from.right()).abs() < 0.5, "leaves on the right");
            assert!((path.end().0 - to.right()).abs() < 0.5, "enters on the right");
        }
        let column = g.boxes.iter().map(Rect::right).fold(0.0, f64::max);
        assert!(g.labels.iter().all(|l| l.is_some_and(|(x, _)| x > column)), "labels in the gap");
        let found = quality::problems(&v, &boxes, &g);
        assert!(found.is_empty(), "{found:#?}");
    }

    /// The boxes, zones and sizes `map::draw` would measure.
    fn measured(
        v: &View,
    ) -> (Vec<crate::map::shape::NodeBox>, crate::map::zones::Zoning, Vec<(f64, f64)>) {
        let boxes: Vec<_> =
            v.nodes.iter().map(|n| crate::map::shape::measure(n, v.language)).collect();
        let sizes = boxes.iter().map(|b| (b.width, b.height)).collect();
        (boxes, crate::map::zones::assign(v), sizes)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// The same maps with their boxes spread over a few columns, as the overview does:
        /// lines between two boxes of one column turn in the gap, and the drawing is still
        /// clean.
        #[test]
        fn generated_maps_spread_over_few_columns_are_drawn_clean(
            nodes in prop::collection::vec((0usize..8, prop::option::of(0usize..4), 0u8..5), 2..20),
            raw in prop::collection::vec((0usize..20, 0usize..20, any::<bool>(), any::<bool>()), 0..40),
            zones in 0usize..4,
            columns in 1usize..6,
        ) {
            let n = nodes.len();
            let mut seen = std::collections::BTreeSet::new();
            let edges: Vec<_> = raw
                .into_iter()
                .map(|(a, b, both, label)| (a % n, b % n, both, label))
                .filter(|&(a, b, _, _)| a != b && seen.insert((a.min(b), a.max(b))))
                .collect();
            let v = view(&nodes, &edges, zones);
            let (boxes, zoning, sizes) = measured(&v);
            let g = super::layout_in(&v, &zoning, &sizes, Some(columns));
            let found = quality::problems(&v, &boxes, &g);
            prop_assert!(found.is_empty(), "{found:#?}");
        }

        /// On generated maps (cycles, synchronisations, declared zones or none, masters,
        /// partners, purposes): no overlapping boxes or labels, no line through a box that
        /// is not one of its ends, every head outside its box, every label on its own line.
        #[test]
        fn generated_maps_are_drawn_clean(
            nodes in prop::collection::vec((0usize..8, prop::option::of(0usize..4), 0u8..5), 2..24),
            raw in prop::collection::vec((0usize..24, 0usize..24, any::<bool>(), any::<bool>()), 0..48),
            zones in 0usize..4,
        ) {
            let n = nodes.len();
            let mut seen = std::collections::BTreeSet::new();
            let edges: Vec<_> = raw
                .into_iter()
                .map(|(a, b, both, label)| (a % n, b % n, both, label))
                .filter(|&(a, b, _, _)| a != b && seen.insert((a.min(b), a.max(b))))
                .collect();
            let found = problems(view(&nodes, &edges, zones));
            prop_assert!(found.is_empty(), "{found:#?}");
        }
    }
}

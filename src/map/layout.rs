//! Geometry from layout-rs: node boxes placed in ranks left to right and edges routed as
//! Bézier paths. layout-rs draws through a `RenderBackend`; ours only records where things
//! go, and the SVG writer draws them its own way.

use std::collections::BTreeMap;

use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::ranks::Oriented;
use super::view::View;

/// Above this many nodes the embedded engine takes too long (layout-rs grows much faster
/// than Graphviz: docs/performance.md); the command suggests a focused view or `--engine dot`.
pub const MAX_NODES: usize = 400;

/// The font size layout-rs sizes edge labels with.
pub const LABEL_SIZE: usize = 11;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    pub fn center(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// Whether two boxes share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

/// A cubic Bézier path: the start, then for each segment two control points and an end.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Path {
    pub start: (f64, f64),
    pub segments: Vec<[(f64, f64); 3]>,
}

impl Path {
    pub fn end(&self) -> (f64, f64) {
        self.segments.last().map_or(self.start, |s| s[2])
    }

    /// The same curve, travelled from its end to its start.
    pub fn reversed(&self) -> Path {
        let segments = (0..self.segments.len())
            .rev()
            .map(|k| {
                let [c1, c2, _] = self.segments[k];
                let begin = if k == 0 { self.start } else { self.segments[k - 1][2] };
                [c2, c1, begin]
            })
            .collect();
        Path { start: self.end(), segments }
    }

    /// Points along the path, `steps` per segment (for measuring crossings and bounds).
    pub fn polyline(&self, steps: usize) -> Vec<(f64, f64)> {
        let mut points = vec![self.start];
        let mut p0 = self.start;
        for [c1, c2, p3] in &self.segments {
            for i in 1..=steps {
                let t = i as f64 / steps as f64;
                let u = 1.0 - t;
                let x = u * u * u * p0.0
                    + 3.0 * u * u * t * c1.0
                    + 3.0 * u * t * t * c2.0
                    + t * t * t * p3.0;
                let y = u * u * u * p0.1
                    + 3.0 * u * u * t * c1.1
                    + 3.0 * u * t * t * c2.1
                    + t * t * t * p3.1;
                points.push((x, y));
            }
            p0 = *p3;
        }
        points
    }
}

/// Where every node and edge of a view goes.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Geometry {
    pub boxes: Vec<Rect>,
    pub paths: Vec<Path>,
    /// The centre of each edge's label, when it has one.
    pub labels: Vec<Option<(f64, f64)>>,
}

/// Records what layout-rs would draw.
#[derive(Default)]
struct Capture {
    rects: BTreeMap<usize, Rect>,
    arrows: BTreeMap<usize, Vec<(Point, Point)>>,
    texts: Vec<((f64, f64), String)>,
}

fn index_of(properties: &Option<String>, prefix: char) -> Option<usize> {
    properties.as_deref()?.strip_prefix(prefix)?.parse().ok()
}

impl RenderBackend for Capture {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        _: &StyleAttr,
        properties: Option<String>,
        _: Option<ClipHandle>,
    ) {
        if let Some(i) = index_of(&properties, 'n') {
            self.rects.insert(i, Rect { x: xy.x, y: xy.y, width: size.x, height: size.y });
        }
    }

    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}

    fn draw_text(&mut self, xy: Point, text: &str, _: &StyleAttr) {
        if !text.is_empty() {
            self.texts.push(((xy.x, xy.y), text.to_owned()));
        }
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        properties: Option<String>,
        _: &str,
    ) {
        if let Some(i) = index_of(&properties, 'e') {
            self.arrows.insert(i, path.to_vec());
        }
    }

    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

/// Lays out `view` with node sizes `sizes`. An error when layout-rs fails (it asserts on
/// some inputs): the map command then suggests `--engine dot`.
/// `oriented` gives the edges acyclic and in an order layout-rs handles fast (`ranks`).
pub fn layout(view: &View, oriented: &Oriented, sizes: &[(f64, f64)]) -> Result<Geometry, String> {
    let run = || {
        let mut vg = VisualGraph::new(Orientation::LeftToRight);
        // Without this, layout-rs re-validates its graph at every step: 100 nodes take 7 s.
        vg.dag.set_validate(false);
        let look =
            StyleAttr::new(layout::core::color::Color::fast("black"), 1, None, 0, LABEL_SIZE);
        let handles: Vec<_> = sizes
            .iter()
            .enumerate()
            .map(|(i, (w, h))| {
                let shape = ShapeKind::new_box("");
                let elem = Element::create_with_properties(
                    shape,
                    look.clone(),
                    Orientation::LeftToRight,
                    Point::new(*w, *h),
                    format!("n{i}"),
                );
                vg.add_node(elem)
            })
            .collect();
        for &(i, reversed) in &oriented.order {
            let e = &view.edges[i];
            let (from, to) = if reversed { (e.to, e.from) } else { (e.from, e.to) };
            let start = if e.both { LineEndKind::Arrow } else { LineEndKind::None };
            let arrow = Arrow::with_properties(
                start,
                LineEndKind::Arrow,
                LineStyleKind::Normal,
                &e.label,
                &look,
                format!("e{i}"),
                &None,
                &None,
            );
            vg.add_edge(arrow, handles[from], handles[to]);
        }
        let mut capture = Capture::default();
        vg.do_it(false, false, false, &mut capture);
        capture
    };
    let capture =
        quietly(run).ok_or_else(|| "the embedded layout engine failed on this map".to_owned())?;
    let boxes = (0..sizes.len())
        .map(|i| capture.rects.get(&i).copied().ok_or_else(|| format!("node {i} was not placed")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut paths: Vec<Path> = (0..view.edges.len())
        .map(|i| capture.arrows.get(&i).map(|p| to_path(p)).unwrap_or_default())
        .collect();
    // An edge fed the other way round to break a cycle is drawn from its real source.
    for &(i, reversed) in &oriented.order {
        if reversed {
            paths[i] = paths[i].reversed();
        }
    }
    let labels = view
        .edges
        .iter()
        .zip(&paths)
        .map(
            |(e, p)| {
                if e.label.is_empty() { None } else { nearest_label(&capture.texts, &e.label, p) }
            },
        )
        .collect();
    Ok(Geometry { boxes, paths, labels })
}

/// layout-rs's `[(start, control), (control, point)…]` as Bézier segments.
fn to_path(points: &[(Point, Point)]) -> Path {
    let Some(first) = points.first() else { return Path::default() };
    let start = (first.0.x, first.0.y);
    let mut segments = Vec::new();
    let mut previous_control = (first.1.x, first.1.y);
    let mut previous_point = start;
    for (i, (control, point)) in points.iter().enumerate().skip(1) {
        let c1 = if i == 1 {
            previous_control
        } else {
            // An SVG `S`: the first control mirrors the previous segment's second one.
            (
                2.0 * previous_point.0 - previous_control.0,
                2.0 * previous_point.1 - previous_control.1,
            )
        };
        segments.push([c1, (control.x, control.y), (point.x, point.y)]);
        previous_control = (control.x, control.y);
        previous_point = (point.x, point.y);
    }
    Path { start, segments }
}

/// The label layout-rs placed for an edge: the one with its text nearest to its path (the
/// path goes through the label's place).
fn nearest_label(texts: &[((f64, f64), String)], label: &str, path: &Path) -> Option<(f64, f64)> {
    let points = path.polyline(8);
    texts
        .iter()
        .filter(|(_, t)| t == label)
        .map(|(xy, _)| {
            let d =
                points.iter().map(|p| (p.0 - xy.0).hypot(p.1 - xy.1)).fold(f64::INFINITY, f64::min);
            (d, *xy)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(d, _)| *d < 60.0)
        .map(|(_, xy)| xy)
}

/// Runs `f`, turning a panic inside it into `None` without printing the panic message:
/// a layout failure is reported as an error of the command, not as a crash. The site lays
/// out maps on several threads at once, so the panic hook is not swapped per call (threads
/// would restore each other's hooks): one hook, installed once, stays silent only on a
/// thread inside `quietly`.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reversed_path_runs_through_the_same_points_backwards() {
        let path = Path {
            start: (0.0, 0.0),
            segments: vec![
                [(1.0, 0.0), (2.0, 1.0), (3.0, 1.0)],
                [(4.0, 1.0), (5.0, 2.0), (6.0, 2.0)],
            ],
        };
        let back = path.reversed();
        assert_eq!(back.start, (6.0, 2.0));
        assert_eq!(back.end(), (0.0, 0.0));
        let mut forward = path.polyline(4);
        forward.reverse();
        for (a, b) in forward.iter().zip(back.polyline(4)) {
            assert!((a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9, "{a:?} {b:?}");
        }
        assert_eq!(back.reversed(), path);
    }

    #[test]
    fn a_panic_in_the_layout_becomes_none() {
        assert_eq!(quietly(|| -> u8 { panic!("layout-rs asserts") }), None);
        assert_eq!(quietly(|| 7), Some(7));
    }
}

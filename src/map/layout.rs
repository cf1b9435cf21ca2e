//! The geometry of a laid-out map: boxes, Bézier paths, label places and bands, in pixels
//! with a top-left origin. `layered` computes it; the writers draw it.

/// The font size of edge labels.
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
    /// Zone bands behind the boxes, and the tray of unconnected nodes.
    pub bands: Vec<Band>,
}

/// A titled area behind boxes: a zone, or the tray.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub title: String,
    pub rect: Rect,
    pub tray: bool,
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
}

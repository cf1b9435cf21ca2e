//! Our SVG writer: the drawing from the view and its geometry, with a title, domain colours,
//! badges and a legend. Same input, same bytes: numbers are rounded to a tenth and every
//! manifest string is escaped. Each store is a `<g class="store" data-id="…">` holding its
//! `<rect>`, each drawn flow a `<g class="flow" data-from="…" data-to="…">`, each with a
//! `<title>` for tooltips.

use std::fmt::Write as _;

use super::layout::{Band, Geometry, Path, Rect};
use super::shape::{self, NodeBox, PILL_SIZE};
use super::style::{self, Palette};
use super::text::{FONT_FAMILY, width};
use super::view::{Callout, EdgeStyle, Mark, NodeKind, Target, View};
use crate::manifest::enums::Language;
use crate::words::map::{self as i18n, Text};

const MARGIN: f64 = 24.0;
const TITLE_FONT: f64 = 20.0;
const BAND_TITLE: f64 = 15.0;
/// The radius of a finding's numbered mark.
const CALLOUT: f64 = 9.0;
const LIST_ROW: f64 = 22.0;
const LIST_WIDTH: f64 = 620.0;
/// The border of a store with `orphan-store`: the red of defects.
pub const ISOLATED_BORDER: &str = "#c62828";

/// A number as the SVG writes it: a tenth of a pixel is enough, and `-0` is `0`.
pub fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 { "0".to_owned() } else { format!("{r}") }
}

/// Text for XML content and attributes: the one escaper's.
pub use crate::text::markup as esc;

/// The whole picture, laid out: where the drawing sits on the canvas, its size, and where
/// the legend and the list of findings go.
pub struct Canvas {
    pub dx: f64,
    pub dy: f64,
    pub width: f64,
    pub height: f64,
    legend_x: f64,
    legend_top: f64,
    list_x: f64,
    header: f64,
}

/// Where everything of the picture goes, and the canvas size: shared by the writer and by
/// the measure of how large names read on a projector (`quality::names_at_1080p`).
pub fn canvas(view: &View, geometry: &Geometry, date: Option<&str>) -> Canvas {
    let legend = Legend::of(view);
    let (min, max) = bounds(geometry);
    let header = TITLE_FONT + 12.0 + if date.is_some() { 18.0 } else { 0.0 };
    let dx = MARGIN - min.0;
    let dy = MARGIN + header - min.1;
    let drawing_width = max.0 - min.0;
    let drawing_height = if view.nodes.is_empty() { 20.0 } else { max.1 - min.1 };
    let (legend_width, legend_height) = legend.size(view);
    // On a projector the height is what runs out: the legend goes beside the tray when the
    // drawing is wide enough, under the drawing otherwise.
    let tray = geometry.bands.iter().find(|b| b.tray).map(|b| b.rect);
    let (legend_x, legend_top) = match tray {
        Some(t) if t.right() - min.0 + 40.0 + legend_width <= drawing_width => {
            (t.right() + dx + 40.0, t.y + dy + 12.0)
        }
        _ => (MARGIN, MARGIN + header + drawing_height + 28.0),
    };
    let title_width = width(&view.title, TITLE_FONT, true);
    let list_x = MARGIN + drawing_width.max(legend_width).max(title_width) + 40.0;
    let list_height = if view.callouts.is_empty() {
        0.0
    } else {
        LIST_ROW * (1 + view.callouts.iter().map(|c| c.findings.len()).sum::<usize>()) as f64
    };
    let canvas_width = if view.callouts.is_empty() {
        (drawing_width.max(legend_width).max(title_width) + 2.0 * MARGIN).ceil()
    } else {
        (list_x + LIST_WIDTH + MARGIN).ceil()
    };
    let canvas_height = (legend_top + legend_height)
        .max(MARGIN + header + drawing_height)
        .max(MARGIN + header + list_height)
        + MARGIN;
    Canvas {
        dx,
        dy,
        width: canvas_width,
        height: canvas_height.ceil(),
        legend_x,
        legend_top,
        list_x,
        header,
    }
}

/// Writes the SVG of a laid-out view. `date` is printed under the title when given.
pub fn write(view: &View, boxes: &[NodeBox], geometry: &Geometry, date: Option<&str>) -> String {
    write_with(view, boxes, geometry, date, false)
}

/// The same picture for the site's interactive map (`assets/map.js`): every box but a link
/// is a focusable button named for screen readers, and the picture is a group of them
/// rather than one image (an image's children are hidden from assistive technology). The
/// standalone files stay images: nothing there would answer a button.
pub fn write_interactive(view: &View, boxes: &[NodeBox], geometry: &Geometry) -> String {
    write_with(view, boxes, geometry, None, true)
}

fn write_with(
    view: &View,
    boxes: &[NodeBox],
    geometry: &Geometry,
    date: Option<&str>,
    interactive: bool,
) -> String {
    let palette = Palette::new(&view.palette);
    let legend = Legend::of(view);
    let Canvas {
        dx,
        dy,
        width: canvas_width,
        height: canvas_height,
        legend_x,
        legend_top,
        list_x,
        header,
    } = canvas(view, geometry, date);

    let mut out = String::new();
    let role = if interactive { "group" } else { "img" };
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}" role="{role}" aria-labelledby="map-title">"#,
        w = num(canvas_width),
        h = num(canvas_height),
    );
    let _ = writeln!(out, r#"<title id="map-title">{}</title>"#, esc(&view.title));
    style::write_defs(&mut out);
    let _ =
        writeln!(out, r##"<rect class="background" width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(
        out,
        r##"<text class="map-title" x="{}" y="{}" font-size="{}" font-weight="bold" fill="#1a1a1a">{}</text>"##,
        num(MARGIN),
        num(MARGIN + TITLE_FONT),
        num(TITLE_FONT),
        esc(&view.title)
    );
    if let Some(date) = date {
        let _ = writeln!(
            out,
            r##"<text class="map-date" x="{}" y="{}" font-size="12" fill="#666666">{}</text>"##,
            num(MARGIN),
            num(MARGIN + TITLE_FONT + 20.0),
            esc(date)
        );
    }
    if view.nodes.is_empty() {
        let _ = writeln!(
            out,
            r##"<text class="empty" x="{}" y="{}" font-size="14" fill="#666666">{}</text>"##,
            num(MARGIN),
            num(MARGIN + header + 14.0),
            esc(i18n::t(Text::Empty, view.language))
        );
    }
    for band in &geometry.bands {
        write_band(&mut out, band, (dx, dy));
    }
    for i in 0..view.edges.len() {
        write_edge(&mut out, view, i, &geometry.paths[i], geometry.labels[i], (dx, dy));
    }
    for (i, (b, r)) in boxes.iter().zip(&geometry.boxes).enumerate() {
        let r = Rect { x: r.x + dx, y: r.y + dy, ..*r };
        write_node(&mut out, view, i, b, &r, &palette, interactive);
    }
    for callout in &view.callouts {
        let (x, y) = callout_place(view, geometry, callout.target);
        write_callout(&mut out, callout, x + dx, y + dy);
    }
    if !view.callouts.is_empty() {
        write_list(&mut out, view, list_x, MARGIN + header);
    }
    legend.write(&mut out, view, &palette, legend_x, legend_top);
    out.push_str("</svg>\n");
    out
}

/// The drawing's extent: boxes, paths and labels.
fn bounds(geometry: &Geometry) -> ((f64, f64), (f64, f64)) {
    let mut min = (f64::INFINITY, f64::INFINITY);
    let mut max = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    let mut grow = |x: f64, y: f64| {
        min = (min.0.min(x), min.1.min(y));
        max = (max.0.max(x), max.1.max(y));
    };
    for r in &geometry.boxes {
        grow(r.x, r.y);
        grow(r.right(), r.bottom());
    }
    for p in &geometry.paths {
        for (x, y) in p.polyline(8) {
            grow(x, y);
        }
    }
    for (x, y) in geometry.labels.iter().flatten() {
        grow(x - 30.0, y - 10.0);
        grow(x + 30.0, y + 10.0);
    }
    for b in &geometry.bands {
        grow(b.rect.x, b.rect.y);
        grow(b.rect.right(), b.rect.bottom());
    }
    if min.0.is_infinite() {
        return ((0.0, 0.0), (0.0, 0.0));
    }
    (min, max)
}

fn path_data(path: &Path, (dx, dy): (f64, f64)) -> String {
    let p = |(x, y): (f64, f64)| format!("{} {}", num(x + dx), num(y + dy));
    let mut d = format!("M {}", p(path.start));
    for [c1, c2, end] in &path.segments {
        let _ = write!(d, " C {}, {}, {}", p(*c1), p(*c2), p(*end));
    }
    d
}

/// Where a callout goes: on the top right corner of a box, or just after a line's label
/// (on the line's middle when it has none).
fn callout_place(view: &View, geometry: &Geometry, target: Target) -> (f64, f64) {
    match target {
        Target::Node(i) => {
            let r = geometry.boxes[i];
            (r.right() - 6.0, r.y)
        }
        Target::Edge(i) => match geometry.labels[i] {
            Some((x, y)) => {
                (x + super::layered::label_width(&view.edges[i].label) / 2.0 + CALLOUT + 2.0, y)
            }
            None => {
                let line = geometry.paths[i].polyline(4);
                line[line.len() / 2]
            }
        },
    }
}

fn write_callout(out: &mut String, callout: &Callout, x: f64, y: f64) {
    let rules: Vec<&str> = callout.findings.iter().map(|(rule, _)| rule.as_str()).collect();
    let _ = writeln!(
        out,
        r##"<g class="callout" data-number="{n}" data-rules="{}" data-level="{}"><circle cx="{}" cy="{}" r="{}" fill="{ISOLATED_BORDER}" stroke="#ffffff" stroke-width="1.5"/><text x="{}" y="{}" font-size="11" font-weight="bold" text-anchor="middle" fill="#ffffff">{n}</text></g>"##,
        esc(&rules.join(" ")),
        callout.level.as_str(),
        num(x),
        num(y),
        num(CALLOUT),
        num(x),
        num(y + 4.0),
        n = callout.number,
    );
}

/// The findings the callouts stand for, numbered, beside the map.
fn write_list(out: &mut String, view: &View, x: f64, top: f64) {
    let _ = writeln!(out, r#"<g class="findings">"#);
    let _ = writeln!(
        out,
        r##"<text x="{}" y="{}" font-size="13" font-weight="bold" fill="#1a1a1a">{}</text>"##,
        num(x),
        num(top + 12.0),
        esc(i18n::t(Text::Findings, view.language))
    );
    let mut y = top + LIST_ROW;
    for callout in &view.callouts {
        for (rule, message) in &callout.findings {
            let line = format!("{rule} — {message}");
            let text = super::text::truncate(&line, 11.0, false, LIST_WIDTH - 2.0 * CALLOUT - 8.0);
            let _ = writeln!(
                out,
                r##"<g class="finding" data-number="{n}"><title>{}</title><circle cx="{}" cy="{}" r="{}" fill="{ISOLATED_BORDER}"/><text x="{}" y="{}" font-size="11" font-weight="bold" text-anchor="middle" fill="#ffffff">{n}</text><text x="{}" y="{}" font-size="11" fill="#333333">{}</text></g>"##,
                esc(&line),
                num(x + CALLOUT),
                num(y + 4.0),
                num(CALLOUT),
                num(x + CALLOUT),
                num(y + 8.0),
                num(x + 2.0 * CALLOUT + 8.0),
                num(y + 8.0),
                esc(&text),
                n = callout.number,
            );
            y += LIST_ROW;
        }
    }
    out.push_str("</g>\n");
}

/// A zone's band, or the tray: a light area with its title at the top, behind everything.
fn write_band(out: &mut String, band: &Band, (dx, dy): (f64, f64)) {
    let (class, fill) = if band.tray { ("tray", "#f4f4f4") } else { ("zone", "#f6f8fa") };
    let r = Rect { x: band.rect.x + dx, y: band.rect.y + dy, ..band.rect };
    let _ = writeln!(out, r#"<g class="{class}" data-id="{}">"#, esc(&band.title));
    let _ = writeln!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" rx="10" fill="{fill}" stroke="#d0d7de" stroke-width="1"/>"##,
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height),
    );
    let _ = writeln!(
        out,
        r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#57606a">{}</text>"##,
        num(r.x + 12.0),
        num(r.y + 22.0),
        num(BAND_TITLE),
        esc(&band.title)
    );
    out.push_str("</g>\n");
}

fn write_edge(
    out: &mut String,
    view: &View,
    i: usize,
    path: &Path,
    label: Option<(f64, f64)>,
    offset: (f64, f64),
) {
    let edge = &view.edges[i];
    let (from, to) = (&view.nodes[edge.from].id, &view.nodes[edge.to].id);
    let look = style::edge(edge.style);
    let dash = look.dash.map_or_else(String::new, |d| format!(r#" stroke-dasharray="{d}""#));
    let start =
        if edge.both { format!(r#" marker-start="url(#{})""#, look.marker) } else { String::new() };
    let class = if edge.style == EdgeStyle::Uses { "use" } else { "flow" };
    let _ = writeln!(
        out,
        r#"<g class="{class}" data-from="{}" data-to="{}" data-flows="{}" data-style="{}">"#,
        esc(from),
        esc(to),
        esc(&edge.flows.join(" ")),
        look.name
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&edge.tooltip));
    let _ = writeln!(
        out,
        r#"<path d="{}" fill="none" stroke="{}" stroke-width="{}"{dash}{start} marker-end="url(#{})"/>"#,
        path_data(path, offset),
        look.color,
        num(look.width),
        look.marker
    );
    if let Some((x, y)) = label {
        // A white plate under the label, so that the line does not strike it through.
        let size = super::layout::LABEL_SIZE as f64;
        let w = width(&edge.label, size, false) + 8.0;
        let (x, y) = (x + offset.0, y + offset.1);
        let _ = writeln!(
            out,
            r##"<rect class="label" x="{}" y="{}" width="{}" height="{}" rx="4" fill="#ffffff" fill-opacity="0.9"/><text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="{}">{}</text>"##,
            num(x - w / 2.0),
            num(y - size * 0.75),
            num(w),
            num(size * 1.5),
            num(x),
            num(y + size * 0.35),
            num(size),
            look.color,
            esc(&edge.label)
        );
    }
    out.push_str("</g>\n");
}

fn write_node(
    out: &mut String,
    view: &View,
    i: usize,
    b: &NodeBox,
    r: &Rect,
    palette: &Palette,
    interactive: bool,
) {
    let node = &view.nodes[i];
    let colors = palette.node(node);
    let opacity = if node.dimmed { r#" opacity="0.5""# } else { "" };
    if let Some(link) = &node.link {
        // A domain's box in the overview opens its focused map.
        let _ = writeln!(out, r#"<a href="{}">"#, esc(link));
    }
    // A box that is a link is focusable already, and a button inside a link would be two
    // controls in one. Its name is the text it shows, in reading order (a name that differs
    // from what a sighted user reads cannot be spoken to voice control); the tooltip says
    // the rest.
    let button = if interactive && node.link.is_none() {
        let shown = b.title.iter().map(String::as_str).chain([b.subtitle.as_str()]);
        let shown = shown.chain(b.pills.iter().map(|p| p.text.as_str()));
        let name: Vec<&str> = shown.filter(|t| !t.is_empty()).collect();
        format!(r#" tabindex="0" role="button" aria-label="{}""#, esc(&name.join(" ")))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        r#"<g class="{}" data-id="{}"{opacity}{button}>"#,
        node.kind.class(),
        esc(&node.id)
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&node.tooltip));
    let radius = if node.kind == NodeKind::Purpose { 18.0 } else { 6.0 };
    let external = node.marks.contains(&Mark::External);
    let isolated = node.marks.contains(&Mark::Isolated);
    // In a field view, a destination outside the EEA stands out: the amber of its badge.
    let abroad =
        node.kind == NodeKind::Field && node.marks.iter().any(|m| matches!(m, Mark::OutsideEea(_)));
    let (stroke, stroke_width) = if isolated {
        (ISOLATED_BORDER, 2.5)
    } else if abroad {
        (style::pill(&Mark::OutsideEea(String::new())).fill, 3.0)
    } else {
        (colors.border.as_str(), 1.5)
    };
    let dash = if external { r#" stroke-dasharray="6 3""# } else { "" };
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="{}"{dash}/>"#,
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height),
        num(radius),
        colors.fill,
        stroke,
        num(stroke_width),
    );
    if node.marks.contains(&Mark::Application) {
        // An application stores nothing: a second, inner border tells it from a store.
        let _ = writeln!(
            out,
            r#"<rect class="application" x="{}" y="{}" width="{}" height="{}" rx="4" fill="none" stroke="{}" stroke-width="1"{dash}/>"#,
            num(r.x + 3.0),
            num(r.y + 3.0),
            num(r.width - 6.0),
            num(r.height - 6.0),
            stroke,
        );
    }
    if matches!(node.kind, NodeKind::Store | NodeKind::Group) {
        // The domain band: a strip along the left edge, following the rounded corners.
        let _ = writeln!(
            out,
            r#"<path class="band" d="M {x6} {y} H {xb} V {yb} H {x6} A 6 6 0 0 1 {x} {yb6} V {y6} A 6 6 0 0 1 {x6} {y} Z" fill="{}"/>"#,
            colors.band,
            x = num(r.x),
            x6 = num(r.x + 6.0),
            xb = num(r.x + shape::BAND),
            y = num(r.y),
            y6 = num(r.y + 6.0),
            yb = num(r.bottom()),
            yb6 = num(r.bottom() - 6.0),
        );
    }
    let left = r.x + NodeBox::text_left(node.kind);
    let (title_y, subtitle_y, pills_y) = b.rows();
    for (k, line) in b.title.iter().enumerate() {
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="{}" font-weight="bold" fill="#1a1a1a">{}</text>"##,
            num(left),
            num(r.y + title_y + k as f64 * b.title_line()),
            num(b.title_size),
            esc(line)
        );
    }
    if !b.subtitle.is_empty() {
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="{}" fill="#4d4d4d">{}</text>"##,
            num(left),
            num(r.y + subtitle_y),
            num(b.subtitle_size),
            esc(&b.subtitle)
        );
    }
    let mut x = left;
    for pill in &b.pills {
        write_pill(out, x, r.y + pills_y, pill);
        x += pill.width + NodeBox::pill_gap();
    }
    out.push_str("</g>\n");
    if node.link.is_some() {
        out.push_str("</a>\n");
    }
}

fn write_pill(out: &mut String, x: f64, y: f64, pill: &shape::Pill) {
    let look = style::pill(&pill.mark);
    let _ = writeln!(
        out,
        r#"<rect class="mark" x="{}" y="{}" width="{}" height="{}" rx="7" fill="{}"/><text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{}">{}</text>"#,
        num(x),
        num(y),
        num(pill.width),
        num(NodeBox::pill_height()),
        look.fill,
        num(x + NodeBox::pill_pad()),
        num(y + 11.0),
        num(PILL_SIZE),
        look.text,
        esc(&pill.text)
    );
}

/// What the legend explains: the domains drawn, the badges used, the kinds of lines.
/// Shared with the DOT writer, so both engines explain the same things.
pub(super) struct Legend {
    pub(super) marks: Vec<Mark>,
    pub(super) edges: Vec<EdgeStyle>,
    pub(super) sync: bool,
    /// A field view's lines join fields and are labelled mechanism · frequency, not a count.
    pub(super) field_lines: bool,
    /// An overview's lines join domains and count flows, not fields; a line with two heads
    /// stands for flows going each way, not only for synchronisations.
    pub(super) group_lines: bool,
    /// Lines between stores too (a domain's map, whose outside stores are domain boxes).
    pub(super) store_lines: bool,
}

const LEGEND_ROW: f64 = 20.0;

impl Legend {
    pub(super) fn of(view: &View) -> Legend {
        let mut marks: Vec<Mark> = view
            .nodes
            .iter()
            .flat_map(|n| n.marks.iter())
            .map(|m| {
                if let Mark::OutsideEea(_) = m {
                    Mark::OutsideEea(String::new())
                } else {
                    m.clone()
                }
            })
            .collect();
        marks.sort();
        marks.dedup();
        let mut edges: Vec<EdgeStyle> = view.edges.iter().map(|e| e.style).collect();
        edges.sort();
        edges.dedup();
        Legend {
            marks,
            edges,
            sync: view.edges.iter().any(|e| e.both && e.style != EdgeStyle::Uses),
            field_lines: view.nodes.iter().any(|n| n.kind == NodeKind::Field),
            group_lines: view.nodes.iter().any(|n| n.kind == NodeKind::Group),
            store_lines: view.nodes.iter().any(|n| n.kind == NodeKind::Store),
        }
    }

    /// What a line with a head at each end means.
    pub(super) fn both_text(&self, lang: Language) -> &'static str {
        let text = match (self.group_lines, self.store_lines) {
            (true, true) => Text::MixedBothEdge,
            (true, false) => Text::GroupBothEdge,
            _ => Text::SyncEdge,
        };
        i18n::t(text, lang)
    }

    /// What a kind of line means, in the legend of either engine.
    pub(super) fn edge_text(&self, style_kind: EdgeStyle, lang: Language) -> &'static str {
        let text = match style_kind {
            EdgeStyle::Flow if self.field_lines => Text::FieldFlowEdge,
            EdgeStyle::Flow if self.group_lines && self.store_lines => Text::MixedFlowEdge,
            EdgeStyle::Flow if self.group_lines => Text::GroupFlowEdge,
            EdgeStyle::Flow => Text::FlowEdge,
            EdgeStyle::Uses => Text::UsesEdge,
            EdgeStyle::Unused => Text::UnusedEdge,
            EdgeStyle::Redundant => Text::RedundantEdge,
            EdgeStyle::UnsafeTransfer => Text::UnsafeEdge,
        };
        i18n::t(text, lang)
    }

    fn rows(&self, view: &View) -> usize {
        let domains = usize::from(!view.domains.is_empty()) * (1 + view.domains.len().div_ceil(4));
        domains + 1 + self.marks.len().max(self.edges.len() + usize::from(self.sync))
    }

    fn size(&self, view: &View) -> (f64, f64) {
        (720.0, self.rows(view) as f64 * LEGEND_ROW)
    }

    fn write(&self, out: &mut String, view: &View, palette: &Palette, x: f64, top: f64) {
        let lang = view.language;
        let _ = writeln!(out, r#"<g class="legend">"#);
        let mut y = top;
        let heading = |out: &mut String, x: f64, y: f64, text: &str| {
            let _ = writeln!(
                out,
                r##"<text x="{}" y="{}" font-size="12" font-weight="bold" fill="#1a1a1a">{}</text>"##,
                num(x),
                num(y),
                esc(text)
            );
        };
        if !view.domains.is_empty() {
            heading(out, x, y, i18n::t(Text::Domains, lang));
            for (i, domain) in view.domains.iter().enumerate() {
                let cx = x + (i % 4) as f64 * 180.0;
                let cy = y + 8.0 + (i / 4) as f64 * LEGEND_ROW;
                let _ = writeln!(
                    out,
                    r##"<rect x="{}" y="{}" width="14" height="12" rx="3" fill="{}"/><text x="{}" y="{}" font-size="11" fill="#333333">{}</text>"##,
                    num(cx),
                    num(cy),
                    palette.band(domain),
                    num(cx + 20.0),
                    num(cy + 10.0),
                    esc(domain)
                );
            }
            y += LEGEND_ROW * (1 + view.domains.len().div_ceil(4)) as f64;
        }
        heading(out, x, y, i18n::t(Text::Legend, lang));
        let mut row = y + 8.0;
        for mark in &self.marks {
            let text = match mark {
                Mark::OutsideEea(_) => "US…".to_owned(),
                m => shape::pill_text(m, lang),
            };
            let look = style::pill(mark);
            let w = width(&text, PILL_SIZE, true) + 2.0 * NodeBox::pill_pad();
            let _ = writeln!(
                out,
                r##"<rect x="{}" y="{}" width="{}" height="15" rx="7" fill="{}"/><text x="{}" y="{}" font-size="{}" font-weight="bold" fill="{}">{}</text><text x="{}" y="{}" font-size="11" fill="#333333">{}</text>"##,
                num(x),
                num(row),
                num(w),
                look.fill,
                num(x + NodeBox::pill_pad()),
                num(row + 11.0),
                num(PILL_SIZE),
                look.text,
                esc(&text),
                num(x + 90.0),
                num(row + 11.0),
                esc(style::mark_meaning(mark, lang))
            );
            row += LEGEND_ROW;
        }
        let mut row = y + 8.0;
        let lx = x + 360.0;
        let mut line = |out: &mut String, look: &style::EdgeLook, both: bool, text: &str| {
            let dash =
                look.dash.map_or_else(String::new, |d| format!(r#" stroke-dasharray="{d}""#));
            let start = if both {
                format!(r#" marker-start="url(#{})""#, look.marker)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                r##"<path d="M {} {} h 60" stroke="{}" stroke-width="{}"{dash}{start} marker-end="url(#{})"/><text x="{}" y="{}" font-size="11" fill="#333333">{}</text>"##,
                num(lx + 6.0),
                num(row + 7.0),
                look.color,
                num(look.width),
                look.marker,
                num(lx + 80.0),
                num(row + 11.0),
                esc(text)
            );
            row += LEGEND_ROW;
        };
        for style_kind in &self.edges {
            line(out, &style::edge(*style_kind), false, self.edge_text(*style_kind, lang));
        }
        if self.sync {
            line(out, &style::edge(EdgeStyle::Flow), true, self.both_text(lang));
        }
        out.push_str("</g>\n");
    }
}

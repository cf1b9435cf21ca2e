//! The size and content of each node's box: its title, its subtitle and its badges, measured
//! with the font's metrics so that every label fits inside its box.

use super::text::{truncate, width, wrap};
use super::view::{Mark, Node, NodeKind};
use crate::manifest::enums::Language;
use crate::words::map::{self as i18n, Text};

pub const TITLE_SIZE: f64 = 14.0;
pub const SUBTITLE_SIZE: f64 = 11.0;
/// A domain's box in the overview of a large map: fewer boxes, so larger names, which stay
/// readable when the whole overview is fitted to a projector (issue 17).
pub const GROUP_TITLE_SIZE: f64 = 20.0;
pub const GROUP_SUBTITLE_SIZE: f64 = 14.0;
pub const PILL_SIZE: f64 = 9.5;
pub const PAD: f64 = 10.0;
/// The domain colour band on the left of a store box.
pub const BAND: f64 = 8.0;
const PILL_PAD: f64 = 5.0;
const PILL_GAP: f64 = 4.0;
const PILL_HEIGHT: f64 = 15.0;
const MIN_WIDTH: f64 = 120.0;
/// The widest a line of text in a box may be: a name longer than that goes on two lines,
/// which keeps boxes narrow and the whole map large enough to read on a projector.
const MAX_TEXT: f64 = 210.0;

/// A badge: its text and the kind of mark (for its colour).
#[derive(Clone, Debug, PartialEq)]
pub struct Pill {
    pub text: String,
    pub mark: Mark,
    pub width: f64,
}

/// What goes in a node's box, measured.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    /// The name, on one line or two.
    pub title: Vec<String>,
    pub subtitle: String,
    pub pills: Vec<Pill>,
    pub width: f64,
    pub height: f64,
    /// The font sizes of the title and the subtitle, in pixels.
    pub title_size: f64,
    pub subtitle_size: f64,
}

impl NodeBox {
    /// Baselines of the title's first line, the subtitle and the top of the badge row, from
    /// the box top.
    pub fn rows(&self) -> (f64, f64, f64) {
        let title = PAD + self.title_size * 0.8;
        let last_title = title + self.title_line() * self.title.len().saturating_sub(1) as f64;
        let subtitle = last_title + 4.0 + self.subtitle_size;
        let pills = if self.subtitle.is_empty() { last_title + 6.0 } else { subtitle + 5.0 };
        (title, subtitle, pills)
    }

    /// The distance between the baselines of two lines of the title.
    pub fn title_line(&self) -> f64 {
        self.title_size + 3.0
    }

    /// Where text starts, from the box's left edge.
    pub fn text_left(kind: NodeKind) -> f64 {
        match kind {
            NodeKind::Store | NodeKind::Group => BAND + PAD,
            _ => PAD,
        }
    }

    pub fn pill_height() -> f64 {
        PILL_HEIGHT
    }

    pub fn pill_pad() -> f64 {
        PILL_PAD
    }

    pub fn pill_gap() -> f64 {
        PILL_GAP
    }
}

pub fn pill_text(mark: &Mark, language: Language) -> String {
    match mark {
        Mark::Referential => i18n::t(Text::Referential, language).to_owned(),
        Mark::Personal => i18n::t(Text::Personal, language).to_owned(),
        Mark::Special => i18n::t(Text::Special, language).to_owned(),
        Mark::External => i18n::t(Text::External, language).to_owned(),
        Mark::Application => i18n::t(Text::StoresNothing, language).to_owned(),
        Mark::OutsideEea(countries) => countries.clone(),
        Mark::Legacy => i18n::t(Text::Legacy, language).to_owned(),
        Mark::Retired => i18n::t(Text::Retired, language).to_owned(),
        Mark::Isolated => i18n::t(Text::Isolated, language).to_owned(),
    }
}

/// Measures a node: long names go on two lines, and only what does not fit on two is cut
/// with an ellipsis (the tooltip keeps it whole).
pub fn measure(node: &Node, language: Language) -> NodeBox {
    let (title_size, subtitle_size) = if node.kind == NodeKind::Group {
        (GROUP_TITLE_SIZE, GROUP_SUBTITLE_SIZE)
    } else {
        (TITLE_SIZE, SUBTITLE_SIZE)
    };
    // A larger font keeps the same number of characters on a line.
    let max_text = MAX_TEXT * title_size / TITLE_SIZE;
    let title = wrap(&node.title, title_size, true, max_text, 2);
    let subtitle = truncate(&node.subtitle, subtitle_size, false, max_text);
    let pills: Vec<Pill> = node
        .marks
        .iter()
        .map(|m| {
            let text = pill_text(m, language);
            let width = width(&text, PILL_SIZE, true) + 2.0 * PILL_PAD;
            Pill { text, mark: m.clone(), width }
        })
        .collect();
    let pills_width: f64 = pills.iter().map(|p| p.width).sum::<f64>()
        + PILL_GAP * pills.len().saturating_sub(1) as f64;
    let text_width = title
        .iter()
        .map(|l| width(l, title_size, true))
        .fold(0.0, f64::max)
        .max(width(&subtitle, subtitle_size, false))
        .max(pills_width);
    let left = NodeBox::text_left(node.kind);
    let width = (left + text_width + PAD).max(MIN_WIDTH).ceil();
    let mut b = NodeBox { title, subtitle, pills, width, height: 0.0, title_size, subtitle_size };
    let (_, subtitle_line, pill_top) = b.rows();
    let bottom = if b.pills.is_empty() { subtitle_line + 4.0 } else { pill_top + PILL_HEIGHT };
    b.height = (bottom + PAD - 2.0).ceil();
    b
}

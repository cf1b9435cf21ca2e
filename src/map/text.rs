//! Text measurement for the SVG maps: advance widths of DejaVu Sans (regular and bold),
//! the font the maps ask for first, so that boxes are sized for their labels. Widths are in
//! thousandths of an em, read once from the font files with fontTools.

/// Advance widths of DejaVu Sans for ASCII 32..=126, per 1000 units of em.
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// The same for DejaVu Sans Bold.
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/// The font stack of every text: DejaVu Sans first (the metrics above), then fonts of
/// similar width.
pub const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Geneva, sans-serif";

/// The width in pixels of `text` at `size` pixels.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let table = if bold { &BOLD } else { &REGULAR };
    let units: u32 = text
        .chars()
        .map(|c| match c as u32 {
            32..=126 => u32::from(table[c as usize - 32]),
            // Accented Latin letters: the average of the Latin-1 letters.
            0xA0..=0x24F => {
                if bold {
                    699
                } else {
                    629
                }
            }
            // Wide scripts and symbols: a full em, to stay on the safe side.
            _ => 1000,
        })
        .sum();
    f64::from(units) * size / 1000.0
}

/// `text` cut to fit `max` pixels, with an ellipsis when cut.
pub fn truncate(text: &str, size: f64, bold: bool, max: f64) -> String {
    if width(text, size, bold) <= max {
        return text.to_owned();
    }
    let ellipsis = width("…", size, bold);
    let mut out = String::new();
    for c in text.chars() {
        let mut next = out.clone();
        next.push(c);
        if width(&next, size, bold) + ellipsis > max {
            break;
        }
        out = next;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Wider letters measure wider; bold is wider than regular.
    #[test]
    fn measures() {
        assert!(width("WWW", 10.0, false) > width("iii", 10.0, false));
        assert!(width("CRM", 10.0, true) > width("CRM", 10.0, false));
        assert!((width("a", 1000.0, false) - 613.0).abs() < 1e-9);
    }

    /// Truncation keeps within the width and says it cut.
    #[test]
    fn truncates() {
        let cut = truncate("Customer relationship management", 12.0, false, 80.0);
        assert!(cut.ends_with('…'));
        assert!(width(&cut, 12.0, false) <= 80.0);
        assert_eq!(truncate("CRM", 12.0, false, 80.0), "CRM");
    }
}

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

/// `text` on at most `lines` lines of `max` pixels, broken between words (inside a word
/// only when it alone is too wide); what still does not fit ends the last line with an
/// ellipsis.
pub fn wrap(text: &str, size: f64, bold: bool, max: f64, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if width(&candidate, size, bold) <= max {
            line = candidate;
            continue;
        }
        if out.len() + 1 == lines {
            // The last line: the rest of the text, cut.
            let rest: Vec<&str> = std::iter::once(word).chain(words).collect();
            let full =
                if line.is_empty() { rest.join(" ") } else { format!("{line} {}", rest.join(" ")) };
            out.push(truncate(&full, size, bold, max));
            return out;
        }
        if line.is_empty() {
            // One word wider than a line: break it where it overflows.
            let mut head = String::new();
            let mut tail = String::new();
            for c in word.chars() {
                if tail.is_empty() && width(&format!("{head}{c}"), size, bold) <= max {
                    head.push(c);
                } else {
                    tail.push(c);
                }
            }
            out.push(head);
            line = tail;
        } else {
            out.push(std::mem::take(&mut line));
            line = word.to_owned();
        }
        if width(&line, size, bold) > max && out.len() + 1 == lines {
            let rest: Vec<&str> = std::iter::once(line.as_str()).chain(words).collect();
            out.push(truncate(&rest.join(" "), size, bold, max));
            return out;
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Long names go on two lines, broken between words, each within the width; only what
    /// does not fit on two lines is cut.
    #[test]
    fn wraps_on_two_lines() {
        let lines = wrap("Social ad platform (customer-match audiences)", 14.0, true, 200.0, 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "Social ad platform");
        assert!(lines[1].starts_with("(customer-match"), "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 14.0, true) <= 200.0));
        assert_eq!(wrap("CRM", 14.0, true, 200.0, 2), ["CRM"]);
        let long = wrap(&"word ".repeat(40), 14.0, true, 200.0, 2);
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…') && !long[0].ends_with('…'));
        let unbroken = wrap(&"x".repeat(80), 14.0, true, 200.0, 2);
        assert!(unbroken.iter().all(|l| width(l, 14.0, true) <= 200.0), "{unbroken:?}");
    }

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

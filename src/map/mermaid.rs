//! The Mermaid flowchart of a view, for Markdown pages and wikis that render Mermaid.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::shape::pill_text;
use super::view::{EdgeStyle, NodeKind, View};

/// Text inside a quoted Mermaid label: quotes and angle brackets as entity codes, so that
/// nothing from a manifest becomes markup.
fn label(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn write(view: &View) -> String {
    let mut out = String::from("flowchart LR\n");
    let _ = writeln!(out, "  %% {}", label(&view.title));
    let mut groups: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (i, n) in view.nodes.iter().enumerate() {
        groups.entry(n.domain.as_deref()).or_default().push(i);
    }
    for (g, (domain, members)) in groups.iter().enumerate() {
        if let Some(domain) = domain {
            let _ = writeln!(out, "  subgraph d{g}[\"{}\"]", label(domain));
        }
        for &i in members {
            let n = &view.nodes[i];
            let mut text = label(&n.title);
            if !n.subtitle.is_empty() {
                let _ = write!(text, "<br/><small>{}</small>", label(&n.subtitle));
            }
            let marks: Vec<String> =
                n.marks.iter().map(|m| label(&pill_text(m, view.language))).collect();
            if !marks.is_empty() {
                let _ = write!(text, "<br/>{}", marks.join(" · "));
            }
            let (open, close) = if n.kind == NodeKind::Purpose { ("([", "])") } else { ("[", "]") };
            let _ = writeln!(out, "    n{i}{open}\"{text}\"{close}");
        }
        if domain.is_some() {
            out.push_str("  end\n");
        }
    }
    for e in &view.edges {
        let arrow = match (e.style, e.both) {
            (EdgeStyle::Uses | EdgeStyle::Unused | EdgeStyle::Redundant, _) => "-.->",
            (EdgeStyle::UnsafeTransfer, false) => "==>",
            (EdgeStyle::UnsafeTransfer, true) => "<==>",
            (_, true) => "<-->",
            (_, false) => "-->",
        };
        if e.label.is_empty() {
            let _ = writeln!(out, "  n{} {arrow} n{}", e.from, e.to);
        } else {
            let _ = writeln!(out, "  n{} {arrow}|\"{}\"| n{}", e.from, label(&e.label), e.to);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::label;

    /// Markup in a name stays text.
    #[test]
    fn escapes() {
        assert_eq!(label("<script>\"x\" & #"), "#lt;script#gt;#quot;x#quot; #amp; #35;");
    }
}

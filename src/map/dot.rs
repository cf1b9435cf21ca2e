//! The DOT of a view, for Graphviz (`--engine dot`, `--format dot`): the same nodes, edges,
//! colours and legend as the SVG writer; one cluster per domain only on request (`--clusters`),
//! since dot's clusters cost 6–10× the crossings on the maps measured in issue 17.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::shape::pill_text;
use super::style::{self, Palette};
use super::svg::Legend;
use super::text::FONT_FAMILY;
use super::view::{EdgeStyle, Mark, NodeKind, View};
use crate::words::map::{self as i18n, Text};

/// A DOT string literal.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The DOT text of `view`; `clusters` boxes each domain in a Graphviz cluster, else the domain
/// shows in the nodes' colours, explained by the legend.
pub fn write(view: &View, clusters: bool) -> String {
    let palette = Palette::new(&view.palette);
    let font = FONT_FAMILY.split(',').next().unwrap_or("sans-serif");
    let mut out = String::from("digraph map {\n");
    let _ = writeln!(
        out,
        "  graph [newrank=true, rankdir=LR, label={}, labelloc=t, labeljust=l, fontname={}, fontsize=20, nodesep=0.4, ranksep=0.9];",
        quote(&view.title),
        quote(font)
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fontname={}, fontsize=11, penwidth=1.5];",
        quote(font)
    );
    let _ = writeln!(out, "  edge [fontname={}, fontsize=10, penwidth=1.5];", quote(font));
    let mut groups: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (i, n) in view.nodes.iter().enumerate() {
        groups.entry(n.domain.as_deref().filter(|_| clusters)).or_default().push(i);
    }
    for (c, (domain, members)) in groups.iter().enumerate() {
        let indent = if domain.is_some() { "    " } else { "  " };
        if let Some(domain) = domain {
            let _ = writeln!(out, "  subgraph cluster_{c} {{");
            let _ = writeln!(
                out,
                "    graph [label={}, style=\"rounded,filled\", color={}, fillcolor=\"#fcfcfc\", fontsize=13];",
                quote(domain),
                quote(palette.band(domain))
            );
        }
        for &i in members {
            let _ = writeln!(out, "{indent}{}", node_line(view, i, &palette));
        }
        if domain.is_some() {
            out.push_str("  }\n");
        }
    }
    for e in &view.edges {
        let look = style::edge(e.style);
        let mut attrs =
            vec![format!("color={}", quote(look.color)), format!("tooltip={}", quote(&e.tooltip))];
        if !e.label.is_empty() {
            attrs.push(format!("label={}", quote(&e.label)));
            attrs.push(format!("fontcolor={}", quote(look.color)));
        }
        if e.both {
            attrs.push("dir=both".to_owned());
        }
        if look.dash.is_some() {
            attrs.push(if e.style == EdgeStyle::Unused {
                "style=dotted".to_owned()
            } else {
                "style=dashed".to_owned()
            });
        }
        if e.style == EdgeStyle::UnsafeTransfer {
            attrs.push("penwidth=2.5".to_owned());
        }
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            quote(&view.nodes[e.from].id),
            quote(&view.nodes[e.to].id),
            attrs.join(", ")
        );
    }
    legend(&mut out, view, &palette);
    out.push_str("}\n");
    out
}

/// Text inside a Graphviz HTML-like label.
fn html(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The legend as one HTML-label node in its own subgraph, below the map (`rank=sink`): the
/// domains' colours, the badges and the kinds of lines drawn, as the SVG legend says them.
fn legend(out: &mut String, view: &View, palette: &Palette) {
    let lang = view.language;
    let legend = Legend::of(view);
    let mut rows = Vec::new();
    let heading =
        |text: &str| format!(r#"<TR><TD COLSPAN="2" ALIGN="LEFT"><B>{}</B></TD></TR>"#, html(text));
    if !view.domains.is_empty() {
        rows.push(heading(i18n::t(Text::Domains, lang)));
        for domain in &view.domains {
            rows.push(format!(
                r#"<TR><TD BGCOLOR="{}" WIDTH="20"> </TD><TD ALIGN="LEFT">{}</TD></TR>"#,
                palette.band(domain),
                html(domain)
            ));
        }
    }
    if legend.marks.is_empty() && legend.edges.is_empty() && !legend.sync && rows.is_empty() {
        return;
    }
    rows.push(heading(i18n::t(Text::Legend, lang)));
    for mark in &legend.marks {
        let text = match mark {
            Mark::OutsideEea(_) => "US…".to_owned(),
            m => pill_text(m, lang),
        };
        let look = style::pill(mark);
        rows.push(format!(
            r#"<TR><TD BGCOLOR="{}"><FONT COLOR="{}"><B>[{}]</B></FONT></TD><TD ALIGN="LEFT">{}</TD></TR>"#,
            look.fill,
            look.text,
            html(&text),
            html(style::mark_meaning(mark, lang))
        ));
    }
    let mut line = |look: &style::EdgeLook, both: bool, text: &str| {
        let arrow = if both { "⟷" } else { "⟶" };
        let dash = if look.dash.is_some() { " ┄" } else { "" };
        rows.push(format!(
            r#"<TR><TD><FONT COLOR="{}"><B>{arrow}{dash}</B></FONT></TD><TD ALIGN="LEFT">{}</TD></TR>"#,
            look.color,
            html(text)
        ));
    };
    for kind in &legend.edges {
        line(&style::edge(*kind), false, legend.edge_text(*kind, lang));
    }
    if legend.sync {
        line(&style::edge(EdgeStyle::Flow), true, legend.both_text(lang));
    }
    let _ = writeln!(out, "  subgraph legend {{");
    out.push_str("    graph [rank=sink];\n");
    let _ = writeln!(
        out,
        "    \"datacarto legend\" [shape=plaintext, style=\"\", class=\"legend\", label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\">{}</TABLE>>];",
        rows.join("")
    );
    out.push_str("  }\n");
}

fn node_line(view: &View, i: usize, palette: &Palette) -> String {
    let n = &view.nodes[i];
    let colors = palette.node(n);
    let mut label = n.title.clone();
    if !n.subtitle.is_empty() {
        label.push('\n');
        label.push_str(&n.subtitle);
    }
    let pills: Vec<String> =
        n.marks.iter().map(|m| format!("[{}]", pill_text(m, view.language))).collect();
    if !pills.is_empty() {
        label.push('\n');
        label.push_str(&pills.join(" "));
    }
    let mut attrs = vec![
        format!("label={}", quote(&label)),
        format!("tooltip={}", quote(&n.tooltip)),
        format!("fillcolor={}", quote(&colors.fill)),
        format!("color={}", quote(&colors.border)),
        format!("class={}", quote(n.kind.class())),
    ];
    if n.kind == NodeKind::Purpose {
        attrs.push("shape=box, style=\"rounded,filled,bold\"".to_owned());
    }
    if n.marks.contains(&Mark::Application) {
        attrs.push("peripheries=2".to_owned());
    }
    if n.marks.contains(&Mark::External) {
        attrs.push("style=\"rounded,filled,dashed\"".to_owned());
    }
    if n.marks.contains(&Mark::Isolated) {
        attrs.push("color=\"#c62828\", penwidth=2.5".to_owned());
    }
    if n.dimmed {
        attrs.push("fontcolor=\"#808080\"".to_owned());
    }
    format!("{} [{}];", quote(&n.id), attrs.join(", "))
}

#[cfg(test)]
mod tests {
    use super::quote;

    /// Quotes and backslashes cannot end a DOT string early.
    #[test]
    fn quoting() {
        assert_eq!(quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
    }
}

//! Colours and line styles of the maps: a palette for domains (zones are the columns, so
//! domains read by colour: a band on each store and a swatch in the legend), badge colours,
//! and one look per kind of edge. Colours are chosen to stay apart for colour-blind readers
//! (Okabe–Ito and Tableau hues) and on a projector; red is kept for defects only.

use std::fmt::Write as _;

use super::view::{EdgeStyle, Mark, Node, NodeKind};
use crate::manifest::enums::Language;
use crate::words::map::{self as i18n, Text};

/// Band colour and light fill per domain.
const DOMAINS: &[(&str, &str)] = &[
    ("#0072b2", "#eaf3fa"),
    ("#e69f00", "#fdf5e6"),
    ("#009e73", "#e6f5f1"),
    ("#cc79a7", "#faeff5"),
    ("#56b4e9", "#edf7fd"),
    ("#44aa99", "#e9f6f4"),
    ("#7f7f7f", "#f2f2f2"),
    ("#b8a000", "#f8f5e0"),
    ("#6a3d9a", "#f0ebf5"),
    ("#8c564b", "#f4eeec"),
];

pub struct NodeColors {
    pub fill: String,
    pub band: String,
    pub border: String,
}

/// Domain colours, given in the sorted order of the domains drawn.
pub struct Palette {
    domains: Vec<String>,
}

impl Palette {
    pub fn new(domains: &[String]) -> Palette {
        Palette { domains: domains.to_vec() }
    }

    fn pair(&self, domain: &str) -> (&'static str, &'static str) {
        let i = self.domains.iter().position(|d| d == domain).unwrap_or(0);
        DOMAINS[i % DOMAINS.len()]
    }

    pub fn band(&self, domain: &str) -> &'static str {
        self.pair(domain).0
    }

    pub fn node(&self, node: &Node) -> NodeColors {
        match (node.kind, &node.domain) {
            (NodeKind::Purpose, _) => NodeColors {
                fill: "#fff8d6".into(),
                band: "#b8a000".into(),
                border: "#8a7600".into(),
            },
            (_, Some(domain)) => {
                let (band, fill) = self.pair(domain);
                NodeColors { fill: fill.into(), band: band.into(), border: band.into() }
            }
            (_, None) => NodeColors {
                fill: "#f7f7f7".into(),
                band: "#9e9e9e".into(),
                border: "#9e9e9e".into(),
            },
        }
    }
}

pub struct PillLook {
    pub fill: &'static str,
    pub text: &'static str,
}

pub fn pill(mark: &Mark) -> PillLook {
    let (fill, text) = match mark {
        Mark::Referential => ("#1b7f3b", "#ffffff"),
        Mark::Personal => ("#dbe9f6", "#0b4f8a"),
        Mark::Special => ("#6a3d9a", "#ffffff"),
        Mark::External => ("#ede0f5", "#5b2a86"),
        Mark::Application => ("#e6f4f1", "#00695c"),
        Mark::OutsideEea(_) => ("#f0b400", "#1a1a1a"),
        Mark::Legacy | Mark::Retired => ("#e0e0e0", "#424242"),
        Mark::Isolated => ("#fde0e0", "#b71c1c"),
    };
    PillLook { fill, text }
}

/// What a badge means, for the legend.
pub fn mark_meaning(mark: &Mark, lang: Language) -> &'static str {
    match (mark, lang) {
        (Mark::Referential, Language::En) => "the customer master",
        (Mark::Referential, Language::Fr) => "le référentiel client",
        (Mark::Personal, Language::En) => "holds personal data",
        (Mark::Personal, Language::Fr) => "contient des données personnelles",
        (Mark::Special, Language::En) => "special-category data (art. 9, 10)",
        (Mark::Special, Language::Fr) => "données sensibles (art. 9, 10)",
        (Mark::External, Language::En) => "outside party (dashed border)",
        (Mark::External, Language::Fr) => "tiers externe (bordure pointillée)",
        (Mark::Application, Language::En) => {
            "an application: processes what flows through it, stores nothing (double border)"
        }
        (Mark::Application, Language::Fr) => {
            "une application : traite ce qui la traverse, ne stocke rien (double bordure)"
        }
        (Mark::OutsideEea(_), _) => i18n::t(Text::OutsideEea, lang),
        (Mark::Legacy, Language::En) => "legacy system, to replace",
        (Mark::Legacy, Language::Fr) => "ancien système, à remplacer",
        (Mark::Retired, Language::En) => "switched off",
        (Mark::Retired, Language::Fr) => "arrêté",
        (Mark::Isolated, Language::En) => "isolated: no flow, no use (red border)",
        (Mark::Isolated, Language::Fr) => "isolé : ni flux ni usage (bordure rouge)",
    }
}

pub struct EdgeLook {
    pub name: &'static str,
    pub color: &'static str,
    pub width: f64,
    pub dash: Option<&'static str>,
    pub marker: &'static str,
}

pub fn edge(style: EdgeStyle) -> EdgeLook {
    match style {
        EdgeStyle::Flow => {
            EdgeLook { name: "flow", color: "#4d4d4d", width: 1.5, dash: None, marker: "head-flow" }
        }
        EdgeStyle::Uses => EdgeLook {
            name: "uses",
            color: "#8a7600",
            width: 1.5,
            dash: Some("5 4"),
            marker: "head-uses",
        },
        EdgeStyle::Unused => EdgeLook {
            name: "unused",
            // Dark and wide enough to be seen on a projector, dotted to read as "not used".
            color: "#6e6e6e",
            width: 2.5,
            dash: Some("2 5"),
            marker: "head-unused",
        },
        EdgeStyle::Redundant => EdgeLook {
            name: "redundant",
            color: "#c62828",
            width: 2.0,
            dash: Some("8 4"),
            marker: "head-redundant",
        },
        EdgeStyle::UnsafeTransfer => EdgeLook {
            name: "unsafe-transfer",
            color: "#c62828",
            width: 2.5,
            dash: None,
            marker: "head-unsafe",
        },
    }
}

/// Arrowheads, one per edge colour; `auto-start-reverse` lets one marker serve both ends.
pub fn write_defs(out: &mut String) {
    out.push_str("<defs>\n");
    for style in [
        EdgeStyle::Flow,
        EdgeStyle::Uses,
        EdgeStyle::Unused,
        EdgeStyle::Redundant,
        EdgeStyle::UnsafeTransfer,
    ] {
        let look = edge(style);
        let _ = writeln!(
            out,
            r#"<marker id="{}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="{}"/></marker>"#,
            look.marker, look.color
        );
    }
    out.push_str("</defs>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Properties (personal, special, outside the EEA, master, external) and defects (lines
    /// with a finding, isolated stores) never share a colour: red means a defect, only.
    #[test]
    fn properties_and_defects_never_share_a_colour() {
        let properties: Vec<&str> = [
            Mark::Personal,
            Mark::Special,
            Mark::OutsideEea(String::new()),
            Mark::Referential,
            Mark::External,
        ]
        .iter()
        .map(|m| pill(m).fill)
        .collect();
        let defects = [
            edge(EdgeStyle::Redundant).color,
            edge(EdgeStyle::UnsafeTransfer).color,
            edge(EdgeStyle::Unused).color,
            pill(&Mark::Isolated).fill,
            pill(&Mark::Isolated).text,
            super::super::svg::ISOLATED_BORDER,
        ];
        for d in defects {
            assert!(!properties.contains(&d), "{d} is both a property and a defect");
        }
    }
}

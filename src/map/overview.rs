//! The overview of a large map: above `THRESHOLD` stores the whole map is one box per domain,
//! with the flows between domains counted, and focused views (`--focus`, `--team`,
//! `--purpose`) draw the detail. A map of a thousand stores is a dozen boxes a room can read.

use std::collections::{BTreeMap, BTreeSet};

use super::view::{Callout, Edge, EdgeStyle, Mark, Node, NodeKind, Selection, Target, View};
use crate::words::map::{self as i18n, Text};

/// Above this many stores the whole map is drawn as its overview.
pub const THRESHOLD: usize = 60;

/// The overview tries its boxes in as many columns as zones, and up to this many more.
pub const MAX_EXTRA_COLUMNS: usize = 10;

/// Whether `view` is an overview (its boxes are all domains).
pub fn is(view: &View) -> bool {
    !view.nodes.is_empty() && view.nodes.iter().all(|n| n.kind == NodeKind::Group)
}

/// What the embedded engine draws of `view`: the whole map of a large system as its
/// overview, a domain's map with the stores outside the domain collapsed into one box per
/// domain, a purpose whose journey is too wide to read with the stores upstream of those it
/// reads collapsed into one box per domain, any other view as it is (DOT, Mermaid and
/// Graphviz keep every store).
pub fn when_large(view: View, selection: Selection) -> View {
    match selection {
        Selection::System if needed(&view) => of(&view),
        // In a domain's view, the stores outside it are exactly those drawn lighter.
        Selection::Domain(_) => grouped(&view, &|n: &Node| !n.dimmed),
        // A journey can reach half of a large map: a thousand boxes say nothing on a page
        // (and cost the site minutes to draw). The stores whose fields the purpose uses
        // stay; where their data comes from is counted by domain.
        Selection::Purpose(_) if needed(&view) => {
            let read: BTreeSet<&str> = view
                .edges
                .iter()
                .filter(|e| view.nodes[e.to].kind == NodeKind::Purpose)
                .map(|e| view.nodes[e.from].id.as_str())
                .collect();
            let mut journey = grouped(&view, &|n: &Node| {
                n.kind != NodeKind::Store || read.contains(n.id.as_str())
            });
            // A purpose's map is drawn in places (a page, `map --purpose -o`) where no
            // domain's map sits beside it to link to.
            for node in &mut journey.nodes {
                node.link = None;
            }
            journey
        }
        _ => view,
    }
}

/// Whether `view` has too many stores to be read whole on a projector.
pub fn needed(view: &View) -> bool {
    view.nodes.iter().filter(|n| n.kind == NodeKind::Store).count() > THRESHOLD
}

/// The file of a domain's focused map, beside the overview: `domain-<name>.svg`, the name
/// in lower case with anything but ASCII letters and digits made a dash (a second domain
/// that would get the same file gets its index after it). `domains` are every domain of
/// the map, sorted (`Model::domains`, a view's `palette`).
pub fn domain_file(domains: &[String], d: usize) -> String {
    let slug = |name: &str| {
        let mut out = String::new();
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
        let out = out.trim_matches('-').to_owned();
        if out.is_empty() { "domain".to_owned() } else { out }
    };
    let own = slug(&domains[d]);
    if domains[..d].iter().any(|other| slug(other) == own) {
        format!("domain-{own}-{d}.svg")
    } else {
        format!("domain-{own}.svg")
    }
}

/// One box per domain (stores without one share a box that says so), one line per pair of
/// domains that flows connect, labelled with the number of flows; each box links to its
/// domain's focused map (`domain_file`).
pub fn of(view: &View) -> View {
    let mut overview = grouped(view, &|_| false);
    overview.title = format!("{} — {}", view.title, i18n::t(Text::Overview, view.language));
    overview
}

/// What a node becomes: itself, or its domain's box.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Domain(String),
    Kept(usize),
}

/// The nodes `keep` accepts as they are, with the lines among them; every other node in its
/// domain's box, with the flows between boxes, and between a kept node and a box, counted
/// on one line.
fn grouped(view: &View, keep: &dyn Fn(&Node) -> bool) -> View {
    let lang = view.language;
    let not_stated = i18n::t(Text::DomainNotStated, lang).to_owned();
    let key = |i: usize| {
        let n = &view.nodes[i];
        if keep(n) {
            Key::Kept(i)
        } else {
            Key::Domain(n.domain.clone().unwrap_or_else(|| not_stated.clone()))
        }
    };
    let mut members: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for i in 0..view.nodes.len() {
        members.entry(key(i)).or_default().push(i);
    }
    let group_of: BTreeMap<Key, usize> =
        members.keys().enumerate().map(|(g, k)| (k.clone(), g)).collect();
    let group_at = |i: usize| group_of[&key(i)];
    let kept = |i: usize| keep(&view.nodes[i]);
    // Lines between two kept nodes stay as they are, first; the others are counted.
    let mut kept_edges: Vec<Edge> = Vec::new();
    let mut kept_index: BTreeMap<usize, usize> = BTreeMap::new();
    let mut pairs: BTreeMap<(usize, usize), Pair> = BTreeMap::new();
    let mut inside = vec![0usize; members.len()];
    for (i, e) in view.edges.iter().enumerate() {
        let (a, b) = (group_at(e.from), group_at(e.to));
        if kept(e.from) && kept(e.to) {
            kept_index.insert(i, kept_edges.len());
            kept_edges.push(Edge { from: a, to: b, ..e.clone() });
            continue;
        }
        if a == b {
            inside[a] += e.flows.len();
            continue;
        }
        let pair = pairs.entry((a.min(b), a.max(b))).or_default();
        pair.flows.extend(e.flows.iter().cloned());
        pair.fields += e.fields;
        pair.styles.push(e.style);
        // Flows counted each way; a synchronisation goes both.
        let n = e.flows.len().max(1);
        if e.both || a < b {
            pair.forward += n;
        }
        if e.both || a > b {
            pair.backward += n;
        }
    }
    let first_pair = kept_edges.len();
    let pair_index: BTreeMap<(usize, usize), usize> =
        pairs.keys().enumerate().map(|(k, pair)| (*pair, first_pair + k)).collect();
    // Where each finding of the detail lands: a store's on its box, a flow's on its line,
    // or on the box when the flow stays inside one domain's box.
    let target_of = |target: Target| match target {
        Target::Node(i) => Target::Node(group_at(i)),
        Target::Edge(i) => {
            if let Some(&k) = kept_index.get(&i) {
                return Target::Edge(k);
            }
            let e = &view.edges[i];
            let (a, b) = (group_at(e.from), group_at(e.to));
            if a == b { Target::Node(a) } else { Target::Edge(pair_index[&(a.min(b), a.max(b))]) }
        }
    };
    let callouts = counted(view, &target_of);
    let nodes: Vec<Node> = members
        .iter()
        .enumerate()
        .map(|(g, (k, list))| match k {
            Key::Kept(i) => view.nodes[*i].clone(),
            Key::Domain(name) => {
                let mut node = group(view, name, list, inside[g]);
                // Context around a selection stays lighter once collapsed.
                node.dimmed = list.iter().all(|&i| view.nodes[i].dimmed);
                // Each domain's box opens the domain's map (the box of stores whose domain
                // is not stated has none).
                if node.domain.as_ref() == Some(name)
                    && let Ok(d) = view.palette.binary_search(name)
                {
                    node.link = Some(domain_file(&view.palette, d));
                }
                node
            }
        })
        .collect();
    let mut edges = kept_edges;
    edges.extend(pairs.into_iter().map(|((a, b), p)| {
        // Drawn the way most flows go.
        let (from, to) = if p.forward >= p.backward { (a, b) } else { (b, a) };
        let style = worst(&p.styles);
        let flows: Vec<String> = p.flows.into_iter().collect();
        let count = flows.len();
        Edge {
            from,
            to,
            label: format!("{count} {}", i18n::plural(Text::FlowWord, count, lang)),
            tooltip: format!(
                "{} → {}\n{}: {}",
                nodes[from].title,
                nodes[to].title,
                i18n::t(Text::Flows, lang),
                flows.join(", ")
            ),
            flows,
            fields: p.fields,
            both: p.forward > 0 && p.backward > 0,
            style,
        }
    }));
    let mut domains: Vec<String> = nodes.iter().filter_map(|n| n.domain.clone()).collect();
    domains.sort();
    domains.dedup();
    View {
        title: view.title.clone(),
        nodes,
        edges,
        domains,
        palette: view.palette.clone(),
        zones: view.zones.clone(),
        callouts,
        language: lang,
    }
}

/// One callout per box or line of the overview, numbered as the detailed map numbers them;
/// its list says, per rule, how many findings the domain's stores and flows have, the first
/// as an example: a thousand stores' findings would not fit beside the map one by one.
fn counted(view: &View, target_of: &dyn Fn(Target) -> Target) -> Vec<Callout> {
    let lang = view.language;
    let mut found: BTreeMap<Target, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    let mut levels: BTreeMap<Target, crate::diag::Level> = BTreeMap::new();
    for callout in &view.callouts {
        let target = target_of(callout.target);
        let level = levels.entry(target).or_insert(callout.level);
        *level = (*level).max(callout.level);
        let rules = found.entry(target).or_default();
        for (rule, message) in &callout.findings {
            rules.entry(rule.clone()).or_default().push(message.clone());
        }
    }
    found
        .into_iter()
        .enumerate()
        .map(|(k, (target, rules))| Callout {
            number: k + 1,
            level: levels.get(&target).copied().unwrap_or(crate::diag::Level::Info),
            target,
            findings: rules
                .into_iter()
                .map(|(rule, messages)| {
                    let n = messages.len();
                    let text = if n == 1 {
                        messages[0].clone()
                    } else {
                        format!(
                            "{n} {}, {} {}",
                            i18n::plural(Text::FindingWord, n, lang),
                            i18n::t(Text::ForExample, lang),
                            messages[0]
                        )
                    };
                    (rule, text)
                })
                .collect(),
        })
        .collect()
}

#[derive(Default)]
struct Pair {
    flows: BTreeSet<String>,
    fields: usize,
    styles: Vec<EdgeStyle>,
    forward: usize,
    backward: usize,
}

/// A line stands for many flows: a transfer without safeguard among them marks it; it is
/// drawn redundant or unused only when all of them are.
fn worst(styles: &[EdgeStyle]) -> EdgeStyle {
    if styles.contains(&EdgeStyle::UnsafeTransfer) {
        EdgeStyle::UnsafeTransfer
    } else if styles.iter().all(|s| *s == EdgeStyle::Redundant) {
        EdgeStyle::Redundant
    } else if styles.iter().all(|s| *s == EdgeStyle::Unused) {
        EdgeStyle::Unused
    } else {
        EdgeStyle::Flow
    }
}

/// The box of one domain: its stores counted, the badges some of them carry (a domain holds
/// personal data when one of its stores does), its zone the one most of its stores are in.
fn group(view: &View, name: &str, list: &[usize], inside: usize) -> Node {
    let lang = view.language;
    let stores: Vec<&Node> = list.iter().map(|&i| &view.nodes[i]).collect();
    let mut marks: Vec<Mark> = Vec::new();
    let any = |m: &Mark| stores.iter().any(|n| n.marks.contains(m));
    for m in [Mark::Referential, Mark::Personal, Mark::Special] {
        if any(&m) {
            marks.push(m);
        }
    }
    if stores.iter().all(|n| n.marks.contains(&Mark::External)) {
        marks.push(Mark::External);
    }
    let countries: BTreeSet<&str> = stores
        .iter()
        .flat_map(|n| n.marks.iter())
        .filter_map(|m| if let Mark::OutsideEea(c) = m { Some(c.split(' ')) } else { None })
        .flatten()
        .collect();
    if !countries.is_empty() {
        marks.push(Mark::OutsideEea(countries.into_iter().collect::<Vec<_>>().join(" ")));
    }
    let mut zones: BTreeMap<&str, usize> = BTreeMap::new();
    for zone in stores.iter().filter_map(|n| n.zone.as_deref()) {
        *zones.entry(zone).or_default() += 1;
    }
    let zone = zones
        .iter()
        .max_by_key(|(z, c)| (**c, std::cmp::Reverse(*z)))
        .map(|(z, _)| (*z).to_owned());
    let count = stores.len();
    let mut subtitle = format!("{count} {}", i18n::plural(Text::Store, count, lang));
    if inside > 0 {
        let words = if inside == 1 { Text::FlowInside } else { Text::FlowsInside };
        subtitle.push_str(&format!(" · {inside} {}", i18n::t(words, lang)));
    }
    let mut tooltip = format!("{name}\n");
    let names: Vec<&str> = stores.iter().map(|n| n.title.as_str()).collect();
    tooltip.push_str(&names.join(", "));
    Node {
        id: format!("group:{name}"),
        kind: NodeKind::Group,
        title: name.to_owned(),
        subtitle,
        domain: stores[0].domain.clone(),
        zone,
        marks,
        tooltip,
        dimmed: false,
        link: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::enums::Language;
    use crate::model::PurposeId;

    fn store(id: &str, domain: Option<&str>) -> Node {
        Node {
            id: id.to_owned(),
            kind: NodeKind::Store,
            title: id.to_owned(),
            subtitle: String::new(),
            domain: domain.map(str::to_owned),
            zone: None,
            marks: if id == "crm" { vec![Mark::Referential, Mark::Personal] } else { Vec::new() },
            tooltip: String::new(),
            dimmed: false,
            link: None,
        }
    }

    fn edge(from: usize, to: usize, flows: &[&str], both: bool) -> Edge {
        Edge {
            from,
            to,
            flows: flows.iter().map(|f| (*f).to_owned()).collect(),
            fields: 2,
            both,
            style: EdgeStyle::Flow,
            label: String::new(),
            tooltip: String::new(),
        }
    }

    /// The overview of synthetic maps of 100, 300 and 1,000 stores (ten domains, nearly
    /// every pair of them exchanging data) reads on a projector: fitted to 1920×1080, the
    /// domains' names are at least 14 px, and the drawing is clean. One column per rank made
    /// them 8.5–9.5 px.
    #[test]
    fn the_overview_of_a_large_map_reads_on_a_projector() {
        use crate::map::view::{Selection, Sources};
        for stores in [100, 300, 1_000] {
            let dir = tempfile::tempdir().unwrap();
            let spec = crate::synth::Spec {
                stores,
                fields: stores * 4,
                flows: stores * 3 / 2,
                purposes: stores / 10,
                seed: 1,
            };
            crate::synth::write(&spec, dir.path()).unwrap();
            let as_of = crate::date::Date::new(2026, 1, 1).unwrap();
            let load = crate::load::LoadOptions::default();
            let c = crate::commands::compile(dir.path(), &[], as_of, &load).unwrap();
            let src = Sources::new(&c.model, &c.graph, None, Language::En);
            let whole = crate::map::view::build(&src, Selection::System);
            let d = crate::map::draw(when_large(whole, Selection::System));
            assert!(is(&d.view), "{stores} stores: an overview");
            assert!(d.view.edges.len() > 30, "{stores} stores: most pairs of domains joined");
            let size = crate::map::quality::names_at_1080p(&d.view, &d.boxes, &d.geometry);
            assert!(size >= 14.0, "{stores} stores: names at {size:.1} px");
            let found = crate::map::quality::problems(&d.view, &d.boxes, &d.geometry);
            assert!(found.is_empty(), "{stores} stores: {found:#?}");
            // Its legend says what its lines count: flows, not fields.
            let svg = d.svg(None);
            assert!(svg.contains("flows between two domains (number of flows)"));
            assert!(!svg.contains("number of fields") && !svg.contains(">synchronisation<"));
        }
    }

    /// A domain's map keeps its stores and the lines among them as they are, and collapses
    /// the stores outside it (drawn lighter) into one box per domain, lighter too, each
    /// linking to its domain's map, the flows to each counted on one line.
    #[test]
    fn a_domain_map_collapses_the_stores_outside_the_domain() {
        let mut nodes = vec![
            store("crm", Some("marketing")),
            store("mail", Some("marketing")),
            store("shop", Some("sales")),
            store("pos", Some("sales")),
            store("sheet", None),
        ];
        for n in &mut nodes[2..] {
            n.dimmed = true;
        }
        let mut inner = edge(0, 1, &["crm-mail"], false);
        inner.label = "2 fields".to_owned();
        let view = View {
            title: "Domain — marketing".to_owned(),
            nodes,
            edges: vec![
                inner.clone(),
                edge(2, 0, &["shop-crm"], false),
                edge(3, 0, &["pos-crm"], false),
                edge(0, 3, &["crm-pos"], false),
                edge(4, 1, &["sheet-mail"], false),
            ],
            domains: Vec::new(),
            palette: vec!["marketing".to_owned(), "sales".to_owned()],
            zones: Vec::new(),
            callouts: Vec::new(),
            language: Language::En,
        };
        let d = when_large(view, Selection::Domain(0));
        let ids: Vec<&str> = d.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["group:domain not stated (domain:)", "group:sales", "crm", "mail"]);
        assert!(d.nodes[0].dimmed && d.nodes[1].dimmed && !d.nodes[2].dimmed);
        assert_eq!(d.nodes[1].link.as_deref(), Some("domain-sales.svg"));
        assert_eq!(d.nodes[0].link, None, "no domain, no domain map");
        assert_eq!(d.nodes[1].subtitle, "2 stores");
        assert_eq!(d.edges[0], Edge { from: 2, to: 3, ..inner }, "kept as it was");
        let sales = d.edges.iter().find(|e| e.from == 1 || e.to == 1).unwrap();
        assert_eq!((sales.label.as_str(), sales.both), ("3 flows", true));
        assert_eq!(d.edges.len(), 3);
        assert!(!is(&d), "not an overview: laid out by ranks");
    }

    /// A purpose whose journey is wider than a projector reads keeps the stores it reads
    /// and its own box; the stores upstream are counted in their domains' boxes. A narrow
    /// journey is drawn whole.
    #[test]
    fn a_wide_journey_is_collapsed_by_domain() {
        let purpose = |id: &str| Node { kind: NodeKind::Purpose, ..store(id, None) };
        let journey = |upstream: usize| {
            let mut nodes = vec![store("crm", Some("marketing")), purpose("purpose:mailing")];
            let mut uses = edge(0, 1, &[], false);
            uses.style = EdgeStyle::Uses;
            let mut edges = vec![uses];
            for i in 0..upstream {
                let domain = if i % 2 == 0 { "sales" } else { "web" };
                nodes.push(store(&format!("s{i}"), Some(domain)));
                edges.push(edge(nodes.len() - 1, 0, &[&format!("f{i}")], false));
            }
            View {
                title: "Purpose — mailing".to_owned(),
                nodes,
                edges,
                domains: Vec::new(),
                palette: vec!["marketing".to_owned(), "sales".to_owned(), "web".to_owned()],
                zones: Vec::new(),
                callouts: Vec::new(),
                language: Language::En,
            }
        };
        let wide = when_large(journey(THRESHOLD), Selection::Purpose(PurposeId::new(0)));
        let ids: Vec<&str> = wide.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["group:sales", "group:web", "crm", "purpose:mailing"]);
        assert_eq!(wide.nodes[0].subtitle, format!("{} stores", THRESHOLD / 2));
        assert!(
            wide.edges.iter().any(|e| e.style == EdgeStyle::Uses),
            "the purpose still reads crm"
        );
        let narrow = when_large(journey(THRESHOLD - 2), Selection::Purpose(PurposeId::new(0)));
        assert_eq!(narrow.nodes.len(), THRESHOLD);
    }

    /// A domain's file name is its name made safe, unique among the map's domains.
    #[test]
    fn domain_files_are_safe_and_unique() {
        let domains: Vec<String> =
            ["Sales Ops", "sales-ops", "../x", "été"].iter().map(|d| (*d).to_owned()).collect();
        let files: Vec<String> = (0..domains.len()).map(|d| domain_file(&domains, d)).collect();
        assert_eq!(
            files,
            ["domain-sales-ops.svg", "domain-sales-ops-1.svg", "domain-x.svg", "domain-t.svg"]
        );
    }

    /// Flows between two domains are one line counting them, both ways when they go both
    /// ways; flows inside a domain are counted in its box; a store without a domain is in a
    /// box that says the domain is not stated; a badge one store has shows on its domain.
    #[test]
    fn domains_are_boxes_and_flows_between_them_are_counted() {
        let view = View {
            title: "System".to_owned(),
            nodes: vec![
                store("crm", Some("marketing")),
                store("mail", Some("marketing")),
                store("shop", Some("sales")),
                store("pos", Some("sales")),
                store("sheet", None),
            ],
            edges: vec![
                edge(2, 0, &["shop-crm"], false),
                edge(3, 0, &["pos-crm"], false),
                edge(0, 3, &["crm-pos"], false),
                edge(0, 1, &["crm-mail"], false),
                edge(4, 1, &["sheet-mail"], false),
            ],
            domains: Vec::new(),
            palette: Vec::new(),
            zones: Vec::new(),
            callouts: Vec::new(),
            language: Language::En,
        };
        let o = of(&view);
        let ids: Vec<&str> = o.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["group:domain not stated (domain:)", "group:marketing", "group:sales"]);
        assert_eq!(o.nodes[1].subtitle, "2 stores · 1 flow inside");
        assert!(o.nodes[1].marks.contains(&Mark::Personal));
        assert!(!o.nodes[2].marks.contains(&Mark::Personal), "no store of sales says so");
        let sales = o.edges.iter().find(|e| o.nodes[e.from].id == "group:sales").unwrap();
        assert_eq!(o.nodes[sales.to].id, "group:marketing");
        assert_eq!(sales.label, "3 flows");
        assert!(sales.both, "flows go both ways between sales and marketing");
        assert_eq!(sales.fields, 6);
        let sheet =
            o.edges.iter().find(|e| o.nodes[e.from].id.starts_with("group:domain")).unwrap();
        assert_eq!(sheet.label, "1 flow");
        assert!(o.title.ends_with("— overview"));
        assert!(o.nodes.iter().all(|n| n.link.is_none()), "no domain in the palette: no link");
        let linked = of(&View { palette: vec!["marketing".to_owned()], ..view });
        assert_eq!(linked.nodes[1].link.as_deref(), Some("domain-marketing.svg"));
    }
}

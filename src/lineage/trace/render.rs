//! A trace as text (two trees drawn with box characters, then the stores and purposes
//! reached), as Markdown (nested lists and two tables) or as JSON (the model).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Node, Trace};
use crate::lineage::md::{code, escape};
use crate::lineage::{Format, count, write_json};

pub fn render(trace: &Trace, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(trace, out),
        // Names and values come from the map: nothing in them may drive the terminal.
        Format::Text => out.write_all(crate::text::terminal_lines(&text(trace)).as_bytes()),
        Format::Md => out.write_all(markdown(trace).as_bytes()),
    }
}

/// `E-mail address, in crm: CRM (customer master); personal, user.contact.email`.
fn describe(trace: &Trace) -> String {
    let f = &trace.field;
    let mut about = format!("{}, in {}: {}; ", f.name, f.store, f.store_name);
    about.push_str(if f.personal { "personal" } else { "not personal" });
    if let Some(category) = &f.category {
        about.push_str(", ");
        about.push_str(category);
    }
    about
}

fn text(trace: &Trace) -> String {
    let mut out = String::new();
    let f = &trace.field;
    let _ = writeln!(out, "trace of {} ({})", f.path, describe(trace));
    if !f.purposes.is_empty() {
        let _ = writeln!(out, "used by {}", f.purposes.join(", "));
    }
    if let Some(depth) = trace.depth {
        let _ = writeln!(out, "at most {} away", count(depth, "flow", "flows"));
    }
    if let Some(up) = &trace.upstream {
        let _ = writeln!(out, "\nwhere it comes from ({}):", tally(up));
        tree_text(&mut out, &f.path, up);
        if let Some(origins) = &trace.origins {
            let _ = writeln!(out, "origins: {}", or_none(origins));
        }
    }
    if let Some(down) = &trace.downstream {
        let _ = writeln!(out, "\nwhere it goes ({}):", tally(down));
        tree_text(&mut out, &f.path, down);
    }
    let _ = writeln!(out, "\nstores ({}):", trace.stores.len());
    let width = trace.stores.iter().map(|s| s.id.chars().count()).max().unwrap_or(0);
    for s in &trace.stores {
        let place = if s.location.is_empty() {
            String::new()
        } else {
            format!(" [{}]", s.location.join(", "))
        };
        let _ = writeln!(out, "  {:<width$}  {}{place}: {}", s.id, s.name, s.fields.join(", "));
    }
    let _ = writeln!(out, "\npurposes ({}):", trace.purposes.len());
    if trace.purposes.is_empty() {
        let _ = writeln!(out, "  none: no active purpose uses this data");
    }
    let width = trace.purposes.iter().map(|p| p.id.chars().count()).max().unwrap_or(0);
    for p in &trace.purposes {
        let _ = writeln!(out, "  {:<width$}  {}, through {}", p.id, p.name, p.through.join(", "));
    }
    out
}

/// `3 fields` counting every node that is not a repeat.
fn tally(nodes: &[Node]) -> String {
    fn walk(nodes: &[Node]) -> usize {
        nodes.iter().map(|n| usize::from(!n.repeat) + walk(&n.children)).sum()
    }
    match walk(nodes) {
        0 => "nowhere: no flow".to_owned(),
        n => count(n, "field", "fields"),
    }
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() { "none".to_owned() } else { items.join(", ") }
}

fn tree_text(out: &mut String, root: &str, nodes: &[Node]) {
    let _ = writeln!(out, "{root}");
    branch_text(out, nodes, &mut String::new());
}

/// One line per node; `prefix` grows and shrinks in place as the walk goes down and up, so
/// a trace of tens of thousands of fields does not allocate a prefix per line.
fn branch_text(out: &mut String, nodes: &[Node], prefix: &mut String) {
    for (i, n) in nodes.iter().enumerate() {
        let last = i + 1 == nodes.len();
        let (joint, indent) = if last { ("└── ", "    ") } else { ("├── ", "│   ") };
        let _ = write!(out, "{prefix}{joint}{}  via ", n.field);
        for (j, hop) in n.via.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            out.push_str(&hop.label());
        }
        if !n.purposes.is_empty() {
            out.push_str("  [used by ");
            for (j, p) in n.purposes.iter().enumerate() {
                if j > 0 {
                    out.push_str(", ");
                }
                out.push_str(p);
            }
            out.push(']');
        }
        if n.repeat {
            out.push_str("  (see above)");
        }
        out.push('\n');
        let len = prefix.len();
        prefix.push_str(indent);
        if n.truncated {
            let _ = writeln!(out, "{prefix}└── … (beyond the depth)");
        }
        branch_text(out, &n.children, prefix);
        prefix.truncate(len);
    }
}

fn markdown(trace: &Trace) -> String {
    let mut out = String::new();
    let f = &trace.field;
    let _ = writeln!(out, "## Trace of {}\n", code(&f.path));
    let _ = write!(
        out,
        "**{}** in {} ({}), {}",
        escape(&f.name),
        code(&f.store),
        escape(&f.store_name),
        if f.personal { "personal" } else { "not personal" }
    );
    if let Some(category) = &f.category {
        let _ = write!(out, ", {}", code(category));
    }
    if !f.purposes.is_empty() {
        let _ = write!(out, "; used by {}", codes(&f.purposes));
    }
    out.push_str(".\n\n");
    if let Some(up) = &trace.upstream {
        let _ = writeln!(out, "### Where it comes from ({})\n", tally(up));
        let _ = writeln!(out, "- {}", code(&f.path));
        branch_md(&mut out, up, "  ");
        if let Some(origins) = &trace.origins {
            let shown: Vec<String> = origins.iter().map(|o| code(o)).collect();
            let _ = writeln!(out, "\nOrigins: {}.", or_none(&shown));
        }
        out.push('\n');
    }
    if let Some(down) = &trace.downstream {
        let _ = writeln!(out, "### Where it goes ({})\n", tally(down));
        let _ = writeln!(out, "- {}", code(&f.path));
        branch_md(&mut out, down, "  ");
        out.push('\n');
    }
    let _ = writeln!(out, "### Stores ({})\n", trace.stores.len());
    out.push_str("| store | name | location | fields |\n|---|---|---|---|\n");
    for s in &trace.stores {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            code(&s.id),
            escape(&s.name),
            s.location.join(", "),
            codes(&s.fields)
        );
    }
    let _ = writeln!(out, "\n### Purposes ({})\n", trace.purposes.len());
    if trace.purposes.is_empty() {
        out.push_str("No active purpose uses this data.\n");
        return out;
    }
    out.push_str("| purpose | name | through |\n|---|---|---|\n");
    for p in &trace.purposes {
        let _ = writeln!(out, "| {} | {} | {} |", code(&p.id), escape(&p.name), codes(&p.through));
    }
    out
}

fn codes(items: &[String]) -> String {
    items.iter().map(|i| code(i)).collect::<Vec<_>>().join(", ")
}

fn branch_md(out: &mut String, nodes: &[Node], indent: &str) {
    for n in nodes {
        let via: Vec<String> = n
            .via
            .iter()
            .map(|h| {
                let label = h.label();
                match label.split_once(' ') {
                    Some((id, rest)) => format!("{} {rest}", code(id)),
                    None => code(&label),
                }
            })
            .collect();
        let _ = write!(out, "{indent}- {} via {}", code(&n.field), via.join(", "));
        if !n.purposes.is_empty() {
            let _ = write!(out, " — used by {}", codes(&n.purposes));
        }
        if n.repeat {
            out.push_str(" *(see above)*");
        }
        out.push('\n');
        let deeper = format!("{indent}  ");
        if n.truncated {
            let _ = writeln!(out, "{deeper}- … *(beyond the depth)*");
        }
        branch_md(out, &n.children, &deeper);
    }
}

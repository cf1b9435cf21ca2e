//! An impact as text, Markdown (a summary line, then short sections that fold when long) or
//! JSON (the model).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Impact, PurposeLoss, Unsourced};
use crate::lineage::md::{self, code, escape};
use crate::lineage::{Format, count, write_json};

pub fn render(impact: &Impact, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(impact, out),
        // Names and values come from the map: nothing in them may drive the terminal.
        Format::Text => out.write_all(crate::text::terminal_lines(&text(impact)).as_bytes()),
        Format::Md => out.write_all(markdown(impact).as_bytes()),
    }
}

/// `3 flows break, 12 fields left without a source, …`.
fn summary(impact: &Impact) -> String {
    let breaking = impact.flows.iter().filter(|f| f.breaks).count();
    let mut parts = vec![
        format!(
            "{} {}",
            count(breaking, "flow", "flows"),
            if breaking == 1 { "breaks" } else { "break" }
        ),
        format!(
            "{} left without a source",
            count(impact.left_without_source.len(), "field", "fields")
        ),
        format!(
            "{} {}",
            count(impact.purposes.len(), "purpose", "purposes"),
            if impact.purposes.len() == 1 { "loses data" } else { "lose data" }
        ),
        format!(
            "{} {}",
            count(impact.register.len(), "register row", "register rows"),
            if impact.register.len() == 1 { "changes" } else { "change" }
        ),
    ];
    let losing = impact.flows.len() - breaking;
    if losing > 0 {
        parts.insert(
            1,
            format!(
                "{} {} less",
                count(losing, "flow", "flows"),
                if losing == 1 { "carries" } else { "carry" }
            ),
        );
    }
    parts.join(", ")
}

/// The removed fields a purpose uses, shortened to "all N fields of S" for a whole store.
fn direct(impact: &Impact, purpose: &PurposeLoss, show: fn(&str) -> String) -> String {
    if impact.removed.kind == "store"
        && purpose.direct.len() == impact.removed.fields.len()
        && purpose.direct.len() > 1
    {
        format!("all {} fields of {}", purpose.direct.len(), show(&impact.removed.id))
    } else {
        purpose.direct.iter().map(|f| show(f)).collect::<Vec<_>>().join(", ")
    }
}

/// The fields a purpose loses downstream, grouped by the stores they came through (in the
/// order first met), so that "through eshop → crm" is said once.
fn downstream(purpose: &PurposeLoss) -> Vec<(String, Vec<&str>)> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for u in &purpose.downstream {
        let chain = through(u);
        match groups.iter_mut().find(|(c, _)| *c == chain) {
            Some((_, fields)) => fields.push(&u.field),
            None => groups.push((chain, vec![&u.field])),
        }
    }
    groups
}

fn through(u: &Unsourced) -> String {
    u.through.join(" → ")
}

fn text(impact: &Impact) -> String {
    let mut out = String::new();
    let r = &impact.removed;
    let _ = writeln!(out, "impact of removing {} {} ({})", r.kind, r.id, r.name);
    let _ = writeln!(out, "{}", summary(impact));

    let _ = writeln!(out, "\nflows that break or carry less ({}):", impact.flows.len());
    let width = impact.flows.iter().map(|f| f.flow.chars().count()).max().unwrap_or(0);
    for f in &impact.flows {
        let what =
            if f.breaks { "breaks".to_owned() } else { format!("loses {}", f.fields.join(", ")) };
        let details: Vec<&str> = [f.mechanism, f.frequency].into_iter().flatten().collect();
        let details =
            if details.is_empty() { String::new() } else { format!(" ({})", details.join(", ")) };
        let _ = writeln!(out, "  {:<width$}  {} → {}{details}: {what}", f.flow, f.from, f.to);
    }

    let _ = writeln!(out, "\nfields left without a source ({}):", impact.left_without_source.len());
    let width =
        impact.left_without_source.iter().map(|u| u.field.chars().count()).max().unwrap_or(0);
    for u in &impact.left_without_source {
        let personal = if u.personal { ", personal" } else { "" };
        let _ = writeln!(out, "  {:<width$}  came through {}{personal}", u.field, through(u));
    }

    if !impact.still_fed.is_empty() {
        let _ = writeln!(
            out,
            "\nfields that lose a feed but keep another ({}):",
            impact.still_fed.len()
        );
        for s in &impact.still_fed {
            let _ = writeln!(
                out,
                "  {}  loses {}; still fed by {}",
                s.field,
                s.loses.join(", "),
                s.fed_by.join(", ")
            );
        }
    }

    let _ = writeln!(out, "\npurposes that lose data ({}):", impact.purposes.len());
    for p in &impact.purposes {
        let status = if p.status == "active" { String::new() } else { format!(" [{}]", p.status) };
        let _ = writeln!(out, "  {}  {}{status}", p.id, p.name);
        if !p.direct.is_empty() {
            let _ = writeln!(out, "      uses removed data: {}", direct(impact, p, str::to_owned));
        }
        for (chain, fields) in downstream(p) {
            let _ = writeln!(out, "      loses {} (through {chain})", fields.join(", "));
        }
    }

    let _ = writeln!(out, "\nregister rows that change ({}):", impact.register.len());
    let width = impact.register.iter().map(|r| r.purpose.chars().count()).max().unwrap_or(0);
    for row in &impact.register {
        let _ = writeln!(out, "  {:<width$}  {}", row.purpose, row.cells.join(", "));
    }
    out
}

fn markdown(impact: &Impact) -> String {
    let mut out = String::new();
    let r = &impact.removed;
    let _ =
        writeln!(out, "## Impact of removing {} {} ({})\n", r.kind, code(&r.id), escape(&r.name));
    let _ = writeln!(out, "{}.\n", summary(impact));

    let flows: Vec<String> = impact
        .flows
        .iter()
        .map(|f| {
            let what = if f.breaks {
                "**breaks**".to_owned()
            } else {
                format!("loses {}", f.fields.iter().map(|x| code(x)).collect::<Vec<_>>().join(", "))
            };
            format!("{}: {} → {}, {what}", code(&f.flow), code(&f.from), code(&f.to))
        })
        .collect();
    section(&mut out, "Flows that break or carry less", &flows);

    let unsourced: Vec<String> = impact
        .left_without_source
        .iter()
        .map(|u| {
            let personal = if u.personal { " (personal)" } else { "" };
            format!("{}{personal}, came through {}", code(&u.field), escape(&through(u)))
        })
        .collect();
    section(&mut out, "Fields left without a source", &unsourced);

    let still: Vec<String> = impact
        .still_fed
        .iter()
        .map(|s| {
            format!(
                "{} loses {}; still fed by {}",
                code(&s.field),
                s.loses.iter().map(|x| code(x)).collect::<Vec<_>>().join(", "),
                s.fed_by.iter().map(|x| code(x)).collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    section(&mut out, "Fields that lose a feed but keep another", &still);

    let purposes: Vec<String> = impact
        .purposes
        .iter()
        .map(|p| {
            let mut parts = Vec::new();
            if !p.direct.is_empty() {
                parts.push(format!("uses removed data: {}", direct(impact, p, code)));
            }
            for (chain, fields) in downstream(p) {
                let fields: Vec<String> = fields.iter().map(|f| code(f)).collect();
                parts.push(format!("loses {} (through {})", fields.join(", "), escape(&chain)));
            }
            let status =
                if p.status == "active" { String::new() } else { format!(" *({})*", p.status) };
            format!("{} {}{status}: {}", code(&p.id), escape(&p.name), parts.join("; "))
        })
        .collect();
    section(&mut out, "Purposes that lose data", &purposes);

    let rows: Vec<String> = impact
        .register
        .iter()
        .map(|r| format!("{}: {}", code(&r.purpose), r.cells.join(", ")))
        .collect();
    section(&mut out, "Register rows that change", &rows);
    out
}

/// A heading with its count and a list that folds when longer than ten items.
fn section(out: &mut String, title: &str, items: &[String]) {
    let _ = writeln!(out, "### {title} ({})\n", items.len());
    if items.is_empty() {
        out.push_str("None.\n\n");
        return;
    }
    md::list(out, &format!("{} items", items.len()), items, 10);
}

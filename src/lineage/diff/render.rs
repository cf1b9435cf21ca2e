//! A diff as text, as a Markdown pull-request comment (one summary line, then short sections,
//! long lists folded into `<details>`) or as JSON (the model). Both texts put first what a
//! reviewer must act on: new findings, then transfers and recipients, then the entities.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{AttrChange, Changes, Counts, Diff, Entity};
use crate::lineage::md::{self, clip, code, escape};
use crate::lineage::{Format, count, write_json};
use crate::text::terminal;

pub fn render(diff: &Diff, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => write_json(diff, out),
        // Names and values come from the map: nothing in them may drive the terminal.
        Format::Text => out.write_all(crate::text::terminal_lines(&text(diff)).as_bytes()),
        Format::Md => out.write_all(markdown(diff).as_bytes()),
    }
}

/// `2 flows added, 1 removed` for one kind of entity.
fn kind_summary(counts: &Counts, one: &str, many: &str, out: &mut Vec<String>) {
    let mut parts = Vec::new();
    for (n, what) in
        [(counts.added, "added"), (counts.removed, "removed"), (counts.changed, "changed")]
    {
        if n > 0 {
            parts.push(if parts.is_empty() {
                format!("{} {what}", count(n, one, many))
            } else {
                format!("{n} {what}")
            });
        }
    }
    if !parts.is_empty() {
        out.push(parts.join(", "));
    }
}

/// The one line that says it all: entity changes by kind (`;` between kinds), what the map
/// implies, findings (` · ` between the three); `strong` wraps the count of new errors in `**`.
pub(super) fn summary(diff: &Diff, strong: bool) -> String {
    if diff.is_empty() {
        return "no change".to_owned();
    }
    let s = &diff.summary;
    let mut parts = Vec::new();
    kind_summary(&s.stores, "store", "stores", &mut parts);
    kind_summary(&s.fields, "field", "fields", &mut parts);
    kind_summary(&s.flows, "flow", "flows", &mut parts);
    kind_summary(&s.purposes, "purpose", "purposes", &mut parts);
    let mut groups = Vec::new();
    if !parts.is_empty() {
        groups.push(parts.join("; "));
    }
    let mut derived = Vec::new();
    if s.transfers.added > 0 {
        derived.push(format!(
            "{} outside the EEA",
            count(s.transfers.added, "new transfer", "new transfers")
        ));
    }
    if s.transfers.removed > 0 {
        derived.push(format!(
            "{} outside the EEA gone",
            count(s.transfers.removed, "transfer", "transfers")
        ));
    }
    if s.transfers.changed > 0 {
        derived.push(format!("{} changed", count(s.transfers.changed, "transfer", "transfers")));
    }
    if s.recipients.added > 0 {
        derived.push(count(s.recipients.added, "new recipient", "new recipients"));
    }
    if s.recipients.removed > 0 {
        derived.push(format!("{} gone", count(s.recipients.removed, "recipient", "recipients")));
    }
    if !derived.is_empty() {
        groups.push(derived.join(", "));
    }
    let f = &s.findings;
    if f.total() > 0 {
        let mut parts = Vec::new();
        if f.added > 0 {
            parts.push(count(f.added, "new finding", "new findings"));
        }
        if f.removed > 0 {
            parts.push(format!("{} resolved", count(f.removed, "finding", "findings")));
        }
        if f.changed > 0 {
            parts.push(format!("{} at another level", count(f.changed, "finding", "findings")));
        }
        if s.new_errors > 0 {
            let errors = count(s.new_errors, "new error", "new errors");
            parts.push(if strong { format!("**{errors}**") } else { errors });
        }
        groups.push(parts.join(", "));
    }
    groups.join(" · ")
}

fn value(v: &Option<String>, max: usize) -> String {
    v.as_deref().map_or_else(|| "(not stated)".to_owned(), |v| clip(&terminal(v), max))
}

/// `uses: + a, b; − c` or `name: old → new`.
fn attr_text(c: &AttrChange) -> String {
    match (&c.added, &c.removed) {
        (Some(added), Some(removed)) => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("+ {}", added.join(", ")));
            }
            if !removed.is_empty() {
                parts.push(format!("− {}", removed.join(", ")));
            }
            format!("{}: {}", c.attribute, parts.join("; "))
        }
        _ => format!("{}: {} → {}", c.attribute, value(&c.before, 60), value(&c.after, 60)),
    }
}

fn entity_text(e: &Entity) -> String {
    match &e.name {
        Some(name) if name != &e.id => format!("{}  {} ({})", e.id, terminal(name), e.detail),
        _ => format!("{}  ({})", e.id, e.detail),
    }
}

fn text(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "datacarto diff: {}", summary(diff, false));
    let f = &diff.findings;
    if f.added.len() + f.removed.len() + f.level_changed.len() > 0 {
        out.push_str("\nfindings:\n");
        for x in &f.added {
            let _ =
                writeln!(out, "  + {:<5}  {}  {}", x.level.as_str(), x.id, terminal(&x.message));
        }
        for x in &f.removed {
            let _ =
                writeln!(out, "  - {:<5}  {}  {}", x.level.as_str(), x.id, terminal(&x.message));
        }
        for x in &f.level_changed {
            let _ =
                writeln!(out, "  ~ {} → {}  {}  {}", x.before, x.after, x.id, terminal(&x.message));
        }
    }
    let t = &diff.transfers;
    if t.added.len() + t.removed.len() + t.changed.len() > 0 {
        out.push_str("\ntransfers outside the EEA:\n");
        for x in &t.added {
            let _ = writeln!(
                out,
                "  + {} → {} ({}), safeguard: {}",
                x.flow,
                x.store,
                x.countries.join(", "),
                x.mechanism
            );
        }
        for x in &t.removed {
            let _ = writeln!(
                out,
                "  - {} → {} ({}), safeguard: {}",
                x.flow,
                x.store,
                x.countries.join(", "),
                x.mechanism
            );
        }
        for x in &t.changed {
            let _ = writeln!(
                out,
                "  ~ {} → {}: {}, safeguard: {} → {}, safeguard: {}",
                x.after.flow,
                x.after.store,
                x.before.countries.join(", "),
                x.before.mechanism,
                x.after.countries.join(", "),
                x.after.mechanism
            );
        }
    }
    let r = &diff.recipients;
    if r.added.len() + r.removed.len() > 0 {
        out.push_str("\nrecipients:\n");
        for x in &r.added {
            let _ = writeln!(out, "  + {} → {} ({})", x.purpose, x.store, x.class);
        }
        for x in &r.removed {
            let _ = writeln!(out, "  - {} → {} ({})", x.purpose, x.store, x.class);
        }
    }
    for (title, changes) in [
        ("stores", &diff.stores),
        ("fields", &diff.fields),
        ("flows", &diff.flows),
        ("purposes", &diff.purposes),
    ] {
        entities_text(&mut out, title, changes);
    }
    out
}

fn entities_text(out: &mut String, title: &str, changes: &Changes) {
    let added: Vec<&Entity> = changes.added.iter().filter(|e| !e.with_store).collect();
    let removed: Vec<&Entity> = changes.removed.iter().filter(|e| !e.with_store).collect();
    if added.len() + removed.len() + changes.changed.len() == 0 {
        return;
    }
    let _ = writeln!(out, "\n{title}:");
    for e in added {
        let _ = writeln!(out, "  + {}", entity_text(e));
    }
    for e in removed {
        let _ = writeln!(out, "  - {}", entity_text(e));
    }
    for c in &changes.changed {
        let _ = writeln!(out, "  ~ {}", c.id);
        for a in &c.changes {
            let _ = writeln!(out, "      {}", attr_text(a));
        }
    }
}

/// Lists longer than this fold into `<details>`.
const OPEN: usize = 10;

fn markdown(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "**datacarto diff**: {}.\n", summary(diff, true));
    if diff.is_empty() {
        return out;
    }
    let f = &diff.findings;
    let mut items: Vec<String> = f
        .added
        .iter()
        .map(|x| format!("new **{}** {}: {}", x.level, code(&x.id), escape(&clip(&x.message, 200))))
        .collect();
    items.extend(f.level_changed.iter().map(|x| {
        format!(
            "{} → **{}** {}: {}",
            x.before,
            x.after,
            code(&x.id),
            escape(&clip(&x.message, 200))
        )
    }));
    items.extend(f.removed.iter().map(|x| format!("resolved {} {}", x.level, code(&x.id))));
    section(&mut out, "Findings", &items);

    let t = &diff.transfers;
    let mut items: Vec<String> = t
        .added
        .iter()
        .map(|x| {
            format!(
                "new: {} → {} ({}), safeguard: **{}**",
                code(&x.flow),
                code(&x.store),
                x.countries.join(", "),
                x.mechanism
            )
        })
        .collect();
    items.extend(t.changed.iter().map(|x| {
        format!(
            "changed: {} → {} ({}), safeguard: {} → **{}**",
            code(&x.after.flow),
            code(&x.after.store),
            x.after.countries.join(", "),
            x.before.mechanism,
            x.after.mechanism
        )
    }));
    items.extend(t.removed.iter().map(|x| {
        format!("gone: {} → {} ({})", code(&x.flow), code(&x.store), x.countries.join(", "))
    }));
    section(&mut out, "Transfers outside the EEA", &items);

    let r = &diff.recipients;
    let mut items: Vec<String> = r
        .added
        .iter()
        .map(|x| format!("new: {} → {} ({})", code(&x.purpose), code(&x.store), x.class))
        .collect();
    items.extend(
        r.removed
            .iter()
            .map(|x| format!("gone: {} → {} ({})", code(&x.purpose), code(&x.store), x.class)),
    );
    section(&mut out, "Recipients", &items);

    for (title, changes) in [
        ("Stores", &diff.stores),
        ("Fields", &diff.fields),
        ("Flows", &diff.flows),
        ("Purposes", &diff.purposes),
    ] {
        let mut items: Vec<String> = Vec::new();
        let entity = |e: &Entity| match &e.name {
            Some(name) if name != &e.id => {
                format!("{} {} ({})", code(&e.id), escape(name), escape(&e.detail))
            }
            _ => format!("{} ({})", code(&e.id), escape(&e.detail)),
        };
        items.extend(
            changes.added.iter().filter(|e| !e.with_store).map(|e| format!("added {}", entity(e))),
        );
        items.extend(
            changes
                .removed
                .iter()
                .filter(|e| !e.with_store)
                .map(|e| format!("removed {}", entity(e))),
        );
        items.extend(changes.changed.iter().map(|c| {
            let attrs: Vec<String> = c.changes.iter().map(attr_md).collect();
            format!("changed {}: {}", code(&c.id), attrs.join("; "))
        }));
        section(&mut out, title, &items);
    }
    out
}

fn attr_md(c: &AttrChange) -> String {
    match (&c.added, &c.removed) {
        (Some(added), Some(removed)) => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!(
                    "+{}",
                    added.iter().map(|x| code(x)).collect::<Vec<_>>().join(", +")
                ));
            }
            if !removed.is_empty() {
                parts.push(format!(
                    "−{}",
                    removed.iter().map(|x| code(x)).collect::<Vec<_>>().join(", −")
                ));
            }
            format!("{} {}", c.attribute, parts.join(" "))
        }
        _ => format!(
            "{} *{}* → *{}*",
            c.attribute,
            escape(&value(&c.before, 60)),
            escape(&value(&c.after, 60))
        ),
    }
}

fn section(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "#### {title} ({})\n", items.len());
    md::list(out, &format!("{} changes", items.len()), items, OPEN);
}

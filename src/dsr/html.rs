//! `--format html`: the checklist as one printable page; its body is also the site's page
//! of the subject. Every string from the manifests is escaped.

use std::fmt::Write as _;

use super::Checklist;
use super::labels::{self as words, W};
use crate::text::markup as escape;

const CSS: &str = "\
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2430;margin:2rem auto;max-width:72rem;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 1rem}
h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:2px solid #2f5d8a;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}
th,td{border:1px solid #c9d1db;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600}
.not-stated{color:#a61b1b}
@media print{body{margin:0;max-width:none;font-size:11px}tr{break-inside:avoid}}
";

/// A whole page.
pub(super) fn encode(c: &Checklist) -> String {
    let title = format!("{} — {}", W::Title.get(c.language), c.subject.name);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n{}</body>\n</html>\n",
        c.language.as_str(),
        escape(&title),
        escape(&title),
        body(c)
    )
}

/// A cell of lines, escaped, joined by `<br>`; marked when it says "not stated".
fn td(text: &str, not_stated: bool) -> String {
    let lines: Vec<String> = text.lines().map(escape).collect();
    let class = if not_stated { " class=\"not-stated\"" } else { "" };
    format!("<td{class}>{}</td>", lines.join("<br>"))
}

/// The sections, without the title: what the site's page shows under its own heading.
pub fn body(c: &Checklist) -> String {
    let lang = c.language;
    let t = |w: W| w.get(lang);
    let mut out = String::new();
    if let Some(description) = &c.subject.description {
        let _ = writeln!(out, "<p>{}</p>", escape(description));
    }
    let _ = writeln!(out, "<p>{}</p>", escape(t(W::Intro)));
    let _ = writeln!(out, "<h2>{}</h2>", t(W::Purposes));
    if c.purposes.is_empty() {
        let _ = writeln!(out, "<p class=\"not-stated\">{}</p>", escape(t(W::NoPurpose)));
        return out;
    }
    let _ = writeln!(out, "<ul>");
    for p in &c.purposes {
        let _ = writeln!(out, "<li>{} <code>{}</code></li>", escape(&p.name), escape(&p.id));
    }
    let _ = writeln!(out, "</ul>");

    let _ = writeln!(out, "<h2>{}</h2>", t(W::Stores));
    let _ = writeln!(
        out,
        "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(W::Store),
        t(W::Why),
        t(W::RunBy),
        t(W::Key),
        t(W::Erase),
        t(W::Export)
    );
    for s in &c.stores {
        let mut name = format!("{} <code>{}</code>", escape(&s.name), escape(&s.id));
        if s.status != crate::manifest::enums::StoreStatus::Active {
            let _ = write!(name, "<br>{}", words::status(s.status, lang));
        }
        let _ = writeln!(
            out,
            "<tr><td>{name}</td>{}{}{}{}{}</tr>",
            td(words::role(s.role, lang), false),
            td(&words::operator(&s.operator, lang), false),
            td(&words::key(&s.key, lang), matches!(s.key, super::Key::NotStated { .. })),
            td(
                &words::erasure(&s.erasure, lang),
                matches!(s.erasure, super::Erasure::NotStated { .. })
            ),
            td(&words::fields(&s.fields), false),
        );
    }
    let _ = writeln!(out, "</table>");

    let _ = writeln!(out, "<h2>{}</h2>", t(W::Notify));
    if c.notify.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", t(W::NotifyNone));
    } else {
        let _ = writeln!(
            out,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            t(W::Store),
            t(W::RunBy),
            t(W::Contract),
            t(W::Via)
        );
        for n in &c.notify {
            let _ = writeln!(
                out,
                "<tr><td>{} <code>{}</code></td>{}{}{}</tr>",
                escape(&n.name),
                escape(&n.store),
                td(&words::operator(&n.operator, lang), false),
                td(
                    &words::contract(&n.operator, n.contract.as_deref(), lang),
                    n.contract.is_none() && matches!(n.operator, super::Operator::Processor { .. })
                ),
                td(&words::via(&n.via, lang), false),
            );
        }
        let _ = writeln!(out, "</table>");
    }
    if !c.other_recipients.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", t(W::OtherRecipients));
        for r in &c.other_recipients {
            let _ = writeln!(out, "<li>{}</li>", escape(r));
        }
        let _ = writeln!(out, "</ul>");
    }

    let _ = writeln!(out, "<h2>{}</h2>", t(W::Gaps));
    if c.gaps.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", t(W::GapsNone));
    } else {
        let _ = writeln!(
            out,
            "<table>\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            t(W::Store),
            t(W::Attribute),
            t(W::Where)
        );
        for g in &c.gaps {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                escape(&g.store),
                g.attribute,
                escape(&g.at)
            );
        }
        let _ = writeln!(out, "</table>");
    }
    out
}

//! `--format md`: the checklist as Markdown, for a ticket or a wiki page. Manifest text is
//! escaped so that it cannot break a table or become a link.

use std::fmt::Write as _;

use super::Checklist;
use super::labels::{self as words, W};

/// Escapes text for a Markdown table cell or heading (the one escaper, `crate::text`).
fn escape(text: &str) -> String {
    crate::text::markdown(text, crate::text::Markdown::Cell)
}

pub(super) fn encode(c: &Checklist) -> String {
    let lang = c.language;
    let t = |w: W| w.get(lang);
    let mut out = String::new();
    let mut subject = escape(&c.subject.name);
    if c.subject.name != c.subject.id {
        let _ = write!(subject, " ({})", escape(&c.subject.id));
    }
    let _ = writeln!(out, "# {} — {subject}\n", t(W::Title));
    if let Some(description) = &c.subject.description {
        let _ = writeln!(out, "{}\n", escape(description));
    }
    let _ = writeln!(out, "{}\n", t(W::Intro));

    let _ = writeln!(out, "## {}\n", t(W::Purposes));
    if c.purposes.is_empty() {
        let _ = writeln!(out, "{}", t(W::NoPurpose));
        return out;
    }
    for p in &c.purposes {
        let _ = writeln!(out, "- {} ({})", escape(&p.name), escape(&p.id));
    }

    let _ = writeln!(out, "\n## {}\n", t(W::Stores));
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
        t(W::Store),
        t(W::Why),
        t(W::RunBy),
        t(W::Key),
        t(W::Erase),
        t(W::Export)
    );
    for s in &c.stores {
        let mut name = format!("{} ({})", escape(&s.name), escape(&s.id));
        if s.status != crate::manifest::enums::StoreStatus::Active {
            let _ = write!(name, "<br>{}", words::status(s.status, lang));
        }
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} |",
            words::role(s.role, lang),
            escape(&words::operator(&s.operator, lang)),
            escape(&words::key(&s.key, lang)),
            escape(&words::erasure(&s.erasure, lang)),
            escape(&words::fields(&s.fields)),
        );
    }

    let _ = writeln!(out, "\n## {}\n", t(W::Notify));
    if c.notify.is_empty() {
        let _ = writeln!(out, "{}", t(W::NotifyNone));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            t(W::Store),
            t(W::RunBy),
            t(W::Contract),
            t(W::Via)
        );
        for n in &c.notify {
            let _ = writeln!(
                out,
                "| {} ({}) | {} | {} | {} |",
                escape(&n.name),
                escape(&n.store),
                escape(&words::operator(&n.operator, lang)),
                escape(&words::contract(&n.operator, n.contract.as_deref(), lang)),
                escape(&words::via(&n.via, lang)),
            );
        }
    }
    if !c.other_recipients.is_empty() {
        let _ = writeln!(out, "\n## {}\n", t(W::OtherRecipients));
        for r in &c.other_recipients {
            let _ = writeln!(out, "- {}", escape(r));
        }
    }

    let _ = writeln!(out, "\n## {}\n", t(W::Gaps));
    if c.gaps.is_empty() {
        let _ = writeln!(out, "{}", t(W::GapsNone));
    } else {
        let _ = writeln!(
            out,
            "| {} | {} | {} |\n|---|---|---|",
            t(W::Store),
            t(W::Attribute),
            t(W::Where)
        );
        for g in &c.gaps {
            let _ =
                writeln!(out, "| {} | `{}` | {} |", escape(&g.store), g.attribute, escape(&g.at));
        }
    }
    out
}

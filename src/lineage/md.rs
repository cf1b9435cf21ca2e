//! Markdown helpers shared by the renderers: escaping text that comes from manifests (it
//! ends up in pull-request comments, where HTML, tables and `@mentions` are live), code
//! spans for ids, and lists that fold into `<details>` when long.

use std::fmt::Write as _;

/// Text from a manifest, safe in Markdown prose and table cells: HTML and Markdown
/// punctuation escaped, `@` unable to mention anyone, line breaks flattened.
pub(crate) fn escape(text: &str) -> String {
    crate::text::markdown(text, crate::text::Markdown::Comment)
}

/// An id as a code span. Ids cannot hold a backtick, but finding ids carry free keys: those
/// that would break out of the span are escaped as text instead.
pub(crate) fn code(id: &str) -> String {
    if id.contains('`') || id.contains('\n') || id.contains('|') {
        escape(id)
    } else {
        format!("`{id}`")
    }
}

/// At most `max` characters, with `…` when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A bulleted list; when it has more than `open` items, the whole list folds into a
/// `<details>` block whose summary says how many there are, so the comment stays short.
pub(crate) fn list(out: &mut String, summary: &str, items: &[String], open: usize) {
    if items.is_empty() {
        return;
    }
    let folded = items.len() > open;
    if folded {
        let _ = writeln!(out, "<details><summary>{summary}</summary>\n");
    }
    for item in items {
        let _ = writeln!(out, "- {item}");
    }
    if folded {
        out.push_str("\n</details>\n");
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids are code spans; a backtick cannot break out of one.
    #[test]
    fn ids_are_code_spans() {
        assert_eq!(code("crm.email"), "`crm.email`");
        assert_eq!(code("a`b"), "a\\`b");
    }

    /// Long text is cut on a character boundary, with an ellipsis.
    #[test]
    fn clips() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("é é é é é é", 5), "é é…");
    }
}

//! `scan --write`: the manifest text edited in place, line by line. Undeclared columns are
//! added after the store's last field, in the list's own indentation; missing fields get a
//! comment at the end of their line. Everything else (comments, order, quoting, layout) is
//! left byte for byte: this is a text edit, not a re-serialisation.

use std::fmt::Write as _;

/// A field to add after the store's last declared field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addition {
    /// Byte offset of the store's `id` value: the field item must sit inside the store.
    pub store_at: usize,
    /// Byte offset of the last declared field's `id` value.
    pub last_field_at: usize,
    /// The item, without its `- ` and indentation: `{id: iban, category: …}  # …`.
    pub item: String,
}

/// A comment to put at the end of a field's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub field_at: usize,
    pub comment: String,
}

/// One change of a line-based patch, in old line numbers (0-based).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Edit {
    Insert { after: usize, lines: Vec<String> },
    Replace { line: usize, with: String },
}

/// The edited text, a unified diff of it, and why some stores' lists could not be edited as
/// text (a flow list `fields: [...]`): those are left as they are, the others edited.
pub fn apply(
    path: &str,
    text: &str,
    additions: &[Addition],
    marks: &[Mark],
) -> (String, String, Vec<String>) {
    let mut refused = Vec::new();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line_of = |at: usize| text[..at.min(text.len())].matches('\n').count();
    let column_of = |at: usize| {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        text[start..at].chars().count()
    };
    let mut edits: Vec<Edit> = Vec::new();
    // Additions of one store go after the same item, in order.
    let mut grouped: Vec<(usize, usize, Vec<&str>)> = Vec::new();
    for a in additions {
        match grouped.iter_mut().find(|g| g.1 == a.last_field_at) {
            Some(g) => g.2.push(&a.item),
            None => grouped.push((a.store_at, a.last_field_at, vec![&a.item])),
        }
    }
    for (store_at, field_at, items) in grouped {
        // Field items sit deeper than the store's own dash (or at its keys' column).
        let store_line = lines[line_of(store_at)];
        let store_indent = store_line.len() - store_line.trim_start().len();
        let floor =
            if store_line.trim_start().starts_with("- ") { store_indent + 1 } else { store_indent };
        let id_line = line_of(field_at);
        let id_col = column_of(field_at);
        // The item's dash: on the id's line before it, or on a line above (a key before
        // `id`), never left of the store's keys nor above the store.
        let dash = (line_of(store_at) + 1..=id_line).rev().find_map(|l| {
            let line = lines[l];
            let indent = line.len() - line.trim_start().len();
            let limit = if l == id_line { id_col } else { usize::MAX };
            (line.trim_start().starts_with("- ") && indent >= floor && indent < limit)
                .then_some((l, indent))
        });
        let Some((dash_line, dash_col)) = dash else {
            refused.push(format!(
                "{path}:{}: the fields are not a block list (`- id: …` items): add them by hand",
                id_line + 1
            ));
            continue;
        };
        // The item ends before the next line at its indentation or less.
        let mut last = dash_line;
        for (l, line) in lines.iter().enumerate().skip(dash_line + 1) {
            let body = line.trim_start();
            if body.is_empty() || body.starts_with('#') {
                continue;
            }
            if line.len() - body.len() <= dash_col {
                break;
            }
            last = l;
        }
        let pad = " ".repeat(dash_col);
        edits.push(Edit::Insert {
            after: last,
            lines: items.iter().map(|i| format!("{pad}- {i}\n")).collect(),
        });
    }
    for m in marks {
        let l = line_of(m.field_at);
        let line = lines[l].trim_end_matches(['\n', '\r']);
        if line.contains('#') {
            continue; // A comment already there stays as written.
        }
        let eol = &lines[l][line.len()..];
        let eol = if eol.is_empty() { "\n" } else { eol };
        edits.push(Edit::Replace { line: l, with: format!("{line}  # {}{eol}", m.comment) });
    }
    edits.sort_by_key(|e| match e {
        Edit::Insert { after, .. } => (*after, 1),
        Edit::Replace { line, .. } => (*line, 0),
    });
    if edits.is_empty() {
        return (text.to_owned(), String::new(), refused);
    }
    (rebuild(&lines, &edits), diff(path, &lines, &edits), refused)
}

fn rebuild(lines: &[&str], edits: &[Edit]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let replaced = edits.iter().find_map(|e| match e {
            Edit::Replace { line: l, with } if *l == i => Some(with.as_str()),
            _ => None,
        });
        let text = replaced.unwrap_or(line);
        out.push_str(text);
        if !text.ends_with('\n')
            && edits.iter().any(|e| matches!(e, Edit::Insert { after, .. } if *after == i))
        {
            out.push('\n');
        }
        for e in edits {
            if let Edit::Insert { after, lines: new } = e
                && *after == i
            {
                new.iter().for_each(|n| out.push_str(n));
            }
        }
    }
    out
}

/// A unified diff with two lines of context, hunks merged when they touch.
fn diff(path: &str, lines: &[&str], edits: &[Edit]) -> String {
    const CONTEXT: usize = 2;
    let touched = |e: &Edit| match e {
        Edit::Insert { after, .. } => *after,
        Edit::Replace { line, .. } => *line,
    };
    let mut groups: Vec<Vec<&Edit>> = Vec::new();
    for e in edits {
        match groups.last_mut() {
            Some(g) if touched(e) <= touched(g[g.len() - 1]) + 2 * CONTEXT + 1 => g.push(e),
            _ => groups.push(vec![e]),
        }
    }
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    let mut shift: isize = 0;
    for g in groups {
        let first = touched(g[0]);
        let last = touched(g[g.len() - 1]);
        let start = first.saturating_sub(CONTEXT);
        let end = (last + CONTEXT).min(lines.len() - 1);
        let mut body = String::new();
        let (mut old_n, mut new_n) = (0, 0);
        for (i, line) in lines.iter().enumerate().take(end + 1).skip(start) {
            let line = line.trim_end_matches(['\n', '\r']);
            match g.iter().find(|e| matches!(e, Edit::Replace { line: l, .. } if *l == i)) {
                Some(Edit::Replace { with, .. }) => {
                    let _ = writeln!(body, "-{line}\n+{}", with.trim_end_matches(['\n', '\r']));
                    old_n += 1;
                    new_n += 1;
                }
                _ => {
                    let _ = writeln!(body, " {line}");
                    old_n += 1;
                    new_n += 1;
                }
            }
            for e in &g {
                if let Edit::Insert { after, lines: new } = e
                    && *after == i
                {
                    for n in new {
                        let _ = writeln!(body, "+{}", n.trim_end_matches('\n'));
                        new_n += 1;
                    }
                }
            }
        }
        let new_start = (start as isize + 1 + shift) as usize;
        let _ = writeln!(out, "@@ -{},{old_n} +{new_start},{new_n} @@", start + 1);
        out.push_str(&body);
        shift += new_n as isize - old_n as isize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &str = "\
stores:
  # The CRM.
  - id: crm
    fields:
      - id: email   # kept as written
        category: 'user.contact.email'

      - {id: fax, category: user.contact.fax_number}
    owner: crm-team
  - id: shop
    fields: [{id: a}]
";

    fn at(needle: &str) -> usize {
        MAP.find(needle).expect("in the map")
    }

    /// New fields go after the last item, at its indentation; a missing field gets a
    /// comment; nothing else moves.
    #[test]
    fn adds_after_the_last_field_and_marks_missing_ones() {
        let additions = [
            Addition { store_at: at("crm"), last_field_at: at("fax"), item: "{id: iban}".into() },
            Addition { store_at: at("crm"), last_field_at: at("fax"), item: "{id: nir}".into() },
        ];
        let marks = [Mark { field_at: at("fax"), comment: "gone".into() }];
        let (text, patch, refused) = apply("map.yaml", MAP, &additions, &marks);
        assert!(refused.is_empty());
        assert_eq!(
            text,
            MAP.replace(
                "      - {id: fax, category: user.contact.fax_number}\n",
                "      - {id: fax, category: user.contact.fax_number}  # gone\n      - {id: iban}\n      - {id: nir}\n"
            )
        );
        insta::assert_snapshot!(patch);
    }

    /// A multi-line last item is passed whole; an id line with a comment is left alone.
    #[test]
    fn passes_a_multi_line_item_and_keeps_comments() {
        let additions =
            [Addition { store_at: at("crm"), last_field_at: at("email"), item: "{id: x}".into() }];
        let marks = [Mark { field_at: at("email"), comment: "gone".into() }];
        let (text, _, _) = apply("map.yaml", MAP, &additions, &marks);
        assert!(
            text.contains("        category: 'user.contact.email'\n      - {id: x}\n\n"),
            "{text}"
        );
        assert!(text.contains("- id: email   # kept as written\n"));
    }

    /// A flow list cannot take a line: that store is refused with its place, the others of
    /// the file are still edited.
    #[test]
    fn refuses_flow_lists() {
        let additions = [
            Addition { store_at: at("shop"), last_field_at: at("a}"), item: "{id: b}".into() },
            Addition { store_at: at("crm"), last_field_at: at("fax"), item: "{id: c}".into() },
        ];
        let (text, _, refused) = apply("map.yaml", MAP, &additions, &[]);
        assert_eq!(refused.len(), 1);
        assert!(refused[0].starts_with("map.yaml:11:"), "{refused:?}");
        assert!(text.contains("      - {id: c}\n") && !text.contains("{id: b}"));
    }
}

//! `datacarto rules` and `datacarto explain RULE`, from the rule registry.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::bail;

use super::Status;
use crate::diag::suggest;
use crate::rules as registry;

/// The catalogue, one line a rule, grouped by family.
pub fn catalogue() -> String {
    let mut out = String::new();
    let mut family = None;
    for rule in registry::RULES {
        if family != Some(rule.family) {
            if family.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", rule.family.title());
            family = Some(rule.family);
        }
        let _ = writeln!(out, "  {:<34} {:<6} {}", rule.name, rule.default_level, rule.summary);
    }
    out
}

/// The index of docs/rules/: every rule, its level and what it finds, by family.
pub fn index() -> String {
    let mut out = String::from(
        "# Rules\n\nThe rules `datacarto check` runs, generated from the rule registry (`datacarto rules`).\n\
         Set a rule's level in `datacarto.yaml` (`rules:`) or with `-A/-W/-D RULE`; silence it on one\n\
         entity with `allow:` (docs/manifest.md §5).\n",
    );
    let mut family = None;
    for rule in registry::RULES {
        if family != Some(rule.family) {
            let _ = write!(
                out,
                "\n## {}\n\n| rule | default | finds |\n|---|---|---|\n",
                rule.family.title()
            );
            family = Some(rule.family);
        }
        let _ = writeln!(
            out,
            "| [`{0}`]({0}.md) | {1} | {2} |",
            rule.name, rule.default_level, rule.summary
        );
    }
    out
}

pub use crate::rules::page;

pub fn list(markdown: bool) -> anyhow::Result<Status> {
    if markdown {
        std::io::stdout().lock().write_all(index().as_bytes())?;
        return Ok(Status::Clean);
    }
    std::io::stdout().lock().write_all(catalogue().as_bytes())?;
    Ok(Status::Clean)
}

pub fn explain(name: &str) -> anyhow::Result<Status> {
    let Some(rule) = registry::find(name) else {
        let hint = suggest::closest(name, registry::names()).map_or_else(
            || "`datacarto rules` lists them".to_owned(),
            |c| format!("did you mean '{c}'?"),
        );
        bail!("unknown rule '{name}' ({hint})");
    };
    std::io::stdout().lock().write_all(page(rule).as_bytes())?;
    Ok(Status::Clean)
}

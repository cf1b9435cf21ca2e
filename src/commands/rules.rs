//! `datacarto rules` and `datacarto explain RULE`, from the rule registry.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::bail;

use super::Status;
use crate::diag::suggest;
use crate::manifest::enums::Language;
use crate::rules::{self as registry, Family, Rule};

fn family_title(family: Family, language: Language) -> &'static str {
    match language {
        Language::En => family.title(),
        Language::Fr => family.title_fr(),
    }
}

fn summary(rule: &Rule, language: Language) -> &'static str {
    match language {
        Language::En => rule.summary,
        Language::Fr => rule.summary_fr,
    }
}

/// The catalogue, one line a rule, grouped by family, in a language.
pub fn catalogue(language: Language) -> String {
    let mut out = String::new();
    let mut family = None;
    for rule in registry::RULES {
        if family != Some(rule.family) {
            if family.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "{}", family_title(rule.family, language));
            family = Some(rule.family);
        }
        let line = summary(rule, language);
        let _ = writeln!(out, "  {:<34} {:<6} {line}", rule.name, rule.default_level);
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

pub use crate::rules::{page, page_fr};

/// `datacarto rules`: the catalogue (the Markdown index of docs/rules/ is English).
pub fn list(markdown: bool, language: Language) -> anyhow::Result<Status> {
    if markdown {
        std::io::stdout().lock().write_all(index().as_bytes())?;
        return Ok(Status::Clean);
    }
    std::io::stdout().lock().write_all(catalogue(language).as_bytes())?;
    Ok(Status::Clean)
}

pub fn explain(name: &str, language: Language) -> anyhow::Result<Status> {
    let Some(rule) = registry::find(name) else {
        let hint = suggest::closest(name, registry::names()).map_or_else(
            || "`datacarto rules` lists them".to_owned(),
            |c| format!("did you mean '{c}'?"),
        );
        bail!("unknown rule '{name}' ({hint})");
    };
    let text = match language {
        Language::En => page(rule),
        Language::Fr => page_fr(rule),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(Status::Clean)
}

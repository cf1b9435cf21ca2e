//! Settings of a run: rule levels and options from `rules:` in datacarto.yaml, overridden by
//! `-A/-W/-D RULE` in command-line order, `warnings` as a group, and the date of the run.
//! Raw settings are validated here; problems in datacarto.yaml become findings.

use std::collections::BTreeMap;

use anyhow::bail;

use crate::date::Date;
use crate::diag::{Finding, Level, Text, suggest, t};
use crate::manifest::enums::LevelName;
use crate::manifest::project::{OptionValue, Project, RuleSetting};
use crate::rules::{self, Rule, schema};
use crate::source::SourceMap;

/// A command-line level flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    /// `-A`: off.
    Allow,
    /// `-W`: warn.
    Warn,
    /// `-D`: error.
    Deny,
}

/// The validated settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// The level of each rule; `None` is off.
    levels: BTreeMap<&'static str, Option<Level>>,
    /// What happens to warnings as a group (`-D warnings`, `-A warnings`).
    warnings: Option<Flag>,
    options: BTreeMap<(&'static str, &'static str), f64>,
    /// "Today", for suppression expiry and adequacy decisions.
    pub as_of: Date,
    /// `rule_help_uri` of datacarto.yaml (SARIF's `helpUri` template).
    pub help_uri: Option<String>,
}

impl Config {
    /// Default levels and options, today's date.
    pub fn defaults(as_of: Date) -> Config {
        let levels = rules::RULES.iter().map(|r| (r.name, Some(r.default_level))).collect();
        let options = rules::RULES
            .iter()
            .flat_map(|r| r.options.iter().map(move |o| ((r.name, o.name), o.default)))
            .collect();
        Config { levels, warnings: None, options, as_of, help_uri: None }
    }

    /// Settings from datacarto.yaml and the command line. An unknown rule on the command
    /// line is an error of the invocation (exit 2); problems in the file are findings.
    pub fn build(
        project: &Project,
        sources: &SourceMap,
        flags: &[(Flag, String)],
        as_of: Date,
    ) -> anyhow::Result<(Config, Vec<Finding>)> {
        let mut config = Config::defaults(as_of);
        config.help_uri = project.rule_help_uri.clone();
        let mut findings = Vec::new();
        for (name, setting) in project.rules.iter().flat_map(|t| t.0.iter()) {
            // Unknown names were reported by the schema (it lists the rules).
            let Some(rule) = rules::find(&name.value) else { continue };
            match &setting.value {
                RuleSetting::Level(level) => config.set(rule.name, *level),
                RuleSetting::Detailed { level, options } => {
                    if let Some(level) = level {
                        config.set(rule.name, *level);
                    }
                    for (key, value) in options {
                        match config.set_option(rule, &key.value, &value.value) {
                            Ok(()) => {}
                            Err((message, help)) => {
                                let path = &sources.get(key.span.file).path;
                                let at = format!("rules.{}.{}", rule.name, key.value);
                                findings.push(schema::finding(path, &at, key.span, message, help));
                            }
                        }
                    }
                }
            }
        }
        for (flag, name) in flags {
            if name == "warnings" {
                config.warnings = Some(*flag);
                continue;
            }
            let Some(rule) = rules::find(name) else {
                let hint = suggest::closest(name, rules::names()).map_or_else(
                    || "`datacarto rules` lists them".to_owned(),
                    |c| format!("did you mean '{c}'?"),
                );
                bail!("unknown rule '{name}' ({hint})");
            };
            let level = match flag {
                Flag::Allow => LevelName::Off,
                Flag::Warn => LevelName::Warn,
                Flag::Deny => LevelName::Error,
            };
            config.set(rule.name, level);
        }
        Ok((config, findings))
    }

    fn set(&mut self, rule: &'static str, level: LevelName) {
        let level = match level {
            LevelName::Off => None,
            LevelName::Info => Some(Level::Info),
            LevelName::Warn => Some(Level::Warn),
            LevelName::Error => Some(Level::Error),
        };
        self.levels.insert(rule, level);
    }

    fn set_option(
        &mut self,
        rule: &'static Rule,
        key: &str,
        value: &OptionValue,
    ) -> Result<(), (Text, Option<Text>)> {
        let name = rule.name;
        let Some(option) = rule.options.iter().find(|o| o.name == key) else {
            let names = rule.options.iter().map(|o| o.name);
            let help = suggest::help(key, names)
                .or_else(|| Some(t!("'{name}' has no options", "'{name}' n'a pas d'options")));
            let message = t!(
                "unknown option '{key}' of rule '{name}'",
                "option inconnue '{key}' de la règle '{name}'"
            );
            return Err((message, help));
        };
        let number = match value {
            OptionValue::Int(i) => *i as f64,
            OptionValue::Number(n) => *n,
            OptionValue::Bool(_) | OptionValue::Text(_) => {
                let message = t!(
                    "option '{key}' of '{name}' is a number",
                    "l'option '{key}' de '{name}' est un nombre"
                );
                return Err((message, None));
            }
        };
        if !(option.min..=option.max).contains(&number) {
            let (min, max) = (option.min, option.max);
            let message = t!(
                "option '{key}' of '{name}' is {number}, out of range: it must be between {min} and {max}",
                "l'option '{key}' de '{name}' vaut {number}, hors limites : elle doit être entre {min} et {max}"
            );
            return Err((message, None));
        }
        self.options.insert((rule.name, option.name), number);
        Ok(())
    }

    /// The level a finding of `rule` is reported at, or `None` when it is not reported.
    /// `own` is a level of the finding's own (it can only lower the rule's).
    pub fn level_of(&self, rule: &str, own: Option<Level>) -> Option<Level> {
        let mut level = (*self.levels.get(rule)?)?;
        if let Some(own) = own {
            level = level.min(own);
        }
        match (level, self.warnings) {
            (Level::Warn, Some(Flag::Deny)) => Some(Level::Error),
            (Level::Warn, Some(Flag::Allow)) => None,
            _ => Some(level),
        }
    }

    /// A rule option's value (its default unless datacarto.yaml sets it).
    pub fn option(&self, rule: &'static str, name: &'static str) -> f64 {
        self.options.get(&(rule, name)).copied().unwrap_or(0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(list: &[(Flag, &str)]) -> Vec<(Flag, String)> {
        list.iter().map(|(f, n)| (*f, (*n).to_owned())).collect()
    }

    /// Later flags win; `-D warnings` turns warnings into errors.
    #[test]
    fn command_line_levels() {
        let today = Date::parse("2026-01-01").unwrap();
        let (config, _) = Config::build(
            &Project::default(),
            &SourceMap::new(),
            &flags(&[(Flag::Allow, "schema"), (Flag::Warn, "schema"), (Flag::Deny, "warnings")]),
            today,
        )
        .unwrap();
        assert_eq!(config.level_of("schema", None), Some(Level::Error));
        let (config, _) = Config::build(
            &Project::default(),
            &SourceMap::new(),
            &flags(&[(Flag::Allow, "schema")]),
            today,
        )
        .unwrap();
        assert_eq!(config.level_of("schema", None), None);
        assert_eq!(config.level_of("invalid-suppression", Some(Level::Info)), Some(Level::Info));
    }

    /// An unknown rule on the command line is refused with a suggestion.
    #[test]
    fn unknown_rule_flag() {
        let err = Config::build(
            &Project::default(),
            &SourceMap::new(),
            &flags(&[(Flag::Deny, "schemas")]),
            Date::parse("2026-01-01").unwrap(),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "unknown rule 'schemas' (did you mean 'schema'?)");
    }
}

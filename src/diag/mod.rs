//! The finding model: what a rule reports (rule, level, message, entity, byte-span labels,
//! help) and the report that orders them, gives them ids and counts them. Emitters, one
//! file each under `emit/`, turn a report into text; none knows any particular rule.

mod bilingual;
pub mod emit;
pub mod suggest;

use std::fmt;

pub(crate) use bilingual::t;
pub use bilingual::{Text, in_french};

use serde::Serialize;

use crate::date::Date;
use crate::source::{SourceMap, Span};

/// How serious a finding is. `off` is not a level: a rule set to `off` reports nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }

    /// The level as a reader sees it named: "warning", « avertissement ».
    pub fn word(self, language: crate::manifest::enums::Language) -> &'static str {
        use crate::manifest::enums::Language;
        match (self, language) {
            (Level::Error, Language::En) => "error",
            (Level::Error, Language::Fr) => "erreur",
            (Level::Warn, Language::En) => "warning",
            (Level::Warn, Language::Fr) => "avertissement",
            (Level::Info, _) => "info",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of entity a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    File,
    Team,
    Objective,
    Subject,
    Category,
    Store,
    Field,
    Flow,
    Purpose,
    Term,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::File => "file",
            EntityKind::Team => "team",
            EntityKind::Objective => "objective",
            EntityKind::Term => "term",
            EntityKind::Subject => "subject",
            EntityKind::Category => "category",
            EntityKind::Store => "store",
            EntityKind::Field => "field",
            EntityKind::Flow => "flow",
            EntityKind::Purpose => "purpose",
        }
    }
}

/// The entity a finding is about: `crm` (store), `crm.email` (field), a flow or purpose id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entity {
    pub kind: EntityKind,
    pub path: String,
}

impl Entity {
    pub fn new(kind: EntityKind, path: impl Into<String>) -> Entity {
        Entity { kind, path: path.into() }
    }
}

/// A place in a file and what it has to do with the finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: Text,
}

impl Label {
    pub fn new(span: Span, message: impl Into<Text>) -> Label {
        Label { span, message: message.into() }
    }
}

/// One problem found in the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: &'static str,
    /// The level to report at, set from the rule's configured level by the runner.
    pub level: Level,
    /// A level of the finding's own, below its rule's (an expired suppression is `info`).
    pub own_level: Option<Level>,
    /// In English and French; sorting, caps and ids read the English only.
    pub message: Text,
    pub entity: Option<Entity>,
    /// What makes the finding id unique for its rule: the entity path by default.
    pub key: String,
    pub primary: Option<Label>,
    pub related: Vec<Label>,
    pub help: Option<Text>,
    /// Set by the report: `<rule>:<key>`, unique within the report.
    pub id: String,
}

impl Finding {
    /// A finding of `rule` about `entity`, at `span`.
    pub fn new(rule: &'static str, message: impl Into<Text>) -> Finding {
        Finding {
            rule,
            level: Level::Error,
            own_level: None,
            message: message.into(),
            entity: None,
            key: String::new(),
            primary: None,
            related: Vec::new(),
            help: None,
            id: String::new(),
        }
    }

    pub fn entity(mut self, entity: Entity) -> Finding {
        if self.key.is_empty() {
            self.key = entity.path.clone();
        }
        self.entity = Some(entity);
        self
    }

    pub fn key(mut self, key: impl Into<String>) -> Finding {
        self.key = key.into();
        self
    }

    pub fn at(mut self, span: Span, message: impl Into<Text>) -> Finding {
        self.primary = Some(Label::new(span, message));
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<Text>) -> Finding {
        self.related.push(Label::new(span, message));
        self
    }

    pub fn help(mut self, help: impl Into<Text>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help<T: Into<Text>>(mut self, help: Option<T>) -> Finding {
        self.help = help.map(Into::into);
        self
    }

    pub fn own_level(mut self, level: Level) -> Finding {
        self.own_level = Some(level);
        self
    }
}

/// Counts of a report, by level.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Manifest files read (datacarto.yaml included).
    pub files: usize,
    /// Findings silenced by an `allow:`.
    pub suppressed: usize,
}

/// A finding silenced by an `allow:`: an accepted risk, kept so that it can be reviewed.
#[derive(Clone, Debug, PartialEq)]
pub struct Accepted {
    /// The finding, at the level it would have had.
    pub finding: Finding,
    pub reason: String,
    pub until: Option<Date>,
    /// Where the `allow:` entry is.
    pub allow: Span,
}

/// The findings of a run in their one stable order, with unique ids and counts.
#[derive(Debug)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// The findings silenced by an `allow:`, in the same order.
    pub accepted: Vec<Accepted>,
    pub summary: Summary,
}

impl Report {
    /// Orders the findings (by file, position, level, rule, message; findings without a
    /// place last), gives each its id and counts them. Accepted findings are ordered and
    /// numbered with the others, so that silencing one never renames another.
    pub fn new(findings: Vec<Finding>, accepted: Vec<Accepted>, sources: &SourceMap) -> Report {
        let mut all: Vec<Accepted> = findings
            .into_iter()
            .map(|finding| Accepted { finding, reason: String::new(), until: None, allow: NOWHERE })
            .chain(accepted)
            .collect();
        all.sort_by(|a, b| sort_key(&a.finding, sources).cmp(&sort_key(&b.finding, sources)));
        let mut ordered: Vec<&mut Finding> = all.iter_mut().map(|a| &mut a.finding).collect();
        assign_ids(&mut ordered);
        let (accepted, findings): (Vec<Accepted>, Vec<Accepted>) =
            all.into_iter().partition(|a| a.allow != NOWHERE);
        let findings: Vec<Finding> = findings.into_iter().map(|a| a.finding).collect();
        let suppressed = accepted.len();
        let mut summary = Summary { files: sources.len(), suppressed, ..Summary::default() };
        for f in &findings {
            match f.level {
                Level::Error => summary.errors += 1,
                Level::Warn => summary.warnings += 1,
                Level::Info => summary.infos += 1,
            }
        }
        Report { findings, accepted, summary }
    }

    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

type SortKey<'a> =
    (u8, &'a str, u32, u32, std::cmp::Reverse<Level>, &'static str, &'a str, &'a str);

fn sort_key<'a>(f: &'a Finding, sources: &'a SourceMap) -> SortKey<'a> {
    match &f.primary {
        // Paths, not file ids: the order is by what the user sees.
        Some(label) => (
            0,
            sources.get(label.span.file).path.as_str(),
            label.span.start,
            label.span.end,
            std::cmp::Reverse(f.level),
            f.rule,
            &f.key,
            f.message.as_str(),
        ),
        None => (1, "", 0, 0, std::cmp::Reverse(f.level), f.rule, &f.key, f.message.as_str()),
    }
}

/// Marks a finding that no `allow:` silenced, while the report orders both kinds together.
const NOWHERE: Span = Span { file: crate::source::FileId(u32::MAX), start: 0, end: 0 };

/// `<rule>:<key>`; a repeated id gets `#2`, `#3` in report order.
fn assign_ids(findings: &mut [&mut Finding]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for f in findings.iter_mut() {
        let base = format!("{}:{}", f.rule, f.key);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        f.id = if *n == 1 { base } else { format!("{base}#{n}") };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    /// Findings sort by file path then position; repeated ids are numbered.
    #[test]
    fn report_orders_and_numbers() {
        let mut sources = SourceMap::new();
        let b = sources.add("b.yaml".into(), "x: 1\ny: 2\n".into());
        let a = sources.add("a.yaml".into(), "x: 1\n".into());
        let findings = vec![
            Finding::new("schema", "late").key("k").at(Span::new(b, 5, 6), ""),
            Finding::new("schema", "early").key("k").at(Span::new(b, 0, 1), ""),
            Finding::new("schema", "first file").key("j").at(Span::new(a, 0, 1), ""),
            Finding::new("missing-organization", "nowhere").key("project"),
        ];
        let report = Report::new(findings, Vec::new(), &sources);
        let order: Vec<_> =
            report.findings.iter().map(|f| (f.message.as_str(), f.id.as_str())).collect();
        assert_eq!(
            order,
            [
                ("first file", "schema:j"),
                ("early", "schema:k"),
                ("late", "schema:k#2"),
                ("nowhere", "missing-organization:project")
            ]
        );
        assert_eq!(report.summary.errors, 4);
        let _ = FileId(0);
    }
}

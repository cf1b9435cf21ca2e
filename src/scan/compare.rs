//! The map against what a system has: which column is which field, the columns no field
//! declares (`undeclared-column`), the fields no column holds (`missing-column`) and the
//! coverage of the store. Pure: the tables come in already read.

use std::collections::{BTreeMap, BTreeSet};

use super::engine::Table;
use super::guess::{Guess, guess, tokens};
use super::patterns::Pattern;
use crate::diag::{Entity, EntityKind, Finding, Text, t};
use crate::manifest::scan::ScanTable;
use crate::model::{FieldId, FieldOrigin, Model, StoreId};
use crate::rules::{missing_column, undeclared_column};
use crate::source::Span;
use crate::words::scan::what_fr;

/// What one store's scan found.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StoreScan {
    pub store: String,
    /// Columns the system has, in the tables that belong to the store.
    pub found: usize,
    /// Of those, the columns a declared field holds.
    pub declared: usize,
    /// The undeclared columns, for `--write`.
    pub undeclared: Vec<NewField>,
    /// The declared fields with no column, for `--write`.
    pub missing: Vec<FieldId>,
}

/// An undeclared column as the field `--write` would add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewField {
    /// The finding's key: `store.table.column`.
    pub key: String,
    pub id: String,
    pub table: String,
    pub column: String,
    pub category: Option<&'static str>,
}

impl StoreScan {
    /// declared ∩ found / found; `None` when the system has no column to cover.
    pub fn coverage(&self) -> Option<f64> {
        (self.found > 0).then(|| self.declared as f64 / self.found as f64)
    }
}

/// The field id a column becomes: the prefix and the column's words, lower case, without
/// accents, joined by `_` (`Date de naissance` → `date_de_naissance`).
pub fn field_id_for(prefix: &str, column: &str) -> String {
    let words = tokens(column).join("_");
    let id = format!("{prefix}{words}");
    if id.starts_with(|c: char| c.is_ascii_alphanumeric()) { id } else { format!("c{id}") }
}

/// A table of the store, as `scan.tables` says or every table without prefix.
struct Wanted<'a> {
    name: &'a str,
    prefix: &'a str,
    span: Option<Span>,
}

/// Reads up to N values of `(table, column)` for `--sample N`.
pub type Sampler<'a> = dyn FnMut(&str, &str) -> anyhow::Result<Vec<String>> + 'a;

/// Compares one store with the tables read from its system; with a sampler, the guesses of
/// undeclared columns are tested against their values.
pub fn compare(
    model: &Model,
    store: StoreId,
    tables: &[Table],
    place: Span,
    mut sample: Option<&mut Sampler<'_>>,
) -> anyhow::Result<(StoreScan, Vec<Finding>)> {
    let s = model.store(store);
    let wanted: Vec<Wanted<'_>> = match s.scan.as_ref().and_then(|scan| scan.tables.as_ref()) {
        Some(list) => list
            .iter()
            .map(|t| match &t.value {
                ScanTable::Name(n) => Wanted { name: n.as_str(), prefix: "", span: Some(t.span) },
                ScanTable::Prefixed(p) => Wanted {
                    name: p.name.as_str(),
                    prefix: p.prefix.as_deref().unwrap_or(""),
                    span: Some(t.span),
                },
            })
            .collect(),
        None => tables.iter().map(|t| Wanted { name: &t.name, prefix: "", span: None }).collect(),
    };
    let declared: Vec<FieldId> = s
        .fields
        .iter()
        .copied()
        .filter(|f| model.field(*f).origin == FieldOrigin::Declared)
        .collect();
    // A field with `column:` is found by it; the others by their id.
    let mut by_column: BTreeMap<String, FieldId> = BTreeMap::new();
    let mut by_id: BTreeMap<&str, FieldId> = BTreeMap::new();
    for &f in &declared {
        let field = model.field(f);
        match field.column() {
            Some(column) => {
                by_column.insert(column.to_lowercase(), f);
            }
            None => {
                by_id.insert(field.id.as_str(), f);
            }
        }
    }
    let mut findings = Vec::new();
    let mut matched: BTreeSet<FieldId> = BTreeSet::new();
    let mut result = StoreScan { store: s.id.clone(), ..StoreScan::default() };
    for want in &wanted {
        let Some(table) = tables.iter().find(|t| t.name.eq_ignore_ascii_case(want.name)) else {
            findings.push(missing_table(&s.id, want, place));
            continue;
        };
        for column in &table.columns {
            result.found += 1;
            let qualified = format!("{}.{}", table.name, column).to_lowercase();
            let lower = column.to_lowercase();
            let id = field_id_for(want.prefix, column);
            let plain = format!("{}{lower}", want.prefix);
            let field = by_column
                .get(&qualified)
                .or_else(|| by_column.get(&lower))
                .or_else(|| by_id.get(plain.as_str()))
                .or_else(|| by_id.get(id.as_str()));
            match field {
                Some(&f) => {
                    result.declared += 1;
                    matched.insert(f);
                }
                None => {
                    let evidence = match sample.as_deref_mut() {
                        Some(sampler) => Some(evidence(&table.name, column, sampler)?),
                        None => None,
                    };
                    let finding = undeclared(&s.id, &table.name, column, &id, place, evidence);
                    result.undeclared.push(NewField {
                        key: finding.key.clone(),
                        id: id.clone(),
                        table: table.name.clone(),
                        column: column.clone(),
                        category: guessed_category(column, evidence),
                    });
                    findings.push(finding);
                }
            }
        }
    }
    for &f in &declared {
        if !matched.contains(&f) {
            result.missing.push(f);
            findings.push(missing(model, f, &wanted));
        }
    }
    Ok((result, findings))
}

/// What sampled values said about a column: counts only, the values are gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub sampled: usize,
    /// The pattern tested and how many values matched it; `None` when no pattern applies.
    pub matched: Option<(Pattern, usize)>,
}

/// Samples a column when its values can say something: its name's guess has a pattern, or
/// there is no guess and any pattern may fit. The values are dropped here.
fn evidence(table: &str, column: &str, sampler: &mut Sampler<'_>) -> anyhow::Result<Evidence> {
    let by_name = guess(column);
    let pattern = by_name.as_ref().and_then(|g| g.category).and_then(Pattern::for_category);
    if by_name.is_some() && pattern.is_none() {
        return Ok(Evidence { sampled: 0, matched: None });
    }
    let values = sampler(table, column)?;
    let count = |p: Pattern| values.iter().filter(|v| p.matches(v)).count();
    let matched = match pattern {
        Some(p) => Some((p, count(p))),
        // Without a name to go by, a pattern must fit most values to say anything.
        None => Pattern::ALL
            .iter()
            .map(|p| (*p, count(*p)))
            .filter(|(_, k)| *k > 0 && k * 5 >= values.len() * 4)
            .max_by_key(|(p, k)| (*k, std::cmp::Reverse(*p))),
    };
    Ok(Evidence { sampled: values.len(), matched })
}

/// The category the name, else the sampled values, suggest.
fn guessed_category(column: &str, evidence: Option<Evidence>) -> Option<&'static str> {
    guess(column)
        .and_then(|g| g.category)
        .or_else(|| evidence.and_then(|e| e.matched).map(|(p, _)| p.category()))
}

fn undeclared(
    store: &str,
    table: &str,
    column: &str,
    id: &str,
    place: Span,
    evidence: Option<Evidence>,
) -> Finding {
    let by_name = guess(column);
    let guessed = by_name.clone().or_else(|| {
        let (pattern, _) = evidence?.matched?;
        let key = pattern.category();
        Some(Guess {
            category: Some(key),
            what: pattern.plural(),
            personal: crate::vocab::categories::is_personal(key),
            special: crate::vocab::categories::special_of(key),
        })
    });
    // The clauses after the sentence, each in both languages.
    let mut looks: Vec<Text> = Vec::new();
    match (&by_name, &guessed) {
        (Some(g), _) => looks.push(describe(g)),
        (None, Some(g)) => {
            let n = nature(g);
            looks.push(t!("its name suggests nothing{n}", "son nom n'indique aucune catégorie{n}"));
        }
        (None, None) => {}
    }
    if let Some(e) = evidence {
        match (e.sampled, e.matched) {
            (0, _) if by_name.is_some() && e.matched.is_none() => {}
            (0, _) => looks.push(t!("no value to sample", "aucune valeur à échantillonner")),
            // French agrees with one value (the English says "1 of 1 values").
            (1, Some((p, _))) => {
                let (en, fr) = (p.plural(), what_fr(p.plural()));
                looks.push(t!(
                    "1 of 1 sampled values look like {en}",
                    "la valeur échantillonnée ressemble à {fr}"
                ));
            }
            (n, Some((p, k))) => {
                let (en, fr) = (p.plural(), what_fr(p.plural()));
                looks.push(t!(
                    "{k} of {n} sampled values look like {en}",
                    "{k} des {n} valeurs échantillonnées ressemblent à {fr}"
                ));
            }
            (1, None) => looks.push(t!(
                "1 values sampled, none fits a known pattern",
                "1 valeur échantillonnée, qui ne suit aucun motif connu"
            )),
            (n, None) => looks.push(t!(
                "{n} values sampled, none fits a known pattern",
                "{n} valeurs échantillonnées, aucune ne suit un motif connu"
            )),
        }
    }
    let category = guessed.as_ref().and_then(|g| g.category);
    let declaration = match category {
        Some(key) => format!("{{id: {id}, category: {key}}}"),
        None => format!("{{id: {id}, category: CATEGORY}}"),
    };
    let sentence = t!(
        "store '{store}' does not declare column '{table}.{column}'",
        "l'outil '{store}' ne déclare pas la colonne '{table}.{column}'"
    );
    let message =
        looks.iter().fold(sentence, |whole, part| t!("{whole}; {part}", "{whole} ; {part}"));
    Finding::new(undeclared_column::RULE.name, message)
        .entity(Entity::new(EntityKind::Store, store))
        .key(format!("{store}.{table}.{column}"))
        .at(place, t!("scanned here", "scannée ici"))
        .help(t!(
            "declare it in store '{store}': `- {declaration}`",
            "déclarez-la dans l'outil '{store}' : `- {declaration}`"
        ))
}

/// "its name suggests a bank account (user.financial.bank_account): personal data".
fn describe(g: &Guess) -> Text {
    let key = g.category.map(|k| format!(" ({k})")).unwrap_or_default();
    let n = nature_words(g);
    let (en, fr) = (g.what, what_fr(g.what));
    t!("its name suggests {en}{key}{n}", "son nom suggère {fr}{key}{n}")
}

/// " (key): personal data" for a guess made from values.
fn nature(g: &Guess) -> Text {
    let key = g.category.map(|k| format!(" ({k})")).unwrap_or_default();
    let n = nature_words(g);
    t!("{key}{n}", "{key}{n}")
}

/// ": personal data", ": special category data (health)", or nothing.
fn nature_words(g: &Guess) -> Text {
    match (g.special, g.personal) {
        (Some(special), _) => {
            let s = special.as_str();
            t!(": special category data ({s})", " : donnée de catégorie particulière ({s})")
        }
        (None, true) => t!(": personal data", " : donnée personnelle"),
        (None, false) => Text::default(),
    }
}

fn missing(model: &Model, f: FieldId, wanted: &[Wanted<'_>]) -> Finding {
    let field = model.field(f);
    let store = &model.store(field.store).id;
    let (span, looked) = match field.column() {
        Some(column) => {
            let c = &column.value;
            (column.span, t!("column '{c}'", "de colonne '{c}'"))
        }
        None => {
            let c = &field.id;
            (field.span, t!("a column '{c}'", "de colonne '{c}'"))
        }
    };
    let tables: Vec<&str> = wanted.iter().map(|w| w.name).collect();
    let tables =
        if tables.is_empty() { t!("none", "aucune") } else { Text::from(tables.join(", ")) };
    Finding::new(
        missing_column::RULE.name,
        t!(
            "field '{}' of store '{store}' has no column in the scanned system: no table has \
             {looked}",
            "le champ '{}' de l'outil '{store}' n'a pas de colonne dans le système scanné : \
             aucune table n'a {looked}",
            field.id
        ),
    )
    .entity(Entity::new(EntityKind::Field, model.field_path(f)))
    .at(span, t!("declared here", "déclaré ici"))
    .help(t!(
        "remove the field, or write `column: TABLE.COLUMN` on it when the column has another \
         name (tables: {tables})",
        "retirez le champ, ou écrivez-y `column: TABLE.COLUMN` quand la colonne a un autre nom \
         (tables : {tables})"
    ))
}

fn missing_table(store: &str, want: &Wanted<'_>, place: Span) -> Finding {
    Finding::new(
        missing_column::RULE.name,
        t!(
            "store '{store}' lists table '{}', which the scanned system does not have",
            "l'outil '{store}' liste la table '{}', que le système scanné n'a pas",
            want.name
        ),
    )
    .entity(Entity::new(EntityKind::Store, store))
    .key(format!("{store}.{}", want.name))
    .at(want.span.unwrap_or(place), t!("listed here", "listée ici"))
    .help(t!(
        "remove it from `scan.tables`, or fix its name",
        "retirez-la de `scan.tables`, ou corrigez son nom"
    ))
}

//! The map against what a system has: which column is which field, the columns no field
//! declares (`undeclared-column`), the fields no column holds (`missing-column`) and the
//! coverage of the store. Pure: the tables come in already read.

use std::collections::{BTreeMap, BTreeSet};

use super::engine::Table;
use super::guess::{Guess, guess, tokens};
use crate::checks::rules::{missing_column, undeclared_column};
use crate::diag::{Entity, EntityKind, Finding};
use crate::manifest::scan::ScanTable;
use crate::model::{FieldId, FieldOrigin, Model, StoreId};
use crate::source::Span;

/// What one store's scan found.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreScan {
    pub store: String,
    /// Columns the system has, in the tables that belong to the store.
    pub found: usize,
    /// Of those, the columns a declared field holds.
    pub declared: usize,
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

/// Compares one store with the tables read from its system.
pub fn compare(
    model: &Model,
    store: StoreId,
    tables: &[Table],
    place: Span,
) -> (StoreScan, Vec<Finding>) {
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
        match &field.column {
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
    let mut result = StoreScan { store: s.id.clone(), found: 0, declared: 0 };
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
                None => findings.push(undeclared(&s.id, &table.name, column, &id, place)),
            }
        }
    }
    for &f in &declared {
        if !matched.contains(&f) {
            findings.push(missing(model, f, &wanted));
        }
    }
    (result, findings)
}

fn undeclared(store: &str, table: &str, column: &str, id: &str, place: Span) -> Finding {
    let guessed = guess(column);
    let looks = match &guessed {
        Some(g) => format!("; {}", describe(g)),
        None => String::new(),
    };
    let category = guessed.as_ref().and_then(|g| g.category);
    let declaration = match category {
        Some(key) => format!("{{id: {id}, category: {key}}}"),
        None => format!("{{id: {id}, category: CATEGORY}}"),
    };
    Finding::new(
        undeclared_column::RULE.name,
        format!("store '{store}' does not declare column '{table}.{column}'{looks}"),
    )
    .entity(Entity::new(EntityKind::Store, store))
    .key(format!("{store}.{table}.{column}"))
    .at(place, "scanned here")
    .help(format!("declare it in store '{store}': `- {declaration}`"))
}

/// "it looks like a bank account (user.financial.bank_account): personal data".
fn describe(g: &Guess) -> String {
    let key = g.category.map(|k| format!(" ({k})")).unwrap_or_default();
    let nature = match (g.special, g.personal) {
        (Some(special), _) => format!(": special category data ({})", special.as_str()),
        (None, true) => ": personal data".to_owned(),
        (None, false) => String::new(),
    };
    format!("its name suggests {}{key}{nature}", g.what)
}

fn missing(model: &Model, f: FieldId, wanted: &[Wanted<'_>]) -> Finding {
    let field = model.field(f);
    let store = &model.store(field.store).id;
    let (span, looked) = match &field.column {
        Some(column) => (column.span, format!("column '{}'", column.value)),
        None => (field.span, format!("a column '{}'", field.id)),
    };
    let tables: Vec<&str> = wanted.iter().map(|w| w.name).collect();
    let tables = if tables.is_empty() { "none".to_owned() } else { tables.join(", ") };
    Finding::new(
        missing_column::RULE.name,
        format!(
            "field '{}' of store '{store}' has no column in the scanned system: no table has \
             {looked}",
            field.id
        ),
    )
    .entity(crate::checks::facts::field_entity(model, f))
    .at(span, "declared here")
    .help(format!(
        "remove the field, or write `column: TABLE.COLUMN` on it when the column has another \
         name (tables: {tables})"
    ))
}

fn missing_table(store: &str, want: &Wanted<'_>, place: Span) -> Finding {
    Finding::new(
        missing_column::RULE.name,
        format!(
            "store '{store}' lists table '{}', which the scanned system does not have",
            want.name
        ),
    )
    .entity(Entity::new(EntityKind::Store, store))
    .key(format!("{store}.{}", want.name))
    .at(want.span.unwrap_or(place), "listed here")
    .help("remove it from `scan.tables`, or fix its name")
}

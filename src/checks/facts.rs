//! Facts several rules share, computed from the model on demand: who holds personal data,
//! which purposes use it, where stores are hosted.

use crate::diag::{Entity, EntityKind, Text, t};
use crate::manifest::enums::{Language, StoreStatus};
use crate::model::{FieldId, Model, Purpose, PurposeId, StoreId};

/// Whether a store holds at least one personal field.
pub(crate) fn holds_personal(model: &Model, store: StoreId) -> bool {
    model.fields_of(store).any(|f| model.field(f).personal)
}

/// Whether a store keeps personal data: it holds a personal field and is no application
/// (`kind: application` processes what flows through it and keeps nothing: nothing there to
/// erase, reconcile or hold apart from the customer master).
pub(crate) fn keeps_personal(model: &Model, store: StoreId) -> bool {
    !model.store(store).is_application() && holds_personal(model, store)
}

/// Whether a field only passes through an application: a flow brought it there and the
/// application keeps nothing. The rules about kept data judge it at its source, and the
/// flow that brings it (`unused-flow`), never here a second time.
pub(crate) fn passes_through(model: &Model, field: FieldId) -> bool {
    let f = model.field(field);
    model.store(f.store).is_application() && f.origin != crate::model::FieldOrigin::Declared
}

/// The personal fields a purpose uses.
pub(crate) fn personal_uses<'m>(
    model: &'m Model,
    purpose: &'m Purpose,
) -> impl Iterator<Item = FieldId> + 'm {
    purpose.uses.iter().copied().filter(|f| model.field(*f).personal)
}

/// Active purposes that use personal data: the rows of the register, and what the GDPR
/// rules about purposes look at.
pub(crate) fn register_purposes(model: &Model) -> impl Iterator<Item = PurposeId> + '_ {
    model.purpose_ids().filter(|p| {
        let purpose = model.purpose(*p);
        purpose.is_active() && personal_uses(model, purpose).next().is_some()
    })
}

/// Stores still running (not `retired`).
pub(crate) fn live_stores(model: &Model) -> impl Iterator<Item = StoreId> + '_ {
    model.store_ids().filter(|s| model.store(*s).status != StoreStatus::Retired)
}

pub(crate) fn store_entity(model: &Model, store: StoreId) -> Entity {
    Entity::new(EntityKind::Store, model.store(store).id.as_str())
}

pub(crate) fn field_entity(model: &Model, field: FieldId) -> Entity {
    Entity::new(EntityKind::Field, model.field_path(field))
}

pub(crate) fn purpose_entity(purpose: &Purpose) -> Entity {
    Entity::new(EntityKind::Purpose, purpose.id.as_str())
}

/// `a, b and c` (`a, b et c` in a French sentence).
pub(crate) fn and_list<S: AsRef<str>>(items: &[S]) -> Text {
    match items {
        [] => Text::default(),
        [one] => Text::from(one.as_ref()),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            let (rest, last) = (rest.join(", "), last.as_ref());
            t!("{rest} and {last}", "{rest} et {last}")
        }
    }
}

/// Quoted names, the first `max` of them, and how many more.
pub(crate) fn quoted_list(items: &[String], max: usize) -> Text {
    let shown: Vec<String> = items.iter().take(max).map(|s| format!("'{s}'")).collect();
    if items.len() <= max {
        return and_list(&shown);
    }
    let more = items.len() - max;
    let with = |last: String| and_list(&[shown.clone(), vec![last]].concat());
    let (en, fr) = (with(format!("{more} more")), with(format!("{more} autres")));
    Text::new(en.en, fr.get(Language::Fr))
}

/// Whether category `need` covers `key`: `key` is `need` or below it, through dotted
/// prefixes or a declared category's `parent`.
pub(crate) fn category_covers(model: &Model, need: &str, key: &str) -> bool {
    let mut current = Some(key.to_owned());
    for _ in 0..64 {
        let Some(k) = current else { return false };
        if k == need || crate::vocab::categories::covers(need, &k) {
            return true;
        }
        current = match model.category(&k) {
            Some(c) if c.parent.is_some() => c.parent.clone(),
            _ => k.rsplit_once('.').map(|(p, _)| p.to_owned()),
        };
    }
    false
}

/// An ISO 8601 period (`P3Y`, `P1Y6M`, `P30D`) in months, for comparing retentions.
pub(crate) fn duration_months(text: &str) -> Option<f64> {
    let mut rest = text.strip_prefix('P')?;
    let mut months = 0.0;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let n: f64 = rest[..digits].parse().ok()?;
        months += n * match rest[digits..].chars().next()? {
            'Y' => 12.0,
            'M' => 1.0,
            'W' => 7.0 / 30.4375,
            'D' => 1.0 / 30.4375,
            _ => return None,
        };
        rest = &rest[digits + 1..];
    }
    Some(months)
}

/// The structured duration of a retention, when it has one.
pub(crate) fn retention_duration(retention: &crate::manifest::store::Retention) -> Option<&str> {
    match retention {
        crate::manifest::store::Retention::Period(p) => p.duration.as_ref().map(|d| d.as_str()),
        crate::manifest::store::Retention::Text(_) => None,
    }
}

/// Countries of a store outside the EEA.
pub(crate) fn outside_eea(model: &Model, store: StoreId) -> Vec<&str> {
    let mut codes: Vec<&str> = model
        .store(store)
        .location
        .iter()
        .map(|c| c.value.as_str())
        .filter(|c| !crate::vocab::tables::is_eea(c))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes
}

/// The stores following each definition of each term: (term, definition, stores), sorted
/// by term then definition order; for the glossary page.
pub(crate) fn followers(model: &Model) -> Vec<(usize, usize, Vec<StoreId>)> {
    let mut out = Vec::new();
    for (t, term) in model.terms.iter().enumerate() {
        for d in 0..term.definitions.len() {
            let stores: Vec<StoreId> = model
                .store_ids()
                .filter(|s| {
                    model.store(*s).defines.iter().any(|x| x.term == t && x.definition == d)
                })
                .collect();
            out.push((t, d, stores));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Durations compare in months.
    #[test]
    fn durations() {
        assert_eq!(duration_months("P3Y"), Some(36.0));
        assert_eq!(duration_months("P1Y6M"), Some(18.0));
        assert!(duration_months("P30D").unwrap() < 1.0);
        assert_eq!(duration_months("3Y"), None);
    }
}

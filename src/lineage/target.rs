//! What a lineage command is asked about: `STORE` or `STORE.FIELD`, looked up in the model,
//! with the closest existing name suggested when it is not there.

use crate::diag::suggest;
use crate::model::{FieldId, Model, StoreId};

/// A store or a field of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Store(StoreId),
    Field(FieldId),
}

/// `STORE` or `STORE.FIELD`; the error says what exists instead.
pub fn resolve_target(model: &Model, text: &str) -> Result<Target, String> {
    match text.split_once('.') {
        Some(_) => resolve_field(model, text).map(Target::Field),
        None => resolve_store(model, text).map(Target::Store),
    }
}

/// `STORE.FIELD` only.
pub fn resolve_field(model: &Model, text: &str) -> Result<FieldId, String> {
    let Some((store_text, field_text)) = text.split_once('.') else {
        return Err(
            match model.store_by_id(text).and_then(|s| first_field(model, s).map(|f| (s, f))) {
                Some((store, field)) => format!(
                    "give a field as STORE.FIELD, for example '{}' (fields of '{text}': {})",
                    model.field_path(field),
                    field_list(model, store)
                ),
                None => format!("give a field as STORE.FIELD ('{text}' has no '.')"),
            },
        );
    };
    let store = resolve_store(model, store_text)?;
    if let Some(field) = model.field_by_id(store, field_text) {
        return Ok(field);
    }
    // The same field name in another store (`crm.hashed_email` for `ads.hashed_email`) is a
    // likelier slip than a near name in this store.
    if let Some(other) = model
        .store_ids()
        .find_map(|s| model.field_by_id(s, field_text))
        .map(|f| model.field_path(f))
    {
        return Err(format!("unknown field '{text}': did you mean '{other}'?"));
    }
    let names = model.fields_of(store).map(|f| model.field(f).id.as_str());
    if let Some(best) = suggest::closest(field_text, names) {
        return Err(format!("unknown field '{text}': did you mean '{store_text}.{best}'?"));
    }
    Err(format!("unknown field '{text}' (fields of '{store_text}': {})", field_list(model, store)))
}

fn resolve_store(model: &Model, text: &str) -> Result<StoreId, String> {
    if let Some(store) = model.store_by_id(text) {
        return Ok(store);
    }
    let ids = model.stores.iter().map(|s| s.id.as_str());
    Err(match suggest::help(text, ids) {
        Some(help) => format!("unknown store '{text}': {help}"),
        None if model.stores.is_empty() => format!("unknown store '{text}': the map has no store"),
        None => format!("unknown store '{text}'"),
    })
}

fn first_field(model: &Model, store: StoreId) -> Option<FieldId> {
    model.fields_of(store).next()
}

/// The first few field ids of a store, for an error message.
fn field_list(model: &Model, store: StoreId) -> String {
    const SHOWN: usize = 8;
    let all: Vec<&str> = model.fields_of(store).map(|f| model.field(f).id.as_str()).collect();
    match all.len() {
        0 => "none".to_owned(),
        n if n <= SHOWN => all.join(", "),
        n => format!("{}, and {} more", all[..SHOWN].join(", "), n - SHOWN),
    }
}

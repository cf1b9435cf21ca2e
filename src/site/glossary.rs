//! `glossary.html`: what each business term means in each system — every definition of a
//! term with the stores whose records follow it, side by side.

use tera::Value;

use super::{Inputs, Site};
use crate::checks::facts::followers;

pub(super) fn page(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let model = inputs.model;
    let all = followers(model);
    let terms: Vec<Value> = model
        .terms
        .iter()
        .enumerate()
        .map(|(t, term)| {
            let definitions: Vec<Value> = all
                .iter()
                .filter(|(at, _, _)| *at == t)
                .map(|(_, d, stores)| {
                    let def = &term.definitions[*d];
                    let stores: Vec<Value> = stores
                        .iter()
                        .map(|s| {
                            let store = model.store(*s);
                            obj! {"id": store.id.as_str(), "name": store.name.as_str()}
                        })
                        .collect();
                    obj! {"id": def.id.as_str(), "text": def.text.as_deref(), "stores": stores}
                })
                .collect();
            obj! {
                "id": term.id.as_str(), "name": term.name.as_str(),
                "description": term.description.as_deref(), "definitions": definitions,
            }
        })
        .collect();
    obj! {"page_title": site.word("glossary"), "terms": terms}
}

//! `access.html`: the team × store matrix of access rights (`access:` on stores): who reads,
//! writes and administers what; a store without `access:` says "not stated".

use tera::Value;

use super::{Inputs, Site};
use crate::model::AccessLevel;

pub(super) fn page(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let model = inputs.model;
    let teams: Vec<Value> =
        model.teams.iter().map(|t| obj! {"id": t.id.as_str(), "name": t.name.as_str()}).collect();
    let stores: Vec<Value> = model
        .store_ids()
        .map(|s| {
            let store = model.store(s);
            // One cell per team, in team order: its level, or nothing (the list is stated).
            let cells: Option<Vec<Value>> = store.access.as_ref().map(|a| {
                model
                    .team_ids()
                    .map(|t| {
                        Value::from(match a.level(t) {
                            Some(AccessLevel::Admin) => site.word("access_admin"),
                            Some(AccessLevel::Write) => site.word("access_write"),
                            Some(AccessLevel::Read) => site.word("access_read"),
                            None => "",
                        })
                    })
                    .collect()
            });
            let special = model.fields_of(s).any(|f| model.field(f).special.is_some());
            obj! {"id": store.id.as_str(), "name": store.name.as_str(), "cells": cells, "special": special}
        })
        .collect();
    obj! {"page_title": site.word("access_rights"), "teams": teams, "stores": stores}
}

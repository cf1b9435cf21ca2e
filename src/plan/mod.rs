//! The collection plan with its cost (seed 004: for each datum, "quelle utilité, quel moyen
//! de collecte/coût, quel moyen de mise à jour/coût"): one row per need of each purpose not
//! retired — the fields that meet it and how they are collected and updated at what cost,
//! or, for a need no used field meets, the purpose's `collect:` plan. What the map does not
//! state is "not stated" with the attribute to fill.

mod xlsx;

pub use self::xlsx::encode as xlsx;
use crate::checks::facts::category_covers;
use crate::manifest::enums::{Language, PurposeStatus};
use crate::model::Model;

/// One line of the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub purpose: String,
    pub purpose_name: String,
    /// The needed category key.
    pub need: String,
    /// The used fields that meet the need (`store.field`); empty: data to collect.
    pub fields: Vec<String>,
    pub collection: String,
    pub collection_cost: String,
    pub update: String,
    pub update_cost: String,
}

impl Row {
    pub fn to_collect(&self) -> bool {
        self.fields.is_empty()
    }
}

/// "not stated: add 'attribute:' to …", in the language asked.
fn not_stated(attribute: &str, place: &str, lang: Language) -> String {
    match lang {
        Language::En => format!("not stated: add '{attribute}:' to {place}"),
        Language::Fr => format!("non renseigné : ajouter '{attribute}:' à {place}"),
    }
}

/// The distinct values the fields state, joined; or "not stated" naming the fields.
fn from_fields(values: &[(String, Option<&str>)], attribute: &str, lang: Language) -> String {
    let mut stated: Vec<&str> = values.iter().filter_map(|(_, v)| *v).collect();
    stated.sort_unstable();
    stated.dedup();
    let missing: Vec<&str> =
        values.iter().filter(|(_, v)| v.is_none()).map(|(f, _)| f.as_str()).collect();
    let mut parts: Vec<String> = stated.iter().map(|s| (*s).to_owned()).collect();
    if !missing.is_empty() {
        let place = match lang {
            Language::En => format!("field {}", missing.join(", ")),
            Language::Fr => format!("champ {}", missing.join(", ")),
        };
        parts.push(not_stated(attribute, &place, lang));
    }
    parts.join("; ")
}

/// The plan, purposes by id, needs in their order.
pub fn build(model: &Model, lang: Language) -> Vec<Row> {
    let mut rows = Vec::new();
    for p in model.purposes.iter().filter(|p| p.status != PurposeStatus::Retired) {
        for need in &p.needs {
            let fields: Vec<_> = p
                .uses
                .iter()
                .copied()
                .filter(|f| {
                    let category = model.field(*f).category.as_ref();
                    category.is_some_and(|c| category_covers(model, &need.value, &c.value))
                })
                .collect();
            let purpose_place = match lang {
                Language::En => format!("purpose {} ('collect:' for {})", p.id, need.value),
                Language::Fr => format!("la finalité {} ('collect:' pour {})", p.id, need.value),
            };
            let row = if fields.is_empty() {
                let plan = p.collect.iter().find(|c| c.category.value == need.value);
                let get = |v: Option<&Option<String>>, attribute: &str| match v
                    .and_then(Option::as_ref)
                {
                    Some(text) => text.clone(),
                    None => not_stated(attribute, &purpose_place, lang),
                };
                Row {
                    purpose: p.id.clone(),
                    purpose_name: p.name.clone(),
                    need: need.value.clone(),
                    fields: Vec::new(),
                    collection: get(plan.map(|c| &c.collection), "collection"),
                    collection_cost: get(plan.map(|c| &c.collection_cost), "collection_cost"),
                    update: get(plan.map(|c| &c.update), "update"),
                    update_cost: get(plan.map(|c| &c.update_cost), "update_cost"),
                }
            } else {
                let pairs =
                    |get: fn(&crate::model::Field) -> Option<&str>| -> Vec<(String, Option<&str>)> {
                        fields
                            .iter()
                            .map(|f| (model.field_path(*f), get(model.field(*f))))
                            .collect()
                    };
                Row {
                    purpose: p.id.clone(),
                    purpose_name: p.name.clone(),
                    need: need.value.clone(),
                    fields: fields.iter().map(|f| model.field_path(*f)).collect(),
                    collection: from_fields(&pairs(|f| f.collection()), "collection", lang),
                    collection_cost: from_fields(
                        &pairs(|f| f.collection_cost()),
                        "collection_cost",
                        lang,
                    ),
                    update: from_fields(&pairs(|f| f.update()), "update", lang),
                    update_cost: from_fields(&pairs(|f| f.update_cost()), "update_cost", lang),
                }
            };
            rows.push(row);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(yaml: &str) -> Model {
        let loaded = crate::load::load_from_memory(&[("map.yaml", yaml)]);
        assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
        crate::model::resolve::resolve(loaded.manifests, &loaded.project, None).0
    }

    const MAP: &str = "stores:\n  - id: crm\n    fields:\n      - {id: email, category: user.contact.email, collection: web form, collection_cost: none (self-service), update: account page}\n      - {id: phone, category: user.contact.phone_number}\npurposes:\n  - id: news\n    uses: [crm.email, crm.phone]\n    needs: [user.contact.email, user.contact.phone_number, user.demographic.date_of_birth]\n    collect:\n      - {category: user.demographic.date_of_birth, collection: ask at enrolment, collection_cost: 1 day of development}\n";

    /// A met need takes the fields' means and costs; a missing one the purpose's plan; what
    /// neither states is "not stated" with the attribute and the place to fill it.
    #[test]
    fn rows_say_means_costs_and_what_is_not_stated() {
        let rows = build(&model(MAP), Language::En);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].fields, ["crm.email"]);
        assert_eq!(rows[0].collection, "web form");
        assert_eq!(rows[0].update_cost, "not stated: add 'update_cost:' to field crm.email");
        assert_eq!(rows[1].collection, "not stated: add 'collection:' to field crm.phone");
        assert!(rows[2].to_collect());
        assert_eq!(rows[2].collection_cost, "1 day of development");
        assert_eq!(
            rows[2].update,
            "not stated: add 'update:' to purpose news ('collect:' for user.demographic.date_of_birth)"
        );
        for row in &rows {
            for cell in [&row.collection, &row.collection_cost, &row.update, &row.update_cost] {
                assert!(!cell.is_empty() && cell != "none" && cell != "no", "{row:?}");
            }
        }
    }
}

//! `datacarto schema`: the JSON Schema of the manifest format (or of datacarto.yaml), as
//! committed under docs/schema/. The loader validates against the schema schemars derives
//! from the types; editors get that schema completed with what the loader also checks (rule
//! options and their ranges, numbers read as text, whole numbers that fit), so that an
//! editor and `check` accept and refuse the same documents (`load/corpus.rs` runs a mutation
//! corpus through both).

use std::io::Write;

use serde_json::{Map, Value, json};

use super::Status;
use crate::load::shape::schema_of;
use crate::manifest::Document;
use crate::manifest::project::Project;

/// The schema text, as printed and committed.
pub fn text(project: bool) -> String {
    let mut text =
        serde_json::to_string_pretty(&editor_schema(project)).expect("a schema serialises");
    text.push('\n');
    text
}

/// The schema editors read: the derived one, with an `$id`, a title, and the checks the
/// loader makes beyond it.
pub fn editor_schema(project: bool) -> Value {
    let mut schema = if project { schema_of::<Project>() } else { schema_of::<Document>() };
    numbers_as_text(&mut schema);
    whole_numbers_fit(&mut schema);
    if project {
        rule_options(&mut schema);
    } else {
        builtin_keys(&mut schema);
    }
    let (id, title) = if project {
        ("urn:datacarto:schema:project:1", "datacarto.yaml, the project file of a datacarto map")
    } else {
        (
            "urn:datacarto:schema:manifest:1",
            "A datacarto manifest: teams, objectives, subjects, categories, stores, flows and purposes",
        )
    };
    let Value::Object(mut rest) = schema else { unreachable!("a schema is an object") };
    let mut ordered = Map::new();
    if let Some(s) = rest.shift_remove("$schema") {
        ordered.insert("$schema".into(), s);
    }
    ordered.insert("$id".into(), json!(id));
    rest.shift_remove("title");
    ordered.insert("title".into(), json!(title));
    ordered.append(&mut rest);
    Value::Object(ordered)
}

/// `name: 007` is the text "007" for the loader (numbers are text as written,
/// `load/scalar.rs`): free text accepts numbers in the editor too. Text with a pattern
/// accepts the numbers whose spelling the pattern accepts (`id: 2024`, `category: 1.5`), as
/// far as a schema can say it; text with a vocabulary or a format does not.
fn numbers_as_text(node: &mut Value) {
    match node {
        Value::Object(map) => {
            let is_text = |t: &Value| {
                t == "string" || t.as_array().is_some_and(|a| a.iter().any(|t| t == "string"))
            };
            if map.get("type").is_some_and(is_text)
                && !["enum", "const", "format"].iter().any(|k| map.contains_key(*k))
            {
                let pattern = map.get("pattern").and_then(Value::as_str).map(regex::Regex::new);
                let (ints, fractions) = match pattern {
                    None => (true, true),
                    Some(Ok(re)) => (re.is_match("2024") && re.is_match("007"), re.is_match("1.5")),
                    Some(Err(_)) => (false, false),
                };
                let numeric = match (ints, fractions) {
                    (true, true) => Some("number"),
                    (true, false) => Some("integer"),
                    (false, true) => {
                        // Only numbers with a fraction are spelt the pattern's way.
                        map.insert("not".into(), json!({"type": "integer"}));
                        Some("number")
                    }
                    (false, false) => None,
                };
                if let Some(numeric) = numeric {
                    // In place: the keys keep their order in the committed schema.
                    if let Some(t) = map.get_mut("type") {
                        let mut types = match t.take() {
                            Value::Array(types) => types,
                            other => vec![other],
                        };
                        types.push(json!(numeric));
                        *t = Value::Array(types);
                    }
                    if map.contains_key("pattern") {
                        // A sign is no letter, digit, `_` nor `.`: no pattern accepts it.
                        map.insert("minimum".into(), json!(0));
                    }
                }
            }
            map.values_mut().for_each(numbers_as_text);
        }
        Value::Array(items) => items.iter_mut().for_each(numbers_as_text),
        _ => {}
    }
}

/// Whole numbers are read in 64 signed bits (`records: 18446744073709551616` is refused, not
/// rounded): say so with a `maximum`.
fn whole_numbers_fit(node: &mut Value) {
    match node {
        Value::Object(map) => {
            if map.get("format").is_some_and(|f| f == "uint64" || f == "int64")
                && !map.contains_key("maximum")
            {
                map.insert("maximum".into(), json!(i64::MAX));
            }
            map.values_mut().for_each(whole_numbers_fit);
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers_fit),
        _ => {}
    }
}

/// `rules:` rule by rule: a level, or a mapping of a level and the rule's own options, each
/// a number in its range (what `config.rs` checks).
fn rule_options(schema: &mut Value) {
    let Some(table) = schema.pointer_mut("/$defs/RuleTable") else { return };
    let level = table.pointer("/additionalProperties/anyOf/0").cloned().unwrap_or(json!({}));
    let mut rules = Map::new();
    for rule in crate::rules::RULES {
        let mut options = Map::new();
        options.insert("level".into(), level.clone());
        for o in rule.options {
            options.insert(
                o.name.into(),
                json!({"type": "number", "minimum": o.min, "maximum": o.max,
                       "default": o.default, "description": o.description}),
            );
        }
        rules.insert(
            rule.name.into(),
            json!({
                "description": format!("{}: {}.", rule.name, rule.summary),
                "anyOf": [level, {"type": "object", "additionalProperties": false, "properties": options}],
            }),
        );
    }
    table["properties"] = Value::Object(rules);
    table["additionalProperties"] = json!(false);
}

/// The built-in category keys and data uses, each with its label, offered where a key is
/// written (`category:`, `needs:`, `parent:`, `use:`) so that editors complete
/// `user.contact.email`; any other well-formed key stays accepted (a map may declare its own).
fn builtin_keys(schema: &mut Value) {
    use crate::vocab::{categories, tables};
    let choices = |keys: &[&str], label: fn(&str) -> Option<tables::Label>| -> Value {
        let values: Vec<Value> = keys
            .iter()
            .map(|k| match label(k) {
                Some(l) => json!({"const": k, "description": l.en}),
                None => json!({"const": k}),
            })
            .collect();
        Value::Array(values)
    };
    let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) else { return };
    defs.insert(
        "BuiltinCategory".into(),
        json!({"description": "A built-in data category (the fideslang 3.x taxonomy, CC BY 4.0, with two art. 9 keys).",
               "anyOf": choices(categories::CATEGORIES, tables::category_label)}),
    );
    defs.insert(
        "BuiltinDataUse".into(),
        json!({"description": "A built-in data use (the fideslang 3.x taxonomy, CC BY 4.0).",
               "anyOf": choices(categories::DATA_USES, tables::data_use_label)}),
    );
    let key = json!({"$ref": "#/$defs/CategoryKey"});
    for (pointer, builtin) in [
        ("/$defs/Field/properties/category/anyOf/0", "BuiltinCategory"),
        ("/$defs/Purpose/properties/needs/items", "BuiltinCategory"),
        ("/$defs/Category/properties/parent/anyOf/0", "BuiltinCategory"),
        ("/$defs/Purpose/properties/use/anyOf/0", "BuiltinDataUse"),
    ] {
        if let Some(node) = schema.pointer_mut(pointer)
            && *node == key
        {
            *node = json!({"anyOf": [{"$ref": format!("#/$defs/{builtin}")}, key]});
        }
    }
}

pub fn run(project: bool) -> anyhow::Result<Status> {
    std::io::stdout().lock().write_all(text(project).as_bytes())?;
    Ok(Status::Clean)
}

//! The loader speaks the project's words: a corpus of bad inputs (every attribute of every
//! kind of entity, and of `datacarto.yaml`, given values of the wrong type, outside their
//! vocabulary, too large, badly nested; broken YAML) is loaded and resolved, and no message,
//! label or help may carry the wording of serde or of the YAML parser, and each has its
//! French.

use serde_json::Value;

use super::load_from_memory;
use super::shape::schema_of;
use crate::diag::Finding;

/// Words of serde and of the parser that mean nothing to someone writing a manifest.
const JARGON: &[&str] = &[
    "untagged enum",
    "variant",
    "invalid type",
    "invalid value",
    "invalid length",
    "expected a",
    "struct",
    "map with",
    "sequence",
    "missing field",
    "unknown field `",
    "data did not match",
    "Option<",
    "DuplicateKeyPolicy",
    "u64",
    "i64",
    "f64",
    "newtype",
    "deserializ",
    "serde",
    "while parsing",
    "while scanning",
    "did not find expected",
];

/// Values no attribute accepts, or only some do: every kind of YAML value, out of range,
/// outside a vocabulary, not an id.
const BAD_VALUES: &[&str] = &[
    "2024",
    "true",
    "1.5",
    "-1",
    "18446744073709551616",
    "~",
    "[a, b]",
    "{a: 1}",
    "[[x]]",
    "{}",
    "\"Bad Id\"",
    "nope",
    "2027-02-30",
    "\"\"",
];

/// Where an object of the schema sits in a manifest: the text before and after its keys,
/// and the keys it needs, so that one bad attribute is the only problem.
type Template = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

fn template(def: &str) -> Option<Template> {
    Some(match def {
        "Team" => ("teams:\n  - {", "}\n", &[("id", "t")]),
        "Objective" => ("objectives:\n  - {", "}\n", &[("id", "o")]),
        "Subject" => ("subjects:\n  - {", "}\n", &[("id", "s")]),
        "Category" => ("categories:\n  - {", "}\n", &[("id", "user.x")]),
        "Store" => ("stores:\n  - {", "}\n", &[("id", "s")]),
        "Field" => ("stores:\n  - {id: s, fields: [{", "}]}\n", &[("id", "f")]),
        "Flow" => ("flows:\n  - {", "}\n", &[("from", "a"), ("to", "b")]),
        "Transfer" => {
            ("flows:\n  - {from: a, to: b, transfer: {", "}}\n", &[("mechanism", "adequacy")])
        }
        "Erasure" => ("stores:\n  - {id: s, erasure: {", "}}\n", &[("method", "api")]),
        "Purpose" => ("purposes:\n  - {", "}\n", &[("id", "p")]),
        "Access" => ("stores:\n  - {id: s, access: {", "}}\n", &[]),
        "StoreQuality" => ("stores:\n  - {id: s, quality: {", "}}\n", &[]),
        "Review" => ("stores:\n  - {id: s, review: {", "}}\n", &[]),
        "SubProcessor" => (
            "stores:\n  - {id: s, sub_processors: [{",
            "}]}\n",
            &[("name", "n"), ("country", "FR")],
        ),
        "FieldQuality" => ("stores:\n  - {id: s, fields: [{id: f, quality: {", "}}]}\n", &[]),
        "Collect" => ("purposes:\n  - {id: p, collect: [{", "}]}\n", &[("category", "user.x")]),
        "Term" => ("terms:\n  - {", "}\n", &[("id", "t")]),
        "Definition" => ("terms:\n  - {id: t, definitions: [{", "}]}\n", &[("id", "d")]),
        "Dpia" => ("purposes:\n  - {id: p, dpia: {", "}}\n", &[]),
        "RetentionPeriod" => ("purposes:\n  - {id: p, retention: {", "}}\n", &[]),
        "Allow" => {
            ("stores:\n  - {id: s, allow: [{", "}]}\n", &[("rule", "schema"), ("reason", "r")])
        }
        "Scan" => ("stores:\n  - {id: s, scan: {", "}}\n", &[]),
        "PrefixedTable" => ("stores:\n  - {id: s, scan: {tables: [{", "}]}}\n", &[("name", "t")]),
        "Organization" => ("organization: {", "}\n", &[("name", "n")]),
        "Contact" => ("organization: {name: n, dpo: {", "}}\n", &[]),
        _ => return None,
    })
}

/// The text of one object of kind `def` whose `key` is `value`.
fn one_bad(def: &str, key: &str, value: &str) -> String {
    let (before, after, base) = template(def).unwrap_or_else(|| {
        panic!("the schema has a new kind of object '{def}': give it a template here")
    });
    let mut pairs: Vec<(&str, &str)> = base.iter().copied().filter(|(k, _)| *k != key).collect();
    pairs.push((key, value));
    let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{before}{}{after}", body.join(", "))
}

/// Every object definition of a schema that has properties, with its keys.
fn objects(schema: &Value) -> Vec<(String, Vec<String>)> {
    let defs = schema["$defs"].as_object().expect("$defs");
    defs.iter()
        .filter_map(|(name, def)| {
            let props = def.get("properties")?.as_object()?;
            Some((name.clone(), props.keys().cloned().collect()))
        })
        .collect()
}

fn every_text(finding: &Finding) -> Vec<&str> {
    let mut texts = vec![finding.message.as_str()];
    texts.extend(finding.help.as_deref());
    texts.extend(finding.primary.iter().map(|l| l.message.as_str()));
    texts.extend(finding.related.iter().map(|l| l.message.as_str()));
    texts
}

/// Fails on the first message that speaks serde or parser, or that comes from the loader's
/// last resort (a value the validator let through and the deserializer could not read:
/// the two must read scalars by one rule).
fn assert_clean(findings: &[Finding], sources: &crate::source::SourceMap) {
    for finding in findings {
        let input = || {
            finding.primary.as_ref().map_or_else(String::new, |l| {
                let file = sources.get(l.span.file);
                format!("{}:\n{}", file.path, file.text)
            })
        };
        for text in every_text(finding) {
            for jargon in JARGON {
                assert!(
                    !text.contains(jargon),
                    "'{jargon}' in {text:?} ({}), from {}",
                    finding.rule,
                    input()
                );
            }
            assert!(
                !text.contains("cannot be read"),
                "the validator let through what the deserializer cannot read: {text:?} at {:?}",
                finding.primary
            );
        }
        // And every one of them speaks French too (an empty label has no language).
        let labels = finding.primary.iter().chain(&finding.related).map(|l| &l.message);
        for text in std::iter::once(&finding.message).chain(&finding.help).chain(labels) {
            assert!(
                text.is_empty() || text.fr.is_some(),
                "English only: {:?} ({}), from {}",
                text.en,
                finding.rule,
                input()
            );
        }
    }
}

/// Every attribute of every kind of entity, with every kind of bad value: the loader's
/// messages are in the project's words, and the validator refuses whatever the
/// deserializer cannot read.
#[test]
fn no_loader_message_speaks_serde() {
    let schema = schema_of::<crate::manifest::Document>();
    let mut files = Vec::new();
    for (def, keys) in objects(&schema) {
        for key in &keys {
            for value in BAD_VALUES {
                let name = format!("c/{def}-{key}-{:03}.yaml", files.len());
                files.push((name, one_bad(&def, key, value)));
            }
        }
        // The entity itself badly nested.
        let (before, after, _) = template(&def).unwrap_or_else(|| panic!("no template for {def}"));
        for value in ["[x]", "x", "2024"] {
            let text =
                format!("{}{value}{}", before.trim_end_matches('{'), after.trim_start_matches('}'));
            files.push((format!("c/{def}-nested-{:03}.yaml", files.len()), text));
        }
    }
    for (i, text) in [
        "stores:\n  - id: crm\n\tname: CRM\n",
        "stores:\n  - id: crm\n    description: Note: text\n",
        "stores:\n  - id: crm\n    name: CRM\n  kind: crm\n",
        "stores:\n  - id: crm\n    fields:\n      - id: a\n     - id: b\n",
        "stores:\n  - id: crm\n   name: CRM\n",
        "purposes:\n  - id: p\n    uses: [a.b\n",
        "stores: [{id: a}\n",
        "stores:\n  - id: a\n    id: b\n",
        "stores: 3\n",
        "3\n",
        "[a]\n",
        "stores:\n  - id: a\n    fields:\n      - email\n",
        "flows:\n  - {from: a, to: b, fields: [{a: b, c: d}]}\n",
        "flows:\n  - {from: a, to: b, fields: [{}]}\n",
        "~: 1\n",
        "? [a]\n: 1\n",
        "a: &x 1\nb: *y\n",
        "a: !!binary aGk=\n",
        "a: !custom x\n",
        "\"unterminated\n",
    ]
    .iter()
    .enumerate()
    {
        files.push((format!("syntax/{i:02}.yaml"), (*text).to_owned()));
    }
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let loaded = load_from_memory(&borrowed);
    let (_, resolved) =
        crate::model::resolve::resolve(loaded.manifests, &loaded.project, loaded.project_file);
    assert!(loaded.findings.len() > files.len() / 2, "the corpus produces findings");
    assert_clean(&loaded.findings, &loaded.sources);
    assert_clean(&resolved, &loaded.sources);

    // datacarto.yaml: one document per map.
    let project = schema_of::<crate::manifest::project::Project>();
    let mut keys: Vec<(String, String)> = Vec::new();
    let root = project["properties"].as_object().expect("properties");
    for key in root.keys() {
        for value in BAD_VALUES {
            keys.push((format!("{key}: {value}\n"), key.clone()));
        }
    }
    for (def, props) in objects(&project) {
        if template(&def).is_none() {
            continue; // the rule settings: free-form per rule
        }
        for key in &props {
            for value in BAD_VALUES {
                keys.push((one_bad(&def, key, value), def.clone()));
            }
        }
    }
    // Rule settings: a level, or a mapping of a level and the rule's options.
    for value in BAD_VALUES.iter().chain(&["[warn]", "{level: 3}", "{threshold: high}"]) {
        for rule in ["unused-field", "low-completeness", "dpia-required", "nope"] {
            keys.push((format!("rules: {{{rule}: {value}}}\n"), "rules".to_owned()));
            keys.push((format!("rules: {{{rule}: {{threshold: {value}}}}}\n"), "rules".to_owned()));
        }
    }
    let today = crate::date::Date::parse("2026-12-05").expect("a date");
    for (text, _) in &keys {
        let loaded = load_from_memory(&[("datacarto.yaml", text.as_str())]);
        assert_clean(&loaded.findings, &loaded.sources);
        if let Ok((_, config)) =
            crate::config::Config::build(&loaded.project, &loaded.sources, &[], today)
        {
            assert_clean(&config, &loaded.sources);
        }
    }
}

/// A YAML tree as the JSON an editor's validator sees (YAML 1.2: `007` is a number).
fn to_json(node: &super::yaml::Node<'_>) -> Value {
    use super::yaml::NodeKind;
    match &node.kind {
        NodeKind::Null => Value::Null,
        NodeKind::Bool(b) => Value::Bool(*b),
        NodeKind::Int(i) => Value::from(*i),
        NodeKind::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        NodeKind::Str(s) => Value::String(s.to_string()),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(entries) => {
            Value::Object(entries.iter().map(|(k, v)| (k.name.to_string(), to_json(v))).collect())
        }
    }
}

/// Whether the loader refuses a manifest (or, with `project`, a datacarto.yaml): any finding
/// of loading or of the settings. References are not judged: a schema cannot.
fn loader_refuses(text: &str, project: bool) -> bool {
    let name = if project { "datacarto.yaml" } else { "map.yaml" };
    let loaded = load_from_memory(&[(name, text)]);
    if !loaded.findings.is_empty() {
        return true;
    }
    let today = crate::date::Date::parse("2026-12-05").expect("a date");
    crate::config::Config::build(&loaded.project, &loaded.sources, &[], today)
        .map_or(true, |(_, findings)| !findings.is_empty())
}

/// The verdicts of a reference JSON Schema validator (python's `jsonschema`, Draft 2020-12)
/// on `documents` against `schema`: true where it refuses.
fn schema_refuses(schema: &Value, documents: &[Value]) -> Vec<bool> {
    let python = ["python3", "/usr/bin/python3"]
        .into_iter()
        .find(|py| {
            std::process::Command::new(py)
                .args(["-c", "import jsonschema"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("python3 with jsonschema (apt-get install python3-jsonschema, or ./scripts/test)");
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let input = tmp.path().join("input.json");
    let payload = serde_json::json!({"schema": schema, "documents": documents});
    #[expect(clippy::disallowed_methods, reason = "a test hands its corpus to python")]
    std::fs::write(&input, payload.to_string()).expect("write the corpus");
    let script = "import json, sys, jsonschema\n\
        p = json.load(open(sys.argv[1]))\n\
        v = jsonschema.Draft202012Validator(p['schema'], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)\n\
        print(''.join('1' if next(v.iter_errors(d), None) else '0' for d in p['documents']))\n";
    let out = std::process::Command::new(python)
        .args(["-c", script])
        .arg(&input)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().chars().map(|c| c == '1').collect()
}

/// What a JSON Schema cannot say, so the schema accepts and `check` refuses: globs that do
/// not compile, and (not in this corpus) a second document in datacarto.yaml. Said in
/// docs/manifest.md.
fn beyond_a_schema(text: &str) -> bool {
    text.starts_with("exclude:")
}

/// The editor schema (`datacarto schema`) and the loader agree on every document of the
/// mutation corpus: every attribute of every kind of entity and of datacarto.yaml, given every
/// kind of bad value, each run through a reference JSON Schema validator and through the
/// loader. Any disagreement is listed.
#[test]
fn schema_and_loader_agree() {
    let mut cases: Vec<(String, bool)> = Vec::new();
    let schema = schema_of::<crate::manifest::Document>();
    for (def, keys) in objects(&schema) {
        for key in &keys {
            for value in BAD_VALUES.iter().chain(&["007", "x", "\"text\""]) {
                cases.push((one_bad(&def, key, value), false));
            }
        }
    }
    let project = schema_of::<crate::manifest::project::Project>();
    for key in project["properties"].as_object().expect("properties").keys() {
        for value in BAD_VALUES.iter().chain(&["[\"a/**\", \"[\"]"]) {
            cases.push((format!("{key}: {value}\n"), true));
        }
    }
    for (def, props) in objects(&project) {
        if template(&def).is_none() {
            continue;
        }
        for key in &props {
            for value in BAD_VALUES.iter().chain(&["007"]) {
                cases.push((one_bad(&def, key, value), true));
            }
        }
    }
    for value in BAD_VALUES.iter().chain(&["warn", "[warn]", "{level: 3}", "{level: off}"]) {
        for rule in ["unused-field", "low-completeness", "dpia-required", "nope"] {
            cases.push((format!("rules: {{{rule}: {value}}}\n"), true));
            for option in ["threshold", "large_scale_records", "nope"] {
                cases.push((format!("rules: {{{rule}: {{{option}: {value}}}}}\n"), true));
            }
        }
    }
    for value in ["0.5", "2", "-1", "100000", "1e20"] {
        cases.push((format!("rules: {{low-completeness: {{threshold: {value}}}}}\n"), true));
        cases.push((format!("rules: {{dpia-required: {{large_scale_records: {value}}}}}\n"), true));
    }
    // Documents the YAML parser refuses are not the schema's to judge.
    cases.retain(|(text, _)| super::yaml::parse(text).is_ok_and(|docs| docs.len() == 1));

    let mut disagreements = Vec::new();
    for project in [false, true] {
        let these: Vec<&(String, bool)> = cases.iter().filter(|(_, p)| *p == project).collect();
        let documents: Vec<Value> = these
            .iter()
            .map(|(text, _)| to_json(&super::yaml::parse(text).expect("parsed above")[0]))
            .collect();
        let editor = crate::commands::schema::editor_schema(project);
        let verdicts = schema_refuses(&editor, &documents);
        assert_eq!(verdicts.len(), these.len(), "one verdict per document");
        for ((text, _), schema_says) in these.iter().zip(verdicts) {
            let loader_says = loader_refuses(text, project);
            if schema_says != loader_says && !(loader_says && beyond_a_schema(text)) {
                let who = if loader_says {
                    "check refuses, the schema accepts"
                } else {
                    "the schema refuses, check accepts"
                };
                disagreements.push(format!("{who}: {}", text.trim_end().replace('\n', " ⏎ ")));
            }
        }
    }
    assert!(cases.len() > 1000, "the corpus is large: {}", cases.len());
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

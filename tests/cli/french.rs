//! Findings in French (`check --lang fr`, or `language: fr` in datacarto.yaml): the same
//! findings, ids and order as in English, with French messages, labels and help.

use serde_json::Value;

use crate::support::{Map, project_root, run_in};

fn retail(args: &[&str]) -> String {
    let dir = project_root().join("examples/01-retail");
    let mut all = vec!["check", "--as-of", "2026-01-01"];
    all.extend_from_slice(args);
    run_in(&dir, &all).stdout
}

/// Words of the English messages that no French message contains: one of them in French
/// output is a message left in English.
const ENGLISH: &[&str] = &[
    "' and '",
    "did you mean",
    " warnings",
    " in 21 files",
    "store '",
    "purpose '",
    "flow '",
    "field '",
    " has no ",
    " holds ",
    " uses ",
    " carries ",
    " with no ",
    "help:",
    " not stated",
    " add '",
    "declare ",
    " or stop",
];

/// The retail example's findings in French, as people read them and as CI parses them.
#[test]
fn retail_in_french() {
    insta::assert_snapshot!("french_retail_human", retail(&["--lang", "fr"]));
    insta::assert_snapshot!("french_retail_json", retail(&["--lang", "fr", "--format", "json"]));
}

/// No message, label or help of the French output is left in English.
#[test]
fn no_english_message_in_french() {
    for format in ["human", "concise", "json", "sarif", "github"] {
        let out = retail(&["--lang", "fr", "--format", format]);
        let json: Option<Value> = serde_json::from_str(&out).ok();
        // In JSON, only the messages: ids and entity paths are the map's own words.
        // (JSON and SARIF are parsed; the text formats are read whole.)
        let texts: Vec<String> = match (&json, format) {
            (Some(v), "json") => v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|f| {
                    let related = f["related"].as_array().unwrap().iter();
                    [f["message"].clone(), f["help"].clone()]
                        .into_iter()
                        .chain(related.map(|r| r["message"].clone()))
                })
                .filter_map(|m| m.as_str().map(str::to_owned))
                .collect(),
            // In SARIF, the results (the rules' descriptions: `sarif_rules_in_french`).
            (Some(v), "sarif") => v["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|r| {
                    let related = r["relatedLocations"].as_array().cloned().unwrap_or_default();
                    std::iter::once(r["message"]["text"].clone())
                        .chain(related.into_iter().map(|l| l["message"]["text"].clone()))
                })
                .filter_map(|m| m.as_str().map(str::to_owned))
                .collect(),
            _ => vec![out.clone()],
        };
        assert!(!texts.is_empty());
        for text in &texts {
            for word in ENGLISH {
                assert!(!text.contains(word), "{format}: English {word:?} in:\n{text}");
            }
        }
    }
    // And the English output does have them: the list tests something.
    let english = retail(&[]);
    assert!(ENGLISH.iter().filter(|w| english.contains(*w)).count() >= 3, "{english}");
}

/// The ids and the order of the findings are the same in both languages, for every format
/// that carries ids.
#[test]
fn ids_and_order_equal_in_both_languages() {
    let ids = |lang: &str| -> Vec<String> {
        let out = retail(&["--lang", lang, "--format", "json"]);
        let v: Value = serde_json::from_str(&out).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (en, fr) = (ids("en"), ids("fr"));
    assert!(en.len() > 3, "{en:?}");
    assert_eq!(en, fr);
    let messages = |lang: &str| retail(&["--lang", lang, "--format", "json"]);
    assert_ne!(messages("en"), messages("fr"), "the French run printed English");
}

/// `language: fr` in datacarto.yaml is enough; `--lang en` overrides it.
#[test]
fn the_maps_language_chooses() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Maison Test\nlanguage: fr\n"),
        ("teams.yaml", "teams:\n  - id: it\n"),
        ("stores/crm.yaml", "stores:\n  - id: crm\n    fields: [{id: email}]\n"),
    ]);
    let fr = map.run(&["check", "--format", "concise"]).stdout;
    assert!(fr.contains("l'outil\u{a0}'crm'") || fr.contains("l'outil 'crm'"), "{fr}");
    assert!(fr.contains("n'a pas de responsable"), "{fr}");
    let en = map.run(&["check", "--format", "concise", "--lang", "en"]).stdout;
    assert!(en.contains("store 'crm' has no owner"), "{en}");
}

/// The loader's findings (schema, duplicate ids, unknown references) are French too, with
/// the French agreeing with the kind (`type d'outil inconnu`, `un flux sans 'to'`).
#[test]
fn loader_findings_in_french() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Maison Test\nlanguage: fr\n"),
        (
            "stores/crm.yaml",
            "stores:\n  - id: crm\n    location: [UK]\n    kind: crmm\n    external: yes\n    nmae: CRM\n    fields:\n      - {id: email, completeness: 94}\n  - id: CRM2\n  - id: crm\n",
        ),
        ("flows.yaml", "flows:\n  - from: crm\n    fields: email\n  - {from: crm, to: crm3}\n"),
    ]);
    let out = map.run(&["check", "--format", "concise"]).stdout;
    for french in [
        "type d'outil inconnu 'crmm' (vouliez-vous dire 'crm'\u{a0}?)",
        "'external' attend true ou false",
        "clé inconnue 'nmae' dans un outil",
        "'completeness' vaut 94, hors limites",
        "'CRM2' n'est pas un identifiant valide",
        "l'outil 'crm' est déclaré deux fois",
        "un flux sans 'to'",
        "'fields' attend une liste",
        "outil inconnu 'crm3'",
        "'UK' n'est pas un code pays ISO 3166-1 alpha-2\u{a0}: ce pays s'écrit 'GB'",
    ] {
        assert!(out.contains(french), "{french:?} not in:\n{out}");
    }
    for english in
        ["unknown ", "did you mean", "expects", "is not a valid", "declared twice", "has no"]
    {
        assert!(!out.contains(english), "{english:?} in:\n{out}");
    }
}

/// A French map's YAML syntax errors are said in French, in our words (never the parser's,
/// in either language), each at its file:line:col with a help.
#[test]
fn yaml_syntax_errors_in_french() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Maison Test\nlanguage: fr\n"),
        ("stores/a.yaml", "stores:\n  - id: a\n    fields: [email, phone\n"),
        ("stores/b.yaml", "stores:\n  - id: b\n    description: \"unterminated\n"),
        ("stores/c.yaml", "stores:\n  - id: c\n    name: @home\n"),
        ("stores/d.yaml", "stores:\n  - id: d\n    name: D\n  kind: crm\n"),
        ("stores/e.yaml", "stores:\n  - id: e\n\tname: E\n"),
    ]);
    let out = map.run(&["check", "--format", "concise"]).stdout;
    for french in [
        "stores/a.yaml:3:13: error[yaml-syntax] '[' n'est jamais fermé (fermez-le par ']')",
        "stores/b.yaml:3:18: error[yaml-syntax] un guillemet jamais fermé",
        "stores/c.yaml:3:11: error[yaml-syntax] une valeur ne peut commencer par '@' que entre guillemets",
        "stores/d.yaml:4:3: error[yaml-syntax] 'kind' n'est pas aligné sur les lignes au-dessus",
        "stores/e.yaml:3:1: error[yaml-syntax] une tabulation dans l'indentation",
    ] {
        assert!(out.contains(french), "{french:?} not in:\n{out}");
    }
    for english in
        ["unclosed", "bracket", "quote", "unexpected", "line up", "tab ", "while ", "indicator"]
    {
        assert!(!out.contains(english), "{english:?} in:\n{out}");
    }
    let en = map.run(&["check", "--format", "concise", "--lang", "en"]).stdout;
    assert!(en.contains("stores/a.yaml:3:13: error[yaml-syntax] '[' is never closed"), "{en}");
    assert!(!en.contains("unclosed bracket"), "the parser's wording:\n{en}");
}

/// The rare schema messages of a French map are French: a text too long, a retention that
/// is a bare number, a URL where an environment variable is named, a date not of the
/// calendar, an invalid `exclude:` glob.
#[test]
fn rare_schema_messages_in_french() {
    let long = "a".repeat(120);
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Maison Test\nlanguage: fr\nexclude: ['a/[b']\n"),
        (
            "stores/crm.yaml",
            &format!(
                "stores:\n  - id: {long}\n  - id: crm\n    scan: {{url: 'postgres://u:p@h/db'}}\n    fields:\n      - id: email\n        quality: {{last_audit: 2025-02-30}}\n"
            ),
        ),
        ("purposes.yaml", "purposes:\n  - id: p\n    retention: 3\n"),
    ]);
    let out = map.run(&["check", "--format", "concise"]).stdout;
    for french in [
        "cet identifiant fait 120 caractères\u{a0}; un identifiant en a 100 au plus",
        "réduisez le texte à 100 caractères au plus",
        "une URL est écrite ici\u{a0}: un manifeste nomme la variable d'environnement",
        "'2025-02-30' n'est pas une date du calendrier",
        "motif invalide 'a/[b'\u{a0}: un '[' n'est jamais fermé",
    ] {
        assert!(out.contains(french), "{french:?} not in:\n{out}");
    }
    for english in [
        "characters long",
        "shorten",
        "is written out",
        "not a date",
        "invalid glob",
        "unclosed",
        "is not a",
        "write ",
    ] {
        assert!(!out.contains(english), "{english:?} in:\n{out}");
    }
}

/// A file that cannot be read, or is not text, is said in French in a French map (the
/// system's own error texts are English: `reading.rs` says them from their kind, tested
/// there).
#[cfg(unix)]
#[test]
fn unreadable_file_in_french() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Maison Test\nlanguage: fr\n"),
        ("stores/crm.yaml", "stores:\n  - id: crm\n"),
    ]);
    map.write("stores/bin.yaml", b"stores:\0\n");
    map.write("stores/latin.yaml", b"stores:\n  - id: caf\xe9\n");
    let made =
        std::process::Command::new("mkfifo").arg(map.path().join("stores/pipe.yaml")).status();
    let fifo = made.is_ok_and(|s| s.success());
    let out = map.run(&["check", "--format", "concise"]).stdout;
    let mut expected = vec![
        "stores/bin.yaml:1:8: error[yaml-syntax] un fichier binaire, pas du texte YAML",
        "stores/latin.yaml:2:12: error[yaml-syntax] pas du texte UTF-8\u{a0}: octet invalide 0xE9",
    ];
    if fifo {
        expected.push("stores/pipe.yaml n'est pas un fichier ordinaire (un manifeste est un fichier ordinaire");
    }
    for french in expected {
        assert!(out.contains(french), "{french:?} not in:\n{out}");
    }
    for english in ["not a regular file", "binary file", "not UTF-8", "save the file"] {
        assert!(!out.contains(english), "{english:?} in:\n{out}");
    }
}

/// `scan` of a French map says its undeclared columns and its coverage in French: the
/// guess from the name, the sampled values, the help.
#[test]
fn scan_in_french() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Maison Test\nlanguage: fr\n"),
        (
            "map.yaml",
            "teams: [{id: it}]\nstores:\n  - id: events\n    owner: it\n    scan: {file: exports/events.csv}\n    fields:\n      - id: event_id\n",
        ),
        ("exports/events.csv", "event_id;Courriel;notes\n1;a@b.fr;x\n"),
    ]);
    let out = map.run(&["scan", "--format", "concise", "--sample", "10"]).stdout;
    for french in [
        "la valeur échantillonnée ressemble à des adresses e-mail",
        "1 valeur échantillonnée, qui ne suit aucun motif connu",
        "l'outil 'events' ne déclare pas la colonne 'events.Courriel'\u{a0}; son nom suggère une adresse e-mail (user.contact.email)\u{a0}: donnée personnelle",
        "déclarez-la dans l'outil 'events'",
        "couverture events\u{a0}: 1 colonne déclarée sur 3 (33,3\u{a0}%)",
    ] {
        assert!(out.contains(french), "{french:?} not in:\n{out}");
    }
    for english in
        ["does not declare", "suggests", "sampled", "declare it", "coverage", "personal data"]
    {
        assert!(!out.contains(english), "{english:?} in:\n{out}");
    }
    // `--dry-run` shows the comments `--write` would add, in French too.
    let patch = map.run(&["scan", "--dry-run"]).stdout;
    assert!(
        patch.contains(
            "# datacarto scan\u{a0}: colonne events.Courriel\u{a0}; catégorie devinée, à confirmer"
        ),
        "{patch}"
    );
    assert!(patch.contains("catégorie non renseignée"), "{patch}");
    assert!(!patch.contains("guessed") && !patch.contains("not stated"), "{patch}");
}

/// The human format of a French map says the level in French (« erreur », « avertissement »,
/// « info »), coloured as in English; the English level words are gone.
#[test]
fn human_levels_in_french() {
    let map = Map::new(&[
        ("datacarto.yaml", "organization:\n  name: Maison Test\nlanguage: fr\n"),
        ("stores/a.yaml", "stores:\n  - id: a\n    fields: [email\n"),
        ("stores/crm.yaml", "stores:\n  - id: crm\n    fields: [{id: email}]\n"),
    ]);
    for color in ["never", "always"] {
        let out = map.run(&["check", "--color", color]).stdout;
        for french in
            ["erreur[yaml-syntax]", "avertissement[missing-owner]", "info[uncategorised-field]"]
        {
            assert!(out.contains(french), "{color}: {french:?} not in:\n{out}");
        }
        for english in ["error[", "warning[", "note["] {
            assert!(!out.contains(english), "{color}: {english:?} in:\n{out}");
        }
        assert_eq!(out.contains('\u{1b}'), color == "always", "{out}");
    }
    let en = map.run(&["check", "--lang", "en", "--color", "never"]).stdout;
    assert!(en.contains("error[yaml-syntax]") && en.contains("warning[missing-owner]"), "{en}");
}

/// SARIF of a French map describes each rule in French: the French summary (as `rules
/// --lang fr`), the French page of `explain --lang fr` as help; English SARIF is unchanged.
#[test]
fn sarif_rules_in_french() {
    let rules = |lang: &str| -> Vec<Value> {
        let out = retail(&["--lang", lang, "--format", "sarif"]);
        let log: Value = serde_json::from_str(&out).unwrap();
        log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().clone()
    };
    let (fr, en) = (rules("fr"), rules("en"));
    assert_eq!(fr.len(), en.len());
    let rule = |all: &[Value], name: &str| all.iter().find(|r| r["id"] == name).unwrap().clone();
    let (f, e) = (rule(&fr, "yaml-syntax"), rule(&en, "yaml-syntax"));
    assert_eq!(
        f["shortDescription"]["text"],
        "un fichier qui n'est pas du YAML valide, à la position exacte"
    );
    assert_eq!(
        f["fullDescription"]["text"],
        "Un fichier qui n'est pas du YAML valide, à la position exacte."
    );
    assert_eq!(f["help"]["text"], "datacarto explain yaml-syntax --lang fr");
    assert!(
        f["help"]["markdown"].as_str().unwrap().starts_with("# yaml-syntax\n\nRègle de la famille")
    );
    assert_eq!(
        e["shortDescription"]["text"],
        "a file that is not valid YAML, at the exact position"
    );
    assert_eq!(e["help"]["text"], "datacarto explain yaml-syntax");
    for (f, e) in fr.iter().zip(&en) {
        assert_eq!(f["id"], e["id"]);
        for key in ["shortDescription", "fullDescription"] {
            assert_ne!(f[key]["text"], e[key]["text"], "{}: {key} left in English", f["id"]);
        }
    }
}

//! Checks a YAML tree against a compiled schema and reports *every* problem: unknown keys
//! (closest key suggested), wrong types, values outside an enumeration, broken id syntax,
//! out-of-range numbers. Invalid values are pruned from the tree so that the rest of the
//! entity still loads and one typo does not hide the entity from the references to it.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::scalar;
use super::shape::{ObjectShape, Shape, ShapeId, Shapes, StrShape};
use super::yaml::{Node, NodeKind};
use crate::diag::{Text, suggest, t};
use crate::manifest::enums::Language;
use crate::words::finding::kind;

/// A schema problem at a byte range of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct SchemaError {
    pub start: u32,
    pub end: u32,
    pub message: Text,
    pub help: Option<Text>,
    /// Where in the document: `stores[crm].fields[email].completeness`.
    pub path: String,
    /// A repeated key (YAML syntax, not schema), with where it first appears.
    pub repeats: Option<(u32, u32)>,
}

/// Validates `node` against the root of `shapes`, pruning what is invalid. Returns whether
/// the node itself is valid (a document that is not a mapping is not).
pub fn validate<'t>(
    node: &mut Node<'t>,
    shapes: &Shapes,
    text: &'t str,
) -> (bool, Vec<SchemaError>) {
    let outcome = validate_all(node, shapes, text);
    (outcome.ok, outcome.errors)
}

/// What validating a document found.
#[derive(Debug, Default)]
pub struct Validation {
    /// Whether the node itself is valid.
    pub ok: bool,
    pub errors: Vec<SchemaError>,
    /// The attributes written on an entity but left out because their value (or their
    /// key, misspelt) is wrong: `(start of the entity's id value, attribute)`. Already
    /// reported; a rule must not report them again as absent.
    pub pruned: Vec<(u32, String)>,
}

/// [`validate`], also saying which attributes were left out.
pub fn validate_all<'t>(node: &mut Node<'t>, shapes: &Shapes, text: &'t str) -> Validation {
    let mut v = Validator {
        shapes,
        text,
        errors: Vec::new(),
        path: Vec::new(),
        silent: 0,
        pruned: Vec::new(),
    };
    let ok = v.check(node, shapes.root, None);
    Validation { ok, errors: v.errors, pruned: v.pruned }
}

/// What a string value is, once checked.
enum Verdict {
    Good,
    Bad,
    /// Reported, and read as this text instead (an id written with capitals or spaces).
    ReadAs(String),
}

/// A step of the path shown with a schema error. Borrowed from the tree (which borrows the
/// text): every key and list item of the map pushes one, and only an error reads them.
enum Segment<'t> {
    Key(Cow<'t, str>),
    Item(usize, Option<Cow<'t, str>>),
}

struct Validator<'s, 't> {
    shapes: &'s Shapes,
    text: &'t str,
    errors: Vec<SchemaError>,
    path: Vec<Segment<'t>>,
    /// Above zero while trying the branches of an `anyOf`: errors are dropped.
    silent: u32,
    pruned: Vec<(u32, String)>,
}

impl<'t> Validator<'_, 't> {
    /// `dpia: done` where a mapping is expected: when the value is one of the values of a
    /// key of that mapping, say how to write it (`dpia: {status: done}`).
    fn wrapped_help(&self, shape: &Shape, node: &Node<'_>, key: Option<&str>) -> Option<Text> {
        let Shape::Object(object) = shape else { return None };
        let written = scalar::as_text(node, self.text)?;
        let values = |p: ShapeId| enum_values(self.shapes, self.shapes.get(p)).unwrap_or(&[]);
        // The value itself (`dpia: done`), else the closest one (`transfer: scc`).
        let (inner, value) = object
            .properties
            .iter()
            .find_map(|(k, p)| values(*p).iter().find(|v| *v == written).map(|v| (k, v.as_str())))
            .or_else(|| {
                object.properties.iter().find_map(|(k, p)| {
                    suggest::closest(written, values(*p).iter().map(String::as_str)).map(|v| (k, v))
                })
            })?;
        let (en, fr) = key.map_or(("the key", "la clé"), |k| (k, k));
        Some(t!("write '{en}: {{{inner}: {value}}}'", "écrivez '{fr}: {{{inner}: {value}}}'"))
    }

    fn report<M: Into<Text>, H: Into<Text>>(
        &mut self,
        start: u32,
        end: u32,
        message: M,
        help: Option<H>,
    ) {
        if self.silent > 0 {
            return;
        }
        let (message, help) = (message.into(), help.map(Into::into));
        let path = self.path_string();
        self.errors.push(SchemaError { start, end, message, help, path, repeats: None });
    }

    fn path_string(&self) -> String {
        let mut out = String::new();
        for segment in &self.path {
            match segment {
                Segment::Key(k) if out.is_empty() => out.push_str(k),
                Segment::Key(k) => {
                    let _ = write!(out, ".{k}");
                }
                Segment::Item(_, Some(id)) => {
                    // The path goes into finding ids: a megabyte id must not make megabyte
                    // ids.
                    let max = crate::manifest::text::ID_MAX_LENGTH;
                    if id.chars().count() > max {
                        let cut: String = id.chars().take(max).collect();
                        let _ = write!(out, "[{cut}…]");
                    } else {
                        let _ = write!(out, "[{id}]");
                    }
                }
                Segment::Item(i, None) => {
                    let _ = write!(out, "[{i}]");
                }
            }
        }
        out
    }

    /// A scalar as text (the shared rule of [`scalar::as_text`]), or else as written, for
    /// messages.
    fn raw<'n>(&self, node: &'n Node<'_>) -> std::borrow::Cow<'n, str> {
        match &node.kind {
            NodeKind::Str(s) => std::borrow::Cow::Borrowed(s.as_ref()),
            _ => std::borrow::Cow::Owned(
                self.text.get(node.start as usize..node.end as usize).unwrap_or("").to_owned(),
            ),
        }
    }

    /// `key` names what is validated (`kind`, `completeness`), for messages.
    fn check(&mut self, node: &mut Node<'t>, shape: ShapeId, key: Option<&str>) -> bool {
        let shapes = self.shapes;
        match shapes.get(shape) {
            Shape::Any => true,
            Shape::AnyOf(branches) => self.check_any_of(node, branches, key),
            other if !accepts_kind(other, &node.kind) => {
                let found = found_text(node, self.text);
                let expected = describe(other);
                let message = match key {
                    Some(k) => t!(
                        "'{k}' expects {expected}, found {found}",
                        "'{k}' attend {expected}, trouvé {found}"
                    ),
                    None => t!(
                        "{expected} is expected here, found {found}",
                        "{expected} est attendu ici, trouvé {found}"
                    ),
                };
                let help = bool_help(other, &node.kind)
                    .or_else(|| too_large_help(other, &node.kind))
                    .or_else(|| self.wrapped_help(other, node, key));
                self.report(node.start, node.end, message, help);
                false
            }
            Shape::Null | Shape::Bool => true,
            Shape::Int { min, max } | Shape::Number { min, max } => {
                self.check_range(node, *min, *max, key)
            }
            Shape::Str(s) => self.check_str(node, s, key),
            Shape::Array { items } => self.check_array(node, *items, key),
            Shape::Object(o) => self.check_object(node, o),
        }
    }

    fn check_any_of(
        &mut self,
        node: &mut Node<'t>,
        branches: &[ShapeId],
        key: Option<&str>,
    ) -> bool {
        let shapes = self.shapes;
        let fits = |b: &ShapeId| {
            matches!(shapes.get(*b), Shape::Any | Shape::AnyOf(_))
                || accepts_kind(shapes.get(*b), &node.kind)
        };
        // Nearly every value fits one branch (an optional attribute is `anyOf [T, null]`):
        // it is checked against it without building a list, three million times at 500,000
        // fields.
        let mut fitting = branches.iter().filter(|b| fits(b));
        let candidates: Vec<ShapeId> = match (fitting.next(), fitting.next()) {
            (Some(only), None) => return self.check(node, *only, key),
            (None, _) => Vec::new(),
            (Some(_), Some(_)) => branches.iter().copied().filter(fits).collect(),
        };
        match candidates.as_slice() {
            [] => {
                let mut expected: Vec<Text> = Vec::with_capacity(branches.len());
                for branch in branches.iter().filter(|b| !matches!(shapes.get(**b), Shape::Null)) {
                    // `a retention trigger or a retention trigger`: the vocabulary and the
                    // `event:` form share a name.
                    let text = describe(shapes.get(*branch));
                    if !expected.contains(&text) {
                        expected.push(text);
                    }
                }
                let found = found_text(node, self.text);
                let join = |language| {
                    let parts: Vec<&str> = expected.iter().map(|e| e.get(language)).collect();
                    parts.join(if language == Language::Fr { " ou " } else { " or " })
                };
                let expected = Text::new(join(Language::En), join(Language::Fr));
                let message = match key {
                    Some(k) => t!(
                        "'{k}' expects {expected}, found {found}",
                        "'{k}' attend {expected}, trouvé {found}"
                    ),
                    None => t!(
                        "{expected} is expected here, found {found}",
                        "{expected} est attendu ici, trouvé {found}"
                    ),
                };
                let help = branches
                    .iter()
                    .find_map(|b| {
                        let shape = shapes.get(*b);
                        bool_help(shape, &node.kind)
                            .or_else(|| too_large_help(shape, &node.kind))
                            .or_else(|| self.wrapped_help(shape, node, key))
                    })
                    .or_else(|| {
                        branches.iter().find_map(|b| match shapes.get(*b) {
                            Shape::Str(s) if s.pattern.is_some() => {
                                let what = s.name.as_deref().map_or("value", humanize);
                                pattern_help(what, "", s)
                            }
                            _ => None,
                        })
                    });
                self.report(node.start, node.end, message, help);
                false
            }
            several => {
                // Try each quietly on a copy; the first that fits wins. When none fits, the
                // first explains (it is the main form, such as a value of the vocabulary).
                for candidate in several {
                    let mut trial = node.clone();
                    self.silent += 1;
                    let ok = self.check(&mut trial, *candidate, key);
                    self.silent -= 1;
                    if ok {
                        *node = trial;
                        return true;
                    }
                }
                self.check(node, several[0], key)
            }
        }
    }

    fn check_range(
        &mut self,
        node: &Node<'_>,
        min: Option<f64>,
        max: Option<f64>,
        key: Option<&str>,
    ) -> bool {
        let value = match node.kind {
            NodeKind::Int(i) => i as f64,
            NodeKind::Float(f) => f,
            _ => return true,
        };
        let below = min.is_some_and(|m| value < m);
        let above = max.is_some_and(|m| value > m);
        if below || above || value.is_nan() {
            let what = key.map_or_else(|| t!("the value", "la valeur"), |k| t!("'{k}'", "'{k}'"));
            let raw = self.raw(node).into_owned();
            let range = match (min, max) {
                (Some(a), Some(b)) => t!("between {a} and {b}", "entre {a} et {b}"),
                (Some(a), None) => t!("at least {a}", "au moins {a}"),
                (None, Some(b)) => t!("at most {b}", "au plus {b}"),
                (None, None) => t!("a number", "un nombre"),
            };
            // `94` for 94 % is the usual slip.
            let percent = value.fract() == 0.0 && (2.0..=100.0).contains(&value);
            let share = value / 100.0;
            let help = (key == Some("completeness") && percent).then(|| {
                t!(
                    "completeness is a share: write {share} for {raw} %",
                    "la complétude est une part : écrivez {share} pour {raw} %"
                )
            });
            self.report(
                node.start,
                node.end,
                t!(
                    "{what} is {raw}, out of range: it must be {range}",
                    "{what} vaut {raw}, hors limites : la valeur doit être {range}"
                ),
                help,
            );
            return false;
        }
        true
    }

    fn check_str(&mut self, node: &mut Node<'t>, shape: &StrShape, key: Option<&str>) -> bool {
        let verdict = self.judge_str(node, shape, key);
        let replacement = match verdict {
            Verdict::Bad => return false,
            // A number read as text (`name: 007`) becomes the text it is written as, so that
            // the deserializer reads exactly what was validated.
            Verdict::Good if matches!(node.kind, NodeKind::Str(_)) => return true,
            Verdict::Good => self.raw(node).into_owned(),
            Verdict::ReadAs(fixed) => fixed,
        };
        node.kind = NodeKind::Str(std::borrow::Cow::Owned(replacement));
        true
    }

    fn judge_str(&mut self, node: &Node<'_>, shape: &StrShape, key: Option<&str>) -> Verdict {
        let raw = self.raw(node);
        // Borrowed: this runs for every string of the map, and only a problem needs words.
        let what: &str = shape.name.as_deref().map(humanize).or(key).unwrap_or("value");
        if let Some((message, help)) = too_long(&raw, shape, what) {
            // An entity's own id is read as a placeholder, like any invalid id, so that the
            // entity still loads and its other problems are reported (one mistake, one finding).
            if what == "id" && key == Some("id") && self.silent == 0 {
                let line =
                    self.text.get(..node.start as usize).map_or(0, |t| t.matches('\n').count()) + 1;
                let read_as = format!("invalid-id-line-{line}");
                let help = t!(
                    "{help}; until then it is read as '{read_as}'",
                    "{help} ; d'ici là, il est lu comme '{read_as}'"
                );
                self.report(node.start, node.end, message, Some(help));
                return Verdict::ReadAs(read_as);
            }
            self.report(node.start, node.end, message, Some(help));
            return Verdict::Bad;
        }
        if let Some(values) = &shape.values {
            if values.iter().any(|v| v == raw.as_ref()) {
                return Verdict::Good;
            }
            let help = suggest::help(&raw, values.iter().map(String::as_str));
            let k = kind(what);
            let (noun, unknown) = (k.noun, k.agree("inconnu", "inconnue"));
            let message = t!("unknown {what} '{raw}'", "{noun} {unknown} '{raw}'");
            self.report(node.start, node.end, message, help);
            return Verdict::Bad;
        }
        if let Some(pattern) = &shape.pattern
            && !pattern.is_match(&raw)
        {
            if let Some(fixed) = self.read_as(what, &raw, shape, key, node) {
                return fixed;
            }
            if what == "country code" {
                let (message, help) = crate::vocab::iso_countries::problem(&raw);
                self.report(node.start, node.end, message, help);
                return Verdict::Bad;
            }
            let help = pattern_help(what, &raw, shape);
            let message = if what == "retention" && raw.chars().any(|c| c.is_ascii_digit()) {
                t!(
                    "'{raw}' is not a retention: a number alone says neither how long nor from when",
                    "'{raw}' n'est pas une conservation : un nombre seul ne dit ni combien de temps ni à partir de quand"
                )
            } else if what == "retention" {
                t!(
                    "an empty retention says neither how long nor from when",
                    "une conservation vide ne dit ni combien de temps ni à partir de quand"
                )
            } else if what == "environment variable reference" {
                // What is written may be a URL with its password: it is never repeated.
                t!(
                    "a URL is written out here: a manifest names the environment variable that holds it, never the URL",
                    "une URL est écrite ici : un manifeste nomme la variable d'environnement qui la contient, jamais l'URL"
                )
            } else {
                let k = kind(what);
                let (a, noun) = (k.agree("un", "une"), k.noun);
                t!("'{raw}' is not a valid {what}", "'{raw}' n'est pas {a} {noun} valide")
            };
            self.report(node.start, node.end, message, help);
            return Verdict::Bad;
        }
        if what == "country code" && !crate::vocab::iso_countries::is_assigned(&raw) {
            let (message, help) = crate::vocab::iso_countries::problem(&raw);
            self.report(node.start, node.end, message, help);
            return Verdict::Bad;
        }
        if shape.date && !is_calendar_date(&raw) {
            self.report(
                node.start,
                node.end,
                t!(
                    "'{raw}' is not a date of the calendar",
                    "'{raw}' n'est pas une date du calendrier"
                ),
                None::<Text>,
            );
            return Verdict::Bad;
        }
        Verdict::Good
    }

    /// An id or a field reference that breaks the syntax is reported and read as its
    /// closest valid spelling (`Newsletter Main` → `newsletter_main`): the entity still loads,
    /// its other problems show in the same run, and references written either way resolve.
    /// An entity id with no such spelling gets a placeholder. While trying the branches of
    /// an `anyOf` (nothing reported), the value does not fit.
    fn read_as(
        &mut self,
        what: &str,
        raw: &str,
        shape: &StrShape,
        key: Option<&str>,
        node: &Node<'_>,
    ) -> Option<Verdict> {
        let valid = |t: &str| shape.pattern.as_ref().is_some_and(|p| p.is_match(t));
        let fixed = match what {
            "id" => Some(sanitize_id(raw)).filter(|f| valid(f)),
            "field reference" => raw
                .split_once('.')
                .map(|(store, field)| {
                    let field = if field == "*" { "*".to_owned() } else { sanitize_id(field) };
                    format!("{}.{field}", sanitize_id(store))
                })
                .filter(|f| valid(f)),
            _ => return None,
        };
        if self.silent > 0 {
            return Some(Verdict::Bad);
        }
        let line = self.text.get(..node.start as usize).map_or(0, |t| t.matches('\n').count()) + 1;
        let (read_as, help) = match fixed {
            Some(fixed) => {
                let help = if what == "id" {
                    t!(
                        "ids use lower case letters, digits, '_' and '-': write '{fixed}'",
                        "les identifiants s'écrivent en minuscules, chiffres, '_' et '-' : écrivez '{fixed}'"
                    )
                } else {
                    t!(
                        "write '{fixed}' (ids use lower case letters, digits, '_' and '-')",
                        "écrivez '{fixed}' (les identifiants s'écrivent en minuscules, chiffres, '_' et '-')"
                    )
                };
                (fixed.clone(), help)
            }
            None if what == "id" && key == Some("id") => (
                format!("invalid-id-line-{line}"),
                t!(
                    "ids use lower case letters, digits, '_' and '-', and start with a letter or a digit",
                    "les identifiants s'écrivent en minuscules, chiffres, '_' et '-', et commencent par une lettre ou un chiffre"
                ),
            ),
            None => return None,
        };
        let help = t!(
            "{help}; until then it is read as '{read_as}'",
            "{help} ; d'ici là, il est lu comme '{read_as}'"
        );
        let k = kind(what);
        let (a, noun) = (k.agree("un", "une"), k.noun);
        let message = t!("'{raw}' is not a valid {what}", "'{raw}' n'est pas {a} {noun} valide");
        self.report(node.start, node.end, message, Some(help));
        Some(Verdict::ReadAs(read_as))
    }

    fn check_array(&mut self, node: &mut Node<'t>, items: ShapeId, key: Option<&str>) -> bool {
        let NodeKind::Seq(elements) = &mut node.kind else { return true };
        let mut dropped = Vec::new();
        for (i, element) in elements.iter_mut().enumerate() {
            self.path.push(Segment::Item(i, item_id(element, self.text)));
            if !self.check(element, items, key) {
                dropped.push(i);
            }
            self.path.pop();
        }
        // A list keeps its valid items: a store with a bad field keeps its other fields.
        remove_at(elements, &dropped);
        // A list left empty by its bad items was written all the same (`location: [UK]`):
        // it is left out as a whole, so no rule reports it as missing.
        dropped.is_empty() || !elements.is_empty()
    }

    fn check_object(&mut self, node: &mut Node<'t>, shape: &ObjectShape) -> bool {
        let (node_start, node_end) = (node.start, node.end);
        let NodeKind::Map(entries) = &mut node.kind else { return true };
        // Where findings about the entity point: its id, or for a flow without one, `from`.
        let anchor =
            |name: &str| entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v.start);
        let id_start = anchor("id").or_else(|| anchor("from"));
        let mut valid = true;
        let mut dropped = Vec::new();
        let mut bad_required = Vec::new();
        for (i, (k, value)) in entries.iter_mut().enumerate() {
            if let Some(first) = k.repeats {
                // The first one is kept; the repetition is reported and dropped.
                if self.silent == 0 {
                    self.errors.push(SchemaError {
                        start: k.start,
                        end: k.end,
                        message: t!(
                            "duplicate key '{}': it appears twice in this mapping",
                            "clé en double '{}' : elle apparaît deux fois dans ce mapping",
                            k.name
                        ),
                        help: Some(t!(
                            "a key appears once per mapping: remove or rename one of them",
                            "une clé apparaît une fois par mapping : retirez ou renommez l'une d'elles"
                        )),
                        path: self.path_string(),
                        repeats: Some(first),
                    });
                }
                dropped.push(i);
                continue;
            }
            let property = shape.property(&k.name);
            let value_shape = match (property, shape.additional) {
                (Some(p), _) => p,
                (None, Some(additional)) => {
                    if let Some(names) = shape.property_names {
                        let mut key_node = Node {
                            start: k.start,
                            end: k.end,
                            kind: NodeKind::Str(k.name.clone()),
                        };
                        if !self.check(&mut key_node, names, None) {
                            dropped.push(i);
                            continue;
                        }
                    }
                    additional
                }
                (None, None) => {
                    let known = shape.properties.iter().map(|(p, _)| p.as_str());
                    let owner = shape.name.as_deref().map(humanize);
                    let name = &k.name;
                    let message = match owner {
                        Some("datacarto manifest") => t!(
                            "unknown top-level key '{name}'",
                            "clé de premier niveau inconnue '{name}'"
                        ),
                        Some(owner) => {
                            let (en, fr) = (with_article(owner), with_article_fr(owner));
                            t!("unknown key '{name}' in {en}", "clé inconnue '{name}' dans {fr}")
                        }
                        None => t!("unknown key '{name}'", "clé inconnue '{name}'"),
                    };
                    let help = suggest::help(&k.name, known.clone());
                    self.report(k.start, k.end, message, help);
                    // `legal_bases: consent` meant `legal_basis`: it was written.
                    if let (Some(id), Some(meant), 0) =
                        (id_start, suggest::closest(&k.name, known), self.silent)
                    {
                        self.pruned.push((id, meant.to_owned()));
                    }
                    dropped.push(i);
                    continue;
                }
            };
            self.path.push(Segment::Key(k.name.clone()));
            let ok = self.check(value, value_shape, Some(&k.name));
            self.path.pop();
            if let (false, Some(id), 0) = (ok, id_start, self.silent) {
                self.pruned.push((id, k.name.to_string()));
            }
            if !ok && shape.required.iter().any(|r| *r == k.name) {
                bad_required.push(k.name.to_string());
                valid = false;
            }
            if !ok {
                dropped.push(i);
            }
        }
        remove_at(entries, &dropped);

        for required in &shape.required {
            let present = entries.iter().any(|(k, _)| k.name == *required);
            if !present && !bad_required.contains(required) {
                let owner = shape.name.as_deref().map_or("this mapping", humanize);
                let (en, fr) = (with_article(owner), with_article_fr(owner));
                let message = t!("{en} has no '{required}'", "{fr} sans '{required}'");
                let help = Some(t!(
                    "add '{required}:'; it is required",
                    "ajoutez '{required}:' ; la clé est obligatoire"
                ));
                self.report(node_start, node_end.max(node_start), message, help);
                valid = false;
            }
        }
        let count = entries.len();
        if shape.max_properties.is_some_and(|m| count > m)
            || shape.min_properties.is_some_and(|m| count < m)
        {
            self.report(
                node_start,
                node_end,
                t!(
                    "a field mapping has exactly one 'source: destination' entry",
                    "une correspondance de champs a exactement une entrée 'source: destination'"
                ),
                None::<Text>,
            );
            valid = false;
        }
        valid
    }
}

/// Removes the items at `indexes` (ascending). Most collections lose nothing: then nothing
/// is allocated, where a flag per item cost two million allocations at 500,000 fields.
fn remove_at<T>(items: &mut Vec<T>, indexes: &[usize]) {
    if indexes.is_empty() {
        return;
    }
    let (mut at, mut next) = (0, indexes.iter().peekable());
    items.retain(|_| {
        let drop = next.next_if_eq(&&at).is_some();
        at += 1;
        !drop
    });
}

/// Whether a node of this kind can be read as the shape (before its constraints).
fn accepts_kind(shape: &Shape, kind: &NodeKind<'_>) -> bool {
    match (shape, kind) {
        (Shape::Any | Shape::AnyOf(_), _) => true,
        (Shape::Null, NodeKind::Null) => true,
        (Shape::Bool, NodeKind::Bool(_)) => true,
        // The rules the deserializer reads with: one place, `scalar`.
        (Shape::Int { .. }, kind) => scalar::as_whole(kind).is_some(),
        (Shape::Number { .. }, kind) => scalar::as_number(kind).is_some(),
        (Shape::Str(_), kind) => scalar::is_text(kind),
        (Shape::Array { .. }, NodeKind::Seq(_)) => true,
        (Shape::Object(_), NodeKind::Map(_)) => true,
        _ => false,
    }
}

fn describe(shape: &Shape) -> Text {
    match shape {
        Shape::Any => t!("a value", "une valeur"),
        Shape::Null => t!("nothing", "rien"),
        Shape::Bool => t!("true or false", "true ou false"),
        Shape::Int { .. } => t!("a whole number", "un nombre entier"),
        Shape::Number { .. } => t!("a number", "un nombre"),
        Shape::Str(s) => match (&s.name, &s.values) {
            // The text form of a retention is a sentence ("3 years after the last order").
            (Some(name), _) if humanize(name) == "retention" => t!("a sentence", "une phrase"),
            (Some(name), _) => {
                let (en, fr) = (with_article(humanize(name)), with_article_fr(humanize(name)));
                t!("{en}", "{fr}")
            }
            (None, Some(_)) => t!("one of the listed values", "l'une des valeurs listées"),
            (None, None) => t!("text", "du texte"),
        },
        Shape::Array { .. } => t!("a list", "une liste"),
        Shape::Object(o) => match o.name.as_deref() {
            Some(name) if name != "datacarto manifest" => {
                let (en, fr) = (with_article(humanize(name)), with_article_fr(humanize(name)));
                t!("{en} (a mapping)", "{fr} (un mapping)")
            }
            _ => t!("a mapping", "un mapping"),
        },
        Shape::AnyOf(_) => t!("one of several forms", "l'une de plusieurs formes"),
    }
}

/// What YAML node was found, in both languages (`NodeKind::describe` is the English).
fn node_kind(kind: &NodeKind<'_>) -> Text {
    let fr = match kind {
        NodeKind::Null => "null",
        NodeKind::Bool(_) => "un booléen",
        NodeKind::Int(_) => "un entier",
        NodeKind::Float(_) => "un nombre",
        NodeKind::Str(_) => "une chaîne",
        NodeKind::Seq(_) => "une liste",
        NodeKind::Map(_) => "un mapping",
    };
    Text::new(kind.describe(), fr)
}

fn found_text(node: &Node<'_>, text: &str) -> Text {
    match &node.kind {
        NodeKind::Seq(_) | NodeKind::Map(_) | NodeKind::Null => node_kind(&node.kind),
        _ => {
            let raw = text.get(node.start as usize..node.end as usize).unwrap_or("");
            let raw: String = raw.chars().take(40).collect();
            let kind = node_kind(&node.kind);
            t!("{kind} '{raw}'", "{kind} '{raw}'")
        }
    }
}

fn bool_help(shape: &Shape, kind: &NodeKind<'_>) -> Option<Text> {
    match (shape, kind) {
        (Shape::Bool, NodeKind::Str(s)) => {
            let lower = s.to_lowercase();
            let value = match lower.as_str() {
                "yes" | "y" | "on" => Some("true"),
                "no" | "n" | "off" => Some("false"),
                _ => None,
            };
            value.map(|v| {
                t!(
                    "write '{v}': in YAML 1.2 '{s}' is text, not a boolean",
                    "écrivez '{v}' : en YAML 1.2 '{s}' est du texte, pas un booléen"
                )
            })
        }
        (Shape::Array { .. }, NodeKind::Str(s)) => {
            let item: String = s.chars().take(40).collect();
            Some(t!(
                "write a list: '[{item}]', or one '- {item}' per line",
                "écrivez une liste : '[{item}]', ou un '- {item}' par ligne"
            ))
        }
        (Shape::Str(s), NodeKind::Bool(b)) if s.pattern.is_none() && s.values.is_none() => {
            Some(t!(
                "quote it (\"{b}\") if you mean the word",
                "mettez-le entre guillemets (\"{b}\") si vous voulez dire le mot"
            ))
        }
        _ => None,
    }
}

/// `records: 18446744073709551616`: a whole number past what 64 bits hold.
fn too_large_help(shape: &Shape, kind: &NodeKind<'_>) -> Option<Text> {
    match (shape, kind) {
        (Shape::Int { .. }, NodeKind::Float(f)) if f.fract() == 0.0 => Some(t!(
            "the number is too large: the largest is {}",
            "le nombre est trop grand : le plus grand est {}",
            i64::MAX
        )),
        _ => None,
    }
}

/// The values a shape takes from a closed list, through `Option` (`anyOf [x, null]`).
fn enum_values<'s>(shapes: &'s Shapes, shape: &'s Shape) -> Option<&'s [String]> {
    match shape {
        Shape::Str(s) => s.values.as_deref(),
        Shape::AnyOf(branches) => branches.iter().find_map(|b| enum_values(shapes, shapes.get(*b))),
        _ => None,
    }
}

/// Words a message uses for a schema type name.
pub(crate) fn humanize(name: &str) -> &str {
    match name {
        "Id" => "id",
        "CategoryKey" => "category key",
        "FieldRef" => "field reference",
        "Date" | "DateText" => "date",
        "Duration" => "ISO 8601 duration",
        "Country" => "country code",
        "EnvRef" => "environment variable reference",
        "StoreKind" => "store kind",
        "StoreStatus" => "store status",
        "PurposeStatus" => "purpose status",
        "FieldSource" => "field source",
        "Mechanism" => "flow mechanism",
        "Frequency" => "frequency",
        "Direction" => "direction",
        "LegalBasis" => "legal basis",
        "SpecialCategory" => "special category",
        "Art9Condition" => "art. 9(2) condition",
        "TransferMechanism" => "transfer mechanism",
        "SecurityMeasure" => "security measure",
        "EndAction" => "end action",
        "RetentionBasis" => "retention basis",
        "RetentionTrigger" | "Trigger" => "retention trigger",
        "DpiaStatus" => "DPIA status",
        "Language" => "language",
        "LevelName" => "level",
        "RuleName" => "rule",
        "Store" => "store",
        "Field" => "field",
        "Flow" => "flow",
        "Purpose" => "purpose",
        "Team" => "team",
        "Objective" => "objective",
        "Subject" => "subject",
        "Category" => "category",
        "Allow" => "suppression",
        "Transfer" => "transfer",
        "Dpia" => "dpia",
        "FieldMapping" => "field mapping",
        "RetentionPeriod" => "retention period",
        "Retention" => "retention",
        "Organization" => "organization",
        "Contact" => "contact",
        "Project" | "datacarto project" => "datacarto.yaml",
        other => other,
    }
}

/// « un outil », « une finalité »; a file name as it is.
fn with_article_fr(noun: &str) -> String {
    if noun.contains(".yaml") { noun.to_owned() } else { kind(noun).a() }
}

fn with_article(noun: &str) -> String {
    if noun.contains(".yaml") {
        return noun.to_owned();
    }
    let an = noun.starts_with(['a', 'e', 'i', 'o', 'u']) || noun.starts_with("ISO");
    format!("{} {noun}", if an { "an" } else { "a" })
}

/// A value over the schema's `maxLength` (an id of 300 characters, or of a megabyte): said
/// with its length and its first characters only, never echoed whole.
fn too_long(raw: &str, shape: &StrShape, what: &str) -> Option<(Text, Text)> {
    let max = shape.max_length?;
    let length = raw.chars().count();
    if length <= max {
        return None;
    }
    let start: String = raw.chars().take(40).collect();
    let (en, k) = (with_article(what), kind(what));
    let this = match (k.feminine, k.noun.starts_with(['a', 'e', 'é', 'i', 'o', 'u'])) {
        (true, _) => "cette",
        (false, true) => "cet",
        (false, false) => "ce",
    };
    let (noun, a) = (k.noun, k.a());
    let message = t!(
        "this {what} is {length} characters long; {en} has {max} at most ('{start}…')",
        "{this} {noun} fait {length} caractères ; {a} en a {max} au plus ('{start}…')"
    );
    Some((
        message,
        t!(
            "shorten it to {max} characters at most",
            "réduisez le texte à {max} caractères au plus"
        ),
    ))
}

/// The schema's description of a shape, for a help: the manifest types' doc comments are
/// English, so a French map gets a pointer to the format instead.
fn described(shape: &StrShape) -> Option<Text> {
    shape.description.as_ref().map(|d| {
        Text::new(d.as_str(), "la forme attendue est dans docs/manifest.md et `datacarto schema`")
    })
}

fn pattern_help(what: &str, raw: &str, shape: &StrShape) -> Option<Text> {
    match what {
        "id" => {
            let fixed = sanitize_id(raw);
            (!fixed.is_empty() && shape.pattern.as_ref().is_some_and(|p| p.is_match(&fixed)))
                .then(|| {
                    t!(
                        "ids use lower case letters, digits, '_' and '-': '{fixed}'",
                        "les identifiants s'écrivent en minuscules, chiffres, '_' et '-' : '{fixed}'"
                    )
                })
                .or_else(|| {
                    Some(t!(
                        "ids use lower case letters, digits, '_' and '-'",
                        "les identifiants s'écrivent en minuscules, chiffres, '_' et '-'"
                    ))
                })
        }
        "category key" => {
            let lower = raw.to_lowercase();
            if shape.pattern.as_ref().is_some_and(|p| p.is_match(&lower)) {
                Some(t!(
                    "category keys are lower case: write '{lower}'",
                    "les clés de catégorie s'écrivent en minuscules : écrivez '{lower}'"
                ))
            } else {
                described(shape)
            }
        }
        "environment variable reference" => Some(t!(
            "write 'env:NAME' and set the variable NAME to the URL where datacarto runs (CI secrets, a local shell)",
            "écrivez 'env:NOM' et donnez à la variable NOM l'URL là où datacarto tourne (secrets de la CI, un shell local)"
        )),
        "country code" => Some(t!(
            "write the ISO 3166-1 alpha-2 code of the country, such as FR, or a list: [FR, DE]",
            "écrivez le code ISO 3166-1 alpha-2 du pays, comme FR, ou une liste : [FR, DE]"
        )),
        "retention" => Some(t!(
            "say how long and from when: '{{duration: P3Y, trigger: last_contact_from_subject}}', or a sentence such as '3 years after the last order'",
            "dites combien de temps et à partir de quand : '{{duration: P3Y, trigger: last_contact_from_subject}}', ou une phrase comme '3 ans après la dernière commande'"
        )),
        "field reference" => Some(t!(
            "write 'store.field', or 'store.*' for every field of a store",
            "écrivez 'outil.champ', ou 'outil.*' pour tous les champs d'un outil"
        )),
        "ISO 8601 duration" => Some(t!(
            "write 'P3Y' (3 years), 'P18M' (18 months), 'P30D' (30 days)",
            "écrivez 'P3Y' (3 ans), 'P18M' (18 mois), 'P30D' (30 jours)"
        )),
        "retention trigger" => Some(t!(
            "or write 'event:<name>' for another event",
            "ou écrivez 'event:<nom>' pour un autre événement"
        )),
        "date" => Some(t!("write YYYY-MM-DD", "écrivez AAAA-MM-JJ")),
        _ => described(shape),
    }
}

/// `Newsletter Main` → `newsletter_main`, `Clientèle B2B` → `clientele_b2b`.
pub(crate) fn sanitize_id(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c if c.is_whitespace() || matches!(c, '.' | '/' | '_') => '_',
            c => c,
        };
        match c {
            '_' if out.ends_with('_') => {}
            'a'..='z' | '0'..='9' | '_' | '-' => out.push(c),
            _ => {}
        }
    }
    out.trim_matches(['-', '_']).to_owned()
}

/// The `id` of a list item, for readable paths in finding ids.
fn item_id<'t>(node: &Node<'t>, text: &'t str) -> Option<Cow<'t, str>> {
    let NodeKind::Map(entries) = &node.kind else { return None };
    let (_, value) = entries.iter().find(|(k, _)| k.name == "id")?;
    match &value.kind {
        NodeKind::Str(s) => Some(s.clone()),
        NodeKind::Int(_) | NodeKind::Float(_) => {
            text.get(value.start as usize..value.end as usize).map(Cow::Borrowed)
        }
        _ => None,
    }
}

pub(crate) fn is_calendar_date(text: &str) -> bool {
    crate::date::Date::parse(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::shape;
    use crate::load::yaml::parse;

    fn errors(text: &str) -> Vec<String> {
        let mut docs = parse(text).unwrap();
        let mut out = Vec::new();
        for doc in &mut docs {
            let (_, errs) = validate(doc, shape::document(), text);
            out.extend(errs.into_iter().map(|e| {
                let at = &text[e.start as usize..e.end as usize];
                format!("{} @{at:?} [{}] help={:?}", e.message, e.path, e.help.as_deref())
            }));
        }
        out
    }

    /// An id over 100 characters is reported at its place, with its length and its first
    /// characters only: a megabyte id gives a short error.
    #[test]
    fn long_ids_are_bounded() {
        let long = "a".repeat(1_000_000);
        let errs = errors(&format!("stores:\n  - id: {long}\n  - id: {}\n", "b".repeat(100)));
        assert_eq!(errs.len(), 1, "{errs:#?}");
        let (message, rest) = errs[0].split_once(" @").unwrap();
        let expected = format!(
            "this id is 1000000 characters long; an id has 100 at most ('{}…')",
            "a".repeat(40)
        );
        assert_eq!(message, expected);
        let path = rest.split_once(" help=").unwrap().0.rsplit_once(" [").unwrap().1;
        assert!(path.len() < 200, "the path names the id by its start: {path}");
        assert!(errs[0].contains("read as 'invalid-id-line-2'"), "the store still loads");
    }

    /// Unknown keys name the closest known key, at the key.
    #[test]
    fn unknown_keys_suggest() {
        let errs = errors("stores:\n  - id: crm\n    nmae: CRM\nflow: []\n");
        assert_eq!(
            errs,
            [
                "unknown key 'nmae' in a store @\"nmae\" [stores[crm]] help=Some(\"did you mean 'name'?\")",
                "unknown top-level key 'flow' @\"flow\" [] help=Some(\"did you mean 'flows'?\")",
            ]
        );
    }

    /// Enumerations, ranges and id syntax are all checked in one pass.
    #[test]
    fn values_are_checked() {
        let errs = errors(
            "stores:\n  - id: CRM\n  - id: shop\n    kind: ecomerce\n    fields:\n      - {id: email, completeness: 94}\n",
        );
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert!(errs[0].starts_with("'CRM' is not a valid id @\"CRM\""), "{}", errs[0]);
        assert!(errs[0].contains("'crm'"));
        assert!(errs[1].starts_with("unknown store kind 'ecomerce'"), "{}", errs[1]);
        assert!(errs[1].contains("did you mean 'ecommerce'?"));
        assert!(
            errs[2].starts_with("'completeness' is 94, out of range: it must be between 0 and 1"),
            "{}",
            errs[2]
        );
        assert!(errs[2].contains("0.94"));
    }

    /// A missing required key is reported once, on the entity.
    #[test]
    fn required_keys() {
        let errs = errors("flows:\n  - from: crm\n");
        assert_eq!(
            errs,
            ["a flow has no 'to' @\"\" [flows[0]] help=Some(\"add 'to:'; it is required\")"]
        );
    }

    /// Wrong types say what was expected and what was found; YAML 1.1 booleans get a hint.
    #[test]
    fn types() {
        let errs = errors("stores:\n  - id: crm\n    external: yes\n    fields: email\n");
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(
            errs[0].contains("'external' expects true or false, found a string 'yes'"),
            "{}",
            errs[0]
        );
        assert!(errs[0].contains("write 'true'"));
        assert!(errs[1].contains("'fields' expects a list, found a string 'email'"), "{}", errs[1]);
    }

    /// Only the items at the given places go, in one pass, whatever their number.
    #[test]
    fn remove_at_removes_exactly_those() {
        let mut items: Vec<u32> = (0..8).collect();
        remove_at(&mut items, &[]);
        assert_eq!(items, (0..8).collect::<Vec<_>>());
        remove_at(&mut items, &[0, 3, 4, 7]);
        assert_eq!(items, [1, 2, 5, 6]);
        remove_at(&mut items, &[0, 1, 2, 3]);
        assert!(items.is_empty());
    }

    /// Invalid values are pruned and the rest of the entity stays.
    #[test]
    fn pruning_keeps_the_rest() {
        let text = "stores:\n  - id: crm\n    kind: nope\n    name: CRM\n";
        let mut docs = parse(text).unwrap();
        let (ok, errs) = validate(&mut docs[0], shape::document(), text);
        assert!(ok);
        assert_eq!(errs.len(), 1);
        let NodeKind::Map(root) = &docs[0].kind else { panic!() };
        let NodeKind::Seq(stores) = &root[0].1.kind else { panic!() };
        let NodeKind::Map(store) = &stores[0].kind else { panic!() };
        let keys: Vec<_> = store.iter().map(|(k, _)| k.name.as_ref()).collect();
        assert_eq!(keys, ["id", "name"]);
    }

    /// Field mappings accept `email` and `total: ltv`, and nothing else.
    #[test]
    fn field_mappings() {
        assert!(errors("flows:\n  - {from: a, to: b, fields: [email, {total: ltv}]}\n").is_empty());
        let errs = errors("flows:\n  - {from: a, to: b, fields: [{a: b, c: d}]}\n");
        assert_eq!(errs.len(), 1, "{errs:#?}");
    }

    /// Retention is text or a period; triggers are from the vocabulary or `event:`.
    #[test]
    fn retention_forms() {
        let ok = "stores:\n  - id: a\n    fields:\n      - {id: x, retention: 3 years}\n      - {id: y, retention: {duration: P3Y, trigger: event:closure}}\n";
        assert!(errors(ok).is_empty(), "{:?}", errors(ok));
        let bad = "stores:\n  - id: a\n    fields:\n      - {id: y, retention: {duration: 3Y, trigger: last_contact}}\n";
        let errs = errors(bad);
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(errs[0].contains("not a valid ISO 8601 duration"));
        assert!(errs[1].contains("did you mean 'last_contact_from_subject'?"), "{}", errs[1]);
    }

    /// An id or a field reference that breaks the syntax is reported once and read as its
    /// closest valid spelling, so that its entity stays; an entity id with none gets a
    /// placeholder.
    #[test]
    fn invalid_ids_are_read_as_their_closest_valid_id() {
        let text = "purposes:\n  - {id: Newsletter Main, uses: [Shop.Email, crm.*]}\n  - {id: \"***\", owner: Café Team}\n";
        let mut docs = parse(text).unwrap();
        let (_, errs) = validate(&mut docs[0], shape::document(), text);
        let helps: Vec<_> = errs.iter().map(|e| e.help.clone().unwrap_or_default()).collect();
        assert_eq!(errs.len(), 4, "{errs:#?}");
        assert!(helps[0].contains("write 'newsletter_main'"), "{}", helps[0]);
        assert!(helps[1].contains("write 'shop.email'"), "{}", helps[1]);
        assert!(helps[2].contains("read as 'invalid-id-line-3'"), "{}", helps[2]);
        assert!(helps[3].contains("write 'cafe_team'"), "{}", helps[3]);
        let purposes: Vec<crate::manifest::purpose::Purpose> = {
            let NodeKind::Map(root) = &docs[0].kind else { panic!() };
            let NodeKind::Seq(items) = &root[0].1.kind else { panic!() };
            items
                .iter()
                .map(|i| crate::load::de::from_node(i, crate::source::FileId(0), text).unwrap())
                .collect()
        };
        assert_eq!(purposes.len(), 2, "both purposes stay");
        assert_eq!(purposes[0].id.as_str(), "newsletter_main");
        assert_eq!(purposes[0].uses.as_ref().unwrap()[0].as_str(), "shop.email");
        assert_eq!(purposes[1].id.as_str(), "invalid-id-line-3");
        assert_eq!(purposes[1].owner.as_ref().unwrap().as_str(), "cafe_team");
    }

    /// A mapping written as one of its values says how to write it, with the closest value.
    #[test]
    fn a_value_where_a_mapping_is_expected() {
        let errs = errors(
            "purposes:\n  - {id: p, dpia: done}\nflows:\n  - {from: a, to: b, transfer: scc}\n",
        );
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(errs[0].contains("help=Some(\"write 'dpia: {status: done}'\")"), "{}", errs[0]);
        assert!(errs[1].contains("write 'transfer: {mechanism: scc_commission}'"), "{}", errs[1]);
    }

    /// Calendar dates are real dates.
    #[test]
    fn dates() {
        let errs =
            errors("stores:\n  - id: a\n    allow: [{rule: x, reason: y, until: 2027-02-30}]\n");
        assert_eq!(errs.len(), 1);
        assert!(errs[0].contains("not a date"));
    }
}

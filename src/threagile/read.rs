//! Threagile YAML → technical assets, data assets and trust boundaries with their places.
//! The keys read are marked; the ones left over become notes of the import report (one
//! note per entity, listing them). Wrong shapes are problems at file:line:col.

use crate::fides::{Note, Place};
use crate::load::yaml::{self, Node, NodeKind};

#[derive(Debug, Default)]
pub struct Model {
    pub data_assets: Vec<DataAsset>,
    pub technical_assets: Vec<TechnicalAsset>,
    pub boundaries: Vec<Boundary>,
    pub notes: Vec<Note>,
    pub problems: Vec<Note>,
}

#[derive(Debug)]
pub struct DataAsset {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub place: Place,
}

#[derive(Debug)]
pub struct TechnicalAsset {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub out_of_scope: bool,
    pub justification: Option<String>,
    pub processed: Vec<(String, Place)>,
    pub stored: Vec<(String, Place)>,
    pub links: Vec<Link>,
    pub place: Place,
}

#[derive(Debug)]
pub struct Link {
    pub title: String,
    pub target: (String, Place),
    pub description: Option<String>,
    pub sent: Vec<(String, Place)>,
    pub received: Vec<(String, Place)>,
    pub place: Place,
}

#[derive(Debug)]
pub struct Boundary {
    pub id: String,
    pub title: String,
    pub inside: Vec<(String, Place)>,
    pub nested: Vec<(String, Place)>,
    pub place: Place,
}

struct Reader<'t, 'o> {
    name: String,
    text: &'t str,
    out: &'o mut Model,
}

/// Keys taken from one mapping; the others are listed in one note.
struct Obj<'n, 'a> {
    entries: &'n [(yaml::Key<'a>, Node<'a>)],
    taken: Vec<bool>,
}

impl<'n, 'a> Obj<'n, 'a> {
    fn take(&mut self, key: &str) -> Option<&'n Node<'a>> {
        let i = self.entries.iter().position(|(k, _)| k.name == key)?;
        self.taken[i] = true;
        Some(&self.entries[i].1)
    }

    /// The keys left over that say something (not null, not `false`, not an empty list).
    fn rest(&self) -> Vec<String> {
        self.entries
            .iter()
            .zip(&self.taken)
            .filter(|((_, v), taken)| {
                !**taken
                    && !matches!(&v.kind, NodeKind::Null | NodeKind::Bool(false))
                    && !matches!(&v.kind, NodeKind::Seq(s) if s.is_empty())
                    && !matches!(&v.kind, NodeKind::Map(m) if m.is_empty())
                    && !matches!(&v.kind, NodeKind::Str(s) if s.trim().is_empty())
            })
            .map(|((k, _), _)| k.name.to_string())
            .collect()
    }
}

impl Reader<'_, '_> {
    fn place(&self, offset: u32) -> Place {
        let mut end = (offset as usize).min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &self.text[..end];
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        Place { file: self.name.clone(), line, col: before[start..].chars().count() + 1 }
    }

    fn note(&mut self, offset: u32, message: String) {
        let place = self.place(offset);
        self.out.notes.push(Note { place, message, line: String::new(), help: None });
    }

    fn problem(&mut self, offset: u32, message: String, help: &str) {
        let place = self.place(offset);
        let line = self.text.lines().nth(place.line - 1).unwrap_or("").to_owned();
        self.out.problems.push(Note { place, message, line, help: Some(help.to_owned()) });
    }

    fn obj<'n, 'a>(&mut self, node: &'n Node<'a>, what: &str) -> Option<Obj<'n, 'a>> {
        match &node.kind {
            NodeKind::Map(entries) => Some(Obj { entries, taken: vec![false; entries.len()] }),
            other => {
                let found = other.describe();
                self.problem(
                    node.start,
                    format!("{what} should be a mapping, found {found}"),
                    "write it as `key: value` lines",
                );
                None
            }
        }
    }

    /// The entries of a mapping of titled entities (`Some Data Asset: {…}`); null is none.
    fn titled<'n, 'a>(
        &mut self,
        node: Option<&'n Node<'a>>,
        what: &str,
    ) -> Vec<(String, u32, &'n Node<'a>)> {
        let Some(node) = node else { return Vec::new() };
        if matches!(node.kind, NodeKind::Null) {
            return Vec::new();
        }
        let Some(obj) = self.obj(node, what) else { return Vec::new() };
        obj.entries.iter().map(|(k, v)| (k.name.to_string(), k.start, v)).collect()
    }

    fn text(&mut self, node: Option<&Node<'_>>, what: &str) -> Option<String> {
        let node = node?;
        match &node.kind {
            NodeKind::Null => None,
            NodeKind::Str(s) if s.trim().is_empty() => None,
            NodeKind::Str(s) => Some(s.trim_end().to_string()),
            NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) => {
                Some(self.text[node.start as usize..node.end as usize].to_owned())
            }
            other => {
                let found = other.describe();
                self.problem(
                    node.start,
                    format!("`{what}` should be text, found {found}"),
                    "write it on one line after the colon",
                );
                None
            }
        }
    }

    fn flag(&mut self, node: Option<&Node<'_>>, what: &str) -> bool {
        match node.map(|n| (n, &n.kind)) {
            None | Some((_, NodeKind::Null)) => false,
            Some((_, NodeKind::Bool(b))) => *b,
            Some((n, other)) => {
                let found = other.describe();
                self.problem(
                    n.start,
                    format!("`{what}` should be true or false, found {found}"),
                    "write `true` or `false`",
                );
                false
            }
        }
    }

    fn ids(&mut self, node: Option<&Node<'_>>, what: &str) -> Vec<(String, Place)> {
        let Some(node) = node else { return Vec::new() };
        match &node.kind {
            NodeKind::Null => Vec::new(),
            NodeKind::Seq(items) => {
                let mut out = Vec::new();
                for item in items {
                    if let Some(t) = self.text(Some(item), what) {
                        out.push((t, self.place(item.start)));
                    }
                }
                out
            }
            other => {
                let found = other.describe();
                self.problem(
                    node.start,
                    format!("`{what}` should be a list of ids, found {found}"),
                    "write one `- id` item per line",
                );
                Vec::new()
            }
        }
    }

    fn required_id(
        &mut self,
        o: &mut Obj<'_, '_>,
        at: u32,
        what: &str,
        title: &str,
    ) -> Option<String> {
        let id = o.take("id");
        let id = self.text(id, "id");
        if id.is_none() {
            self.problem(
                at,
                format!("{what} '{title}' has no `id`"),
                "give it `id: <its id>`: the other parts of the model refer to it by that id",
            );
        }
        id
    }

    fn left_out(&mut self, o: &Obj<'_, '_>, at: u32, what: String) {
        let rest = o.rest();
        if !rest.is_empty() {
            self.note(at, format!("{what}: no place in the map for {}: left out", rest.join(", ")));
        }
    }

    fn document(&mut self, node: &Node<'_>) {
        let Some(mut top) = self.obj(node, "a Threagile model") else { return };
        let data = top.take("data_assets");
        for (title, at, node) in self.titled(data, "data_assets") {
            let Some(mut o) = self.obj(node, "a data asset") else { continue };
            let Some(id) = self.required_id(&mut o, at, "data asset", &title) else { continue };
            let description = self.text(o.take("description"), "description");
            self.left_out(&o, at, format!("data asset `{id}`"));
            let place = self.place(at);
            self.out.data_assets.push(DataAsset { id, title, description, place });
        }
        let technical = top.take("technical_assets");
        for (title, at, node) in self.titled(technical, "technical_assets") {
            self.technical_asset(title, at, node);
        }
        let boundaries = top.take("trust_boundaries");
        for (title, at, node) in self.titled(boundaries, "trust_boundaries") {
            let Some(mut o) = self.obj(node, "a trust boundary") else { continue };
            let Some(id) = self.required_id(&mut o, at, "trust boundary", &title) else { continue };
            let inside = self.ids(o.take("technical_assets_inside"), "technical_assets_inside");
            let nested = self.ids(o.take("trust_boundaries_nested"), "trust_boundaries_nested");
            self.left_out(&o, at, format!("trust boundary `{id}`"));
            let place = self.place(at);
            self.out.boundaries.push(Boundary { id, title, inside, nested, place });
        }
        // The model's own description (title, author, risks…) has no place in a map.
        self.left_out(&top, node.start, "the Threagile model".to_owned());
        self.repeated_ids();
    }

    /// Two entities of one kind with one id: Threagile refuses the model, and the links
    /// could not tell which is meant, so the import does too.
    fn repeated_ids(&mut self) {
        let mut problems = Vec::new();
        let mut check = |kind: &str, ids: Vec<(&String, &Place)>| {
            let mut seen: std::collections::BTreeMap<&String, &Place> = Default::default();
            for (id, place) in ids {
                if let Some(first) = seen.get(id) {
                    problems.push((
                        place.clone(),
                        format!("another {kind} has the id `{id}` (at {first})"),
                    ));
                } else {
                    seen.insert(id, place);
                }
            }
        };
        check("data asset", self.out.data_assets.iter().map(|d| (&d.id, &d.place)).collect());
        check(
            "technical asset",
            self.out.technical_assets.iter().map(|t| (&t.id, &t.place)).collect(),
        );
        check("trust boundary", self.out.boundaries.iter().map(|b| (&b.id, &b.place)).collect());
        for (place, message) in problems {
            let line = self.text.lines().nth(place.line - 1).unwrap_or("").to_owned();
            self.out.problems.push(Note {
                place,
                message,
                line,
                help: Some("give each one its own id".to_owned()),
            });
        }
    }

    fn technical_asset(&mut self, title: String, at: u32, node: &Node<'_>) {
        let Some(mut o) = self.obj(node, "a technical asset") else { return };
        let Some(id) = self.required_id(&mut o, at, "technical asset", &title) else { return };
        let description = self.text(o.take("description"), "description");
        let out_of_scope = self.flag(o.take("out_of_scope"), "out_of_scope");
        let justification =
            self.text(o.take("justification_out_of_scope"), "justification_out_of_scope");
        let processed = self.ids(o.take("data_assets_processed"), "data_assets_processed");
        let stored = self.ids(o.take("data_assets_stored"), "data_assets_stored");
        let mut links = Vec::new();
        let link_node = o.take("communication_links");
        for (link_title, link_at, node) in self.titled(link_node, "communication_links") {
            let Some(mut l) = self.obj(node, "a communication link") else { continue };
            let target = l.take("target");
            let target_at = target.map_or(link_at, |t| t.start);
            let Some(target) = self.text(target, "target") else {
                self.problem(
                    link_at,
                    format!("communication link '{link_title}' has no `target`"),
                    "give it `target: <technical asset id>`",
                );
                continue;
            };
            let description = self.text(l.take("description"), "description");
            let sent = self.ids(l.take("data_assets_sent"), "data_assets_sent");
            let received = self.ids(l.take("data_assets_received"), "data_assets_received");
            self.left_out(&l, link_at, format!("communication link `{id}` → `{target}`"));
            links.push(Link {
                title: link_title,
                target: (target, self.place(target_at)),
                description,
                sent,
                received,
                place: self.place(link_at),
            });
        }
        self.left_out(&o, at, format!("technical asset `{id}`"));
        let place = self.place(at);
        self.out.technical_assets.push(TechnicalAsset {
            id,
            title,
            description,
            out_of_scope,
            justification,
            processed,
            stored,
            links,
            place,
        });
    }
}

/// Reads a Threagile model (`name` as shown to users).
pub fn read(name: &str, text: &str) -> Model {
    let mut out = Model::default();
    match yaml::parse(text) {
        Err(e) => {
            let mut reader = Reader { name: name.to_owned(), text, out: &mut out };
            let offset = u32::try_from(e.offset).unwrap_or(u32::MAX);
            reader.problem(
                offset,
                format!("not readable as YAML: {}", e.message),
                e.help.as_deref().unwrap_or("fix the YAML syntax at this place"),
            );
        }
        Ok(docs) => {
            let mut reader = Reader { name: name.to_owned(), text, out: &mut out };
            for doc in docs.iter().filter(|d| !matches!(d.kind, NodeKind::Null)) {
                reader.document(doc);
            }
        }
    }
    out
}

//! Fideslang YAML → systems and datasets with their places. Every attribute read is
//! marked; the ones left over become notes of the import report, so nothing is dropped
//! silently. Wrong shapes are problems at file:line:col, never a panic.

use super::{Note, Place};
use crate::load::yaml::{self, Node, NodeKind};

#[derive(Debug, Default)]
pub struct Source {
    pub organizations: Vec<Organization>,
    pub systems: Vec<System>,
    pub datasets: Vec<Dataset>,
    /// Taxonomy extensions: data categories and data subjects the sources declare.
    pub taxonomy: Vec<TaxonomyEntry>,
    /// Attributes with no place in the map, v1 keys migrated.
    pub notes: Vec<Note>,
    /// Input the import cannot read: nothing is written.
    pub problems: Vec<Note>,
}

/// A fides organisation: the controller of the map's register.
#[derive(Debug)]
pub struct Organization {
    pub key: String,
    pub name: Option<String>,
    pub controller: Option<Contact>,
    pub dpo: Option<Contact>,
    pub representative: Option<Contact>,
    pub place: Place,
}

/// fides `ContactDetails`.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Contact {
    pub name: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A `data_category` or `data_subject` entry.
#[derive(Debug)]
pub struct TaxonomyEntry {
    /// `true` for a data category, `false` for a data subject.
    pub category: bool,
    pub key: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub parent: Option<String>,
    pub place: Place,
}

#[derive(Debug)]
pub struct System {
    pub key: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub department: Option<String>,
    pub datasets: Vec<(String, Place)>,
    pub egress: Vec<Link>,
    pub ingress: Vec<Link>,
    pub declarations: Vec<Declaration>,
    pub uses_profiling: Option<bool>,
    pub requires_dpia: Option<bool>,
    pub dpia_link: Option<String>,
    /// `responsibility` (v1: `data_responsibility_title`): Controller, Processor…
    pub responsibility: Vec<(String, Place)>,
    pub legal_name: Option<String>,
    /// `does_international_processing`.
    pub international: Option<(bool, Place)>,
    /// `legal_basis_for_transfers`.
    pub transfer_bases: Vec<(String, Place)>,
    pub privacy_policy: Option<(String, Place)>,
    pub place: Place,
}

/// One entry of `egress` or `ingress`.
#[derive(Debug)]
pub struct Link {
    pub key: String,
    pub kind: Option<String>,
    pub place: Place,
}

#[derive(Debug, Default)]
pub struct Declaration {
    pub name: Option<String>,
    pub data_use: Option<String>,
    pub subjects: Vec<String>,
    pub categories: Vec<String>,
    pub datasets: Vec<(String, Place)>,
    pub legal_basis: Option<(String, Place)>,
    pub special_basis: Option<(String, Place)>,
    pub retention: Option<(String, Place)>,
    pub impact_link: Option<String>,
    /// `third_parties`: who the data is shared with, as fides writes it.
    pub third_parties: Option<String>,
    /// `data_shared_with_third_parties`.
    pub shared: Option<(bool, Place)>,
    pub place: Option<Place>,
}

#[derive(Debug)]
pub struct Dataset {
    pub key: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    pub place: Place,
}

/// A leaf field: its path is the collection, then its parents, then its name.
#[derive(Debug)]
pub struct Field {
    pub path: Vec<String>,
    pub description: Option<String>,
    pub category: Option<String>,
    pub identity: bool,
    pub references: Vec<Reference>,
    pub place: Place,
}

/// A `fides_meta.references` entry.
#[derive(Debug)]
pub struct Reference {
    pub dataset: String,
    pub field: String,
    pub direction: Option<String>,
    pub place: Place,
}

/// fideslang 1.x category prefixes and their 2.x form.
const V1_CATEGORIES: [(&str, &str); 5] = [
    ("user.provided.identifiable.", "user."),
    ("user.derived.identifiable.", "user."),
    ("user.provided.nonidentifiable.", "user."),
    ("user.derived.nonidentifiable.", "user."),
    ("account.", "user."),
];

struct File<'t> {
    name: String,
    text: &'t str,
}

impl File<'_> {
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

    fn note(&self, offset: u32, message: String, help: Option<String>) -> Note {
        let place = self.place(offset);
        let line = self.text.lines().nth(place.line - 1).unwrap_or("").to_owned();
        Note { place, message, line, help }
    }
}

/// A mapping whose keys are taken one by one; the rest is reported.
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

    /// The keys not taken, each as a note: `what` names the entity.
    fn rest(&self, file: &File<'_>, what: &str, notes: &mut Vec<Note>) {
        for (i, (k, v)) in self.entries.iter().enumerate() {
            if !self.taken[i] && !matches!(v.kind, NodeKind::Null) {
                notes.push(file.note(
                    k.start,
                    format!("{what}: `{}` has no place in the map: left out", k.name),
                    None,
                ));
            }
        }
    }
}

struct Reader<'s, 't> {
    file: File<'t>,
    out: &'s mut Source,
}

impl<'t> Reader<'_, 't> {
    fn problem(&mut self, node: &Node<'_>, message: String, help: &str) {
        let note = self.file.note(node.start, message, Some(help.to_owned()));
        self.out.problems.push(note);
    }

    fn info(&mut self, offset: u32, message: String) {
        let note = self.file.note(offset, message, None);
        self.out.notes.push(note);
    }

    fn obj<'n, 'a>(&mut self, node: &'n Node<'a>, what: &str) -> Option<Obj<'n, 'a>> {
        if let NodeKind::Map(entries) = &node.kind {
            Some(Obj { entries, taken: vec![false; entries.len()] })
        } else {
            let found = node.kind.describe();
            self.problem(
                node,
                format!("{what} should be a mapping, found {found}"),
                "write it as `key: value` lines",
            );
            None
        }
    }

    fn list<'n, 'a>(&mut self, node: Option<&'n Node<'a>>, what: &str) -> &'n [Node<'a>] {
        match node.map(|n| &n.kind) {
            None | Some(NodeKind::Null) => &[],
            Some(NodeKind::Seq(items)) => items,
            Some(other) => {
                let found = other.describe();
                if let Some(node) = node {
                    self.problem(
                        node,
                        format!("`{what}` should be a list, found {found}"),
                        "write one `- ` item per line",
                    );
                }
                &[]
            }
        }
    }

    fn text(&mut self, node: Option<&Node<'_>>, what: &str) -> Option<String> {
        let node = node?;
        match &node.kind {
            NodeKind::Null => None,
            NodeKind::Str(s) => Some(s.to_string()),
            NodeKind::Int(i) => Some(i.to_string()),
            NodeKind::Float(_) | NodeKind::Bool(_) => {
                Some(self.file.text[node.start as usize..node.end as usize].to_owned())
            }
            other => {
                let found = other.describe();
                self.problem(
                    node,
                    format!("`{what}` should be text, found {found}"),
                    "write it on one line after the colon",
                );
                None
            }
        }
    }

    fn flag(&mut self, node: Option<&Node<'_>>, what: &str) -> Option<bool> {
        let node = node?;
        match node.kind {
            NodeKind::Null => None,
            NodeKind::Bool(b) => Some(b),
            ref other => {
                let found = other.describe();
                self.problem(
                    node,
                    format!("`{what}` should be true or false, found {found}"),
                    "write `true` or `false`",
                );
                None
            }
        }
    }

    fn texts(&mut self, node: Option<&Node<'_>>, what: &str) -> Vec<(String, Place)> {
        let mut out = Vec::new();
        for item in self.list(node, what) {
            if let Some(t) = self.text(Some(item), what) {
                out.push((t, self.file.place(item.start)));
            }
        }
        out
    }

    /// A category key in its fideslang 2.x form; a 1.x key is migrated with a note.
    fn category(&mut self, key: String, place: &Place) -> String {
        for (old, new) in V1_CATEGORIES {
            if let Some(rest) = key.strip_prefix(old) {
                let migrated = format!("{new}{rest}");
                self.out.notes.push(Note {
                    place: place.clone(),
                    message: format!("fideslang 1.x category `{key}` read as `{migrated}`"),
                    line: String::new(),
                    help: None,
                });
                return migrated;
            }
        }
        key
    }

    /// `fides_key`, required: a problem when missing.
    fn key(&mut self, obj: &mut Obj<'_, '_>, node: &Node<'_>, what: &str) -> Option<String> {
        let key = obj.take("fides_key");
        let key = self.text(key, "fides_key");
        if key.is_none() {
            self.problem(
                node,
                format!("this {what} has no `fides_key`"),
                "give it `fides_key: <its key>`: other resources refer to it by that key",
            );
        }
        key
    }

    fn document(&mut self, node: &Node<'_>) {
        let Some(mut top) = self.obj(node, "a fides file") else { return };
        if let Some(systems) = top.take("system") {
            for item in self.list(Some(systems), "system") {
                self.system(item);
            }
        }
        if let Some(datasets) = top.take("dataset") {
            for item in self.list(Some(datasets), "dataset") {
                self.dataset(item);
            }
        }
        if let Some(orgs) = top.take("organization") {
            for item in self.list(Some(orgs), "organization") {
                self.organization(item);
            }
        }
        for (category, key) in [(true, "data_category"), (false, "data_subject")] {
            if let Some(list) = top.take(key) {
                for item in self.list(Some(list), key) {
                    self.taxonomy(item, category);
                }
            }
        }
        let file = &self.file;
        top.rest(file, "fides resources", &mut self.out.notes);
    }

    fn organization(&mut self, node: &Node<'_>) {
        let Some(mut o) = self.obj(node, "an organization") else { return };
        let key = self.key(&mut o, node, "organization");
        let what = format!("organization `{}`", key.as_deref().unwrap_or("?"));
        let name = self.text(o.take("name"), "name");
        let controller = self.contact(o.take("controller"), &what);
        let dpo = self.contact(o.take("data_protection_officer"), &what);
        let representative = self.contact(o.take("representative"), &what);
        let file = &self.file;
        o.rest(file, &what, &mut self.out.notes);
        let Some(key) = key else { return };
        let place = self.file.place(node.start);
        self.out.organizations.push(Organization {
            key,
            name,
            controller,
            dpo,
            representative,
            place,
        });
    }

    /// fides `ContactDetails`: name, address, email, phone.
    fn contact(&mut self, node: Option<&Node<'_>>, what: &str) -> Option<Contact> {
        let node = node.filter(|n| !matches!(n.kind, NodeKind::Null))?;
        let mut o = self.obj(node, "contact details")?;
        let contact = Contact {
            name: self.text(o.take("name"), "name"),
            address: self.text(o.take("address"), "address"),
            email: self.text(o.take("email"), "email"),
            phone: self.text(o.take("phone"), "phone"),
        };
        let file = &self.file;
        o.rest(file, what, &mut self.out.notes);
        (contact != Contact::default()).then_some(contact)
    }

    fn taxonomy(&mut self, node: &Node<'_>, category: bool) {
        let what = if category { "data category" } else { "data subject" };
        let Some(mut o) = self.obj(node, what) else { return };
        let Some(key) = self.key(&mut o, node, what) else { return };
        let name = o.take("name");
        let name = self.text(name, "name");
        let description = o.take("description");
        let description = self.text(description, "description");
        let parent = if category {
            let parent = o.take("parent_key");
            self.text(parent, "parent_key")
        } else {
            None
        };
        let file = &self.file;
        o.rest(file, &format!("{what} `{key}`"), &mut self.out.notes);
        let place = self.file.place(node.start);
        self.out.taxonomy.push(TaxonomyEntry { category, key, name, description, parent, place });
    }

    fn system(&mut self, node: &Node<'_>) {
        let Some(mut o) = self.obj(node, "a system") else { return };
        let key = self.key(&mut o, node, "system");
        let what = format!("system `{}`", key.as_deref().unwrap_or("?"));
        let name = self.text(o.take("name"), "name");
        let description = self.text(o.take("description"), "description");
        let department =
            self.text(o.take("administrating_department"), "administrating_department");
        let datasets = self.texts(o.take("dataset_references"), "dataset_references");
        let egress = self.links(o.take("egress"), "egress", &format!("{what}, egress"));
        let ingress = self.links(o.take("ingress"), "ingress", &format!("{what}, ingress"));
        let uses_profiling = self.flag(o.take("uses_profiling"), "uses_profiling");
        let mut requires_dpia = self.flag(
            o.take("requires_data_protection_assessments"),
            "requires_data_protection_assessments",
        );
        let mut dpia_link = self.text(o.take("dpa_location"), "dpa_location");
        // fideslang 1.x: `data_protection_impact_assessment: {is_required, progress, link}`.
        if let Some(old) = o.take("data_protection_impact_assessment") {
            self.info(old.start, format!("{what}: fideslang 1.x `data_protection_impact_assessment` read as `requires_data_protection_assessments` and `dpa_location`"));
            if let Some(mut v1) = self.obj(old, "data_protection_impact_assessment") {
                requires_dpia = requires_dpia.or(self.flag(v1.take("is_required"), "is_required"));
                dpia_link = dpia_link.or(self.text(v1.take("link"), "link"));
                let file = &self.file;
                v1.rest(file, &what, &mut self.out.notes);
            }
        }
        let mut responsibility = self.texts(o.take("responsibility"), "responsibility");
        if let Some(old) = o.take("data_responsibility_title") {
            self.info(
                old.start,
                format!(
                    "{what}: fideslang 1.x `data_responsibility_title` read as `responsibility`"
                ),
            );
            if let Some(t) = self.text(Some(old), "data_responsibility_title") {
                responsibility.push((t, self.file.place(old.start)));
            }
        }
        let legal_name = self.text(o.take("legal_name"), "legal_name");
        let international = {
            let n = o.take("does_international_processing");
            let at = n.map(|n| self.file.place(n.start));
            self.flag(n, "does_international_processing").zip(at)
        };
        let transfer_bases =
            self.texts(o.take("legal_basis_for_transfers"), "legal_basis_for_transfers");
        let privacy_policy = {
            let n = o.take("privacy_policy");
            let at = n.map(|n| self.file.place(n.start));
            self.text(n, "privacy_policy").zip(at)
        };
        let mut declarations = Vec::new();
        for item in self.list(o.take("privacy_declarations"), "privacy_declarations") {
            if let Some(d) = self.declaration(item, &what) {
                declarations.push(d);
            }
        }
        let file = &self.file;
        o.rest(file, &what, &mut self.out.notes);
        let Some(key) = key else { return };
        self.out.systems.push(System {
            key,
            name,
            description,
            department,
            datasets,
            egress,
            ingress,
            declarations,
            uses_profiling,
            requires_dpia,
            dpia_link,
            responsibility,
            legal_name,
            international,
            transfer_bases,
            privacy_policy,
            place: self.file.place(node.start),
        });
    }

    fn links(&mut self, node: Option<&Node<'_>>, key: &str, what: &str) -> Vec<Link> {
        let mut out = Vec::new();
        for item in self.list(node, key) {
            let Some(mut o) = self.obj(item, &format!("an `{key}` entry")) else { continue };
            let key = self.key(&mut o, item, "entry");
            let kind = self.text(o.take("type"), "type");
            let file = &self.file;
            o.rest(file, what, &mut self.out.notes);
            if let Some(key) = key {
                out.push(Link { key, kind, place: self.file.place(item.start) });
            }
        }
        out
    }

    fn declaration(&mut self, node: &Node<'_>, system: &str) -> Option<Declaration> {
        let mut o = self.obj(node, "a privacy declaration")?;
        let mut d =
            Declaration { place: Some(self.file.place(node.start)), ..Declaration::default() };
        d.name = self.text(o.take("name"), "name");
        let what = format!("{system}, declaration `{}`", d.name.as_deref().unwrap_or("?"));
        d.data_use = self.text(o.take("data_use"), "data_use");
        d.subjects =
            self.texts(o.take("data_subjects"), "data_subjects").into_iter().map(|t| t.0).collect();
        for (c, place) in self.texts(o.take("data_categories"), "data_categories") {
            let c = self.category(c, &place);
            d.categories.push(c);
        }
        d.datasets = self.texts(o.take("dataset_references"), "dataset_references");
        let place = |r: &mut Self, n: Option<&Node<'_>>, w: &str| {
            let at = n.map(|n| r.file.place(n.start));
            r.text(n, w).zip(at)
        };
        d.legal_basis =
            place(self, o.take("legal_basis_for_processing"), "legal_basis_for_processing");
        d.special_basis =
            place(self, o.take("special_category_legal_basis"), "special_category_legal_basis");
        d.retention = place(self, o.take("retention_period"), "retention_period");
        d.impact_link =
            self.text(o.take("impact_assessment_location"), "impact_assessment_location");
        d.third_parties = self.text(o.take("third_parties"), "third_parties");
        let shared = o.take("data_shared_with_third_parties");
        let at = shared.map(|n| self.file.place(n.start));
        d.shared = self.flag(shared, "data_shared_with_third_parties").zip(at);
        if let Some(q) = o.take("data_qualifier") {
            self.info(q.start, format!("{what}: fideslang 1.x `data_qualifier` no longer exists in fideslang 2: left out"));
        }
        let file = &self.file;
        o.rest(file, &what, &mut self.out.notes);
        Some(d)
    }

    fn dataset(&mut self, node: &Node<'_>) {
        let Some(mut o) = self.obj(node, "a dataset") else { return };
        let key = self.key(&mut o, node, "dataset");
        let what = format!("dataset `{}`", key.as_deref().unwrap_or("?"));
        let name = self.text(o.take("name"), "name");
        let description = self.text(o.take("description"), "description");
        let mut fields = Vec::new();
        for c in self.list(o.take("collections"), "collections") {
            let Some(mut co) = self.obj(c, "a collection") else { continue };
            let cname = self.text(co.take("name"), "name");
            let Some(cname) = cname else {
                self.problem(
                    c,
                    "this collection has no `name`".into(),
                    "give it `name: <its table>`",
                );
                continue;
            };
            let cwhat = format!("{what}, collection `{cname}`");
            let items = self.list(co.take("fields"), "fields");
            for f in items {
                self.field(f, std::slice::from_ref(&cname), &mut fields);
            }
            let file = &self.file;
            co.rest(file, &cwhat, &mut self.out.notes);
        }
        let file = &self.file;
        o.rest(file, &what, &mut self.out.notes);
        let Some(key) = key else { return };
        self.out.datasets.push(Dataset {
            key,
            name,
            description,
            fields,
            place: self.file.place(node.start),
        });
    }

    fn field(&mut self, node: &Node<'_>, parent: &[String], out: &mut Vec<Field>) {
        let Some(mut o) = self.obj(node, "a field") else { return };
        let Some(name) = self.text(o.take("name"), "name") else {
            self.problem(node, "this field has no `name`".into(), "give it `name: <its column>`");
            return;
        };
        let mut path = parent.to_vec();
        path.push(name);
        let what = format!("field `{}`", path.join("."));
        let place = self.file.place(node.start);
        let nested = self.list(o.take("fields"), "fields");
        if !nested.is_empty() {
            for f in nested {
                self.field(f, &path, out);
            }
            let file = &self.file;
            o.rest(
                file,
                &format!("{what} (an object: its sub-fields are imported)"),
                &mut self.out.notes,
            );
            return;
        }
        let description = self.text(o.take("description"), "description");
        let mut categories = Vec::new();
        let listed = o.take("data_categories");
        for (c, at) in self.texts(listed, "data_categories") {
            let c = self.category(c, &at);
            categories.push((c, at));
        }
        for (extra, at) in categories.iter().skip(1) {
            self.out.notes.push(Note {
                place: at.clone(),
                message: format!("{what}: category `{extra}` left out: a field has one category, the first (`{}`) is kept", categories[0].0),
                line: String::new(),
                help: None,
            });
        }
        let mut identity = false;
        let mut references = Vec::new();
        if let Some(meta) = o.take("fides_meta")
            && let Some(mut m) = self.obj(meta, "fides_meta")
        {
            identity = self.text(m.take("identity"), "identity").is_some();
            for r in self.list(m.take("references"), "references") {
                let Some(mut ro) = self.obj(r, "a reference") else { continue };
                let dataset = self.text(ro.take("dataset"), "dataset");
                let field = self.text(ro.take("field"), "field");
                let direction = self.text(ro.take("direction"), "direction");
                let file = &self.file;
                ro.rest(file, &format!("{what}, reference"), &mut self.out.notes);
                match (dataset, field) {
                    (Some(dataset), Some(field)) => references.push(Reference {
                        dataset,
                        field,
                        direction,
                        place: self.file.place(r.start),
                    }),
                    _ => self.problem(
                        r,
                        "this reference needs both `dataset` and `field`".into(),
                        "write `dataset: <key>` and `field: <collection>.<field>`",
                    ),
                }
            }
            let file = &self.file;
            m.rest(file, &format!("{what}, fides_meta"), &mut self.out.notes);
        }
        let file = &self.file;
        o.rest(file, &what, &mut self.out.notes);
        out.push(Field {
            path,
            description,
            category: categories.into_iter().next().map(|c| c.0),
            identity,
            references,
            place,
        });
    }
}

/// Reads one fides file (`name` as shown to users) into `out`.
pub fn read(name: &str, text: &str, out: &mut Source) {
    let file = File { name: name.to_owned(), text };
    match yaml::parse(text) {
        Err(e) => {
            let offset = u32::try_from(e.offset).unwrap_or(u32::MAX);
            let note = file.note(
                offset,
                format!("not readable as YAML: {}", e.message),
                e.help.map(|h| h.en).or(Some("fix the YAML syntax at this place".into())),
            );
            out.problems.push(note);
        }
        Ok(docs) => {
            let mut reader = Reader { file, out };
            for doc in &docs {
                if !matches!(doc.kind, NodeKind::Null) {
                    reader.document(doc);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one(text: &str) -> Source {
        let mut source = Source::default();
        read("f.yml", text, &mut source);
        source
    }

    #[test]
    fn odd_shapes_are_problems_at_their_place_never_a_panic() {
        for text in [
            "- a\n- b\n",
            "system: 3\n",
            "system: [3]\n",
            "dataset:\n  - fides_key: d\n    collections: [{name: c, fields: [7]}]\n",
            "dataset:\n  - fides_key: [x]\n",
            "system:\n  - fides_key: s\n    privacy_declarations: [{data_subjects: {a: b}}]\n",
            "system:\n  - fides_key: s\n    uses_profiling: maybe\n",
            "\u{feff}system: [\n",
            "",
        ] {
            let source = read_one(text);
            for p in &source.problems {
                assert!(p.place.line >= 1 && p.place.col >= 1, "{text:?}: {p:?}");
            }
        }
        let source = read_one("system:\n  - fides_key: s\n    uses_profiling: maybe\n");
        assert_eq!(source.problems[0].place.line, 3);
        assert_eq!(source.problems[0].place.col, 21);
    }

    #[test]
    fn nested_fields_keep_their_collection_and_parents_in_the_path() {
        let source = read_one(
            "dataset:\n  - fides_key: d\n    collections:\n      - name: c\n        fields:\n          - name: a\n            fields:\n              - name: b\n",
        );
        assert!(source.problems.is_empty(), "{:?}", source.problems);
        assert_eq!(source.datasets[0].fields[0].path, ["c", "a", "b"]);
    }

    #[test]
    fn v1_category_keys_are_migrated_with_a_note() {
        let source = read_one(
            "dataset:\n  - fides_key: d\n    collections:\n      - name: c\n        fields:\n          - name: e\n            data_categories: [user.provided.identifiable.contact.email]\n",
        );
        assert_eq!(source.datasets[0].fields[0].category.as_deref(), Some("user.contact.email"));
        assert!(source.notes.iter().any(|n| n.message.contains("1.x category")));
    }
}

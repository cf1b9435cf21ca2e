//! Every place the map names an entity, definitions and references, with the exact bytes of
//! the name: what go to definition, find references, hover and rename look up. Built from
//! the loaded manifests (they keep a span for every reference the resolved model drops),
//! then settled against the model (recipients that are stores, inferred fields).

use std::sync::Arc;

use crate::hash::Map;
use crate::load::{FileEntities, Manifests};
use crate::manifest::Spanned;
use crate::manifest::text::FieldRef;
use crate::model::{FieldOrigin, Model};
use crate::source::{FileId, SourceMap, Span};

/// An entity the map can name, by its ids as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Target {
    Store(String),
    /// A store's id, then the field's.
    Field(String, String),
    Team(String),
    Objective(String),
    Subject(String),
    Purpose(String),
    /// A data category key (built-in, or declared in `categories:`).
    Category(String),
}

impl Target {
    /// The id as a user writes it where the entity is named: `crm.email` for a field.
    pub(super) fn display(&self) -> String {
        match self {
            Target::Field(store, field) => format!("{store}.{field}"),
            Target::Store(id)
            | Target::Team(id)
            | Target::Objective(id)
            | Target::Subject(id)
            | Target::Purpose(id)
            | Target::Category(id) => id.clone(),
        }
    }

    /// The id a rename replaces: the last part of a field's path.
    pub(super) fn own_id(&self) -> &str {
        match self {
            Target::Field(_, field) => field,
            Target::Store(id)
            | Target::Team(id)
            | Target::Objective(id)
            | Target::Subject(id)
            | Target::Purpose(id)
            | Target::Category(id) => id,
        }
    }

    pub(super) fn kind(&self) -> &'static str {
        match self {
            Target::Store(_) => "store",
            Target::Field(..) => "field",
            Target::Team(_) => "team",
            Target::Objective(_) => "objective",
            Target::Subject(_) => "subject",
            Target::Purpose(_) => "purpose",
            Target::Category(_) => "category",
        }
    }
}

/// How a place names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// The `id:` of the entity's declaration.
    Definition,
    Reference,
    /// A flow's `fields:` entry written once for both ends (`email`): it names the source
    /// field and the destination field with the same bytes; `source` says which end this is.
    Shared {
        source: bool,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Occurrence {
    pub target: Target,
    /// The bytes of the name itself (no quotes; the part of `store.field` that names it).
    pub span: Span,
    pub role: Role,
}

/// A purpose's recipient names a store only when a store has that id: kept aside until the
/// model says which do.
struct Recipient {
    name: String,
    span: Span,
}

/// Places sorted by file and position, and by what they name.
struct Names {
    occurrences: Vec<Occurrence>,
    by_target: Map<Target, Vec<usize>>,
}

impl Names {
    fn new(mut occurrences: Vec<Occurrence>) -> Names {
        // Stable: names with the same bytes keep the order they were written in.
        occurrences.sort_by_key(|o| (o.span.file, o.span.start, o.span.end));
        occurrences.dedup();
        let mut by_target: Map<Target, Vec<usize>> = Map::default();
        for (i, o) in occurrences.iter().enumerate() {
            // A target is named about four times: its key is copied once, not each time.
            match by_target.get_mut(&o.target) {
                Some(places) => places.push(i),
                None => {
                    by_target.insert(o.target.clone(), vec![i]);
                }
            }
        }
        Names { occurrences, by_target }
    }

    fn at(&self, file: FileId, byte: u32) -> impl Iterator<Item = &Occurrence> {
        let o = &self.occurrences;
        o.iter().filter(move |o| o.span.file == file && o.span.start <= byte && byte <= o.span.end)
    }

    fn of(&self, target: &Target) -> impl Iterator<Item = &Occurrence> {
        self.by_target.get(target).into_iter().flatten().map(|&i| &self.occurrences[i])
    }
}

/// The names one manifest file writes: kept from a check to the next while the file does
/// not change (on a large map, indexing every name again was most of a check's time).
struct FileNames {
    entities: FileEntities,
    names: Names,
    recipients: Vec<Recipient>,
}

pub(super) struct Index {
    /// Each manifest file's names, in file order.
    files: Vec<Arc<FileNames>>,
    /// The names the model adds: stores named as recipients, fields a flow creates.
    settled: Names,
}

impl Index {
    /// Collects every name the files write, taking from `last` the names of every file
    /// that did not change since; call [`Unsettled::settle`] with the model.
    pub(super) fn collect(
        files: &[FileEntities],
        sources: &SourceMap,
        last: Option<&Index>,
    ) -> Unsettled {
        let files = files
            .iter()
            .map(|entities| {
                let same =
                    last.and_then(|l| l.file(entities.file)).filter(|k| k.entities.same(entities));
                same.map_or_else(|| Arc::new(FileNames::collect(entities, sources)), Arc::clone)
            })
            .collect();
        Unsettled { files }
    }

    /// The names written at a byte of a file, narrowest first (a plain flow mapping names
    /// two fields with the same bytes).
    pub(super) fn at(&self, file: FileId, byte: usize) -> Vec<&Occurrence> {
        let byte = byte as u32;
        let written = self.file(file).into_iter().flat_map(|f| f.names.at(file, byte));
        let mut here: Vec<&Occurrence> = written.chain(self.settled.at(file, byte)).collect();
        here.sort_by_key(|o| (o.span.end - o.span.start, o.span.start, o.span.end));
        if let Some(narrowest) = here.first().map(|o| o.span) {
            here.retain(|o| o.span == narrowest);
        }
        here
    }

    /// Every place naming `target`, definitions included, in file order.
    pub(super) fn of(&self, target: &Target) -> impl Iterator<Item = &Occurrence> {
        let written = self.files.iter().flat_map(|f| f.names.of(target));
        let mut places: Vec<&Occurrence> = written.chain(self.settled.of(target)).collect();
        places.sort_by_key(|o| (o.span.file, o.span.start, o.span.end));
        places.into_iter()
    }

    pub(super) fn definitions(&self, target: &Target) -> impl Iterator<Item = &Occurrence> {
        self.of(target).filter(|o| o.role == Role::Definition)
    }

    fn file(&self, file: FileId) -> Option<&Arc<FileNames>> {
        let at = self.files.binary_search_by_key(&file, |f| f.entities.file).ok()?;
        Some(&self.files[at])
    }

    /// Whether both hold the very same names of `file` (taken, not collected again).
    #[cfg(test)]
    pub(super) fn shares(&self, other: &Index, file: FileId) -> bool {
        self.file(file).zip(other.file(file)).is_some_and(|(a, b)| Arc::ptr_eq(a, b))
    }

    /// Every place, in file order: what two indexes of the same map must agree on.
    #[cfg(test)]
    pub(super) fn all(&self) -> Vec<&Occurrence> {
        let written = self.files.iter().flat_map(|f| &f.names.occurrences);
        let mut all: Vec<&Occurrence> = written.chain(&self.settled.occurrences).collect();
        all.sort_by_key(|o| (o.span.file, o.span.start, o.span.end));
        all
    }
}

impl FileNames {
    fn collect(entities: &FileEntities, sources: &SourceMap) -> FileNames {
        let mut c = Collector { sources, found: Vec::new(), recipients: Vec::new() };
        c.collect(entities.manifests());
        FileNames {
            entities: entities.clone(),
            names: Names::new(c.found),
            recipients: c.recipients,
        }
    }
}

/// The names of the manifests, before the model says which recipients are stores and where
/// inferred fields are.
pub(super) struct Unsettled {
    files: Vec<Arc<FileNames>>,
}

impl Unsettled {
    pub(super) fn settle(self, model: &Model) -> Index {
        let mut occurrences = Vec::new();
        let recipients = self.files.iter().flat_map(|f| &f.recipients);
        for r in recipients.filter(|r| model.store_by_id(&r.name).is_some()) {
            let target = Target::Store(r.name.clone());
            occurrences.push(Occurrence { target, span: r.span, role: Role::Reference });
        }
        // A field a flow creates in its destination is declared by that flow's mention.
        for field in &model.fields {
            if let FieldOrigin::Inferred { .. } = field.origin {
                let store = model.store(field.store).id.clone();
                occurrences.push(Occurrence {
                    target: Target::Field(store, field.id.clone()),
                    span: field.span,
                    role: Role::Definition,
                });
            }
        }
        Index { files: self.files, settled: Names::new(occurrences) }
    }
}

struct Collector<'a> {
    sources: &'a SourceMap,
    found: Vec<Occurrence>,
    recipients: Vec<Recipient>,
}

impl Collector<'_> {
    fn collect(&mut self, m: &Manifests) {
        use Role::{Definition, Reference};
        for t in &m.teams {
            self.name(&t.id, Definition, Target::Team);
        }
        for o in &m.objectives {
            self.name(&o.id, Definition, Target::Objective);
        }
        for s in &m.subjects {
            self.name(&s.id, Definition, Target::Subject);
        }
        for c in &m.categories {
            self.name(&c.id, Definition, Target::Category);
            if let Some(parent) = &c.parent {
                self.name(parent, Reference, Target::Category);
            }
        }
        for s in &m.stores {
            let store = s.id.as_str();
            self.name(&s.id, Definition, Target::Store);
            if let Some(owner) = &s.owner {
                self.name(owner, Reference, Target::Team);
            }
            if let Some(access) = &s.access {
                for team in [&access.read, &access.write, &access.admin].into_iter().flatten() {
                    for t in team {
                        self.name(t, Reference, Target::Team);
                    }
                }
            }
            for f in s.fields.iter().flatten() {
                self.name(&f.id, Definition, |id| Target::Field(store.to_owned(), id));
                if let Some(category) = &f.category {
                    self.name(category, Reference, Target::Category);
                }
            }
        }
        for f in &m.flows {
            let (from, to) = (f.from.as_str(), f.to.as_str());
            self.name(&f.from, Reference, Target::Store);
            self.name(&f.to, Reference, Target::Store);
            if let Some(owner) = &f.owner {
                self.name(owner, Reference, Target::Team);
            }
            for p in f.purposes.iter().flatten() {
                self.name(p, Reference, Target::Purpose);
            }
            for mapping in f.fields.iter().flatten() {
                let shared = mapping.source.span == mapping.target().span;
                let (source_role, target_role) = if shared {
                    (Role::Shared { source: true }, Role::Shared { source: false })
                } else {
                    (Reference, Reference)
                };
                self.name(&mapping.source, source_role, |id| Target::Field(from.to_owned(), id));
                self.name(mapping.target(), target_role, |id| Target::Field(to.to_owned(), id));
            }
        }
        for p in &m.purposes {
            self.name(&p.id, Definition, Target::Purpose);
            if let Some(objective) = &p.objective {
                self.name(objective, Reference, Target::Objective);
            }
            if let Some(owner) = &p.owner {
                self.name(owner, Reference, Target::Team);
            }
            for s in p.subjects.iter().flatten() {
                self.name(s, Reference, Target::Subject);
            }
            for u in p.uses.iter().flatten().chain(&p.consent_record) {
                self.field_ref(u);
            }
            for n in p.needs.iter().flatten() {
                self.name(n, Reference, Target::Category);
            }
            for c in p.collect.iter().flatten() {
                self.name(&c.category, Reference, Target::Category);
            }
            for r in p.recipients.iter().flatten() {
                if let Some(span) = self.locate(r.span, &r.value) {
                    self.recipients.push(Recipient { name: r.value.clone(), span });
                }
            }
        }
    }

    /// Records a name written at `spanned`, located within its bytes.
    fn name<T: AsRef<str>>(
        &mut self,
        spanned: &Spanned<T>,
        role: Role,
        target: impl FnOnce(String) -> Target,
    ) {
        let text = spanned.value.as_ref();
        if let Some(span) = self.locate(spanned.span, text) {
            self.found.push(Occurrence { target: target(text.to_owned()), span, role });
        }
    }

    /// `store.field`: the store's part names the store, the rest the field; `store.*` only
    /// the store.
    fn field_ref(&mut self, reference: &Spanned<FieldRef>) {
        let (store, field) = reference.parts();
        let Some(span) = self.locate(reference.span, reference.as_str()) else { return };
        let store_end = span.start + store.len() as u32;
        let role = Role::Reference;
        let store_span = Span { end: store_end, ..span };
        self.found.push(Occurrence {
            target: Target::Store(store.to_owned()),
            span: store_span,
            role,
        });
        if let Some(field) = field {
            let field_span = Span { start: store_end + 1, ..span };
            let target = Target::Field(store.to_owned(), field.to_owned());
            self.found.push(Occurrence { target, span: field_span, role });
        }
    }

    /// The bytes of `text` within `span`: the span of a quoted scalar holds its quotes, a
    /// plain flow mapping the whole entry. `None` when the text is written with escapes.
    fn locate(&self, span: Span, text: &str) -> Option<Span> {
        if text.is_empty() {
            return None;
        }
        let file = self.sources.get(span.file);
        let written = file.text.get(span.range())?;
        let at = written.find(text)?;
        let start = span.start + at as u32;
        Some(Span { file: span.file, start, end: start + text.len() as u32 })
    }
}

impl AsRef<str> for crate::manifest::text::Id {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for crate::manifest::text::CategoryKey {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

//! `export fides`: the map as fideslang 2 YAML (organisation, systems with privacy
//! declarations, datasets, the map's own taxonomy keys), and the export report of what the
//! map states that fides has no place for, or what fides asks for that the map does not state.
//! Nothing the map does not state is written: fides defaults stay fides defaults.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::inventory::value::quote_str;
use crate::manifest::enums::{Art9Condition, Direction, LegalBasis, TransferMechanism};
use crate::manifest::store::Retention;
use crate::model::{Field, FieldId, Model, Purpose, Store, StoreId};
use crate::source::{SourceMap, Span};

/// The fides files, by name, and the report's lines (each starting with its place).
#[derive(Debug, Default)]
pub struct Exported {
    pub files: BTreeMap<String, String>,
    pub report: Vec<String>,
}

struct Ctx<'m> {
    model: &'m Model,
    sources: &'m SourceMap,
    /// Per store, the flows touching it (indexes into `model.flows`), in flow order: each
    /// system reads its own, so the export stays linear in the size of the map.
    flows: Vec<Vec<usize>>,
    /// Per store, each purpose using its fields (index into `model.purposes`) with those
    /// fields, in purpose order.
    uses: Vec<Vec<(usize, Vec<FieldId>)>>,
    /// File, line, column, message: sorted by place once all are made.
    report: Vec<(String, usize, usize, String)>,
}

impl Ctx<'_> {
    fn note(&mut self, span: Option<Span>, message: String) {
        let (file, line, col) = match span {
            Some(span) => {
                let (line, col) = self.sources.line_col(span);
                let path = &self.sources.get(span.file).path;
                (self.sources.map_path(path).to_owned(), line, col)
            }
            None => ("datacarto.yaml".to_owned(), 1, 1),
        };
        self.report.push((file, line, col, message));
    }

    /// The report's lines in the order of the map's files, each note once (a purpose used
    /// in several stores says the same thing for each).
    fn lines(mut self) -> Vec<String> {
        self.report.sort();
        self.report.dedup();
        self.report.into_iter().map(|(f, l, c, m)| format!("{f}:{l}:{c}: {m}")).collect()
    }
}

/// The map's `legal_basis` → fideslang's `legal_basis_for_processing`.
fn legal_basis(basis: LegalBasis) -> &'static str {
    match basis {
        LegalBasis::Consent => "Consent",
        LegalBasis::Contract => "Contract",
        LegalBasis::LegalObligation => "Legal obligations",
        LegalBasis::VitalInterests => "Vital interests",
        LegalBasis::PublicTask => "Public interest",
        LegalBasis::LegitimateInterests => "Legitimate interests",
    }
}

/// The map's `special_condition` → fideslang's `special_category_legal_basis`.
fn special_basis(condition: Art9Condition) -> &'static str {
    match condition {
        Art9Condition::ExplicitConsent => "Explicit consent",
        Art9Condition::EmploymentSocialSecurity => {
            "Employment, social security and social protection"
        }
        Art9Condition::VitalInterests => "Vital interests",
        Art9Condition::NotForProfitBody => "Not-for-profit bodies",
        Art9Condition::ManifestlyPublic => "Made public by the data subject",
        Art9Condition::LegalClaims => "Legal claims or judicial acts",
        Art9Condition::SubstantialPublicInterest => {
            "Reasons of substantial public interest (with a basis in law)"
        }
        Art9Condition::HealthSocialCare => "Health or social care (with a basis in law)",
        Art9Condition::PublicHealth => "Public health (with a basis in law)",
        Art9Condition::ArchivingResearchStatistics => {
            "Archiving, research and statistics (with a basis in law)"
        }
    }
}

/// The map's transfer safeguard → fideslang's `legal_basis_for_transfers` value, when fides
/// has one for it (its list is short: the others are reported, never rounded to "Other").
fn transfer_basis(mechanism: TransferMechanism) -> Option<&'static str> {
    match mechanism {
        TransferMechanism::Adequacy => Some("Adequacy Decision"),
        TransferMechanism::SccCommission | TransferMechanism::SccSupervisoryAuthority => {
            Some("SCCs")
        }
        TransferMechanism::Bcr => Some("BCRs"),
        _ => None,
    }
}

/// A fides key of the organisation, from its name: fides keys allow letters, digits, `_`,
/// `-` and `.`.
fn org_key(name: &str) -> String {
    let mut key = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c);
        } else if !key.ends_with('_') && !key.is_empty() {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_').to_owned();
    if key.is_empty() { "default_organization".to_owned() } else { key }
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| quote_str(i)).collect();
    format!("[{}]", items.join(", "))
}

pub fn export(model: &Model, sources: &SourceMap) -> Exported {
    let mut flows = vec![Vec::new(); model.stores.len()];
    for (i, flow) in model.flows.iter().enumerate() {
        flows[flow.from.index()].push(i);
        if flow.to != flow.from {
            flows[flow.to.index()].push(i);
        }
    }
    let mut uses: Vec<Vec<(usize, Vec<FieldId>)>> = vec![Vec::new(); model.stores.len()];
    for (pi, p) in model.purposes.iter().enumerate() {
        let mut by_store: BTreeMap<StoreId, Vec<FieldId>> = BTreeMap::new();
        for f in &p.uses {
            by_store.entry(model.field(*f).store).or_default().push(*f);
        }
        for (store, fields) in by_store {
            uses[store.index()].push((pi, fields));
        }
    }
    let mut ctx = Ctx { model, sources, flows, uses, report: Vec::new() };
    let mut files = BTreeMap::new();
    let org = organization(&mut ctx);
    if let Some((_, text)) = &org {
        files.insert("organization.yml".to_owned(), text.clone());
    }
    let org_key = org.map(|(k, _)| k);
    let mut systems = String::from("system:\n");
    let mut datasets = String::new();
    for (i, store) in model.stores.iter().enumerate() {
        let id = StoreId::new(i);
        let has_dataset = model.fields_of(id).next().is_some();
        system(&mut ctx, &mut systems, id, store, org_key.as_deref(), has_dataset);
        if has_dataset {
            dataset(&mut ctx, &mut datasets, id, store, org_key.as_deref());
        }
    }
    if !model.stores.is_empty() {
        files.insert("systems.yml".to_owned(), systems);
    }
    if !datasets.is_empty() {
        files.insert("datasets.yml".to_owned(), format!("dataset:\n{datasets}"));
    }
    if let Some(taxonomy) = taxonomy(model) {
        files.insert("taxonomy.yml".to_owned(), taxonomy);
    }
    flows_not_carried(&mut ctx);
    purposes_not_carried(&mut ctx);
    Exported { files, report: ctx.lines() }
}

/// datacarto.yaml's `organization` → a fides organisation, and its key.
fn organization(ctx: &mut Ctx<'_>) -> Option<(String, String)> {
    let org = ctx.model.organization.as_ref()?;
    let span = org.span;
    let o = &org.value;
    let key = o.name.as_deref().map_or_else(|| "default_organization".to_owned(), org_key);
    if o.name.is_none() {
        ctx.note(
            Some(span),
            "organization: `name` not stated: the fides organisation has fides' default key `default_organization` and no name".to_owned(),
        );
    }
    let mut t = format!("organization:\n  - fides_key: {}\n", quote_str(&key));
    if let Some(name) = &o.name {
        let _ = writeln!(t, "    name: {}", quote_str(name));
    }
    let contact = |t: &mut String, key: &str, parts: [(&str, Option<&String>); 4]| {
        if parts.iter().any(|p| p.1.is_some()) {
            let _ = writeln!(t, "    {key}:");
            for (k, v) in parts {
                if let Some(v) = v {
                    let _ = writeln!(t, "      {k}: {}", quote_str(v));
                }
            }
        }
    };
    contact(
        &mut t,
        "controller",
        [
            ("name", o.name.as_ref()),
            ("address", o.address.as_ref()),
            ("email", o.email.as_ref()),
            ("phone", o.phone.as_ref()),
        ],
    );
    for (key, person) in
        [("data_protection_officer", &o.dpo), ("representative", &o.representative)]
    {
        if let Some(p) = person {
            contact(
                &mut t,
                key,
                [
                    ("name", p.name.as_ref()),
                    ("address", p.address.as_ref()),
                    ("email", p.email.as_ref()),
                    ("phone", p.phone.as_ref()),
                ],
            );
        }
    }
    if let Some(country) = &o.country {
        ctx.note(
            Some(country.span),
            format!(
                "organization: `country` ({}) has no place in a fides organisation: left out",
                country.value.as_str()
            ),
        );
    }
    Some((key, t))
}

/// The categories of some fields, sorted, once each; `None` when one of them has none.
fn categories(model: &Model, fields: impl Iterator<Item = FieldId>) -> Option<Vec<String>> {
    let mut keys = BTreeSet::new();
    for f in fields {
        keys.insert(model.field(f).category.as_ref()?.value.clone());
    }
    Some(keys.into_iter().collect())
}

/// One system's egress (or ingress): the other store, and the categories the flows carry
/// when every flow between the two states its fields and every field its category.
type Links = BTreeMap<StoreId, Option<BTreeSet<String>>>;

fn links(model: &Model, store: StoreId, touching: &[usize]) -> (Links, Links) {
    let mut egress: Links = BTreeMap::new();
    let mut ingress: Links = BTreeMap::new();
    let add = |map: &mut Links, other: StoreId, cats: Option<Vec<String>>| {
        let entry = map.entry(other).or_insert_with(|| Some(BTreeSet::new()));
        match (entry.as_mut(), cats) {
            (Some(set), Some(cats)) => set.extend(cats),
            _ => *entry = None,
        }
    };
    for flow in touching.iter().map(|i| &model.flows[*i]) {
        let cats = if flow.fields.is_empty() {
            None
        } else {
            categories(model, flow.fields.iter().map(|c| c.source))
        };
        let both = flow.direction == Direction::Both;
        if flow.from == store && flow.to != store {
            add(&mut egress, flow.to, cats.clone());
            if both {
                add(&mut ingress, flow.to, cats.clone());
            }
        }
        if flow.to == store && flow.from != store {
            add(&mut ingress, flow.from, cats.clone());
            if both {
                add(&mut egress, flow.from, cats);
            }
        }
    }
    (egress, ingress)
}

fn system(
    ctx: &mut Ctx<'_>,
    t: &mut String,
    id: StoreId,
    store: &Store,
    org: Option<&str>,
    has_dataset: bool,
) {
    let model = ctx.model;
    let _ = writeln!(t, "  - fides_key: {}", quote_str(&store.id));
    if let Some(org) = org {
        let _ = writeln!(t, "    organization_fides_key: {}", quote_str(org));
    }
    if store.name != store.id {
        let _ = writeln!(t, "    name: {}", quote_str(&store.name));
    }
    if let Some(d) = &store.description {
        let _ = writeln!(t, "    description: {}", quote_str(d));
    }
    match store.kind {
        Some(kind) => {
            let _ = writeln!(t, "    system_type: {}", quote_str(kind.as_str()));
        }
        None => {
            // fides requires the key: an empty one says nothing, a guess would.
            t.push_str("    system_type: \"\"\n");
            ctx.note(
                Some(store.span),
                format!(
                    "store `{}`: `kind` not stated: `system_type` written empty (fides requires it); fill `kind`",
                    store.id
                ),
            );
        }
    }
    if let Some(domain) = &store.domain {
        let _ = writeln!(t, "    administrating_department: {}", quote_str(domain));
    }
    if !store.security.is_empty() {
        let s: Vec<&str> = store.security.iter().map(|m| m.as_str()).collect();
        let _ = writeln!(t, "    data_security_practices: {}", quote_str(&s.join(", ")));
    }
    if has_dataset {
        let _ = writeln!(t, "    dataset_references: [{}]", quote_str(&store.id));
    }
    let (egress, ingress) = links(model, id, &ctx.flows[id.index()]);
    for (key, map) in [("egress", &egress), ("ingress", &ingress)] {
        if map.is_empty() {
            continue;
        }
        let _ = writeln!(t, "    {key}:");
        for (other, cats) in map {
            let _ = writeln!(
                t,
                "      - fides_key: {}\n        type: system",
                quote_str(&model.store(*other).id)
            );
            if let Some(cats) = cats.as_ref().filter(|c| !c.is_empty()) {
                let cats: Vec<String> = cats.iter().cloned().collect();
                let _ = writeln!(t, "        data_categories: {}", list(&cats));
            }
        }
    }
    transfers(ctx, t, id, store);
    let declarations = declarations(ctx, id, store);
    profiling(ctx, t, store, &declarations);
    if declarations.is_empty() {
        t.push_str("    privacy_declarations: []\n");
    } else {
        t.push_str("    privacy_declarations:\n");
        for (_, text) in &declarations {
            t.push_str(text);
        }
    }
    store_not_carried(ctx, store);
}

/// `does_international_transfers` and its bases, from the store's own safeguard and those
/// of the flows leaving it.
fn transfers(ctx: &mut Ctx<'_>, t: &mut String, id: StoreId, store: &Store) {
    let model = ctx.model;
    let mut stated = Vec::new();
    if let Some(tr) = &store.transfer {
        stated.push(tr.mechanism.clone());
    }
    for flow in ctx.flows[id.index()].iter().map(|i| &model.flows[*i]).filter(|f| f.from == id) {
        if let Some(tr) = &flow.transfer {
            stated.push(tr.mechanism.clone());
        }
    }
    if stated.is_empty() {
        return;
    }
    t.push_str("    does_international_transfers: true\n");
    let mut bases = BTreeSet::new();
    for m in &stated {
        match transfer_basis(m.value) {
            Some(b) => {
                bases.insert(b.to_owned());
            }
            None => ctx.note(
                Some(m.span),
                format!(
                    "store `{}`: transfer safeguard `{}` has no value in fides' list of transfer bases: left out",
                    store.id, m.value
                ),
            ),
        }
    }
    if !bases.is_empty() {
        let bases: Vec<String> = bases.into_iter().collect();
        let _ = writeln!(t, "    legal_basis_for_transfers: {}", list(&bases));
    }
}

/// fides says profiling per system: `true` when a purpose using the store profiles, `false`
/// only when every one of them says it does not.
fn profiling(ctx: &mut Ctx<'_>, t: &mut String, store: &Store, decls: &[(&Purpose, String)]) {
    if decls.is_empty() {
        return;
    }
    let says: Vec<Option<bool>> = decls.iter().map(|(p, _)| p.profiling).collect();
    if says.contains(&Some(true)) {
        t.push_str("    uses_profiling: true\n");
    } else if says.iter().all(|s| *s == Some(false)) {
        t.push_str("    uses_profiling: false\n");
    } else {
        let silent: Vec<&str> = decls
            .iter()
            .filter(|(p, _)| p.profiling.is_none())
            .map(|(p, _)| p.id.as_str())
            .collect();
        ctx.note(
            Some(store.span),
            format!(
                "store `{}`: `uses_profiling` left out: `profiling` not stated on {}",
                store.id,
                silent.join(", ")
            ),
        );
    }
}

/// The privacy declarations of a store: one per purpose using its fields.
fn declarations<'m>(ctx: &mut Ctx<'m>, id: StoreId, store: &Store) -> Vec<(&'m Purpose, String)> {
    let model = ctx.model;
    let mut out = Vec::new();
    let uses = std::mem::take(&mut ctx.uses[id.index()]);
    for (pi, used) in uses {
        let p = &model.purposes[pi];
        let Some(data_use) = &p.data_use else {
            ctx.note(
                Some(p.span),
                format!(
                    "purpose `{}`: `use` not stated: no privacy declaration on system `{}` (fides requires a data use); fill `use`",
                    p.id, store.id
                ),
            );
            continue;
        };
        let mut cats = BTreeSet::new();
        let mut without = Vec::new();
        for f in &used {
            match &model.field(*f).category {
                Some(c) => {
                    cats.insert(c.value.clone());
                }
                None => without.push(model.field_path(*f)),
            }
        }
        if !without.is_empty() {
            ctx.note(
                Some(p.span),
                format!(
                    "purpose `{}`: `category` not stated on {}: missing from its declaration's data categories on system `{}`",
                    p.id,
                    without.join(", "),
                    store.id
                ),
            );
        }
        if cats.is_empty() {
            ctx.note(
                Some(p.span),
                format!(
                    "purpose `{}`: no field it uses in `{}` states a category: no privacy declaration there (fides requires data categories)",
                    p.id, store.id
                ),
            );
            continue;
        }
        let cats: Vec<String> = cats.into_iter().collect();
        let mut t = format!("      - name: {}\n", quote_str(&p.name));
        let _ = writeln!(t, "        data_use: {}", quote_str(&data_use.value));
        let _ = writeln!(t, "        data_categories: {}", list(&cats));
        if !p.subjects.is_empty() {
            let subjects: Vec<String> =
                p.subjects.iter().map(|s| model.subject(*s).id.clone()).collect();
            let _ = writeln!(t, "        data_subjects: {}", list(&subjects));
        }
        if let Some(b) = &p.legal_basis {
            let _ = writeln!(t, "        legal_basis_for_processing: {}", legal_basis(b.value));
        }
        if used.iter().any(|f| model.field(*f).special.is_some()) {
            t.push_str("        processes_special_category_data: true\n");
        }
        if let Some(c) = p.special_condition {
            let _ = writeln!(
                t,
                "        special_category_legal_basis: {}",
                quote_str(special_basis(c))
            );
        }
        if let Some(r) = retention_period(ctx, p) {
            let _ = writeln!(t, "        retention_period: {}", quote_str(&r));
        }
        if let Some(link) = &p.dpia_link {
            let _ = writeln!(t, "        impact_assessment_location: {}", quote_str(link));
        }
        out.push((p, t));
    }
    out
}

/// A purpose's retention as fides' `retention_period`: days as a number (what fides asks
/// for), another period as written, a sentence as written.
fn retention_period(ctx: &mut Ctx<'_>, p: &Purpose) -> Option<String> {
    let r = p.retention.as_ref()?;
    match &r.value {
        Retention::Text(text) => Some(text.clone()),
        Retention::Period(period) => {
            let duration = period.duration.as_ref().map(|d| d.as_str().to_owned());
            let days = duration.as_deref().and_then(|d| {
                let n = d.strip_prefix('P')?.strip_suffix('D')?;
                n.chars().all(|c| c.is_ascii_digit()).then(|| n.to_owned())
            });
            let mut rest = Vec::new();
            if period.trigger.is_some() {
                rest.push("trigger");
            }
            if period.end_action.is_some() {
                rest.push("end_action");
            }
            if period.basis.is_some() {
                rest.push("basis");
            }
            if period.reference.is_some() {
                rest.push("reference");
            }
            if period.criteria.is_some() {
                rest.push("criteria");
            }
            if !rest.is_empty() {
                ctx.note(
                    Some(r.span),
                    format!(
                        "purpose `{}`: no place in fides' `retention_period` for the retention's {}: left out",
                        p.id,
                        rest.join(", ")
                    ),
                );
            }
            days.or(duration)
        }
    }
}

/// A field's place in a fides dataset: the collection and the path inside it. The
/// collection is the field's `table:`; a field the fides import made (`id:
/// customers-address-street`, `table: customers`, `name: address.street`) goes back into its
/// parents, as does an older import's `name: customers.address.street` without a table. Any
/// other field is a field of its table, or of a collection named after the store.
fn fides_path(store: &Store, field: &Field) -> (String, Vec<String>, bool) {
    let parts: Vec<&str> = field.name.split('.').collect();
    let plain = parts.iter().all(|p| !p.is_empty() && !p.contains(char::is_whitespace));
    let slug = field.name.to_lowercase().replace('.', "-");
    if let Some(table) = field.table() {
        let nested = plain && field.id == format!("{}-{slug}", table.to_lowercase());
        let path = if nested {
            parts.iter().map(|p| (*p).to_owned()).collect()
        } else {
            vec![field.id.clone()]
        };
        return (table.to_owned(), path, nested);
    }
    if parts.len() > 1 && plain && slug == field.id {
        (parts[0].to_owned(), parts[1..].iter().map(|p| (*p).to_owned()).collect(), true)
    } else {
        (store.id.clone(), vec![field.id.clone()], false)
    }
}

#[derive(Default)]
struct Node {
    field: Option<FieldId>,
    children: BTreeMap<String, Node>,
}

fn dataset(ctx: &mut Ctx<'_>, t: &mut String, id: StoreId, store: &Store, org: Option<&str>) {
    let model = ctx.model;
    let _ = writeln!(t, "  - fides_key: {}", quote_str(&store.id));
    if let Some(org) = org {
        let _ = writeln!(t, "    organization_fides_key: {}", quote_str(org));
    }
    if store.name != store.id {
        let _ = writeln!(t, "    name: {}", quote_str(&store.name));
    }
    if let Some(d) = &store.description {
        let _ = writeln!(t, "    description: {}", quote_str(d));
    }
    let mut collections: BTreeMap<String, Node> = BTreeMap::new();
    for f in model.fields_of(id) {
        let (collection, path, _) = fides_path(store, model.field(f));
        let mut node = collections.entry(collection).or_default();
        for part in path {
            node = node.children.entry(part).or_default();
        }
        node.field = Some(f);
    }
    t.push_str("    collections:\n");
    for (name, node) in &collections {
        let _ = writeln!(t, "      - name: {}\n        fields:", quote_str(name));
        write_fields(model, t, node, 10);
    }
    fields_not_carried(ctx, id, store);
}

fn write_fields(model: &Model, t: &mut String, node: &Node, indent: usize) {
    let pad = " ".repeat(indent);
    for (name, child) in &node.children {
        let _ = writeln!(t, "{pad}- name: {}", quote_str(name));
        if let Some(f) = child.field.map(|f| model.field(f)) {
            if let Some(d) = f.description() {
                let _ = writeln!(t, "{pad}  description: {}", quote_str(d));
            }
            if let Some(c) = &f.category {
                let _ = writeln!(t, "{pad}  data_categories: [{}]", quote_str(&c.value));
            }
            if let Some(identity) = identity(f) {
                let _ = writeln!(t, "{pad}  fides_meta:\n{pad}    identity: {identity}");
            }
        }
        if !child.children.is_empty() {
            let _ = writeln!(t, "{pad}  fields:");
            write_fields(model, t, child, indent + 4);
        }
    }
}

/// fides' `identity` names the kind of identity a rights request brings (an e-mail, a phone
/// number): said for a customer identifier only when its category says which.
fn identity(field: &Field) -> Option<&'static str> {
    if !field.identifier {
        return None;
    }
    match field.category.as_ref()?.value.as_str() {
        "user.contact.email" => Some("email"),
        "user.contact.phone_number" => Some("phone_number"),
        _ => None,
    }
}

/// The map's own categories and subjects, as fides taxonomy extensions, so that every key
/// the systems and datasets name is declared somewhere fides reads.
fn taxonomy(model: &Model) -> Option<String> {
    let mut t = String::new();
    if !model.categories.is_empty() {
        t.push_str("data_category:\n");
        for c in &model.categories {
            let _ = writeln!(t, "  - fides_key: {}", quote_str(&c.key));
            if let Some(n) = &c.name {
                let _ = writeln!(t, "    name: {}", quote_str(n));
            }
            if let Some(d) = &c.description {
                let _ = writeln!(t, "    description: {}", quote_str(d));
            }
            let parent =
                c.parent.clone().or_else(|| c.key.rsplit_once('.').map(|p| p.0.to_owned()));
            if let Some(p) = parent {
                let _ = writeln!(t, "    parent_key: {}", quote_str(&p));
            }
        }
    }
    let own: Vec<_> = model.subjects.iter().filter(|s| s.span.is_some()).collect();
    if !own.is_empty() {
        t.push_str("data_subject:\n");
        for s in own {
            let _ = writeln!(t, "  - fides_key: {}", quote_str(&s.id));
            let _ = writeln!(t, "    name: {}", quote_str(&s.name));
            if let Some(d) = &s.description {
                let _ = writeln!(t, "    description: {}", quote_str(d));
            }
        }
    }
    (!t.is_empty()).then_some(t)
}

fn store_not_carried(ctx: &mut Ctx<'_>, store: &Store) {
    let mut stated: Vec<&str> = Vec::new();
    let mut add = |cond: bool, name: &'static str| {
        if cond {
            stated.push(name);
        }
    };
    add(!store.location.is_empty(), "location");
    add(store.vendor.is_some(), "vendor");
    add(store.contract.is_some(), "contract");
    add(store.external, "external");
    add(store.referential, "referential");
    add(store.records.is_some(), "records");
    add(store.status != crate::manifest::enums::StoreStatus::Active, "status");
    add(store.zone.is_some(), "zone");
    add(store.erasure.is_some(), "erasure");
    add(!store.defines.is_empty(), "defines");
    add(store.access.is_some(), "access");
    add(store.quality.is_some(), "quality");
    add(store.review.is_some(), "review");
    add(store.scan.is_some(), "scan");
    if !stated.is_empty() {
        ctx.note(
            Some(store.span),
            format!(
                "store `{}`: no place in a fides system for {}: left out",
                store.id,
                stated.join(", ")
            ),
        );
    }
}

/// Per store, each field attribute fides has no place for, with the fields stating it.
fn fields_not_carried(ctx: &mut Ctx<'_>, id: StoreId, store: &Store) {
    let model = ctx.model;
    let mut by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for f in model.fields_of(id).map(|f| model.field(f)) {
        let (_, _, imported) = fides_path(store, f);
        let mut add = |cond: bool, name: &'static str| {
            if cond {
                by.entry(name).or_default().push(&f.id);
            }
        };
        add(!imported && f.name != f.id, "name");
        add(f.identifier && identity(f).is_none(), "identifier");
        add(f.completeness.is_some(), "completeness");
        add(f.format.is_some(), "format");
        add(f.source.is_some(), "source");
        add(f.collection().is_some(), "collection");
        add(f.retention.is_some(), "retention");
        add(f.deprecated, "deprecated");
        add(f.quality.is_some(), "quality");
        add(f.column().is_some(), "column");
    }
    for (attr, fields) in by {
        ctx.note(
            Some(store.span),
            format!(
                "store `{}`: no place in a fides dataset field for `{attr}`: left out on {}",
                store.id,
                fields.join(", ")
            ),
        );
    }
}

fn flows_not_carried(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    for flow in &model.flows {
        let mut stated = Vec::new();
        if !flow.fields.is_empty() {
            stated.push("fields (only their categories are written)");
        }
        if flow.mechanism.is_some() {
            stated.push("mechanism");
        }
        if flow.frequency.is_some() {
            stated.push("frequency");
        }
        if flow.owner.is_some() {
            stated.push("owner");
        }
        if flow.description.is_some() {
            stated.push("description");
        }
        if !flow.purposes.is_empty() {
            stated.push("purposes");
        }
        if !stated.is_empty() {
            ctx.note(
                Some(flow.span),
                format!(
                    "flow `{}`: no place in fides' egress/ingress for {}: left out",
                    flow.id,
                    stated.join(", ")
                ),
            );
        }
        if flow.fields.is_empty() {
            ctx.note(
                Some(flow.span),
                format!(
                    "flow `{}`: `fields` not stated: the egress/ingress between `{}` and `{}` names no data categories",
                    flow.id,
                    model.store(flow.from).id,
                    model.store(flow.to).id
                ),
            );
        }
    }
}

fn purposes_not_carried(ctx: &mut Ctx<'_>) {
    let model = ctx.model;
    for p in &model.purposes {
        let mut stated = Vec::new();
        let mut add = |cond: bool, name: &'static str| {
            if cond {
                stated.push(name);
            }
        };
        add(p.objective.is_some(), "objective");
        add(p.owner.is_some(), "owner");
        add(p.description.is_some(), "description");
        add(p.legal_reference.is_some(), "legal_reference");
        add(p.legitimate_interest.is_some(), "legitimate_interest");
        add(p.lia.is_some(), "lia");
        add(p.consent_record.is_some(), "consent_record");
        add(!p.needs.is_empty(), "needs");
        add(!p.recipients.is_empty(), "recipients");
        add(p.automated_decision.is_some(), "automated_decision");
        add(p.dpia_status.is_some(), "dpia.status");
        add(!p.is_active(), "status");
        if !stated.is_empty() {
            ctx.note(
                Some(p.span),
                format!(
                    "purpose `{}`: no place in a fides privacy declaration for {}: left out",
                    p.id,
                    stated.join(", ")
                ),
            );
        }
        if p.subjects.is_empty() && !p.uses.is_empty() {
            ctx.note(
                Some(p.span),
                format!(
                    "purpose `{}`: `subjects` not stated: its declarations name no data subjects; fill `subjects`",
                    p.id
                ),
            );
        }
        if p.uses.is_empty() {
            ctx.note(
                Some(p.span),
                format!("purpose `{}`: uses no field: no system to declare it on", p.id),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export_yaml(yaml: &str) -> Exported {
        let loaded = crate::load::load_from_memory(&[("map.yaml", yaml)]);
        assert!(loaded.findings.is_empty(), "{:#?}", loaded.findings);
        let (model, _) = crate::model::resolve::resolve(loaded.manifests, &loaded.project, None);
        export(&model, &loaded.sources)
    }

    /// What the map does not state is never written: no kind gives an empty `system_type`
    /// (reported), a flow without fields names no categories, a purpose without `use` gives
    /// no declaration (reported), unstated profiling gives no `uses_profiling`.
    #[test]
    fn nothing_the_map_does_not_state_is_written() {
        let out = export_yaml(
            "stores:\n  - id: a\n    fields:\n      - {id: email, category: user.contact.email}\n  - id: b\n    kind: crm\nflows:\n  - {from: a, to: b}\npurposes:\n  - {id: p, name: P, legal_basis: consent, uses: [a.email]}\n  - {id: q, name: Q, use: essential.service, uses: [a.email]}\n",
        );
        let systems = &out.files["systems.yml"];
        assert!(systems.contains("  - fides_key: a\n    system_type: \"\"\n"), "{systems}");
        assert!(systems.contains("system_type: crm"), "{systems}");
        assert!(!systems.contains("data_categories: [user.contact.email]\n    ingress"));
        assert!(!systems.contains("uses_profiling"), "{systems}");
        assert!(!systems.contains("name: P\n"), "{systems}");
        assert!(systems.contains("      - name: Q\n        data_use: essential.service\n"));
        assert!(!systems.contains("data_subjects"), "{systems}");
        assert!(!systems.contains("legal_basis_for_processing"), "{systems}");
        assert!(!out.files.contains_key("organization.yml"));
        let report = out.report.join("\n");
        assert!(report.contains("store `a`: `kind` not stated"), "{report}");
        assert!(report.contains("purpose `p`: `use` not stated"), "{report}");
        assert!(report.contains("purpose `q`: `subjects` not stated"), "{report}");
        assert!(report.contains("flow `a-to-b`: `fields` not stated"), "{report}");
        assert!(out.report.iter().all(|l| l.starts_with("map.yaml:")), "{report}");
    }

    /// Fields `import fides` made (`customers.address.street`) go back into their collection
    /// and parents; other fields sit in a collection named after the store.
    #[test]
    fn imported_fields_go_back_into_their_collections() {
        let out = export_yaml(
            "stores:\n  - id: s\n    fields:\n      - {id: customers-address-street, name: customers.address.street}\n      - {id: notes, name: Free notes}\n",
        );
        let datasets = &out.files["datasets.yml"];
        assert!(
            datasets.contains("      - name: customers\n        fields:\n          - name: address\n            fields:\n              - name: street\n"),
            "{datasets}"
        );
        assert!(datasets.contains("      - name: s\n        fields:\n          - name: notes\n"));
        assert!(out.report.iter().any(|l| l.ends_with("for `name`: left out on notes")));
    }

    /// Fields grouped by `table:` (what `import fides` writes now) go back into that
    /// collection, nested names into their parents.
    #[test]
    fn tables_become_collections() {
        let out = export_yaml(
            "stores:\n  - id: s\n    fields:\n      - {id: customers-address-street, name: address.street, table: customers}\n      - {id: total, table: orders}\n",
        );
        let datasets = &out.files["datasets.yml"];
        assert!(
            datasets.contains("      - name: customers\n        fields:\n          - name: address\n            fields:\n              - name: street\n"),
            "{datasets}"
        );
        assert!(
            datasets.contains("      - name: orders\n        fields:\n          - name: total\n"),
            "{datasets}"
        );
    }
}

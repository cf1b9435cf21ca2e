//! The rights-request pages: the list of the categories of persons the map's purposes name,
//! and one page per category with its checklist (`datacarto dsr`), built by `dsr`.

use tera::Value;

use super::{Inputs, Site};
use crate::dsr;
use crate::model::{Model, SubjectId};

/// The subjects that get a page: those a purpose names, and those the map declares. The
/// other built-in ones would only say "not stated".
pub(super) fn subjects(model: &Model) -> Vec<SubjectId> {
    (0..model.subjects.len())
        .map(SubjectId::new)
        .filter(|s| {
            model.subject(*s).span.is_some()
                || model.purposes.iter().any(|p| p.subjects.contains(s))
        })
        .collect()
}

fn checklist(inputs: &Inputs<'_>, site: &Site<'_>, subject: SubjectId) -> dsr::Checklist {
    let inputs = dsr::Inputs { model: inputs.model, graph: inputs.graph, sources: inputs.sources };
    dsr::build(&inputs, subject, site.language)
}

/// `rights.html`: each category, how many stores hold its data, how many gaps.
pub(super) fn list(inputs: &Inputs<'_>, site: &Site<'_>) -> Value {
    let rows: Vec<Value> = subjects(inputs.model)
        .into_iter()
        .map(|s| {
            let c = checklist(inputs, site, s);
            obj! {
                "id": c.subject.id.as_str(), "name": c.subject.name.as_str(),
                "purposes": c.purposes.len(), "stores": c.stores.len(), "gaps": c.gaps.len(),
            }
        })
        .collect();
    obj! {"page_title": site.word("rights_requests"), "subjects": rows}
}

/// `subjects/<id>.html`: the checklist, its body made (and escaped) by `dsr::html`.
pub(super) fn page(inputs: &Inputs<'_>, site: &Site<'_>, subject: SubjectId) -> Value {
    let c = checklist(inputs, site, subject);
    let title = format!("{} — {}", site.word("rights_requests"), c.subject.name);
    obj! {"page_title": title, "body": dsr::html::body(&c)}
}

//! `conflicting-definitions`: two stores linked by a flow hold the same people under
//! different definitions of one glossary term ("customer" is not the same customer).

use crate::checks::Context;
use crate::checks::people::StoreSubjects;
use crate::diag::{Entity, EntityKind, Finding, t};
use crate::model::{Defined, Model};
use crate::rules::conflicting_definitions::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    if model.terms.is_empty() || model.stores.iter().all(|s| s.defines.is_empty()) {
        return;
    }
    let people = StoreSubjects::compute(model, cx.graph);
    for flow_id in model.flow_ids() {
        let flow = model.flow(flow_id);
        let (a, b) = (model.store(flow.from), model.store(flow.to));
        let shared: Vec<u64> =
            people.of(flow.from).iter().zip(people.of(flow.to)).map(|(x, y)| x & y).collect();
        if shared.iter().all(|w| *w == 0) {
            continue;
        }
        for da in &a.defines {
            let Some(db) = b.defines.iter().find(|d| d.term == da.term) else { continue };
            if db.definition == da.definition {
                continue;
            }
            let term = &model.terms[da.term];
            let subjects = StoreSubjects::names(model, &shared);
            out.push(
                Finding::new(
                    RULE.name,
                    t!(
                        "flow '{}' links '{}' ({}: {}) and '{}' ({}: {}), which hold the same people ({}) under different definitions of '{}'", "le flux '{}' relie '{}' ({} : {}) et '{}' ({} : {}), qui contiennent les mêmes personnes ({}) sous des définitions différentes de '{}'",
                        flow.id,
                        a.id,
                        term.id,
                        definition(model, da),
                        b.id,
                        term.id,
                        definition(model, db),
                        subjects.join(", "),
                        term.id,
                    ),
                )
                .entity(Entity::new(EntityKind::Flow, flow.id.as_str()))
                .at(flow.span, t!("crosses two definitions", "traverse deux définitions"))
                .related(da.span, t!("'{}' follows this definition", "'{}' suit cette définition", a.id))
                .related(db.span, t!("'{}' follows this one", "'{}' suit celle-ci", b.id))
                .help(t!(
                    "align '{}' and '{}' on one definition of '{}', or make the flow filter what it carries and say so in an 'allow:'", "alignez '{}' et '{}' sur une seule définition de '{}', ou faites filtrer au flux ce qu'il transporte et dites-le dans un 'allow:'",
                    a.id, b.id, term.id
                )),
            );
        }
    }
}

fn definition<'m>(model: &'m Model, d: &Defined) -> &'m str {
    &model.terms[d.term].definitions[d.definition].id
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    const TERMS: &str = "terms:\n  - id: customer\n    definitions:\n      - {id: buyer, definition: bought in 12 months}\n      - {id: subscriber}\n";

    fn map(crm: &str, emailing: &str, emailing_subjects: &str) -> String {
        format!(
            "{TERMS}stores:\n  - id: crm\n    defines: {{customer: {crm}}}\n    fields: [{{id: email, category: user.contact.email}}]\n  - id: emailing\n    defines: {{customer: {emailing}}}\n    fields: [{{id: email, category: user.contact.email}}]\nflows:\n  - {{from: crm, to: emailing, fields: [email]}}\npurposes:\n  - {{id: a, subjects: [customer], uses: [crm.email]}}\n  - {{id: b, subjects: [{emailing_subjects}], uses: [emailing.email]}}\n"
        )
    }

    /// Different definitions across a flow between stores of the same people: one finding
    /// on the flow.
    #[test]
    fn a_flow_across_two_definitions_is_reported() {
        let bad = findings_of(&map("buyer", "subscriber", "customer"), "conflicting-definitions");
        assert_eq!(bad, vec![(Level::Warn, "crm-to-emailing".to_owned())]);
    }

    /// The same definition, or stores of different people, say nothing.
    #[test]
    fn same_definition_or_other_people_is_fine() {
        assert!(
            findings_of(&map("buyer", "buyer", "customer"), "conflicting-definitions").is_empty()
        );
        assert!(
            findings_of(&map("buyer", "subscriber", "employee"), "conflicting-definitions")
                .is_empty()
        );
    }

    /// An unknown term or definition is an unknown reference, with the closest id.
    #[test]
    fn unknown_terms_and_definitions_are_references() {
        let bad = map("buyr", "subscriber", "customer")
            .replace("{customer: subscriber}", "{custmer: subscriber}");
        let found = crate::checks::check_yaml(&bad);
        let refs: Vec<&str> =
            found.iter().filter(|f| f.0 == "unknown-reference").map(|f| f.2.as_str()).collect();
        assert_eq!(refs, ["crm", "emailing"], "{found:?}");
        assert!(findings_of(&bad, "conflicting-definitions").is_empty());
    }
}

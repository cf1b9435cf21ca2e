//! `conflicting-definitions`: two stores linked by a flow hold the same people under
//! different definitions of one glossary term ("customer" is not the same customer).

use crate::checks::Context;
use crate::checks::people::StoreSubjects;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Entity, EntityKind, Finding, Level};
use crate::model::{Defined, Model, StoreId};

pub static RULE: Rule = Rule {
    name: "conflicting-definitions",
    family: Family::Governance,
    default_level: Level::Warn,
    summary: "two stores linked by a flow hold the same people under different definitions of a glossary term",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A flow between two stores that both say which definition of a glossary term their records
follow (`defines:`), with different definitions, while the two stores hold the same
category of people (the subjects of the purposes using them, as the rules read them).

## Why it matters

"Is a customer in the marketing automation tool a customer in the same sense as in the
CRM?" When the CRM counts buyers of the last twelve months and the emailing tool counts
every subscriber, a flow between them mixes two populations under one word: counts
disagree, campaigns reach people who are not customers, reports cannot be reconciled.
Naming the definitions makes the difference visible; this rule shows where data crosses
it.

## Example

```yaml
terms:
  - id: customer
    definitions:
      - {id: buyer-12-months, definition: A person with an order in the last 12 months.}
      - {id: subscriber, definition: Anyone subscribed to the newsletter.}
stores:
  - id: crm
    defines: {customer: buyer-12-months}
  - id: emailing
    defines: {customer: subscriber}
flows:
  - {from: crm, to: emailing, fields: [email]}
```

## Fix

Align the two stores on one definition, or keep both and make the flow translate between
them (filter the records it carries); then silence the finding on the flow with an `allow:`
that says how.

## Configuration

None. The stores must hold a known category of people in common: a store no purpose
reaches has unknown people, and nothing is said about it.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
                    format!(
                        "flow '{}' links '{}' ({}: {}) and '{}' ({}: {}), which hold the same people ({}) under different definitions of '{}'",
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
                .at(flow.span, "crosses two definitions")
                .related(da.span, format!("'{}' follows this definition", a.id))
                .related(db.span, format!("'{}' follows this one", b.id))
                .help(format!(
                    "align '{}' and '{}' on one definition of '{}', or make the flow filter what it carries and say so in an 'allow:'",
                    a.id, b.id, term.id
                )),
            );
        }
    }
}

fn definition<'m>(model: &'m Model, d: &Defined) -> &'m str {
    &model.terms[d.term].definitions[d.definition].id
}

/// The stores following each definition of each term: (term, definition, stores), sorted
/// by term then definition order; for the glossary page.
pub(crate) fn followers(model: &Model) -> Vec<(usize, usize, Vec<StoreId>)> {
    let mut out = Vec::new();
    for (t, term) in model.terms.iter().enumerate() {
        for d in 0..term.definitions.len() {
            let stores: Vec<StoreId> = model
                .store_ids()
                .filter(|s| {
                    model.store(*s).defines.iter().any(|x| x.term == t && x.definition == d)
                })
                .collect();
            out.push((t, d, stores));
        }
    }
    out
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

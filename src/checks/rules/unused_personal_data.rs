//! `unused-personal-data`: a personal field that is not useful (data minimisation).

use petgraph::Direction::Incoming;

use crate::checks::Context;
use std::collections::BTreeMap;

use crate::checks::facts::{field_entity, quoted_list, store_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::graph::LineageGraph;
use crate::manifest::enums::StoreStatus;
use crate::model::{FieldId, FieldOrigin, Model, StoreId};

pub static RULE: Rule = Rule {
    name: "unused-personal-data",
    family: Family::Cartography,
    default_level: Level::Error,
    summary: "a personal field that is not useful: data kept with no purpose (GDPR art. 5(1)(c))",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A field holding personal data that is not *useful*: no active purpose uses it, and no flow
carries it, directly or through other stores, to a field that a purpose uses. That includes
a field a flow copies into a store where nobody uses it (the finding then points at the flow
that delivers it). Fields of retired stores are not reported.

What a flow delivers to an outside recipient (`external: true`) that an active purpose names
in `recipients:` is *disclosed* for that purpose: it is not reported, and neither is what
feeds it. What the recipient then does with the data is its own processing, under its own
purposes. Personal data sent to an outside recipient that no purpose names is reported once
per recipient (not once per field), with the advice to name it (docs/manifest.md, "An
outside recipient"); the flows that carry it are then not reported by `unused-flow`.

## Why it matters

Personal data kept with no purpose breaks data minimisation (GDPR art. 5(1)(c)): data must be
"adequate, relevant and limited to what is necessary in relation to the purposes". It is also
data to secure, to find for every access request and to erase on request, for nothing.

## Example

```yaml
stores:
  - id: crm
    fields:
      - {id: birth_date, category: user.demographic.date_of_birth}
# …and no purpose lists crm.birth_date, nor anything it flows to.
```

## Fix

Use it in the purpose that needs it, or stop collecting it and delete what is stored. If a
purpose is coming, declare it with `status: planned` and suppress with a reason and a date:

```yaml
      - id: birth_date
        allow:
          - rule: unused-personal-data
            reason: Birthday campaign planned for Q2 (purpose birthday-offer).
            until: 2027-06-30
```

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (model, graph) = (cx.model, cx.graph);
    // What flows bring to an outside recipient no purpose names: one mistake (the missing
    // `recipients:` entry), so one finding per recipient, not one per field.
    let mut undisclosed: BTreeMap<StoreId, Vec<FieldId>> = BTreeMap::new();
    for id in model.field_ids() {
        let field = model.field(id);
        if !field.personal
            || graph.is_useful(id)
            || crate::checks::facts::passes_through(model, id)
            || model.store(field.store).status == StoreStatus::Retired
        {
            continue;
        }
        if sent_to_outside_recipient(model, graph, id) {
            undisclosed.entry(field.store).or_default().push(id);
            continue;
        }
        let path = model.field_path(id);
        let finding = Finding::new(
            RULE.name,
            format!("personal field '{path}' is kept with no purpose: no purpose uses it, nor anything downstream"),
        )
        .entity(field_entity(model, id))
        .help("use it in a purpose, or stop collecting it and delete it (GDPR art. 5(1)(c), data minimisation)");
        out.push(match field.origin {
            FieldOrigin::Declared => finding.at(field.span, "no purpose uses this data"),
            FieldOrigin::Inferred { flow, .. } => finding.at(
                field.span,
                format!("flow '{}' copies it here, where nobody uses it", model.flow(flow).id),
            ),
        });
    }
    for (store, fields) in undisclosed {
        let s = model.store(store);
        let paths: Vec<String> = fields.iter().map(|f| model.field_path(*f)).collect();
        out.push(
            Finding::new(
                RULE.name,
                format!("outside recipient '{}' receives personal data ({}) that no purpose sends it", s.id, quoted_list(&paths, 3)),
            )
            .entity(store_entity(model, store))
            .at(s.span, "no purpose names it in 'recipients:'")
            .help(format!("name '{}' in the 'recipients:' of the purpose the data is sent for, or stop sending it (GDPR art. 5(1)(c), data minimisation)", s.id)),
        );
    }
}

/// Whether a flow brings the field to an outside recipient (`external: true`): then the
/// recipient, not the field, is what to account for.
pub(crate) fn sent_to_outside_recipient(
    model: &Model,
    graph: &LineageGraph,
    field: FieldId,
) -> bool {
    model.store(model.field(field).store).external
        && graph
            .fields
            .neighbors_directed(crate::graph::node(field.index()), Incoming)
            .next()
            .is_some()
}

#[cfg(test)]
mod tests {
    use crate::checks::check_yaml;
    use crate::diag::Level;

    /// An insurance broker sends its clients' data to an insurer, an outside controller.
    fn broker(recipients: &str) -> String {
        format!(
            "stores:
  - id: crm
    location: FR
    fields:
      - {{id: client_id, category: user.unique_id, identifier: true}}
      - {{id: name, category: user.name}}
      - {{id: health, category: user.health_and_medical}}
  - id: insurer
    external: true
    location: FR
    fields:
      - {{id: client_id, category: user.unique_id}}
      - {{id: name, category: user.name}}
      - {{id: health, category: user.health_and_medical}}
flows:
  - {{id: crm-to-insurer, from: crm, to: insurer, fields: [client_id, name, health]}}
purposes:
  - id: brokerage
    legal_basis: contract
    special_condition: explicit_consent
    subjects: [customer]
    uses: [crm.client_id, crm.name, crm.health]
{recipients}"
        )
    }

    /// Data sent to an outside recipient that the purpose names gives no finding on what the
    /// recipient receives, nor on the flow; unnamed, the recipient is reported once, with
    /// the advice to name it, and neither its fields nor the flow one by one.
    #[test]
    fn data_disclosed_to_a_named_recipient_is_not_unused() {
        let named = check_yaml(&broker("    recipients: [insurer]\n"));
        let about_insurer: Vec<_> = named
            .iter()
            .filter(|f| f.2.starts_with("insurer") || f.2 == "crm-to-insurer")
            .filter(|f| f.0.starts_with("unused-"))
            .collect();
        assert!(about_insurer.is_empty(), "{about_insurer:#?}");

        // Unnamed: one mistake, one finding, on the recipient.
        let unnamed = check_yaml(&broker(""));
        let unused: Vec<_> = unnamed.iter().filter(|f| f.0.starts_with("unused-")).collect();
        assert_eq!(unused, vec![&("unused-personal-data", Level::Error, "insurer".to_owned())]);
    }
}

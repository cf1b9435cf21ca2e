//! `unused-personal-data`: a personal field that is not useful (data minimisation).

use petgraph::Direction::Incoming;

use crate::checks::Context;
use std::collections::BTreeMap;

use crate::checks::facts::{field_entity, quoted_list, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::graph::LineageGraph;
use crate::manifest::enums::StoreStatus;
use crate::model::{FieldId, FieldOrigin, Model, StoreId};
use crate::rules::unused_personal_data::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
            t!("personal field '{path}' is kept with no purpose: no purpose uses it, nor anything downstream", "le champ personnel '{path}' est conservé sans usage : aucune finalité ne l'utilise, ni rien en aval"),
        )
        .entity(field_entity(model, id))
        .help(t!("use it in a purpose, or stop collecting it and delete it (GDPR art. 5(1)(c), data minimisation)", "utilisez-le dans une finalité, ou cessez de le collecter et supprimez-le (RGPD art. 5(1)(c), minimisation des données)"));
        out.push(match field.origin {
            FieldOrigin::Declared => finding.at(
                field.span,
                t!("no purpose uses this data", "aucune finalité n'utilise cette donnée"),
            ),
            FieldOrigin::Inferred { flow, .. } => finding.at(
                field.span,
                t!(
                    "flow '{}' copies it here, where nobody uses it",
                    "le flux '{}' la copie ici, où personne ne l'utilise",
                    model.flow(flow).id
                ),
            ),
        });
    }
    for (store, fields) in undisclosed {
        let s = model.store(store);
        let paths: Vec<String> = fields.iter().map(|f| model.field_path(*f)).collect();
        out.push(
            Finding::new(
                RULE.name,
                t!("outside recipient '{}' receives personal data ({}) that no purpose sends it", "le destinataire externe '{}' reçoit des données personnelles ({}) qu'aucune finalité ne lui envoie", s.id, quoted_list(&paths, 3)),
            )
            .entity(store_entity(model, store))
            .at(s.span, t!("no purpose names it in 'recipients:'", "aucune finalité ne le nomme dans 'recipients:'"))
            .help(t!("name '{}' in the 'recipients:' of the purpose the data is sent for, or stop sending it (GDPR art. 5(1)(c), data minimisation)", "nommez '{}' dans les 'recipients:' de la finalité pour laquelle les données sont envoyées, ou cessez de les envoyer (RGPD art. 5(1)(c), minimisation des données)", s.id)),
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

//! `flow-without-fields`: a flow whose field list is not stated. It is not judged as useless
//! (nothing says what it carries); the finding asks for the list.

use crate::checks::Context;
use crate::diag::{Entity, EntityKind, Finding, t};
use crate::rules::flow_without_fields::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for flow in model.flows.iter().filter(|f| f.fields.is_empty()) {
        out.push(
            Finding::new(
                RULE.name,
                t!(
                    "flow '{}' from '{}' to '{}' declares no field: what it carries is not stated", "le flux '{}' de '{}' vers '{}' ne déclare aucun champ : ce qu'il transporte n'est pas renseigné",
                    flow.id,
                    model.store(flow.from).id,
                    model.store(flow.to).id
                ),
            )
            .entity(Entity::new(EntityKind::Flow, flow.id.as_str()))
            .at(flow.span, t!("fields not stated", "champs non renseignés"))
            .help(t!("add 'fields:' with the fields of the source store that the flow carries", "ajoutez 'fields:' avec les champs de l'outil source que le flux transporte")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::check_yaml;
    use crate::diag::Level;

    const MAP: &str = "stores:
  - id: eshop
    fields: [{id: email, category: user.contact.email}]
  - id: crm
    fields: [{id: email, category: user.contact.email}]
flows:
  - {from: eshop, to: crm, mechanism: api}
purposes:
  - {id: sales, subjects: [customer], uses: [eshop.email, crm.email]}
";

    /// A flow without fields gets one info asking for them, and no advice to stop it.
    #[test]
    fn a_flow_without_fields_is_asked_for_them_not_stopped() {
        let found = check_yaml(MAP);
        let about_flow: Vec<_> = found.iter().filter(|f| f.2 == "eshop-to-crm").collect();
        assert_eq!(
            about_flow,
            vec![&("flow-without-fields", Level::Info, "eshop-to-crm".to_owned())],
            "{found:#?}"
        );
    }
}

//! `processor-without-location`: a store run by a processor, holding personal data, whose
//! hosting country is not stated — so whether its data leaves the EEA cannot be told.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, store_entity};
use crate::diag::Finding;
use crate::diag::t;
use crate::rules::processor_without_location::RULE;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for store in live_stores(model) {
        let s = model.store(store);
        let Some(vendor) = &s.vendor else { continue };
        if !s.location.is_empty() || !holds_personal(model, store) {
            continue;
        }
        out.push(
            Finding::new(
                RULE.name,
                t!("store '{}' is run by processor {vendor} and holds personal data, but its location is not stated: whether the data leaves the EEA cannot be told", "l'outil '{}' est opéré par le sous-traitant {vendor} et contient des données personnelles, mais sa localisation n'est pas renseignée : impossible de dire si les données quittent l'EEE", s.id),
            )
            .entity(store_entity(model, store))
            .at(s.span, t!("location not stated", "localisation non renseignée"))
            .help(t!("add 'location:' with the countries where the processor hosts the data (ISO codes, e.g. [IE, US])", "ajoutez 'location:' avec les pays où le sous-traitant héberge les données (codes ISO, par ex. [IE, US])")),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(store: &str) -> String {
        format!(
            "stores:\n  - id: helpdesk\n{store}    fields: [{{id: email, category: user.contact.email}}]\n"
        )
    }

    /// A processor without location is flagged; with one, or run in house, it is not.
    #[test]
    fn a_processor_states_where_it_hosts_data() {
        let bad = findings_of(&map("    vendor: Helpora Ltd\n"), "processor-without-location");
        assert_eq!(bad, vec![(Level::Warn, "helpdesk".to_owned())]);
        let located = map("    vendor: Helpora Ltd\n    location: [IE]\n");
        assert!(findings_of(&located, "processor-without-location").is_empty());
        assert!(findings_of(&map(""), "processor-without-location").is_empty());
    }
}

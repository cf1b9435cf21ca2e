//! `processor-without-location`: a store run by a processor, holding personal data, whose
//! hosting country is not stated — so whether its data leaves the EEA cannot be told.

use crate::checks::Context;
use crate::checks::facts::{holds_personal, live_stores, store_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};

pub static RULE: Rule = Rule {
    name: "processor-without-location",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "a store with a `vendor` holding personal data, with no `location`: its transfers are unknowable",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A store (not retired) operated by an outside processor (`vendor:`) that holds personal data
and does not say where it is hosted (`location:`).

## Why it matters

Processors are where data most often leaves the EEA: SaaS tools hosted in the United States,
support desks in the United Kingdom, sub-processors anywhere. Without `location`,
`transfer-without-safeguard` cannot fire on the flows that feed the store, and the register
can only print "not stated" in its transfers cell (GDPR art. 30(1)(e)): a transfer nobody
knows about is a transfer with no safeguard. In-house stores are not reported — their
location is usually known to the team writing the map, and `register --check` lists the gap.

## Example

```yaml
stores:
  - id: helpdesk
    vendor: Helpora Ltd
    fields:
      - {id: email, category: user.contact.email}
```

## Fix

State the hosting countries (ISO 3166-1 alpha-2), from the processor contract or its list
of sub-processors:

```yaml
    location: [IE, US]
```

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
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
                format!("store '{}' is run by processor {vendor} and holds personal data, but its location is not stated: whether the data leaves the EEA cannot be told", s.id),
            )
            .entity(store_entity(model, store))
            .at(s.span, "location not stated")
            .help("add 'location:' with the countries where the processor hosts the data (ISO codes, e.g. [IE, US])"),
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

//! `zone-domain-twice`: a domain listed in two zones of `zones:` in datacarto.yaml.

use std::collections::BTreeMap;

use crate::checks::Context;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::source::Span;

pub static RULE: Rule = Rule {
    name: "zone-domain-twice",
    family: Family::Cartography,
    default_level: Level::Warn,
    summary: "a domain listed in two zones of `zones:` in `datacarto.yaml` (the first wins)",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A domain listed under two zones of `zones:` in `datacarto.yaml`. A store goes in one zone
only: the first zone listing its domain wins, and the later listing does nothing.

## Why it matters

The map does not draw what the file seems to say: the stores of that domain are all in the
first zone, none in the second.

## Example

```yaml
# datacarto.yaml
zones:
  - {name: Customer master, domains: [marketing]}
  - {name: Activation, domains: [marketing, service]}
```

## Fix

Keep the domain in one zone; to draw one store elsewhere, give it its own `zone:`.

```yaml
zones:
  - {name: Customer master, domains: [marketing]}
  - {name: Activation, domains: [service]}
```

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut first: BTreeMap<&str, (&str, Span)> = BTreeMap::new();
    for zone in &cx.model.zone_list {
        for domain in zone.domains.iter().flatten() {
            let Some(&(winner, span)) = first.get(domain.value.as_str()) else {
                first.insert(&domain.value, (&zone.name.value, domain.span));
                continue;
            };
            let (d, z) = (&domain.value, &zone.name.value);
            let message = if winner == z {
                format!("domain '{d}' is listed twice in zone '{z}'")
            } else {
                format!(
                    "domain '{d}' is listed in zones '{winner}' and '{z}': its stores are drawn in '{winner}', the first"
                )
            };
            out.push(
                Finding::new(RULE.name, message)
                    .key(format!("zones.{z}.domains.{d}"))
                    .at(domain.span, "ignored: an earlier zone lists this domain")
                    .related(span, "this listing wins")
                    .help(format!(
                        "remove '{d}' from zone '{z}'; to draw one store in '{z}', give it `zone: {z}`"
                    )),
            );
        }
    }
}

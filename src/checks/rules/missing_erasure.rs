//! `missing-erasure`: a store holding personal data that does not say how one person's data
//! is erased there, or says it cannot be and not why.

use crate::checks::Context;
use crate::checks::facts::{keeps_personal, live_stores, store_entity};
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::manifest::enums::ErasureMethod;

pub static RULE: Rule = Rule {
    name: "missing-erasure",
    family: Family::Governance,
    default_level: Level::Info,
    summary: "a store holding personal data with no `erasure` method, or `not-possible` with no reason (art. 17)",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

A store (not retired) that holds personal data and does not say how one person's data is
erased there (`erasure:`), or says `method: not-possible` without a `reason`.

An application (`kind: application`) keeps nothing to erase and is not reported.

## Why it matters

When someone asks to be forgotten (GDPR art. 17), every store holding their data must be
dealt with within a month. `datacarto dsr --subject ID` lists those stores from the map,
with the key to find the person and the method to erase them; a store whose method is not
stated shows "not stated: add `erasure:`" in the checklist, and whoever handles the request
has to find out, request after request. A store that cannot erase one person must say why
(a legal obligation to keep the data, an append-only archive): that reason is what the
answer to the person quotes.

## Example

```yaml
stores:
  - id: loyalty
    fields: [{id: email, category: user.contact.email}]
```

## Fix

```yaml
    erasure:
      method: api            # api | manual | automatic-retention | not-possible
      how: DELETE /members/{card_number} (runbook https://wiki.example/rgpd/loyalty)
```

or, when the store cannot erase one person:

```yaml
    erasure:
      method: not-possible
      reason: Invoices are kept ten years (Code de commerce art. L123-22); the person is told so.
```

## Configuration

None.
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for store in live_stores(model) {
        let s = model.store(store);
        if !keeps_personal(model, store) {
            continue;
        }
        let finding = match &s.erasure {
            None => Finding::new(
                RULE.name,
                format!("store '{}' holds personal data but how to erase one person's data there is not stated", s.id),
            )
            .at(s.span, "erasure not stated")
            .help("add 'erasure:' with its method: api, manual, automatic-retention or not-possible (with a reason)"),
            Some(e) if e.method.value == ErasureMethod::NotPossible && e.reason.is_none() => {
                Finding::new(
                    RULE.name,
                    format!("store '{}' cannot erase one person's data, and the reason is not stated", s.id),
                )
                .at(e.method.span, "no reason")
                .help("add 'reason:' under 'erasure:': why the data cannot be erased (the answer to the person quotes it)")
            }
            Some(_) => continue,
        };
        out.push(finding.entity(store_entity(model, store)));
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn map(store: &str) -> String {
        format!(
            "stores:\n  - id: loyalty\n{store}    fields: [{{id: email, category: user.contact.email}}]\n  - id: stock\n    fields: [{{id: sku, personal: false}}]\n"
        )
    }

    /// A store of personal data without `erasure:` is reported; a non-personal one is not.
    #[test]
    fn a_store_of_personal_data_says_how_to_erase() {
        let bad = findings_of(&map(""), "missing-erasure");
        assert_eq!(bad, vec![(Level::Info, "loyalty".to_owned())]);
        for method in ["api", "manual", "automatic-retention"] {
            let good = map(&format!("    erasure: {{method: {method}}}\n"));
            assert!(findings_of(&good, "missing-erasure").is_empty(), "{method}");
        }
    }

    /// `not-possible` needs its reason; with one it is a stated fact, not a gap.
    #[test]
    fn not_possible_says_why() {
        let bare = map("    erasure: {method: not-possible}\n");
        assert_eq!(
            findings_of(&bare, "missing-erasure"),
            vec![(Level::Info, "loyalty".to_owned())]
        );
        let why = map("    erasure: {method: not-possible, reason: kept ten years by law}\n");
        assert!(findings_of(&why, "missing-erasure").is_empty());
    }

    /// A retired store is switched off: nothing to erase on request there.
    #[test]
    fn a_retired_store_is_left_alone() {
        let retired = map("    status: retired\n");
        assert!(findings_of(&retired, "missing-erasure").is_empty());
    }
}

//! `conflicting-definitions`: two stores linked by a flow hold the same people under
//! different definitions of one glossary term ("customer" is not the same customer).

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "conflicting-definitions",
    family: Family::Governance,
    default_level: Level::Warn,
    summary: "two stores linked by a flow hold the same people under different definitions of a glossary term",
    summary_fr: "deux outils reliés par un flux détiennent les mêmes personnes sous deux définitions différentes d'un terme du glossaire",
    options: &[],
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

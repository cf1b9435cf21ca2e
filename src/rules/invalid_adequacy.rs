//! `invalid-adequacy`: `transfer.mechanism: adequacy` to a country with no valid decision.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "invalid-adequacy",
    family: Family::Gdpr,
    default_level: Level::Error,
    summary: "`transfer.mechanism: adequacy` to a country without a valid adequacy decision on the run date",
    summary_fr: "`transfer.mechanism: adequacy` vers un pays sans décision d'adéquation valide à la date de l'analyse",
    options: &[],
    doc: r#"## What it finds

A flow declaring `transfer: {mechanism: adequacy}` into a store hosted in a country outside the
EEA that has no adequacy decision valid on the day of the run (`--as-of`, default today). For
a synchronisation, both ends count.

The decisions datacarto knows, with their dates (reviewed 2026-11-22): Andorra, Argentina,
Canada (commercial organisations under PIPEDA), the Faroe Islands, Guernsey, Israel, the Isle
of Man, Japan (private sector), Jersey, New Zealand, the Republic of Korea, Switzerland, the
United Kingdom (until 2031-12-27), Uruguay, the United States (only for organisations
certified under the EU–US Data Privacy Framework), Brazil (from 2026-01-26), and the
European Patent Organisation. A decision limited in scope is accepted: check that the
recipient is within it (for the US, on the Data Privacy Framework list), and say so in
`reference`.

## Why it matters

Adequacy is the simplest transfer tool, but only where the Commission has decided it, and
only while the decision stands. A transfer declared "adequate" to any other country has no
safeguard at all.

## Example

```yaml
stores:
  - {id: support-desk, location: IN}
flows:
  - from: crm
    to: support-desk
    fields: [email]
    transfer: {mechanism: adequacy}
```

## Fix

Use the safeguard really in place (`scc_commission` with the reference of the signed
clauses, `bcr`), or host the data in the EEA or an adequate country.

## Configuration

`--as-of DATE` decides which decisions are valid.
"#,
};

//! `transfer-without-safeguard`: personal data flowing to a store outside the EEA, or
//! collected directly in one, with no Chapter V mechanism.

use crate::diag::Level;
use crate::rules::{Family, Rule};

pub static RULE: Rule = Rule {
    name: "transfer-without-safeguard",
    family: Family::Gdpr,
    default_level: Level::Error,
    summary: "a flow carrying personal data into a store located outside the EEA, or such a store collecting it directly, with no `transfer` mechanism (Chapter V)",
    summary_fr: "un flux qui porte des données personnelles vers un outil situé hors de l'EEE, ou un tel outil qui les collecte directement, sans mécanisme de `transfer` (chapitre V)",
    options: &[],
    doc: r#"## What it finds

A flow that carries at least one personal field into a store whose `location` includes a
country outside the EEA (EU-27, Iceland, Liechtenstein, Norway), and that declares no
`transfer:`. For a synchronisation (`direction: both`), both directions count.

A store outside the EEA that **collects** personal data directly — it holds a personal field
that no flow feeds (a SaaS form, an app hosted abroad) — and declares no `transfer:` of its
own. An `external` store is not judged this way: data an outside party collects and sends
you is a source, not your transfer.

A store without `location` is not judged (the register says its transfers are "not
stated").

## Why it matters

Personal data may leave the EEA only under a Chapter V tool: an adequacy decision (art. 45),
appropriate safeguards such as the Commission's standard contractual clauses or binding
corporate rules (art. 46), or a derogation (art. 49). The register lists every transfer with
its safeguard (art. 30(1)(e)). Even a transfer to an adequate country is declared, so that
the register says so.

## Example

```yaml
stores:
  - {id: ads, location: US, external: true}
flows:
  - {from: crm, to: ads, fields: [hashed_email]}
```

## Fix

```yaml
    transfer:
      mechanism: scc_commission      # or adequacy, bcr, …
      reference: DPA-2024-07 (SCC module 1)
```

On the flow; for a store that collects directly, on the store:

```yaml
stores:
  - id: forms
    location: US
    vendor: Formly Inc
    transfer: {mechanism: adequacy, reference: DPF certification}
    fields: [{id: email, category: user.contact.email}]
```

## Configuration

None. The EEA and adequacy tables are in `src/vocab/data/` with their review date.
"#,
};

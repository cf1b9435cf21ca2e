//! `missing-legal-reference`: a purpose based on a legal obligation or a public task that
//! names no law.

use crate::checks::Context;
use crate::checks::facts::purpose_entity;
use crate::checks::registry::{Family, Rule};
use crate::diag::{Finding, Level};
use crate::manifest::enums::{LegalBasis, SpecialCategory};

pub static RULE: Rule = Rule {
    name: "missing-legal-reference",
    family: Family::Gdpr,
    default_level: Level::Warn,
    summary: "`legal_basis: legal_obligation` or `public_task` without `legal_reference`",
    options: &[],
    check: Some(check),
    doc: r#"## What it finds

An active purpose whose `legal_basis` is `legal_obligation` or `public_task` and which does
not name the law it rests on (`legal_reference:`).

## Why it matters

These two bases exist only through a law: GDPR art. 6(3) requires the obligation or the task
to be laid down by Union or member-state law. "Legal obligation" with no law named cannot be
checked by anyone, and is often a basis chosen because it sounds safe. The register prints
the reference beside the basis (ICO column 12).

## Example

```yaml
purposes:
  - id: invoicing
    legal_basis: legal_obligation
```

## Fix

```yaml
    legal_reference: "Code de commerce, art. L123-22 (10-year retention of accounting records)"
```

If no law imposes the processing, the basis is another one (`contract`,
`legitimate_interests`…).

## Configuration

None. A purpose using criminal-offence data without `legal_reference` is reported by
`special-data-without-condition` instead (one missing attribute, one finding).
"#,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    for purpose in model.purposes.iter().filter(|p| p.is_active()) {
        let Some(basis) = &purpose.legal_basis else { continue };
        let word = match basis.value {
            LegalBasis::LegalObligation => "a legal obligation",
            LegalBasis::PublicTask => "a public task",
            _ => continue,
        };
        if purpose.legal_reference.is_some() {
            continue;
        }
        let criminal = purpose
            .uses
            .iter()
            .any(|f| model.field(*f).special == Some(SpecialCategory::CriminalOffences));
        if criminal {
            continue;
        }
        out.push(
            Finding::new(
                RULE.name,
                format!("purpose '{}' relies on {word} but names no law (legal reference not stated)", purpose.id),
            )
            .entity(purpose_entity(purpose))
            .at(basis.span, basis.value.as_str())
            .help("add 'legal_reference:' naming the law that imposes the processing (GDPR art. 6(3)), or choose the basis that fits"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    fn purpose(basis: &str, reference: &str) -> String {
        format!(
            "stores:\n  - id: erp\n    fields: [{{id: name, category: user.name}}]\npurposes:\n  - id: invoicing\n    legal_basis: {basis}\n{reference}    subjects: [customer]\n    uses: [erp.name]\n"
        )
    }

    /// A legal obligation or a public task with no law named is flagged; with one, or on
    /// another basis, it is not.
    #[test]
    fn a_legal_obligation_names_its_law() {
        let bad = findings_of(&purpose("legal_obligation", ""), "missing-legal-reference");
        assert_eq!(bad, vec![(Level::Warn, "invoicing".to_owned())]);
        let task = findings_of(&purpose("public_task", ""), "missing-legal-reference");
        assert_eq!(task.len(), 1);
        let good = purpose("legal_obligation", "    legal_reference: Code de commerce L123-22\n");
        assert!(findings_of(&good, "missing-legal-reference").is_empty());
        assert!(findings_of(&purpose("contract", ""), "missing-legal-reference").is_empty());
    }
}

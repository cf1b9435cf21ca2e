//! `unknown-category`: a category or data use key in no vocabulary. An unknown category is
//! an error: a misspelt key silently drops the meaning (art. 9 status, personal data) that
//! other rules and the register read from it.

use crate::checks::Context;
use crate::checks::facts::{field_entity, purpose_entity};
use crate::diag::{Entity, Finding, Level, suggest, t};
use crate::model::{FieldOrigin, Model};
use crate::rules::unknown_category::RULE;
use crate::source::Span;
use crate::vocab::categories::{CATEGORIES, DATA_USES, is_builtin, is_builtin_use};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let model = cx.model;
    let known = |key: &str| is_builtin(key) || model.category(key).is_some();
    // A map of half a million fields writes a few dozen keys: each is searched in the
    // vocabulary once, then remembered.
    let mut seen: crate::hash::Map<&str, bool> = crate::hash::Map::default();
    for id in model.field_ids() {
        let field = model.field(id);
        let Some(category) = &field.category else { continue };
        if field.origin != FieldOrigin::Declared {
            continue;
        }
        let key = category.value.as_str();
        if !*seen.entry(key).or_insert_with(|| known(key)) {
            out.push(unknown(
                model,
                field_entity(model, id),
                "category",
                &category.value,
                category.span,
                false,
            ));
        }
    }
    for purpose in &model.purposes {
        for need in &purpose.needs {
            if !known(&need.value) {
                let finding = unknown(
                    model,
                    purpose_entity(purpose),
                    "category",
                    &need.value,
                    need.span,
                    false,
                );
                out.push(finding.key(format!("{}/{}", purpose.id, need.value)));
            }
        }
        if let Some(data_use) = &purpose.data_use
            && !is_builtin_use(&data_use.value)
        {
            out.push(
                unknown(
                    model,
                    purpose_entity(purpose),
                    "data use",
                    &data_use.value,
                    data_use.span,
                    true,
                )
                // A data use only colours the purpose's wording: no rule reads a status
                // from it, so a typo there is a warning.
                .own_level(Level::Warn),
            );
        }
    }
}

fn unknown(
    model: &Model,
    entity: Entity,
    what: &str,
    key: &str,
    span: Span,
    data_use: bool,
) -> Finding {
    let declared: Vec<&str> = model.categories.iter().map(|c| c.key.as_str()).collect();
    let best = if data_use {
        suggest::closest(key, DATA_USES.iter().copied())
    } else {
        suggest::closest(key, CATEGORIES.iter().copied().chain(declared.iter().copied()))
    };
    let help = best.map_or_else(
        || {
            if data_use {
                t!("use a fideslang data use key", "utilisez une clé d'usage de données fideslang")
            } else {
                t!(
                    "use a built-in key, or declare the category under 'categories:'",
                    "utilisez une clé intégrée, ou déclarez la catégorie sous 'categories:'"
                )
            }
        },
        |b| t!("did you mean '{b}'?", "vouliez-vous dire '{b}' ?"),
    );
    let kind = crate::words::finding::kind(what);
    let (noun, unknown) = (kind.noun, kind.agree("inconnu", "inconnue"));
    Finding::new(RULE.name, t!("unknown {what} '{key}'", "{noun} {unknown} '{key}'"))
        .key(format!("{}/{key}", entity.path))
        .entity(entity)
        .at(span, t!("in no vocabulary", "dans aucun vocabulaire"))
        .help(help)
}

#[cfg(test)]
mod tests {
    use crate::checks::findings_of;
    use crate::diag::Level;

    const MAP: &str = "stores:
  - id: hr
    fields:
      - {id: sick_leave, category: user.helth_and_medical}
purposes:
  - id: payroll
    use: essential.servise
    needs: [user.contact.emial]
    uses: [hr.sick_leave]
";

    /// A misspelt category key (field or need) is an error, a misspelt data use a warning.
    #[test]
    fn a_misspelt_category_is_an_error_and_a_misspelt_use_a_warning() {
        let found = findings_of(MAP, "unknown-category");
        assert_eq!(
            found,
            vec![
                (Level::Error, "hr.sick_leave".to_owned()),
                (Level::Warn, "payroll".to_owned()),
                (Level::Error, "payroll".to_owned()),
            ]
        );
    }
}

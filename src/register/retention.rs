//! A retention written as a sentence, in English or French: "3 years after the last contact
//! from the person, then deletion" / "3 ans à compter du dernier contact à l'initiative de la
//! personne, puis suppression". The trigger labels of `gdpr.tsv` are noun phrases written to
//! follow "after" / "à compter de"; French contracts "de le" and "de la" where it must.

use crate::manifest::enums::Language;
use crate::manifest::store::{Retention, RetentionPeriod, Trigger};
use crate::vocab::tables::gdpr_term;

/// The sentence of a retention; `None` when it says nothing.
pub fn sentence(retention: &Retention, language: Language) -> Option<String> {
    match retention {
        Retention::Text(text) => Some(text.trim().to_owned()).filter(|t| !t.is_empty()),
        Retention::Period(period) => period_sentence(period, language, true),
    }
}

/// The sentence without where the period comes from (basis, reference): what two
/// retentions are compared on.
pub fn core(retention: &Retention, language: Language) -> Option<String> {
    match retention {
        Retention::Text(_) => sentence(retention, language),
        Retention::Period(period) => period_sentence(period, language, false),
    }
}

fn period_sentence(p: &RetentionPeriod, language: Language, source: bool) -> Option<String> {
    let fr = language == Language::Fr;
    let trigger = p.trigger.as_ref().map(|t| trigger_phrase(t, language));
    let mut text = match (p.duration.as_ref(), &trigger) {
        (Some(d), Some(t)) if fr => format!("{} {}", duration(d.as_str(), language), a_compter(t)),
        (Some(d), Some(t)) => format!("{} after {t}", duration(d.as_str(), language)),
        (Some(d), None) => duration(d.as_str(), language),
        (None, Some(t)) if fr => jusqu_a(t),
        (None, Some(t)) => format!("until {t}"),
        (None, None) => String::new(),
    };
    if let Some(criteria) = p.criteria.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        if !text.is_empty() {
            text.push_str("; ");
        }
        text.push_str(criteria);
    }
    if text.is_empty() {
        return None;
    }
    if let Some(action) = p.end_action.and_then(|a| gdpr_term("end_action", a.as_str())) {
        let action = lower_first(action.label.get(language));
        text.push_str(&if fr { format!(", puis {action}") } else { format!(", then {action}") });
    }
    if !source {
        return Some(text);
    }
    let basis = p
        .basis
        .and_then(|b| gdpr_term("retention_basis", b.as_str()))
        .map(|t| t.label.get(language));
    let reference = p.reference.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let colon = if fr { " : " } else { ": " };
    match (basis, reference) {
        (Some(b), Some(r)) => text.push_str(&format!(" ({}{colon}{r})", lower_first(b))),
        (Some(b), None) => text.push_str(&format!(" ({})", lower_first(b))),
        (None, Some(r)) => text.push_str(&format!(" ({r})")),
        (None, None) => {}
    }
    Some(text)
}

/// The noun phrase of a trigger: the table's label, or the named event.
pub fn trigger_phrase(trigger: &Trigger, language: Language) -> String {
    match trigger {
        Trigger::Known(t) => gdpr_term("retention_trigger", t.as_str()).map_or_else(
            || t.as_str().replace('_', " "),
            |term| term.label.get(language).to_owned(),
        ),
        Trigger::Event(event) => {
            let name = event.strip_prefix("event:").unwrap_or(event).replace('_', " ");
            match language {
                Language::En => format!("the event '{name}'"),
                Language::Fr => format!("l'événement « {name} »"),
            }
        }
    }
}

/// "à compter de" + a French noun phrase, with the contractions French requires.
fn a_compter(phrase: &str) -> String {
    if let Some(rest) = phrase.strip_prefix("le ") {
        format!("à compter du {rest}")
    } else if let Some(rest) = phrase.strip_prefix("les ") {
        format!("à compter des {rest}")
    } else {
        format!("à compter de {phrase}")
    }
}

/// "jusqu'à" + a French noun phrase: "jusqu'au retrait du consentement".
fn jusqu_a(phrase: &str) -> String {
    if let Some(rest) = phrase.strip_prefix("le ") {
        format!("jusqu'au {rest}")
    } else if let Some(rest) = phrase.strip_prefix("les ") {
        format!("jusqu'aux {rest}")
    } else {
        format!("jusqu'à {phrase}")
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An ISO 8601 period in words: `P1Y6M` → "1 year and 6 months" / "1 an et 6 mois". A period
/// the parser does not know is printed as written.
pub fn duration(text: &str, language: Language) -> String {
    let Some(parts) = parse(text) else { return text.to_owned() };
    let words: Vec<String> = parts
        .iter()
        .map(|&(n, unit)| {
            let (one, many) = match (unit, language) {
                ('Y', Language::En) => ("year", "years"),
                ('M', Language::En) => ("month", "months"),
                ('W', Language::En) => ("week", "weeks"),
                ('D', Language::En) => ("day", "days"),
                ('Y', Language::Fr) => ("an", "ans"),
                ('M', Language::Fr) => ("mois", "mois"),
                ('W', Language::Fr) => ("semaine", "semaines"),
                (_, Language::Fr) => ("jour", "jours"),
                (_, Language::En) => ("day", "days"),
            };
            format!("{n} {}", if n == 1 { one } else { many })
        })
        .collect();
    let and = match language {
        Language::En => " and ",
        Language::Fr => " et ",
    };
    match words.as_slice() {
        [] => text.to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// `P3Y` → [(3, 'Y')]; `None` unless every part is digits and a unit among Y, M, W, D.
fn parse(text: &str) -> Option<Vec<(u64, char)>> {
    let mut rest = text.strip_prefix('P')?;
    let mut parts = Vec::new();
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit())?;
        let n: u64 = rest[..digits].parse().ok()?;
        let unit = rest[digits..].chars().next()?;
        if !matches!(unit, 'Y' | 'M' | 'W' | 'D') {
            return None;
        }
        parts.push((n, unit));
        rest = &rest[digits + 1..];
    }
    (!parts.is_empty()).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::enums::{EndAction, RetentionBasis, RetentionTrigger};
    use crate::manifest::text::Duration;

    fn period(duration: Option<&str>, trigger: Option<Trigger>) -> Retention {
        Retention::Period(RetentionPeriod {
            duration: duration.map(|d| Duration(d.to_owned())),
            trigger,
            end_action: Some(EndAction::Delete),
            basis: None,
            reference: None,
            criteria: None,
        })
    }

    /// The sentences of docs/register.md, in both languages.
    #[test]
    fn sentences() {
        let r = period(Some("P3Y"), Some(Trigger::Known(RetentionTrigger::LastContactFromSubject)));
        assert_eq!(
            sentence(&r, Language::En).unwrap(),
            "3 years after the last contact from the person, then deletion"
        );
        assert_eq!(
            sentence(&r, Language::Fr).unwrap(),
            "3 ans à compter du dernier contact à l'initiative de la personne, puis suppression"
        );
        let r = period(Some("P1Y6M"), Some(Trigger::Known(RetentionTrigger::EndOfContract)));
        assert_eq!(
            sentence(&r, Language::Fr).unwrap(),
            "1 an et 6 mois à compter de la fin du contrat, puis suppression"
        );
        let r = period(None, Some(Trigger::Event("event:account_closure".into())));
        assert_eq!(
            sentence(&r, Language::En).unwrap(),
            "until the event 'account closure', then deletion"
        );
    }

    /// Basis and reference close the sentence; criteria complete it.
    #[test]
    fn basis_reference_and_criteria() {
        let r = Retention::Period(RetentionPeriod {
            duration: Some(Duration("P10Y".into())),
            trigger: Some(Trigger::Known(RetentionTrigger::EndOfFinancialYear)),
            end_action: None,
            basis: Some(RetentionBasis::Legal),
            reference: Some("Code de commerce art. L123-22".into()),
            criteria: None,
        });
        assert_eq!(
            sentence(&r, Language::En).unwrap(),
            "10 years after the end of the financial year (required by law: Code de commerce art. L123-22)"
        );
        assert_eq!(
            sentence(&r, Language::Fr).unwrap(),
            "10 ans à compter de la clôture de l'exercice comptable (durée légale : Code de commerce art. L123-22)"
        );
        let r = Retention::Period(RetentionPeriod {
            duration: None,
            trigger: None,
            end_action: None,
            basis: None,
            reference: None,
            criteria: Some("as long as the account is open".into()),
        });
        assert_eq!(sentence(&r, Language::En).unwrap(), "as long as the account is open");
        assert_eq!(sentence(&period(None, None), Language::En), None);
    }

    /// Durations in words; unknown shapes pass through.
    #[test]
    fn durations() {
        assert_eq!(duration("P1Y", Language::En), "1 year");
        assert_eq!(duration("P180D", Language::Fr), "180 jours");
        assert_eq!(duration("P1Y2M3D", Language::En), "1 year, 2 months and 3 days");
        assert_eq!(duration("P2W", Language::Fr), "2 semaines");
        assert_eq!(duration("3 years", Language::En), "3 years");
    }
}

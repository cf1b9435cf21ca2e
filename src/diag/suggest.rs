//! "Did you mean …?": the closest valid name to a misspelt one.

/// The candidate closest to `input`, when it is close enough to be what was meant.
/// Ties go to the earliest candidate, so the answer does not depend on hash order.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_lower = input.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        if candidate == input {
            continue;
        }
        let score = similarity(&input_lower, &candidate.to_lowercase());
        if score >= threshold(input.chars().count()) && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// A score in 0..=1: Jaro-Winkler, lifted when one name contains the other (`email` in
/// `email_address`) or when only case or separators differ.
fn similarity(a: &str, b: &str) -> f64 {
    if normalise(a) == normalise(b) {
        return 1.0;
    }
    let jw = strsim::jaro_winkler(a, b);
    let edits = strsim::damerau_levenshtein(a, b);
    let longest = a.chars().count().max(b.chars().count()).max(1);
    let by_edits = 1.0 - edits as f64 / longest as f64;
    let contained = (a.len() >= 3 && b.contains(a)) || (b.len() >= 3 && a.contains(b));
    let contained_score = if contained { 0.85 } else { 0.0 };
    jw.min(1.0).max(by_edits).max(contained_score)
}

fn threshold(len: usize) -> f64 {
    // Short names need a near match: "crm" must not suggest "erp".
    if len <= 3 { 0.66 } else { 0.8 }
}

fn normalise(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// "did you mean `x`?" or, when nothing is close, the list of valid names (when short).
pub fn help<'a, I>(input: &str, candidates: I) -> Option<super::Text>
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    if let Some(best) = closest(input, candidates.clone()) {
        return Some(super::t!("did you mean '{best}'?", "vouliez-vous dire '{best}' ?"));
    }
    let all: Vec<&str> = candidates.into_iter().collect();
    match all.len() {
        0 => None,
        // A store has 25 keys: its list still reads on one screen; a map's thousand ids do not.
        1..=32 => {
            let all = all.join(", ");
            Some(super::t!("expected one of: {all}", "valeurs attendues : {all}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples of the issue and of everyday typos find their target.
    #[test]
    fn suggests_near_names() {
        assert_eq!(closest("crm2", ["crm", "erp", "eshop"]), Some("crm"));
        assert_eq!(closest("colour", ["color", "name"]), Some("color"));
        assert_eq!(closest("store", ["stores", "flows", "teams"]), Some("stores"));
        assert_eq!(closest("legal-basis", ["legal_basis", "lia"]), Some("legal_basis"));
        assert_eq!(closest("Email", ["email", "phone"]), Some("email"));
    }

    /// Unrelated names are not suggested.
    #[test]
    fn no_suggestion_when_far() {
        assert_eq!(closest("warehouse", ["crm", "erp"]), None);
        assert_eq!(closest("crm", ["erp"]), None);
    }

    /// Equal scores keep the first candidate, whatever the order of the rest.
    #[test]
    fn ties_keep_the_first() {
        assert_eq!(closest("ab", ["ac", "ad"]), Some("ac"));
    }
}

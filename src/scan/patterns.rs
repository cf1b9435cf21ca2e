//! What a value looks like, to confirm a guess from sampled values: an e-mail address, a
//! phone number, an IBAN (its checksum), a payment card number (Luhn), a French NIR (its
//! key). Values are tested and dropped: none is kept, printed or written.

/// A shape of value that confirms a category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pattern {
    Email,
    Phone,
    Iban,
    Card,
    Nir,
}

impl Pattern {
    /// Every pattern, most specific first: a NIR or a card number is also all digits.
    pub const ALL: [Pattern; 5] =
        [Pattern::Iban, Pattern::Nir, Pattern::Card, Pattern::Email, Pattern::Phone];

    /// The pattern that confirms a category key.
    pub fn for_category(key: &str) -> Option<Pattern> {
        Some(match key {
            "user.contact.email" => Pattern::Email,
            "user.contact.phone_number" | "user.contact.fax_number" => Pattern::Phone,
            "user.financial.bank_account" => Pattern::Iban,
            "user.financial.credit_card" => Pattern::Card,
            "user.government_id.national_identification_number" => Pattern::Nir,
            _ => return None,
        })
    }

    /// The category a pattern suggests when the name suggested nothing.
    pub fn category(self) -> &'static str {
        match self {
            Pattern::Email => "user.contact.email",
            Pattern::Phone => "user.contact.phone_number",
            Pattern::Iban => "user.financial.bank_account",
            Pattern::Card => "user.financial.credit_card",
            Pattern::Nir => "user.government_id.national_identification_number",
        }
    }

    /// In words, plural: "e-mail addresses".
    pub fn plural(self) -> &'static str {
        match self {
            Pattern::Email => "e-mail addresses",
            Pattern::Phone => "phone numbers",
            Pattern::Iban => "IBANs (checksum verified)",
            Pattern::Card => "payment card numbers (Luhn verified)",
            Pattern::Nir => "French NIRs (key verified)",
        }
    }

    pub fn matches(self, value: &str) -> bool {
        let v = value.trim();
        match self {
            Pattern::Email => is_email(v),
            Pattern::Phone => is_phone(v),
            Pattern::Iban => is_iban(v),
            Pattern::Card => is_card(v),
            Pattern::Nir => is_nir(v),
        }
    }
}

fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !v.contains(char::is_whitespace)
}

fn is_phone(v: &str) -> bool {
    let body = v.strip_prefix('+').unwrap_or(v);
    if !body.chars().all(|c| c.is_ascii_digit() || " .-()/".contains(c)) {
        return false;
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits)
}

/// Letters and digits without spaces, upper case.
fn compact(v: &str) -> String {
    v.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase()
}

fn is_iban(v: &str) -> bool {
    let s = compact(v);
    let b = s.as_bytes();
    if !(15..=34).contains(&b.len())
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..4].iter().all(u8::is_ascii_digit)
        || !b.iter().all(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    // ISO 13616: the country and check digits move to the end, letters become 10..35, and
    // the number is 1 modulo 97.
    let mut rem: u32 = 0;
    for c in s[4..].chars().chain(s[..4].chars()) {
        let n = c.to_digit(36).unwrap_or(0);
        rem = if n >= 10 { (rem * 100 + n) % 97 } else { (rem * 10 + n) % 97 };
    }
    rem == 1
}

fn is_card(v: &str) -> bool {
    let s = compact(v);
    if !(13..=19).contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = s
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// 15 characters: sex, year, month, department (2A/2B for Corsica), commune, order, and a
/// key of 97 − (number mod 97).
fn is_nir(v: &str) -> bool {
    let s = compact(v);
    if s.len() != 15 || !matches!(s.as_bytes()[0], b'1' | b'2' | b'7' | b'8') {
        return false;
    }
    // Corsica: 2A counts as 19, 2B as 18, in the number the key is computed on.
    let number = match &s[5..7] {
        "2A" => format!("{}19{}", &s[..5], &s[7..13]),
        "2B" => format!("{}18{}", &s[..5], &s[7..13]),
        _ => s[..13].to_owned(),
    };
    let (Ok(n), Ok(key)) = (number.parse::<u64>(), s[13..].parse::<u64>()) else { return false };
    97 - n % 97 == key
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid values match; a digit off breaks the checksums.
    #[test]
    fn checksums_confirm_and_refuse() {
        assert!(Pattern::Iban.matches("FR76 3000 6000 0112 3456 7890 189"));
        assert!(!Pattern::Iban.matches("FR76 3000 6000 0112 3456 7890 188"));
        assert!(Pattern::Card.matches("4970 1012 3456 7893"));
        assert!(!Pattern::Card.matches("4970 1012 3456 7899"));
        assert!(Pattern::Nir.matches("2 84 05 75 056 001 15"));
        assert!(!Pattern::Nir.matches("2 84 05 75 056 001 16"));
        assert!(Pattern::Nir.matches("1 85 05 2A 004 123 56"));
        assert!(!Pattern::Nir.matches("1 85 05 2A 004 123 57"));
        assert!(Pattern::Email.matches("jeanne.martin@exemple.fr"));
        assert!(!Pattern::Email.matches("jeanne@exemple"));
        assert!(Pattern::Phone.matches("+33 6 12 34 56 78"));
        assert!(Pattern::Phone.matches("06.12.34.56.78"));
        assert!(!Pattern::Phone.matches("2024-01-05T10:00"));
        assert!(!Pattern::Phone.matches("12"));
    }
}

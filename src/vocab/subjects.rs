//! The built-in categories of data subjects: fideslang's fifteen, plus `child`.

/// A built-in subject: id, and whether it is a vulnerable group (a DPIA criterion).
pub struct BuiltinSubject {
    pub id: &'static str,
    pub vulnerable: bool,
}

const fn subject(id: &'static str, vulnerable: bool) -> BuiltinSubject {
    BuiltinSubject { id, vulnerable }
}

/// Sorted by id.
pub static SUBJECTS: &[BuiltinSubject] = &[
    subject("anonymous_user", false),
    subject("child", true),
    subject("citizen_voter", false),
    subject("commuter", false),
    subject("consultant", false),
    subject("customer", false),
    subject("employee", true),
    subject("job_applicant", false),
    subject("next_of_kin", false),
    subject("passenger", false),
    subject("patient", true),
    subject("prospect", false),
    subject("shareholder", false),
    subject("supplier_vendor", false),
    subject("trainee", false),
    subject("visitor", false),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The list is sorted and holds the sixteen subjects of manifest.md.
    #[test]
    fn sixteen_sorted_subjects() {
        assert_eq!(SUBJECTS.len(), 16);
        assert!(SUBJECTS.windows(2).all(|w| w[0].id < w[1].id));
    }
}

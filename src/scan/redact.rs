//! Passwords never leave a URL: every message shows `user:***@host`.

/// The URL with the password of its user-info replaced by `***`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    // The last '@' ends the user-info: a password may itself contain '@'.
    let authority = match authority.rfind('@') {
        Some(at) => {
            let (userinfo, host) = authority.split_at(at);
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{user}:***{host}"),
                None => authority.to_owned(),
            }
        }
        None => authority.to_owned(),
    };
    format!("{scheme}://{authority}{}", redact_query(tail))
}

/// `password=` in a query string (libpq and MySQL URLs accept it there too).
fn redact_query(tail: &str) -> String {
    let Some((path, query)) = tail.split_once('?') else { return tail.to_owned() };
    let params: Vec<String> = query
        .split('&')
        .map(|p| match p.split_once('=') {
            Some((k, _)) if k.eq_ignore_ascii_case("password") => format!("{k}=***"),
            _ => p.to_owned(),
        })
        .collect();
    format!("{path}?{}", params.join("&"))
}

#[cfg(test)]
mod tests {
    use super::redact;

    /// The password goes, the rest stays, whatever the password holds.
    #[test]
    fn hides_passwords() {
        assert_eq!(redact("postgres://crm:s3cr@t@db:5432/crm"), "postgres://crm:***@db:5432/crm");
        assert_eq!(
            redact("mysql://u:p@h/db?password=x&ssl=1"),
            "mysql://u:***@h/db?password=***&ssl=1"
        );
        assert_eq!(redact("postgres://db/crm?password=x"), "postgres://db/crm?password=***");
        assert_eq!(redact("postgres://crm@db/crm"), "postgres://crm@db/crm");
        assert_eq!(redact("sqlite:data/crm.sqlite"), "sqlite:data/crm.sqlite");
    }
}

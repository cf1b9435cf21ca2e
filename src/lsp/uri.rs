//! `file:` URIs ↔ paths, by hand: the editor names documents by URI, the loader by path, and
//! the `url` crate is not a dependency (lsp-types 0.97 only parses URIs, it does not map them).

use std::path::{Path, PathBuf};

/// The path a `file:` URI names, or `None` for other schemes (`untitled:`, `git:`).
pub(super) fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // An authority of `localhost` (or none) is this machine; others cannot be opened.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_decode(rest)?;
    #[cfg(windows)]
    let decoded = {
        // `/C:/map` is the path `C:/map`.
        let bytes = decoded.as_bytes();
        if bytes.len() >= 3 && bytes[2] == b':' { decoded[1..].to_owned() } else { decoded }
    };
    Some(PathBuf::from(decoded))
}

/// The `file:` URI of an absolute path.
pub(super) fn from_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Spaces and non-ASCII letters are percent-encoded, and come back unchanged.
    #[cfg(unix)]
    #[test]
    fn round_trips_unusual_paths() {
        let path = Path::new("/home/zoé/my map/stores/crm#1.yaml");
        let uri = from_path(path);
        assert_eq!(uri, "file:///home/zo%C3%A9/my%20map/stores/crm%231.yaml");
        assert_eq!(to_path(&uri).as_deref(), Some(path));
        assert_eq!(to_path("file://localhost/a/b.yaml"), Some(PathBuf::from("/a/b.yaml")));
    }

    /// Documents that are not files are not the map's.
    #[test]
    fn other_schemes_are_not_paths() {
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file://server/share/a.yaml"), None);
        assert_eq!(to_path("file:///a/%ZZ.yaml"), None);
    }
}

//! A link written by a user as a URL every consumer accepts (an HTML `href`, an OSCAL
//! `uri-reference`): each byte that may not stand in a URI (RFC 3986) percent-encoded, a
//! space or a non-ASCII letter among them, and a `%` too unless two hex digits follow. And
//! a file's path as the path part of a URL.

/// The URL, percent-encoded where it must be; a URL that needs nothing comes back as it is.
pub fn encode(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut encoded = String::with_capacity(url.len());
    for (at, &byte) in bytes.iter().enumerate() {
        let escape_follows = bytes.len() > at + 2
            && bytes[at + 1].is_ascii_hexdigit()
            && bytes[at + 2].is_ascii_hexdigit();
        let allowed = byte.is_ascii_alphanumeric()
            || b"-._~:/?#[]@!$&'()*+,;=".contains(&byte)
            || (byte == b'%' && escape_follows);
        if allowed {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// A relative path as the path part of a URL: every byte but ASCII letters, digits,
/// `-._~` and `/` percent-encoded (a `#`, `?` or `%` in a file name among them).
pub fn path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_keeps_only_its_slashes() {
        assert_eq!(
            path("risks/R-1 a#b?c%.yaml"),
            "risks/R-1%20a%23b%3Fc%25.yaml"
        );
    }

    #[test]
    fn what_a_uri_cannot_hold_is_encoded() {
        assert_eq!(
            encode("https://wiki.example/a b%zz%41é\"<>"),
            "https://wiki.example/a%20b%25zz%41%C3%A9%22%3C%3E"
        );
        assert_eq!(
            encode("https://x.example/p?q=1&r=[2]#f"),
            "https://x.example/p?q=1&r=[2]#f"
        );
    }
}

//! A link written by a user as a URL every consumer accepts (an HTML `href`, an OSCAL
//! `uri-reference`): each byte that may not stand in a URI (RFC 3986) percent-encoded, a
//! space or a non-ASCII letter among them, and a `%` too unless two hex digits follow.

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

#[cfg(test)]
mod tests {
    use super::*;

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

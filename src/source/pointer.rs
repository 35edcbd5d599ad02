//! JSON pointers (RFC 6901): how a finding names the field it concerns (`/treatment/expires`).

use std::borrow::Cow;

/// A key escaped as a pointer token: `~` becomes `~0`, `/` becomes `~1`.
pub fn escape(key: &str) -> Cow<'_, str> {
    if key.contains(['~', '/']) {
        Cow::Owned(key.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(key)
    }
}

/// A pointer token read back as the key it names: `~1` becomes `/`, `~0` becomes `~`.
pub fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        Cow::Borrowed(token)
    }
}

/// The pointer of `key` inside the mapping at `parent`.
pub fn child(parent: &str, key: &str) -> String {
    format!("{parent}/{}", escape(key))
}

/// A pointer as people write it: `/treatment/decision` -> `treatment.decision`,
/// `/risks/0` -> `risks[0]`.
pub fn field_name(pointer: &str) -> String {
    let mut name = String::new();
    for token in pointer.split('/').skip(1) {
        if token.bytes().all(|byte| byte.is_ascii_digit()) && !token.is_empty() {
            name.push_str(&format!("[{token}]"));
        } else {
            if !name.is_empty() {
                name.push('.');
            }
            name.push_str(&unescape(token));
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_through_escaping() {
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("a~1b~0c"), "a/b~c");
        assert_eq!(unescape("~01"), "~1");
        assert_eq!(child("/owners/0", "x/y"), "/owners/0/x~1y");
        assert_eq!(field_name("/treatment/decision"), "treatment.decision");
        assert_eq!(field_name("/risks/0/x~1y"), "risks[0].x/y");
    }
}

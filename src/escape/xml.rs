//! XML 1.0 (the JUnit report): user text as element content and as an attribute value.
//!
//! Markup characters and quotes become entities. In an attribute, line breaks and tabs become
//! character references (`&#10;`, `&#13;`, `&#9;`): written raw, a parser would turn each
//! into a space (attribute-value normalisation) and the message would lose its lines. A
//! character XML 1.0 cannot hold at all (a control character such as the escape that
//! starts a terminal sequence) is shown as an escape (`\u{1b}`), so the text stays visible
//! and the document stays well-formed.

/// User text as element content (line breaks kept as they are).
pub fn text(text: &str) -> String {
    escape(text, false)
}

/// User text as an attribute value, for either quote.
pub fn attribute(text: &str) -> String {
    escape(text, true)
}

fn escape(text: &str, attribute: bool) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' if attribute => escaped.push_str("&#10;"),
            '\t' if attribute => escaped.push_str("&#9;"),
            // A raw carriage return is read as a line feed, in content too.
            '\r' => escaped.push_str("&#13;"),
            c if allowed(c) => escaped.push(c),
            c => escaped.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
        }
    }
    escaped
}

/// Whether XML 1.0 can hold the character (its `Char` production).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_entities() {
        assert_eq!(text("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d");
        assert_eq!(
            attribute(r#"say "hi" & 'bye'"#),
            "say &quot;hi&quot; &amp; &apos;bye&apos;"
        );
    }

    #[test]
    fn line_breaks_survive_in_attributes() {
        assert_eq!(
            attribute("one\ntwo\r\nthree\tfour"),
            "one&#10;two&#13;&#10;three&#9;four"
        );
        assert_eq!(text("one\ntwo\r\n"), "one\ntwo&#13;\n");
    }

    #[test]
    fn characters_xml_cannot_hold_are_shown_as_escapes() {
        assert_eq!(text("\u{1b}[31mred\u{0}"), "\\u{1b}[31mred\\u{0}");
        assert_eq!(attribute("\u{fffe}"), "\\u{fffe}");
        assert_eq!(text("é 😀"), "é 😀");
    }
}

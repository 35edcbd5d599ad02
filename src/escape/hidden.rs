//! Characters that do not show as themselves: the bidirectional controls and zero-width
//! characters that make text display other than it reads (Trojan Source), and the control
//! characters a terminal or a CI runner acts on. The escapers show both as escapes;
//! `hidden-text` reports the first kind.

/// The bidirectional controls and zero-width characters, by code point, with their
/// Unicode names.
const HIDDEN: &[(char, &str)] = &[
    ('\u{061C}', "ARABIC LETTER MARK"),
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
];

/// The Unicode name of a bidirectional control or zero-width character; `None` for any
/// other character.
pub fn name(c: char) -> Option<&'static str> {
    HIDDEN
        .binary_search_by_key(&c, |(hidden, _)| *hidden)
        .ok()
        .map(|index| HIDDEN[index].1)
}

/// Whether `text` holds a bidirectional control or zero-width character.
pub fn any_in(text: &str) -> bool {
    !text.is_ascii() && text.chars().any(|c| name(c).is_some())
}

/// Whether a character is a control (C0, DEL, C1) or a line or paragraph separator: what
/// moves a terminal's cursor, starts an escape sequence or ends a line.
pub fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// How a character that does not show as itself is written instead: `\n`, `\r`, `\t`,
/// otherwise `\u{1b}` with its code point in hex; `None` for a character that shows as
/// itself.
pub fn escaped(c: char) -> Option<String> {
    match c {
        '\n' => Some("\\n".to_owned()),
        '\r' => Some("\\r".to_owned()),
        '\t' => Some("\\t".to_owned()),
        c if is_control(c) || name(c).is_some() => Some(format!("\\u{{{:x}}}", u32::from(c))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_so_lookups_find_every_entry() {
        for (c, expected) in HIDDEN {
            assert_eq!(name(*c), Some(*expected));
        }
        assert!(HIDDEN.windows(2).all(|pair| pair[0].0 < pair[1].0));
        assert_eq!(name('a'), None);
        assert!(any_in("al\u{200B}ice"));
        assert!(!any_in("alice é"));
    }

    #[test]
    fn controls_and_hidden_characters_are_escaped_and_the_rest_is_not() {
        assert_eq!(escaped('\u{1b}').as_deref(), Some("\\u{1b}"));
        assert_eq!(escaped('\u{7f}').as_deref(), Some("\\u{7f}"));
        assert_eq!(escaped('\u{9b}').as_deref(), Some("\\u{9b}"));
        assert_eq!(escaped('\u{2028}').as_deref(), Some("\\u{2028}"));
        assert_eq!(escaped('\u{202e}').as_deref(), Some("\\u{202e}"));
        assert_eq!(escaped('\r').as_deref(), Some("\\r"));
        assert_eq!(escaped('é'), None);
        assert_eq!(escaped('א'), None);
    }
}

//! Text for a terminal, and for a CI log, which the runner reads for commands: control
//! characters (escape sequences, carriage returns, line breaks inside a value) and
//! bidirectional or zero-width characters are shown as escapes (`\u{1b}`, `\r`), so a value
//! can neither act on the terminal, nor start a line of its own, nor display as other text.

use std::borrow::Cow;

use super::hidden;

/// One line of text: every control character, line breaks and tabs included, and every
/// bidirectional or zero-width character, as an escape.
pub fn line(text: &str) -> Cow<'_, str> {
    escape_where(text, |_, _| true).text
}

/// Text of many lines, such as an error message: line feeds, carriage returns
/// right before one, and tabs are kept; everything else [`line()`] escapes is escaped, and
/// the result says where each byte offset of `text` moved to.
pub fn lines(text: &str) -> Relocated<'_> {
    escape_where(text, |c, next| match c {
        '\n' | '\t' => false,
        '\r' => next != Some('\n'),
        _ => true,
    })
}

/// A file's text as a snippet shows it: like [`lines`], but each tab shown as `→`, so a
/// tab that breaks the YAML can be seen (a terminal would show it as spaces).
pub fn snippet(text: &str) -> Relocated<'_> {
    replace_where(text, |c, next| match c {
        '\n' => None,
        '\t' => Some(Cow::Borrowed(TAB_SHOWN)),
        '\r' if next == Some('\n') => None,
        _ => hidden::escaped(c).map(Cow::Owned),
    })
}

/// How [`snippet`] shows a tab.
pub const TAB_SHOWN: &str = "→";

/// Escaped text, with where the bytes of the original moved to.
#[derive(Debug)]
pub struct Relocated<'a> {
    /// The escaped text.
    pub text: Cow<'a, str>,
    /// For each escaped character: the original offset just past it, and how many bytes
    /// longer the text is from there on.
    growth: Vec<(usize, usize)>,
}

impl Relocated<'_> {
    /// Where the byte at `offset` of the original is in the escaped text.
    pub fn offset(&self, offset: usize) -> usize {
        let passed = self.growth.partition_point(|(end, _)| *end <= offset);
        offset
            + passed
                .checked_sub(1)
                .map_or(0, |index| self.growth[index].1)
    }
}

/// Escapes the characters [`hidden::escaped`] writes differently, where `wanted` (given
/// the character and the next one) says so.
fn escape_where(text: &str, wanted: impl Fn(char, Option<char>) -> bool) -> Relocated<'_> {
    replace_where(text, |c, next| {
        hidden::escaped(c)
            .filter(|_| wanted(c, next))
            .map(Cow::Owned)
    })
}

/// Replaces each character `shown` (given the character and the next one) gives a text
/// for.
fn replace_where<'a>(
    text: &'a str,
    shown: impl Fn(char, Option<char>) -> Option<Cow<'static, str>>,
) -> Relocated<'a> {
    let mut escaped = String::new();
    let mut growth = Vec::new();
    let mut copied = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|(_, next)| *next);
        let Some(shown) = shown(c, next) else {
            continue;
        };
        escaped.push_str(&text[copied..at]);
        escaped.push_str(&shown);
        copied = at + c.len_utf8();
        let added = growth.last().map_or(0, |(_, added)| *added) + shown.len() - c.len_utf8();
        growth.push((copied, added));
    }
    if growth.is_empty() {
        return Relocated {
            text: Cow::Borrowed(text),
            growth,
        };
    }
    escaped.push_str(&text[copied..]);
    Relocated {
        text: Cow::Owned(escaped),
        growth,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_shows_escape_sequences_line_breaks_and_bidi_controls() {
        assert_eq!(line("plain text"), "plain text");
        assert_eq!(
            line("a\u{1b}[2J\u{1b}]0;title\u{7}b"),
            "a\\u{1b}[2J\\u{1b}]0;title\\u{7}b"
        );
        assert_eq!(
            line("x\n::stop-commands::t\r\n"),
            "x\\n::stop-commands::t\\r\\n"
        );
        assert_eq!(line("alice\u{202e}\u{2066}"), "alice\\u{202e}\\u{2066}");
    }

    #[test]
    fn lines_keep_line_breaks_and_move_offsets_past_escapes() {
        let text = "a: 1\r\nb: \u{1b}x\rc\u{202e}d\n";
        let relocated = lines(text);
        assert_eq!(relocated.text, "a: 1\r\nb: \\u{1b}x\\rc\\u{202e}d\n");
        for (original, expected) in [("b", "b"), ("x", "x"), ("c", "c"), ("d", "d")] {
            let from = text.find(original).expect("in text");
            let to = relocated.offset(from);
            assert_eq!(&relocated.text[to..to + 1], expected);
        }
        assert_eq!(relocated.offset(text.len()), relocated.text.len());
        assert_eq!(relocated.offset(0), 0);
    }

    #[test]
    fn a_snippet_shows_tabs() {
        let text = "a:\tb\n\tc: \u{1b}\n";
        let relocated = snippet(text);
        assert_eq!(relocated.text, "a:→b\n→c: \\u{1b}\n");
        let c = text.find('c').expect("in text");
        assert_eq!(&relocated.text[relocated.offset(c)..][..1], "c");
    }
}

//! GitHub Actions workflow commands (`::error file=…::message`), escaped the way
//! `@actions/core` escapes them: the runner decodes these escapes, and a line break left in
//! a value would end the command and let the rest start a command of its own. And plain
//! text the runner reads, which must hold no command at all.

use std::borrow::Cow;

/// A command's message: `%`, CR and LF.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command property's value: as [`data`], and also `:` and `,`, which would end it.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Text that is not a command (a note, an error, human output), made so the runner reads
/// no command in it: a line that starts with `::` (after white space, which the runner
/// skips) gets its first `:` written as `\u{3a}`, and `##[`, the runner's legacy form, which
/// it finds anywhere in a line, is written `##\u{5b}`. For text whose lines riskreg breaks
/// itself; a value's line breaks are escaped before it gets here.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.contains(LEGACY) && !text.lines().any(starts_command) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let line = line.replace(LEGACY, "##\\u{5b}");
            if starts_command(&line) {
                line.replacen(':', "\\u{3a}", 1)
            } else {
                line
            }
        })
        .collect();
    Cow::Owned(lines.join("\n"))
}

/// The runner's legacy command prefix (`##[error]…`).
const LEGACY: &str = "##[";

/// Whether the runner would read a line as a command.
fn starts_command(line: &str) -> bool {
    line.trim_start().starts_with("::")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_escape_like_the_actions_toolkit() {
        assert_eq!(data("100%\r\n::x"), "100%25%0D%0A::x");
        assert_eq!(property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    }

    #[test]
    fn inert_text_starts_no_command() {
        assert_eq!(inert("error: a::b\n  help: c"), "error: a::b\n  help: c");
        assert_eq!(
            inert("x\n  ::stop-commands::t\n::error::y"),
            "x\n  \\u{3a}:stop-commands::t\n\\u{3a}:error::y"
        );
        assert_eq!(
            inert("note: a ##[stop-commands]t b"),
            "note: a ##\\u{5b}stop-commands]t b"
        );
    }
}

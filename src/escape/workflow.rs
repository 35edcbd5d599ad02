//! GitHub Actions workflow commands (`::error file=…::message`), escaped the way
//! `@actions/core` escapes them: the runner decodes these escapes, and a line break left in
//! a value would end the command and let the rest start a command of its own.

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

/// Text that is not a command, made so the runner takes no line of it for one: a line that
/// starts with `::` (after white space, which the runner skips) gets its first `:` written
/// as `\u{3a}`. For text whose lines riskreg breaks itself; a value's line breaks are
/// escaped before it gets here.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.lines().any(starts_command) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text
        .split('\n')
        .map(|line| {
            if starts_command(line) {
                Cow::Owned(line.replacen(':', "\\u{3a}", 1))
            } else {
                Cow::Borrowed(line)
            }
        })
        .collect();
    Cow::Owned(lines.join("\n"))
}

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
    }
}

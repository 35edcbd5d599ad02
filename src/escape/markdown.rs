//! GitHub- and GitLab-flavoured Markdown: user text as inline text, as a code span, and as
//! a link destination, each safe in a paragraph, a list item, a heading or a table cell.
//!
//! What is neutralised: raw HTML and entities (`<`, `&`); emphasis, strikethrough, code,
//! math and links (`\`, `` ` ``, `*`, `_`, `~`, `$`, `[`, `]`, `!`); headings and table
//! cells (`#`, `|`); list markers, quotes and runner commands at the start (`-`, `+`, `=`,
//! `>`, `1.`, `::`);
//! autolinks (`https://`, `www.`, e-mail addresses); mentions (`@org/team`: GitHub finds
//! mentions in the rendered text, so a backslash or `&#64;` would still ping, while a
//! zero-width space after the `@` does not); line breaks (LF, CR and CRLF alike); and
//! control, bidirectional and zero-width characters, which are shown as escapes.

use super::hidden;

/// What follows `@` so that neither GitHub's mentions nor the e-mail autolinks see a name
/// after it: a zero-width space, written as an entity so the Markdown source shows it.
const AFTER_AT: &str = "&#8203;";

/// User text as Markdown inline text, rendered as it reads. Surrounding white space is
/// dropped; line breaks become `<br>`.
pub fn text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for (index, line) in split_lines(text.trim()).enumerate() {
        if index > 0 {
            escaped.push_str("<br>");
        }
        let shown = show_hidden(line, false);
        let chars: Vec<char> = shown.chars().collect();
        let marker = if index == 0 {
            leading_marker(&chars)
        } else {
            usize::MAX
        };
        for (at, &c) in chars.iter().enumerate() {
            push_escaped(&mut escaped, &chars, at, at == marker, c);
        }
    }
    escaped
}

/// User text as a Markdown code span: fenced with more backticks than it holds in a row,
/// padded with a space where it starts or ends with a backtick or a space, line breaks and
/// other control, bidirectional and zero-width characters shown as escapes (`\n`). Text
/// with a `|`, which a table cell would split at, is written as [`text`] instead.
pub fn code(text: &str) -> String {
    if text.contains('|') || text.is_empty() {
        return self::text(text);
    }
    let shown = show_hidden(text, true);
    let longest = shown
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest + 1);
    let padded = shown.starts_with(['`', ' ']) || shown.ends_with(['`', ' ']);
    let pad = if padded && !shown.chars().all(|c| c == ' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{shown}{pad}{fence}")
}

/// A URL as a Markdown link destination in angle brackets (`[text](<URL>)`): white space,
/// control, bidirectional and zero-width characters, `<`, `>`, `\`, `` ` ``, `"` and `|`
/// percent-encoded, `&` as an entity. It does not check the scheme: the caller passes only
/// http(s) links.
pub fn link_destination(url: &str) -> String {
    let mut escaped = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' | '>' | '\\' | '`' | '"' | '|' => percent_encode(&mut escaped, c),
            c if c.is_whitespace() || hidden::escaped(c).is_some() => {
                percent_encode(&mut escaped, c)
            }
            c => escaped.push(c),
        }
    }
    escaped
}

/// The lines of `text`, split at LF, CR and CRLF, as CommonMark does.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
}

/// `text` with the characters [`hidden::escaped`] writes differently escaped; tabs are kept
/// unless `tabs` says otherwise.
fn show_hidden(text: &str, tabs: bool) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match hidden::escaped(c) {
            Some(escape) if c != '\t' || tabs => shown.push_str(&escape),
            _ => shown.push(c),
        }
    }
    shown
}

/// Where a block marker at the start of the text would be: the first character for `-`,
/// `+`, `=` and `>` (a list item, a setext underline, a quote) and `:` (a CI runner's
/// command, should the text start a line of a log), the `.` or `)` after leading digits (an
/// ordered list); past the end when there is none.
fn leading_marker(chars: &[char]) -> usize {
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    match chars.get(digits) {
        Some('-' | '+' | '=' | '>' | ':') if digits == 0 => 0,
        Some('.' | ')') if digits > 0 => digits,
        _ => usize::MAX,
    }
}

/// Appends `c`, the character at `at` of `chars`, escaped; `marker` says it would start a
/// block.
fn push_escaped(out: &mut String, chars: &[char], at: usize, marker: bool, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '@' => {
            out.push('@');
            out.push_str(AFTER_AT);
        }
        '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '|' | '#' | '!' | '$' => {
            out.push('\\');
            out.push(c);
        }
        ':' if chars[at + 1..].starts_with(&['/', '/']) => out.push_str("\\:"),
        '.' if at >= 3
            && chars[at - 3..at]
                .iter()
                .all(|c| c.eq_ignore_ascii_case(&'w')) =>
        {
            out.push_str("\\.")
        }
        _ if marker => {
            out.push('\\');
            out.push(c);
        }
        _ => out.push(c),
    }
}

/// Appends the UTF-8 bytes of `c` percent-encoded.
fn percent_encode(out: &mut String, c: char) {
    let mut bytes = [0; 4];
    for byte in c.encode_utf8(&mut bytes).bytes() {
        out.push_str(&format!("%{byte:02X}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_neutralises_html_links_mentions_and_tables() {
        assert_eq!(
            text("<script>alert(1)</script> | x"),
            "&lt;script>alert(1)&lt;/script> \\| x"
        );
        assert_eq!(
            text("# Heading\n*bold* [link](x) ![i](y)"),
            "\\# Heading<br>\\*bold\\* \\[link\\](x) \\!\\[i\\](y)"
        );
        assert_eq!(text("cc @org/team"), "cc @&#8203;org/team");
        assert_eq!(
            text("see https://evil.example and WWW.evil.example"),
            "see https\\://evil.example and WWW\\.evil.example"
        );
        assert_eq!(text("a\rb\r\nc\nd"), "a<br>b<br>c<br>d");
        assert_eq!(text("&amp; $x$ ~y~"), "&amp;amp; \\$x\\$ \\~y\\~");
    }

    #[test]
    fn text_escapes_block_markers_only_at_the_start() {
        assert_eq!(text("- item - not"), "\\- item - not");
        assert_eq!(text("12. item 3. not"), "12\\. item 3. not");
        assert_eq!(text("=== x"), "\\=== x");
        assert_eq!(text("> quote -> not"), "\\> quote -> not");
        assert_eq!(text("::error::x"), "\\::error::x");
        assert_eq!(text("2026-11-20"), "2026-11-20");
    }

    #[test]
    fn text_shows_controls_and_bidi_characters() {
        assert_eq!(text("a\u{1b}[2Jb\u{202e}c"), "a\\\\u{1b}\\[2Jb\\\\u{202e}c");
    }

    #[test]
    fn code_spans_fence_past_backtick_runs_and_show_line_breaks() {
        assert_eq!(code("risks/a.yaml"), "`risks/a.yaml`");
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(code("a\nb\rc"), "`a\\nb\\rc`");
        assert_eq!(code("a|b"), "a\\|b");
    }

    #[test]
    fn link_destinations_encode_what_would_end_them() {
        assert_eq!(
            link_destination("https://x.example/a b|c>d<e\\f\"&g\n"),
            "https://x.example/a%20b%7Cc%3Ed%3Ce%5Cf%22&amp;g%0A"
        );
    }
}

//! User text and dates as OSCAL's data types want them: `string` (one line, trimmed, not
//! empty), `markup-line` and `markup-multiline` (Markdown, so user text is escaped),
//! `date-time-with-timezone` (UTC, years 1900 to 2999 as the schema's pattern allows),
//! `uri-reference` and `email`.

use chrono::{DateTime, NaiveDate, SecondsFormat};

use crate::escape::{markdown, uri};

/// Text as an OSCAL `string`: white space (line breaks included) folded to single spaces,
/// trimmed; `None` when nothing is left.
pub fn string(text: &str) -> Option<String> {
    let folded = text
        .split(is_space)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!folded.is_empty()).then_some(folded)
}

/// White space as the schema's `\S` sees it (ECMAScript's, which counts the byte-order mark).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{FEFF}'
}

/// Text as a `markup-line`: one line of Markdown showing the text as written (through the
/// one Markdown escaper every output uses); `fallback` when the text is blank.
pub fn line(text: &str, fallback: &str) -> String {
    markdown::text(&string(text).unwrap_or_else(|| fallback.to_owned()))
}

/// Text as a `markup-multiline`: Markdown showing each line as written (line breaks kept as
/// hard breaks); `fallback` when the text is blank.
pub fn multiline(text: &str, fallback: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .filter_map(string)
        .map(|line| markdown::text(&line))
        .collect();
    if lines.is_empty() {
        markdown::text(fallback)
    } else {
        lines.join("\\\n")
    }
}

/// A date as a `date-time-with-timezone`: midnight UTC; `None` outside the years the
/// schema accepts.
pub fn date(date: NaiveDate) -> Option<String> {
    in_range(date).then(|| format!("{date}T00:00:00Z"))
}

/// A Unix time as a `date-time-with-timezone` in UTC; `None` outside the years the schema
/// accepts.
pub fn time(seconds: i64) -> Option<String> {
    let time = DateTime::from_timestamp(seconds, 0)?;
    in_range(time.date_naive()).then(|| time.to_rfc3339_opts(SecondsFormat::Secs, true))
}

fn in_range(date: NaiveDate) -> bool {
    (1900..=2999).contains(&chrono::Datelike::year(&date))
}

/// An `http(s)` link as a `uri-reference` ([`uri::encode`]); `None` for other text.
pub fn web_link(text: &str) -> Option<String> {
    let text = text.trim();
    (text.starts_with("https://") || text.starts_with("http://")).then(|| uri::encode(text))
}

/// Whether text is a plain email address (`local@domain.tld`, ASCII), safe to write as an
/// `email`.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~.-".contains(&byte));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        });
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_one_trimmed_line() {
        assert_eq!(string("  a\n b\u{2028}c\t "), Some("a b c".to_owned()));
        assert_eq!(string("\u{FEFF} \n"), None);
    }

    #[test]
    fn markdown_shows_the_text() {
        assert_eq!(
            line("<script>*x*</script> & [a](b)", "-"),
            "&lt;script>\\*x\\*&lt;/script> &amp; \\[a\\](b)"
        );
        assert_eq!(line("# 1. - x", "-"), "\\# 1. - x");
        assert_eq!(line("12. done", "-"), "12\\. done");
        assert_eq!(
            line("see https://evil.example @org/team \u{202E}x", "-"),
            "see https\\://evil.example @&#8203;org/team \\\\u{202e}x"
        );
        assert_eq!(line(" \n", "R-1"), "R-1");
        assert_eq!(multiline("one\n\n two \n", "x"), "one\\\ntwo");
    }

    #[test]
    fn dates_are_utc_within_the_schema_years() {
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 3, 31).expect("date")).as_deref(),
            Some("2026-03-31T00:00:00Z")
        );
        assert_eq!(
            date(NaiveDate::from_ymd_opt(3000, 1, 1).expect("date")),
            None
        );
        assert_eq!(time(1_780_000_000).as_deref(), Some("2026-05-28T20:26:40Z"));
    }

    #[test]
    fn web_links_are_encoded() {
        assert_eq!(
            web_link("https://wiki.example/a b%zz%41é").as_deref(),
            Some("https://wiki.example/a%20b%25zz%41%C3%A9")
        );
        assert_eq!(web_link("evidence/x.png"), None);
    }

    #[test]
    fn emails_are_plain_addresses() {
        assert!(is_email("alice@acme.example"));
        assert!(!is_email("alice"));
        assert!(!is_email("a b@acme.example"));
        assert!(!is_email("alice@localhost"));
        assert!(!is_email("alice@acme..example"));
    }
}

//! Messages and hints that quote names in backticks (`` `status` ``, `` `risks/R-1.yaml` ``),
//! for HTML: the quoted parts in `<code>`, the rest as text, all escaped, so the backticks
//! never show literally and no quoted text adds markup. A quoted value may hold backticks
//! itself; when the backticks do not pair up as quotes (a quote opens after a space or `(`
//! and closes before a space or punctuation), the whole text is shown as it is.

use super::xml;

/// The parts of `text`: `(true, quoted)` for each pair of backticks' content, `(false,
/// text)` for the rest; `None` when the backticks do not pair up as quotes.
pub fn split(text: &str) -> Option<Vec<(bool, &str)>> {
    let mut parts = Vec::new();
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(open) = rest.find('`') {
        let length = rest[open + 1..].find('`')?;
        let inner = &rest[open + 1..open + 1 + length];
        let after = rest[open + 2 + length..].chars().next();
        let opens = rest[..open]
            .chars()
            .next_back()
            .or(before)
            .is_none_or(|c| c.is_whitespace() || c == '(');
        let closes = after.is_none_or(|c| {
            c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | '!' | '?' | '\'')
        });
        if inner.is_empty() || !opens || !closes {
            return None;
        }
        if open > 0 {
            parts.push((false, &rest[..open]));
        }
        parts.push((true, inner));
        before = Some('`');
        rest = &rest[open + 2 + length..];
    }
    if !rest.is_empty() {
        parts.push((false, rest));
    }
    Some(parts)
}

/// The text as HTML element content, quoted parts in `<code>`.
pub fn html(text: &str) -> String {
    let Some(parts) = split(text) else {
        return xml::text(text);
    };
    parts
        .into_iter()
        .map(|(code, part)| {
            if code {
                format!("<code>{}</code>", xml::text(part))
            } else {
                xml::text(part)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_parts_become_code_and_everything_is_escaped() {
        assert_eq!(
            split("set `status` to `completed`."),
            Some(vec![
                (false, "set "),
                (true, "status"),
                (false, " to "),
                (true, "completed"),
                (false, ".")
            ])
        );
        assert_eq!(
            html("add `<b>` & (`x`)"),
            "add <code>&lt;b&gt;</code> &amp; (<code>x</code>)"
        );
    }

    #[test]
    fn backticks_that_do_not_pair_up_as_quotes_stay_text() {
        for text in ["the ID `a```b`", "a `lone", "`a`b`c`", "x`y` z", "``"] {
            assert_eq!(split(text), None, "{text}");
            assert!(!html(text).contains("<code>"), "{text}");
        }
    }
}

//! The parser's errors in the user's terms: a tab named as a tab, a key indented wrongly
//! named as indentation, by comparing the line with the lines above it. Each explanation
//! reads the error's line and walks back over the lines above once, so its cost is linear
//! in the file's size.

use crate::escape::terminal::TAB_SHOWN;
use crate::source::Span;

/// A parser error explained: message, label, help and where to point.
#[derive(Debug, PartialEq)]
pub struct Explained {
    /// What is wrong.
    pub message: String,
    /// The text shown at the span.
    pub label: &'static str,
    /// How to fix it.
    pub help: String,
    /// Where: the tab, or the first character of the misplaced line.
    pub span: Span,
}

/// One line of the file: its number (from 1), where it starts, and its text.
#[derive(Clone, Copy)]
struct Line<'a> {
    /// The line's number, from 1.
    number: usize,
    /// The byte offset of its first character.
    start: usize,
    /// Its text, without the line break.
    text: &'a str,
}

impl<'a> Line<'a> {
    /// Spaces before the first other character.
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    /// Whether the line holds YAML content (not blank, not only a comment).
    fn has_content(&self) -> bool {
        let rest = self.text.trim_start_matches([' ', '\t']);
        !rest.is_empty() && !rest.starts_with('#')
    }

    /// What the line holds, for a message: `` `key` `` or "this list item".
    fn what(&self) -> String {
        let rest = self.text.trim_start();
        if rest.starts_with("- ") || rest == "-" {
            return "this list item".to_owned();
        }
        format!("`{}`", self.key())
    }

    /// The key the line starts, or its whole text.
    fn key(&self) -> &'a str {
        let rest = self.text.trim_start();
        rest.split_once(':').map_or(rest, |(key, _)| key).trim_end()
    }

    /// Whether the line opens a block (ends with `key:`, nothing after the colon but a
    /// comment).
    fn opens_block(&self) -> bool {
        let text = self.text.split(" #").next().unwrap_or_default().trim_end();
        text.ends_with(':')
    }

    /// A point span at `column` (from 0) of the line.
    fn point(&self, column: usize) -> Span {
        Span {
            start: self.start + column,
            end: self.start + column,
            line: self.number,
            column: self.text[..column].chars().count() + 1,
        }
    }
}

/// The line holding byte `offset`.
fn line_at(text: &str, offset: usize, number: usize) -> Line<'_> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
    Line {
        number,
        start,
        text: text[start..end].trim_end_matches('\r'),
    }
}

/// The line after `line`, if any.
fn next_line<'a>(text: &'a str, line: &Line<'_>) -> Option<Line<'a>> {
    let end = line.start + line.text.len();
    let start = end + text[end..].find('\n')? + 1;
    (start < text.len()).then(|| line_at(text, start, line.number + 1))
}

/// The lines above `line` that hold content, nearest first.
fn content_above<'a>(text: &'a str, line: &Line<'_>) -> impl Iterator<Item = Line<'a>> {
    let mut end = line.start;
    let mut number = line.number;
    std::iter::from_fn(move || {
        while end > 0 {
            number = number.saturating_sub(1);
            let above = line_at(text, end - 1, number);
            end = above.start;
            if above.has_content() {
                return Some(above);
            }
        }
        None
    })
}

/// Explains the parser's error `info` at `at`, when it is about a tab or indentation.
pub fn explain(text: &str, at: Span, info: &str) -> Option<Explained> {
    let line = line_at(text, at.start, at.line);
    if let Some(explained) = tab(text, &line, at, info) {
        return Some(explained);
    }
    let indentation_error = info.contains("did not find expected key")
        || info.contains("mapping values are not allowed in this context")
        || info.contains("did not find expected '-'");
    if indentation_error && !line.text.contains('\t') {
        return indentation(text, &line);
    }
    None
}

/// A tab where YAML wants spaces: indenting the error's line (or the next, which a tab
/// ends a plain scalar before), or after a key's colon.
fn tab(text: &str, line: &Line<'_>, at: Span, info: &str) -> Option<Explained> {
    let after_colon = info.contains("':' must be followed by a valid YAML whitespace");
    let tab_at = [Some(at.start), at.start.checked_sub(1)]
        .into_iter()
        .flatten()
        .find(|offset| text.as_bytes().get(*offset) == Some(&b'\t'));
    if let (true, Some(tab_at)) = (after_colon, tab_at) {
        let key = line.key();
        return Some(Explained {
            message: format!(
                "a tab follows `{key}:`; riskreg needs a space between a key's colon and its value"
            ),
            label: "a tab (shown as →)",
            help: format!("put a space after the colon instead of the tab (shown as {TAB_SHOWN})"),
            span: line.point(tab_at - line.start),
        });
    }
    if !info.contains("tab") {
        return None;
    }
    let tabbed = [Some(*line), next_line(text, line)]
        .into_iter()
        .flatten()
        .find(|line| line.text[..line.text.len() - line.text.trim_start().len()].contains('\t'))?;
    let column = tabbed.text.find('\t').unwrap_or_default();
    Some(Explained {
        message: format!(
            "line {} is indented with a tab; YAML indents with spaces only",
            tabbed.number
        ),
        label: "a tab (shown as →)",
        help: format!(
            "indent with spaces: replace the tab (shown as {TAB_SHOWN}) with as many spaces as the lines around it use"
        ),
        span: tabbed.point(column),
    })
}

/// A line indented more than a line above that already has its value, or less than its
/// siblings but more than their parent.
fn indentation(text: &str, line: &Line<'_>) -> Option<Explained> {
    let indent = line.indent();
    let mut above = content_above(text, line);
    let previous = above.next()?;
    let what = line.what();
    let span = line.point(indent);
    if indent > previous.indent() && !previous.opens_block() {
        let sibling = previous.what();
        return Some(Explained {
            message: format!(
                "{what} is indented {}, more than {sibling} on line {} ({}), which already has its value",
                spaces(indent),
                previous.number,
                spaces(previous.indent())
            ),
            label: "indented too far",
            help: match previous.indent() {
                0 => format!(
                    "remove its indentation, as {sibling} has none, to put it beside {sibling}"
                ),
                indent => format!(
                    "indent it {}, like {sibling}, to put it beside {sibling}",
                    spaces(indent)
                ),
            },
            span,
        });
    }
    if indent >= previous.indent() {
        return None;
    }
    let mut child = previous;
    let parent = std::iter::once(previous).chain(above).find(|candidate| {
        let found = candidate.indent() < indent;
        if !found {
            child = *candidate;
        }
        found
    })?;
    let siblings = child.indent();
    let parent_name = parent.what();
    Some(Explained {
        message: format!(
            "{what} is indented {}, but the lines under {parent_name} (line {}) are indented {} and {parent_name} itself {}",
            spaces(indent),
            parent.number,
            spaces(siblings),
            spaces(parent.indent())
        ),
        label: "indented too little",
        help: format!(
            "indent it {} to put it under {parent_name}, or {} to put it beside {parent_name}",
            spaces(siblings),
            spaces(parent.indent())
        ),
        span,
    })
}

/// `1 space`, `4 spaces`.
fn spaces(count: usize) -> String {
    format!("{count} space{}", if count == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain_at(text: &str, line: usize, column: usize, info: &str) -> Explained {
        let start = text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum::<usize>()
            + column
            - 1;
        let at = Span {
            start,
            end: start,
            line,
            column,
        };
        explain(text, at, info).expect("explained")
    }

    #[test]
    fn names_an_under_indented_key() {
        let text = "treatment:\n    decision: accept\n  rationale: x\n";
        let explained = explain_at(text, 3, 3, "did not find expected key");
        assert_eq!(
            explained.message,
            "`rationale` is indented 2 spaces, but the lines under `treatment` (line 1) are indented 4 spaces and `treatment` itself 0 spaces"
        );
        assert_eq!((explained.span.line, explained.span.column), (3, 3));
    }

    #[test]
    fn names_an_over_indented_key() {
        let text = "owner: alice\n\n# c\n  identified: 2026-10-01\n";
        let explained = explain_at(
            text,
            4,
            13,
            "mapping values are not allowed in this context",
        );
        assert_eq!(
            explained.help,
            "remove its indentation, as `owner` has none, to put it beside `owner`"
        );
    }

    #[test]
    fn names_a_tab() {
        let text = "title: x\n\towner: alice\n";
        let explained = explain_at(text, 1, 9, "while scanning a plain scalar, found a tab");
        assert_eq!((explained.span.line, explained.span.column), (2, 1));
        let text = "title:\tx\n";
        let explained = explain_at(
            text,
            1,
            8,
            "':' must be followed by a valid YAML whitespace",
        );
        assert!(explained.message.starts_with("a tab follows `title:`"));
        assert_eq!(explained.span.column, 7);
    }
}

//! `riskreg diff`: a pull-request comment in Markdown, and the same as JSON.

use serde::Serialize;

use super::json::JsonFinding;
use crate::code::Severity;
use crate::diff::{DocChange, DocChangeKind, RegisterDiff};
use crate::escape::markdown::{code, text as md};
use crate::finding::Finding;

/// GitHub's limit on a comment's length, in characters.
pub const COMMENT_LIMIT: usize = 65_536;

/// The head's label when the comparison is with the work tree.
pub const WORK_TREE: &str = "work tree";

/// Room kept for the note that says the comment was cut.
const CUT_NOTE_ROOM: usize = 400;

fn finding_row(finding: &Finding) -> String {
    let icon = match finding.severity {
        Severity::Error => "❌ error",
        Severity::Warning => "⚠️ warning",
    };
    let place = format!(
        "{}:{}:{}",
        finding.path, finding.span.line, finding.span.column
    );
    format!(
        "| {icon} | `{}` | {} | {} |\n",
        finding.rule,
        code(&place),
        message(&finding.message)
    )
}

/// A finding's message as Markdown: the values it quotes in backticks as code spans (each
/// escaped as one), the rest as text, so a table shows code, not escaped backticks.
fn message(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return md(text);
    }
    parts
        .iter()
        .enumerate()
        .map(|(index, part)| {
            if index % 2 == 1 {
                code(part)
            } else {
                let trimmed = md(part);
                let lead = if part.starts_with(' ') { " " } else { "" };
                let tail = if part.ends_with(' ') && !trimmed.is_empty() {
                    " "
                } else {
                    ""
                };
                format!("{lead}{trimmed}{tail}")
            }
        })
        .collect()
}

/// Appends a section's heading and as many of its items as fit under the comment limit;
/// returns how many did not. A section none of whose items fit is left out whole, heading
/// and all.
fn push_section(comment: &mut String, heading: &str, items: Vec<String>) -> usize {
    let mut section = heading.to_owned();
    let left_out = push_within(&mut section, comment.chars().count(), items.iter().cloned());
    if left_out < items.len() {
        comment.push_str(&section);
    }
    left_out
}

fn document_lines(change: &DocChange) -> String {
    let title = if change.title.is_empty() {
        String::new()
    } else {
        format!(" {}", md(&change.title))
    };
    let mut text = format!("- **{}**{title}", md(&change.id));
    match change.change {
        DocChangeKind::Added => text.push_str(&format!(": added ({})\n", code(&change.path))),
        DocChangeKind::Removed => {
            text.push_str(&format!(": removed (was {})\n", code(&change.path)))
        }
        DocChangeKind::Moved => text.push_str(&format!(
            ": moved {} → {}\n",
            code(change.from.as_deref().unwrap_or_default()),
            code(&change.path)
        )),
        DocChangeKind::Changed => text.push('\n'),
    }
    for field in &change.fields {
        let note = field
            .note
            .as_ref()
            .map(|note| format!(" ({})", md(note)))
            .unwrap_or_default();
        text.push_str(&format!(
            "  - {}: {} → {}{note}\n",
            code(&field.field),
            md(field.before.as_deref().unwrap_or("(none)")),
            md(field.after.as_deref().unwrap_or("(none)"))
        ));
    }
    text
}

/// Appends sections while they fit under the comment limit; returns how many items did not.
fn push_within(
    comment: &mut String,
    before: usize,
    items: impl IntoIterator<Item = String>,
) -> usize {
    let mut left_out = 0;
    for item in items {
        if left_out > 0
            || before + comment.chars().count() + item.chars().count()
                > COMMENT_LIMIT - CUT_NOTE_ROOM
        {
            left_out += 1;
        } else {
            comment.push_str(&item);
        }
    }
    left_out
}

/// The pull-request comment: a headline, the new findings (errors first), the resolved ones,
/// then each changed document field by field, most important first; cut with a note to stay
/// under GitHub's 65,536-character limit.
pub fn markdown(diff: &RegisterDiff) -> String {
    let mut comment = format!("## riskreg: {}\n\n", diff.counts.headline());
    let head = if diff.head == WORK_TREE {
        "the work tree".to_owned()
    } else {
        code(&diff.head)
    };
    comment.push_str(&format!("Compared {head} with {}.\n", code(&diff.base)));
    let mut left_out = 0;
    let mut new: Vec<&Finding> = diff.new_findings.iter().collect();
    new.sort_by_key(|finding| finding.severity);
    if !new.is_empty() {
        left_out += push_section(
            &mut comment,
            "\n### New findings\n\n| | Rule | Where | Message |\n| --- | --- | --- | --- |\n",
            new.iter().map(|finding| finding_row(finding)).collect(),
        );
    }
    if !diff.resolved_findings.is_empty() {
        left_out += push_section(
            &mut comment,
            "\n### Resolved findings\n\n| | Rule | Where (before) | Message |\n| --- | --- | --- | --- |\n",
            diff.resolved_findings.iter().map(finding_row).collect(),
        );
    }
    if !diff.documents.is_empty() {
        left_out += push_section(
            &mut comment,
            "\n### Changes\n\n",
            diff.documents.iter().map(document_lines).collect(),
        );
    }
    if left_out > 0 {
        let side = |label: &str| {
            label
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned()
        };
        let head = if diff.head == WORK_TREE {
            String::new()
        } else {
            format!(" {}", side(&diff.head))
        };
        let base = side(&diff.base);
        comment.push_str(&format!(
            "\n_{left_out} more item{} not shown: the comment would pass GitHub's {COMMENT_LIMIT}-character limit. Run {} for all of it._\n",
            if left_out == 1 { "" } else { "s" },
            code(&format!("riskreg diff {base}{head}"))
        ));
    }
    comment
}

#[derive(Serialize)]
struct JsonDiff<'a> {
    version: u32,
    base: &'a str,
    head: &'a str,
    headline: String,
    counts: &'a crate::diff::Counts,
    documents: &'a [DocChange],
    new_findings: Vec<JsonFinding<'a>>,
    resolved_findings: Vec<JsonFinding<'a>>,
}

/// The comparison as JSON, for tools.
pub fn json(diff: &RegisterDiff) -> String {
    let document = JsonDiff {
        version: 1,
        base: &diff.base,
        head: &diff.head,
        headline: diff.counts.headline(),
        counts: &diff.counts,
        documents: &diff.documents,
        new_findings: diff
            .new_findings
            .iter()
            .map(|finding| JsonFinding::of(finding, true))
            .collect(),
        resolved_findings: diff
            .resolved_findings
            .iter()
            .map(|finding| JsonFinding::of(finding, true))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

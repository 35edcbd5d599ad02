//! Findings: what a check reports, as plain data every output format shares.

use serde::Serialize;

use crate::code::{Code, Severity};
use crate::source::{Document, Span};

/// One problem found in a register, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The code of the rule (or loader check) that found it, e.g. `untreated-risk`.
    pub rule: Code,
    /// The effective severity.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// A short text shown at the span.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// The ID of the document concerned, when it has one.
    pub document: Option<String>,
    /// The JSON pointer of the field concerned (`/treatment/expires`; empty for the whole
    /// document). With the rule and document it identifies a finding across edits that
    /// move lines (see [`Finding::identity`]).
    pub field: String,
    /// The file, relative to the register root, with `/`.
    pub path: String,
    /// Where in the file.
    pub span: Span,
}

impl Finding {
    /// A finding of `rule` at `span` of `path`, with the code's default severity.
    pub fn new(rule: Code, path: &str, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.default_severity(),
            message: message.into(),
            label: None,
            help: None,
            document: None,
            field: String::new(),
            path: path.to_owned(),
            span,
        }
    }

    /// What identifies a finding across versions of the register, never by line: the rule,
    /// the document's ID (its path when it has none) and the field.
    pub fn identity(&self) -> (Code, &str, &str) {
        (
            self.rule,
            self.document.as_deref().unwrap_or(&self.path),
            &self.field,
        )
    }

    /// A finding on a document, at the value `pointer` leads to (or as near as it exists).
    pub fn at_value(rule: Code, doc: &Document, pointer: &str, message: impl Into<String>) -> Self {
        Self::new(rule, &doc.path, doc.value_span(pointer), message)
            .for_document(doc)
            .for_field(pointer)
    }

    /// A finding on a document, at the key `pointer` names (or as near as it exists).
    pub fn at_key(rule: Code, doc: &Document, pointer: &str, message: impl Into<String>) -> Self {
        Self::new(rule, &doc.path, doc.key_span(pointer), message)
            .for_document(doc)
            .for_field(pointer)
    }

    /// Names the field the finding concerns.
    pub fn for_field(mut self, pointer: &str) -> Self {
        pointer.clone_into(&mut self.field);
        self
    }

    /// Names the document the finding concerns.
    pub fn for_document(mut self, doc: &Document) -> Self {
        self.document = doc.id.clone();
        self
    }

    /// Adds a fix hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the text shown at the span.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The order of the JSON output: path, line, column, rule, message.
    pub fn sort(findings: &mut [Finding]) {
        findings.sort_by(|a, b| {
            (&a.path, a.span.line, a.span.column, a.rule, &a.message).cmp(&(
                &b.path,
                b.span.line,
                b.span.column,
                b.rule,
                &b.message,
            ))
        });
    }
}

/// Splits `current` into the findings not present in `base` and those that were, matched
/// by [`Finding::identity`] (so never by line number) and counted: if `base` had one
/// `overdue` on M-001's `/due`, one such finding in `current` is old and a second is new.
pub fn split_by_base(current: Vec<Finding>, base: &[Finding]) -> (Vec<Finding>, Vec<Finding>) {
    let key = |finding: &Finding| {
        let (rule, document, field) = finding.identity();
        (rule, document.to_owned(), field.to_owned())
    };
    let mut remaining: std::collections::HashMap<(Code, String, String), usize> =
        std::collections::HashMap::new();
    for finding in base {
        *remaining.entry(key(finding)).or_default() += 1;
    }
    let (mut new, mut old) = (Vec::new(), Vec::new());
    for finding in current {
        let seen_before = remaining.get_mut(&key(&finding)).is_some_and(|count| {
            let present = *count > 0;
            *count = count.saturating_sub(1);
            present
        });
        if seen_before {
            old.push(finding);
        } else {
            new.push(finding);
        }
    }
    (new, old)
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Tally {
    /// Error-severity findings.
    pub errors: usize,
    /// Warning-severity findings.
    pub warnings: usize,
}

impl Tally {
    /// Counts the findings.
    pub fn of(findings: &[Finding]) -> Self {
        let errors = findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
            .count();
        Tally {
            errors,
            warnings: findings.len() - errors,
        }
    }
}

//! `--format json`: the spec's JSON document.

use serde::Serialize;

use super::CheckResults;
use crate::code::Severity;
use crate::finding::{Finding, Tally};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    as_of: String,
    findings: Vec<JsonFinding<'a>>,
    summary: JsonSummary,
}

/// A finding in the spec's JSON shape; `field` (the JSON pointer) only where asked for,
/// since the shape of `check --format json` is fixed.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    document: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    path: &'a str,
    line: usize,
    column: usize,
}

impl<'a> JsonFinding<'a> {
    /// The finding as `check --format json` shows it, with its field when `with_field`.
    pub fn of(finding: &'a Finding, with_field: bool) -> Self {
        JsonFinding {
            rule: finding.rule.as_str(),
            severity: finding.severity,
            message: &finding.message,
            document: finding.document.as_deref(),
            field: with_field.then_some(finding.field.as_str()),
            path: &finding.path,
            line: finding.span.line,
            column: finding.span.column,
        }
    }
}

#[derive(Serialize)]
struct JsonSummary {
    documents: usize,
    errors: usize,
    warnings: usize,
}

/// Renders the report as pretty-printed JSON, with a trailing newline.
pub fn render(report: &CheckResults<'_>) -> String {
    let tally = Tally::of(report.findings);
    let document = JsonReport {
        version: 1,
        as_of: report.as_of.to_string(),
        findings: report
            .findings
            .iter()
            .map(|finding| JsonFinding::of(finding, false))
            .collect(),
        summary: JsonSummary {
            documents: report.documents,
            errors: tally.errors,
            warnings: tally.warnings,
        },
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

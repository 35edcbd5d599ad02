//! `--format json`: the spec's JSON document.

use serde::Serialize;

use super::Report;
use crate::finding::{Severity, Tally};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    as_of: String,
    findings: Vec<JsonFinding<'a>>,
    summary: JsonSummary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    document: Option<&'a str>,
    path: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonSummary {
    documents: usize,
    errors: usize,
    warnings: usize,
}

/// Renders the report as pretty-printed JSON, with a trailing newline.
pub fn render(report: &Report<'_>) -> String {
    let tally = Tally::of(report.findings);
    let document = JsonReport {
        version: 1,
        as_of: report.as_of.to_string(),
        findings: report
            .findings
            .iter()
            .map(|finding| JsonFinding {
                rule: finding.rule,
                severity: finding.severity,
                message: &finding.message,
                document: finding.document.as_deref(),
                path: &finding.path,
                line: finding.span.line,
                column: finding.span.column,
            })
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

//! `--format gitlab`: a GitLab Code Quality report (the Code Climate issue subset GitLab
//! reads), for `artifacts:reports:codequality`.
//!
//! Severities: an error fails the check, so it is `major`; a warning is `minor`. GitLab's
//! `critical` and `blocker` are left for defects that break software or security, which a
//! register finding, however serious for an audit, is not; `info` would hide warnings that
//! `--deny-warnings` can fail a pipeline on.

use serde::Serialize;

use super::{CheckResults, fingerprints};
use crate::code::Severity;

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// Renders the report as a pretty-printed JSON array of Code Quality issues, with a trailing
/// newline; `[]` when there are no findings.
pub fn render(report: &CheckResults<'_>) -> String {
    let fingerprints = fingerprints(report.findings, &report.repo_prefix);
    let issues: Vec<Issue<'_>> = report
        .findings
        .iter()
        .zip(fingerprints)
        .map(|(finding, fingerprint)| Issue {
            description: &finding.message,
            check_name: finding.rule.as_str(),
            fingerprint,
            severity: match finding.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
            },
            location: Location {
                path: format!("{}{}", report.repo_prefix, finding.path),
                lines: Lines {
                    begin: finding.span.line.max(1),
                },
            },
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&issues).unwrap_or_default();
    text.push('\n');
    text
}

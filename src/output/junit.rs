//! `--format junit`: JUnit XML, for CI systems that show test reports (GitLab
//! `artifacts:reports:junit`, Jenkins, Azure Pipelines, CircleCI), valid against Jenkins'
//! `junit-10.xsd`.
//!
//! Written by hand through [`crate::escape::xml`]: the `quick-junit` crate used before
//! always puts `skipped` on `<testsuites>`, which that schema does not allow, and writes
//! line breaks raw inside attributes, where a parser turns them into spaces.

use std::fmt::Write;

use super::CheckResults;
use crate::escape::xml::{attribute, text};

/// The name of the report and of its one test suite.
const SUITE: &str = "riskreg";

/// Renders the report as one test suite with a failing test case per finding (errors and
/// warnings alike), or a single passing case when there are none; no timestamps or times,
/// so the output depends on the findings alone.
pub fn render(report: &CheckResults<'_>) -> String {
    let tests = report.findings.len().max(1);
    let failures = report.findings.len();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"{SUITE}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    let _ = writeln!(
        xml,
        "    <testsuite name=\"{SUITE}\" tests=\"{tests}\" skipped=\"0\" errors=\"0\" failures=\"{failures}\">"
    );
    for finding in report.findings {
        let path = format!("{}{}", report.repo_prefix, finding.path);
        let mut body = format!(
            "{}[{}]: {}\n  --> {path}:{}:{}\n",
            finding.severity.as_str(),
            finding.rule,
            finding.message,
            finding.span.line,
            finding.span.column
        );
        if let Some(help) = &finding.help {
            let _ = writeln!(body, "help: {help}");
        }
        let _ = writeln!(
            xml,
            "        <testcase name=\"{}\" classname=\"{}\">",
            attribute(&format!("{}: {}", finding.rule, finding.message)),
            attribute(&path)
        );
        let _ = writeln!(
            xml,
            "            <failure message=\"{}\" type=\"{}\">{}</failure>",
            attribute(&finding.message),
            attribute(finding.rule.as_str()),
            text(&body)
        );
        xml.push_str("        </testcase>\n");
    }
    if report.findings.is_empty() {
        let _ = writeln!(
            xml,
            "        <testcase name=\"no findings\" classname=\"{SUITE}\"/>"
        );
    }
    xml.push_str("    </testsuite>\n</testsuites>\n");
    xml
}

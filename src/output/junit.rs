//! `--format junit`: JUnit XML, for CI systems that show test reports (GitLab
//! `artifacts:reports:junit`, Jenkins, Azure Pipelines, CircleCI).
//!
//! Written with the `quick-junit` crate (nextest's JUnit model, on `quick-xml`): it escapes
//! text and attributes and drops characters XML cannot hold, which hand-written XML would
//! have to get right itself, for seven small crates.

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use super::CheckResults;

/// The name of the report and of its one test suite.
const SUITE: &str = "riskreg";

/// Renders the report as one test suite with a failing test case per finding (errors and
/// warnings alike), or a single passing case when there are none; no timestamps or times,
/// so the output depends on the findings alone.
pub fn render(report: &CheckResults<'_>) -> String {
    let mut suite = TestSuite::new(SUITE);
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
            body.push_str(&format!("help: {help}\n"));
        }
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status
            .set_message(finding.message.as_str())
            .set_type(finding.rule.as_str())
            .set_description(body);
        let mut case = TestCase::new(format!("{}: {}", finding.rule, finding.message), status);
        case.set_classname(path);
        suite.add_test_case(case);
    }
    if report.findings.is_empty() {
        let mut case = TestCase::new("no findings", TestCaseStatus::success());
        case.set_classname(SUITE);
        suite.add_test_case(case);
    }
    let mut junit = quick_junit::Report::new(SUITE);
    junit.add_test_suite(suite);
    junit.to_string().unwrap_or_default()
}

//! `--format github`: GitHub Actions workflow commands, one `::error` or `::warning`
//! annotation per finding, escaped the way `@actions/core` escapes them; and the Markdown
//! job summary `riskreg check` appends to the file `GITHUB_STEP_SUMMARY` names, listing every
//! finding (GitHub shows only a few annotations per step).

use super::CheckResults;
use super::human::summary_line;
use crate::code::Severity;
use crate::escape::markdown;
use crate::escape::workflow::{data, property};
use crate::finding::Tally;

/// Renders one annotation line per finding:
/// `::error file=PATH,line=L,col=C,title=RULE::MESSAGE`, the help after the message.
pub fn render(report: &CheckResults<'_>) -> String {
    let mut text = String::new();
    for finding in report.findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = finding.message.clone();
        if let Some(help) = &finding.help {
            message.push_str("\n\nhelp: ");
            message.push_str(help);
        }
        text.push_str(&format!(
            "::{command} file={},line={},col={},title={}::{}\n",
            property(&format!("{}{}", report.repo_prefix, finding.path)),
            finding.span.line,
            finding.span.column,
            property(finding.rule.as_str()),
            data(&message),
        ));
    }
    text
}

/// The Markdown job summary: a heading, the counts, and a table of every finding, each
/// value escaped as Markdown. It starts with a blank line so it stands apart from whatever
/// the file already holds.
pub fn step_summary(report: &CheckResults<'_>) -> String {
    let tally = Tally::of(report.findings);
    let mut text = format!(
        "\n## riskreg check\n\n{} (as of {})\n\n",
        summary_line(tally, report.documents),
        report.as_of
    );
    if report.findings.is_empty() {
        text.push_str("No findings.\n");
        return text;
    }
    text.push_str("| Severity | Rule | Location | Document | Message |\n");
    text.push_str("| --- | --- | --- | --- | --- |\n");
    for finding in report.findings {
        let location = format!(
            "{}{}:{}:{}",
            report.repo_prefix, finding.path, finding.span.line, finding.span.column
        );
        let cells = [
            finding.severity.as_str().to_owned(),
            finding.rule.as_str().to_owned(),
            markdown::code(&location),
            markdown::text(finding.document.as_deref().unwrap_or_default()),
            markdown::text(&finding.message),
        ];
        text.push('|');
        for cell in cells {
            text.push(' ');
            text.push_str(&cell);
            text.push_str(" |");
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::code::Code;
    use crate::finding::Finding;
    use crate::output::Sources;
    use crate::source::Span;

    fn report(findings: &[Finding]) -> CheckResults<'_> {
        CheckResults {
            as_of: NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date"),
            findings,
            documents: 1,
            uncommitted: None,
            committed: None,
            repo_prefix: "reg/".to_owned(),
            sources: Sources::default(),
        }
    }

    fn finding(path: &str, message: &str, help: Option<&str>) -> Finding {
        Finding {
            rule: Code::UnknownReference,
            severity: Severity::Error,
            message: message.to_owned(),
            label: None,
            help: help.map(str::to_owned),
            document: Some("R-001".to_owned()),
            field: "/owner".to_owned(),
            path: path.to_owned(),
            span: Span {
                start: 0,
                end: 1,
                line: 4,
                column: 7,
            },
        }
    }

    #[test]
    fn escapes_data_and_properties_like_the_actions_toolkit() {
        let findings = [finding(
            "risks/a,b:c%.yaml",
            "100% sure: a, b\r\nand c",
            Some("fix: it, 50%\nnow"),
        )];
        assert_eq!(
            render(&report(&findings)),
            "::error file=reg/risks/a%2Cb%3Ac%25.yaml,line=4,col=7,title=unknown-reference\
             ::100%25 sure: a, b%0D%0Aand c%0A%0Ahelp: fix: it, 50%25%0Anow\n"
        );
    }

    #[test]
    fn warnings_without_help_have_the_message_alone() {
        let mut warning = finding("risks/R-001.yaml", "late", None);
        warning.severity = Severity::Warning;
        assert_eq!(
            render(&report(&[warning])),
            "::warning file=reg/risks/R-001.yaml,line=4,col=7,title=unknown-reference::late\n"
        );
    }

    #[test]
    fn summary_cells_escape_pipes_backticks_markup_and_line_breaks() {
        let findings = [
            finding("risks/a``b.yaml", "one | two\rthree", None),
            finding("risks/a|`b`.yaml", "`x` <img src=y> @org/team", None),
        ];
        let summary = step_summary(&report(&findings));
        assert!(
            summary.ends_with(
                "| error | unknown-reference | ```reg/risks/a``b.yaml:4:7``` | R-001 \
                 | one \\| two<br>three |\n\
                 | error | unknown-reference | reg/risks/a\\|\\`b\\`.yaml:4:7 | R-001 \
                 | \\`x\\` &lt;img src=y> @&#8203;org/team |\n"
            ),
            "{summary}"
        );
    }

    #[test]
    fn summary_without_findings_says_so() {
        assert_eq!(
            step_summary(&report(&[])),
            "\n## riskreg check\n\n0 errors, 0 warnings in 1 document (as of 2026-11-20)\n\n\
             No findings.\n"
        );
    }
}

//! `--format human`: miette diagnostics with the source snippet, a label on the offending
//! key or value, a help line, and a closing summary.

use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::{CheckResults, Sources};
use crate::code::Severity;
use crate::finding::{Finding, Tally};

/// The width diagnostics wrap at; fixed so output does not depend on the terminal.
const WIDTH: usize = 100;

struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: Option<NamedSource<Arc<str>>>,
    message: String,
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("finding", self.finding)
            .finish()
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding
            .help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|source| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        let span = self.finding.span;
        let label = LabeledSpan::new(self.finding.label.clone(), span.start, span.len());
        Some(Box::new(std::iter::once(label)))
    }
}

/// Renders each finding as a diagnostic headed by its rule ID; findings in files with no
/// text show their location in the message.
pub fn render_findings(findings: &[Finding], sources: &Sources, colour: bool) -> String {
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false)
        .with_context_lines(1);
    let mut text = String::new();
    for finding in findings {
        let source = sources
            .get(&finding.path)
            .map(|text| NamedSource::new(&finding.path, Arc::clone(text)).with_language("yaml"));
        let message = if source.is_some() {
            format!("{}: {}", finding.rule, finding.message)
        } else {
            let span = finding.span;
            format!(
                "{}: {}:{}:{}: {}",
                finding.rule, finding.path, span.line, span.column, finding.message
            )
        };
        let diagnostic = FindingDiagnostic {
            finding,
            source,
            message,
        };
        if handler.render_report(&mut text, &diagnostic).is_err() {
            text.push_str(&format!("{}: {}\n", finding.rule, finding.message));
        }
        text.push('\n');
    }
    text
}

/// The closing line: `3 errors, 2 warnings in 41 documents`.
pub fn summary_line(tally: Tally, documents: usize) -> String {
    format!(
        "{}, {} in {}",
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning"),
        plural(documents, "document")
    )
}

fn plural(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// Renders the whole report: every finding, then the summary line.
pub fn render(report: &CheckResults<'_>, colour: bool) -> String {
    let mut text = render_findings(report.findings, &report.sources, colour);
    text.push_str(&summary_line(Tally::of(report.findings), report.documents));
    match report.uncommitted {
        Some(count) if count > 0 => text.push_str(&format!(
            " (as of {}; {} {} from HEAD and {} checked as in the work tree)\n",
            report.as_of,
            plural(count, "document"),
            if count == 1 { "differs" } else { "differ" },
            if count == 1 { "is" } else { "are" }
        )),
        _ => text.push_str(&format!(" (as of {})\n", report.as_of)),
    }
    text
}

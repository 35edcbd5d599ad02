//! `--format human`: miette diagnostics with the source snippet, a label on the offending
//! key or value, a help line, and a closing summary. What comes from the register (values in
//! messages, paths, the file shown) reaches the terminal with its control, bidirectional
//! and zero-width characters shown as escapes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

use super::{CheckResults, Sources};
use crate::code::{Code, Severity};
use crate::escape::terminal::{self, Relocated};
use crate::escape::workflow::inert;
use crate::finding::{Finding, Tally};

/// The width diagnostics wrap at; fixed so output does not depend on the terminal.
const WIDTH: usize = 100;

/// A finding as miette renders it, its texts escaped for the terminal.
#[derive(Debug)]
struct FindingDiagnostic {
    severity: Severity,
    source: Option<NamedSource<Arc<str>>>,
    message: String,
    help: Option<String>,
    label: LabeledSpan,
}

impl fmt::Display for FindingDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FindingDiagnostic {}

impl Diagnostic for FindingDiagnostic {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|source| source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(self.label.clone())))
    }
}

/// A file's text as the terminal may show it, and where its offsets moved.
struct Shown<'a> {
    text: Arc<str>,
    relocated: Relocated<'a>,
}

impl<'a> Shown<'a> {
    fn of(text: &'a Arc<str>) -> Self {
        let relocated = terminal::snippet(text);
        let text = match &relocated.text {
            Cow::Borrowed(_) => Arc::clone(text),
            Cow::Owned(escaped) => Arc::from(escaped.as_str()),
        };
        Shown { text, relocated }
    }
}

/// Renders each finding as a diagnostic headed by its rule ID; findings in files with no
/// text show their location in the message. No line holds a CI runner's command, whatever
/// the file shown holds.
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
    let mut shown: HashMap<&str, Shown<'_>> = HashMap::new();
    let mut text = String::new();
    for finding in parse_errors_first(findings) {
        let path = terminal::line(&finding.path);
        let span = finding.span;
        let file = sources.get(&finding.path).map(|source| {
            shown
                .entry(finding.path.as_str())
                .or_insert_with(|| Shown::of(source))
        });
        let message = terminal::line(&finding.message);
        let message = if file.is_some() {
            format!("{}: {message}", finding.rule)
        } else {
            format!(
                "{}: {path}:{}:{}: {message}",
                finding.rule, span.line, span.column
            )
        };
        let (start, end) = file.as_ref().map_or((span.start, span.end), |file| {
            (
                file.relocated.offset(span.start),
                file.relocated.offset(span.end),
            )
        });
        let label = finding
            .label
            .as_deref()
            .map(|label| terminal::line(label).into_owned());
        let diagnostic = FindingDiagnostic {
            severity: finding.severity,
            source: file.map(|file| {
                NamedSource::new(path.as_ref(), Arc::clone(&file.text)).with_language("yaml")
            }),
            message,
            help: finding
                .help
                .as_deref()
                .map(|help| terminal::line(help).into_owned()),
            label: LabeledSpan::new(label, start, end.saturating_sub(start)),
        };
        if handler.render_report(&mut text, &diagnostic).is_err() {
            text.push_str(&format!("{}\n", diagnostic.message));
        }
        text.push('\n');
    }
    inert(&text).into_owned()
}

/// The findings with the `yaml-syntax` and `schema` ones first, each group in the given
/// order: a document that does not parse or match its schema is left out of the other
/// rules, so what they report about it (a risk with no mitigation, say) follows from these.
fn parse_errors_first(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    let first = |finding: &&Finding| matches!(finding.rule, Code::YamlSyntax | Code::Schema);
    findings
        .iter()
        .filter(first)
        .chain(findings.iter().filter(move |finding| !first(finding)))
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
        _ => match &report.committed {
            Some(commit) => text.push_str(&format!(
                " (as of {}; the register as committed at {commit})\n",
                report.as_of
            )),
            None => text.push_str(&format!(" (as of {})\n", report.as_of)),
        },
    }
    text
}

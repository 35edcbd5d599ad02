//! Open findings: the one table of the report, errors first, then by file and line, each
//! linked to the risk or action the plan shows it under; and the findings of one file, for
//! the plan to show beside its risk or action.

use std::collections::HashMap;

use crate::finding::Finding;

use super::super::view::{FindingView, RiskView};
use super::Builder;

impl Builder<'_> {
    /// Every open finding, errors first, then by file, line and column, linked to where
    /// the plan (`risks`) shows its document.
    pub(super) fn open_findings(&self, risks: &[RiskView]) -> Vec<FindingView> {
        let mut places: HashMap<&str, (&str, &str)> = HashMap::new();
        for risk in risks {
            places
                .entry(risk.path.as_str())
                .or_insert((risk.anchor.as_str(), risk.anchor.as_str()));
            for action in &risk.actions {
                places
                    .entry(action.path.as_str())
                    .or_insert((action.link.as_str(), risk.anchor.as_str()));
            }
        }
        let mut findings: Vec<FindingView> = self
            .findings
            .iter()
            .map(|finding| {
                let place = places.get(finding.path.as_str());
                let mut view = finding_view(finding);
                view.anchor = place.map(|(anchor, _)| (*anchor).to_owned());
                view.heading = place.map(|(_, heading)| (*heading).to_owned());
                view
            })
            .collect();
        sort(&mut findings);
        findings
    }

    /// The open findings in one file, errors first.
    pub(super) fn findings_in(&self, path: &str) -> Vec<FindingView> {
        let mut findings: Vec<FindingView> = self
            .findings
            .iter()
            .filter(|finding| finding.path == path)
            .map(finding_view)
            .collect();
        sort(&mut findings);
        findings
    }
}

/// A finding as the report shows it, not yet linked.
fn finding_view(finding: &Finding) -> FindingView {
    FindingView {
        rule: finding.rule,
        severity: finding.severity,
        message: finding.message.clone(),
        path: finding.path.clone(),
        line: finding.span.line,
        column: finding.span.column,
        document: finding.document.clone(),
        field: finding.field.clone(),
        help: finding.help.clone(),
        anchor: None,
        heading: None,
    }
}

/// Errors first, then by file, line, column and rule.
fn sort(findings: &mut [FindingView]) {
    findings.sort_by(|a, b| {
        (a.severity, &a.path, a.line, a.column, a.rule)
            .cmp(&(b.severity, &b.path, b.line, b.column, b.rule))
    });
}

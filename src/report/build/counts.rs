//! The report's counts alone, for the trend's periods, which show no section: the summary
//! and the acceptances expiring soon, counted as the report counts them.

use std::collections::HashSet;

use crate::code::Code;
use crate::finding::Finding;
use crate::history::History;
use crate::load::Register;

use super::super::view::Summary;
use super::{Builder, ReportOptions};

/// The summary of a checked register and how many acceptances expire soon, as its report
/// would show them, without building the report.
pub fn counts(
    register: &Register,
    history: Option<&History>,
    findings: &[Finding],
    options: &ReportOptions,
) -> (Summary, usize) {
    let builder = Builder::new(register, history, findings, options);
    // The attention section lists the findings about actions it knows.
    let actions: HashSet<&str> = builder
        .index
        .mitigations
        .iter()
        .map(|(_, mitigation)| mitigation.id.as_str())
        .collect();
    let listed = |code: Code| {
        builder
            .findings_of(code)
            .filter(|finding| {
                finding
                    .document
                    .as_deref()
                    .is_some_and(|id| actions.contains(id))
            })
            .count()
    };
    let summary = builder.summary(
        &builder.active(),
        listed(Code::Overdue),
        listed(Code::StaleStatus),
        builder.unreadable().len(),
    );
    (summary, builder.expiring().count())
}

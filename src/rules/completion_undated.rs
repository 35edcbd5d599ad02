//! `completion-undated`: completion status and completion date disagree.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::Status;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That `completed_on` is set exactly when `status` is `completed`: a completed
    /// mitigation has a completion date, and an open or cancelled one has none.
    ///
    /// ## Why an auditor cares
    ///
    /// Auditors ask for "completed mitigation task records with completion dates". A
    /// completion without a date cannot be placed in the audit period; a date on an open
    /// action means the record contradicts itself.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// status: completed
    /// evidence: [https://wiki.acme.example/mfa]
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// status: completed
    /// completed_on: 2026-03-20
    /// evidence: [https://wiki.acme.example/mfa]
    /// ```
    pub struct CompletionUndated {
        code: CompletionUndated,
        reads: Reads::Register,
        summary: "completed without completed_on, or completed_on on a mitigation that is not completed",
    }
}

impl Rule for CompletionUndated {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, mitigation) in &ctx.mitigations {
            let completed = mitigation.status == Status::Completed;
            match (completed, mitigation.completed_on) {
                (true, None) => out.push(
                    Finding::at_value(
                        Self::CODE,
                        doc,
                        "/status",
                        format!(
                            "mitigation {} is completed but has no `completed_on`",
                            mitigation.id
                        ),
                    )
                    .with_label("completed when?")
                    .with_help("add `completed_on: YYYY-MM-DD`"),
                ),
                (false, Some(date)) => out.push(
                    Finding::at_key(
                        Self::CODE,
                        doc,
                        "/completed_on",
                        format!(
                            "mitigation {} has `completed_on: {date}` but its status is {}",
                            mitigation.id,
                            mitigation.status.as_str()
                        ),
                    )
                    .with_label("not completed")
                    .with_help("set `status: completed`, or remove `completed_on`"),
                ),
                _ => {}
            }
        }
    }
}

//! `missing-due-date`: a mitigation without a due date.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::Status;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That every mitigation that is not `cancelled` (and treats at least one active risk)
    /// has a `due` date.
    ///
    /// ## Why an auditor cares
    ///
    /// A treatment plan is judged by its dates: auditors ask for "a risk treatment plan
    /// showing treatment decisions, owners and due dates". An action with no due date can
    /// never be late, so nobody can tell whether it is on track.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-005
    /// title: Move backups to a second region
    /// risks: [R-006]
    /// owner: dave
    /// status: planned
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-005
    /// title: Move backups to a second region
    /// risks: [R-006]
    /// owner: dave
    /// status: planned
    /// due: 2026-12-15
    /// ```
    pub struct MissingDueDate {
        code: MissingDueDate,
        reads: Reads::Register,
        summary: "a mitigation (not cancelled) without a due date",
    }
}

impl Rule for MissingDueDate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, mitigation) in &ctx.mitigations {
            if mitigation.due.is_some()
                || mitigation.status == Status::Cancelled
                || !ctx.treats_active_risk(mitigation)
            {
                continue;
            }
            out.push(
                Finding::at_key(
                    Self::CODE,
                    doc,
                    "/due",
                    format!("mitigation {} has no due date", mitigation.id),
                )
                .with_label("no `due`")
                .with_help("add `due: YYYY-MM-DD`"),
            );
        }
    }
}

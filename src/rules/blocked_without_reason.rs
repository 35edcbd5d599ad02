//! `blocked-without-reason`: a blocked mitigation that does not say on what.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::Status;

use super::{Reads, Rule, RuleMeta, is_blank};

declare_rule! {
    /// ## What it checks
    ///
    /// That every mitigation with `status: blocked` has a `blocker` saying what blocks it.
    /// Actions whose risks are all retired are exempt.
    ///
    /// ## Why an auditor cares
    ///
    /// A blocked action with no reason cannot be unblocked by anyone else and reads as an
    /// excuse. Naming the blocker (a vendor, a budget decision, another action) shows the
    /// risk is still managed.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// status: blocked
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// status: blocked
    /// blocker: Waiting for the HRIS vendor to ship SCIM deprovisioning (ticket SEC-412)
    /// ```
    pub struct BlockedWithoutReason {
        code: BlockedWithoutReason,
        reads: Reads::Register,
        summary: "a blocked mitigation without a blocker",
    }
}

impl Rule for BlockedWithoutReason {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, mitigation) in &ctx.mitigations {
            if mitigation.status != Status::Blocked
                || !is_blank(mitigation.blocker.as_deref())
                || !ctx.treats_active_risk(mitigation)
            {
                continue;
            }
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/status",
                    format!(
                        "mitigation {} is blocked without a `blocker`",
                        mitigation.id
                    ),
                )
                .with_label("blocked on what?")
                .with_help("add `blocker:` saying what blocks it and who can unblock it"),
            );
        }
    }
}

//! `self-approval`: an approval committed by the approver.

use crate::finding::Finding;
use crate::index::Index;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// From git: that the commit that recorded an accepted risk's current approval
    /// (`approved_by` and `approved_on`) was not authored by the approver, matched by the
    /// owner's `email` in `riskreg.yaml` (case-insensitive). Owners without an email are not
    /// checked. Skipped without git history.
    ///
    /// ## Why an auditor cares
    ///
    /// An approval is a second person's sign-off. If the approver wrote the approval into
    /// the register themselves, nobody else saw it: there is no evidence the decision was
    /// reviewed, only that it was typed.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # committed by Dana Ruiz <dana@acme.example>, who is owner `cfo`
    /// treatment:
    ///   decision: accept
    ///   approved_by: cfo
    ///   approved_on: 2026-02-01
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// # committed by Alice Chen (the risk owner); cfo approved the pull request
    /// treatment:
    ///   decision: accept
    ///   approved_by: cfo
    ///   approved_on: 2026-02-01
    /// ```
    pub struct SelfApproval {
        code: SelfApproval,
        reads: Reads::History(&["/treatment/approved_by", "/treatment/approved_on"]),
        summary: "(from git) the commit that recorded an approval was authored by the approver",
    }
}

impl Rule for SelfApproval {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, risk) in ctx.accepted_risks() {
            let Some(approver_id) = risk
                .treatment
                .as_ref()
                .and_then(|treatment| treatment.approved_by.as_deref())
            else {
                continue;
            };
            let Some(email) = ctx
                .config
                .owner(approver_id)
                .and_then(|owner| owner.email.as_deref())
            else {
                continue;
            };
            let Some(approval) = ctx.approval_event(risk) else {
                continue;
            };
            if !approval.commit.email.eq_ignore_ascii_case(email) {
                continue;
            }
            out.push(
                Finding::at_value(Self::CODE, doc, "/treatment/approved_by", format!(
                    "the approval of {} by `{approver_id}` was committed by the approver ({} <{}>, {} on {})",
                    risk.id,
                    approval.commit.author,
                    approval.commit.email,
                    approval.commit.short_id(),
                    approval.commit.date()
                ))
                .with_label("self-approved")
                .with_help("have someone else record the approval, with the approver's sign-off on the pull request"),
            );
        }
    }
}

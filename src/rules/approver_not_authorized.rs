//! `approver-not-authorized`: an acceptance approved by an owner who may not approve.

use crate::finding::Finding;
use crate::index::Index;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That the `treatment.approved_by` of an accepted risk names an owner with
    /// `approver: true` in `riskreg.yaml`.
    /// (An approver who is not an owner at all is reported by `unknown-reference`.)
    ///
    /// ## Why an auditor cares
    ///
    /// Only people with the authority to accept risk on the organization's behalf may sign
    /// off an acceptance. An acceptance approved by an engineer is no acceptance at all.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # riskreg.yaml: owners: [{id: bob, name: Bob Ito}]
    /// treatment:
    ///   decision: accept
    ///   approved_by: bob
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// # riskreg.yaml: owners: [{id: cfo, name: Dana Ruiz, approver: true}]
    /// treatment:
    ///   decision: accept
    ///   approved_by: cfo
    /// ```
    pub struct ApproverNotAuthorized {
        code: ApproverNotAuthorized,
        reads: Reads::Register,
        summary: "approved_by is not an owner with approver: true",
    }
}

impl Rule for ApproverNotAuthorized {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, risk) in ctx.accepted_risks() {
            let Some(approver) = risk
                .treatment
                .as_ref()
                .and_then(|t| t.approved_by.as_deref())
            else {
                continue;
            };
            let Some(owner) = ctx.config.owner(approver) else {
                continue;
            };
            if owner.approver {
                continue;
            }
            let approvers: Vec<&str> = ctx
                .config
                .owners
                .iter()
                .filter(|o| o.approver)
                .map(|o| o.id.as_str())
                .collect();
            let help = if approvers.is_empty() {
                "set `approver: true` on the owners who may accept risk in riskreg.yaml".to_owned()
            } else {
                format!(
                    "have one of {} approve it, or set `approver: true` on `{approver}` in riskreg.yaml",
                    approvers.join(", ")
                )
            };
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/treatment/approved_by",
                    format!("`{approver}` may not approve risk acceptances"),
                )
                .with_label("not an approver")
                .with_help(help),
            );
        }
    }
}

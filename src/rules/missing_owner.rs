//! `missing-owner`: a risk or mitigation without an owner.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::Status;

use super::{Reads, Rule, RuleMeta, is_blank};

declare_rule! {
    /// ## What it checks
    ///
    /// That every active risk and every mitigation that still matters (not cancelled, and
    /// treating at least one active risk) has an `owner`.
    ///
    /// ## Why an auditor cares
    ///
    /// Accountability is the point of a register: SOC 2 auditors ask who owns each risk and
    /// each action. Work nobody owns does not get done, and an unowned risk is not managed.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-003
    /// title: Quarterly access review of production
    /// risks: [R-001]
    /// status: planned
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-003
    /// title: Quarterly access review of production
    /// risks: [R-001]
    /// owner: alice
    /// status: planned
    /// ```
    pub struct MissingOwner {
        code: MissingOwner,
        reads: Reads::Register,
        summary: "a risk or mitigation without an owner",
    }
}

impl Rule for MissingOwner {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let help = "add `owner:` with an `owners[].id` from riskreg.yaml";
        for (doc, risk) in &ctx.risks {
            if risk.is_active() && is_blank(risk.owner.as_deref()) {
                out.push(
                    Finding::at_key(
                        Self::CODE,
                        doc,
                        "/owner",
                        format!("risk {} has no owner", risk.id),
                    )
                    .with_label("no owner")
                    .with_help(help),
                );
            }
        }
        for (doc, mitigation) in &ctx.mitigations {
            let matters =
                mitigation.status != Status::Cancelled && ctx.treats_active_risk(mitigation);
            if matters && is_blank(mitigation.owner.as_deref()) {
                out.push(
                    Finding::at_key(
                        Self::CODE,
                        doc,
                        "/owner",
                        format!("mitigation {} has no owner", mitigation.id),
                    )
                    .with_label("no owner")
                    .with_help(help),
                );
            }
        }
    }
}

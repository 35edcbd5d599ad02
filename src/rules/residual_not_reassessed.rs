//! `residual-not-reassessed`: every action of a risk is done, yet its residual rating
//! was not set.

use crate::finding::Finding;
use crate::model::{Decision, Status};

use super::{Context, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That an active risk to `mitigate`, whose mitigations (other than cancelled ones) are
    /// all completed, has a `residual` rating. (With git history, a later version of this
    /// rule also reports a residual rating last changed before the last completion.)
    ///
    /// ## Why an auditor cares
    ///
    /// The point of mitigating is to lower the risk. Once the work is done, the risk must be
    /// re-rated to show the treatment worked and that what remains is within the appetite.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: risk
    /// id: R-001
    /// inherent: {impact: 4, likelihood: 4}
    /// treatment: {decision: mitigate}
    /// # its only mitigation, M-001, is completed
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: risk
    /// id: R-001
    /// inherent: {impact: 4, likelihood: 4}
    /// residual: {impact: 4, likelihood: 1}
    /// treatment: {decision: mitigate}
    /// ```
    pub struct ResidualNotReassessed {
        code: "residual-not-reassessed",
        severity: Warning,
        summary: "every mitigation of a mitigate risk is completed, yet it has no residual rating",
    }
}

impl Rule for ResidualNotReassessed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (doc, risk) in &ctx.risks {
            if !risk.is_active()
                || risk.decision() != Some(Decision::Mitigate)
                || risk.residual.is_some()
            {
                continue;
            }
            let mut live = ctx
                .mitigations_of(&risk.id)
                .iter()
                .filter(|mitigation| mitigation.status != Status::Cancelled)
                .peekable();
            if live.peek().is_none()
                || !live.all(|mitigation| mitigation.status == Status::Completed)
            {
                continue;
            }
            out.push(
                Finding::at_key(
                    &Self::META,
                    doc,
                    "/inherent",
                    format!(
                        "every mitigation of {} is completed, but it has no residual rating",
                        risk.id
                    ),
                )
                .with_label("re-rate after treatment")
                .with_help(
                    "add `residual: {impact: N, likelihood: N}` rating the risk as it stands now",
                ),
            );
        }
    }
}

//! `mitigation-missing`: a risk to mitigate that no live mitigation lists.

use crate::finding::Finding;
use crate::index::Index;
use crate::model::{Decision, Status};

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That every active risk whose decision is `mitigate` is listed in the `risks` of at
    /// least one mitigation that is not `cancelled`. A mitigation file with a `schema` error
    /// still counts, so the error is reported once, where it is.
    ///
    /// ## Why an auditor cares
    ///
    /// "Mitigate" is a promise. Without an action behind it (owner, due date, status) there
    /// is no treatment plan, and SOC 2 CC9.1 and CC5.1 expect mitigation activities to be
    /// selected and tracked.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// kind: risk
    /// id: R-004
    /// treatment:
    ///   decision: mitigate
    /// # ... and no mitigation lists R-004, or only a cancelled one does
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// id: M-010
    /// title: Encrypt laptop disks with FileVault
    /// risks: [R-004]
    /// status: in-progress
    /// ```
    pub struct MitigationMissing {
        code: MitigationMissing,
        reads: Reads::Register,
        summary: "a risk to mitigate that no mitigation (other than a cancelled one) lists",
    }
}

impl Rule for MitigationMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, risk) in &ctx.risks {
            if !risk.is_active() || risk.decision() != Some(Decision::Mitigate) {
                continue;
            }
            let live = ctx
                .mitigations_of(&risk.id)
                .iter()
                .any(|mitigation| mitigation.status != Status::Cancelled)
                || ctx.listed_by_invalid_mitigation(&risk.id);
            if live {
                continue;
            }
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/treatment/decision",
                    format!(
                        "risk {} is to be mitigated, but no mitigation treats it",
                        risk.id
                    ),
                )
                .with_label("no live mitigation lists this risk")
                .with_help(format!(
                    "add a mitigation with `risks: [{}]`, or change the decision",
                    risk.id
                )),
            );
        }
    }
}

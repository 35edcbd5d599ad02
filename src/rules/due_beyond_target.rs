//! `due-beyond-target`: a mitigation planned later than the treatment target allows.

use chrono::Days;

use crate::finding::Finding;
use crate::index::Index;
use crate::model::Status;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That a mitigation (not cancelled) is due no later than each active risk it treats
    /// was `identified`, plus the `treatment_target_days` of that risk's inherent level.
    /// Levels without a target, and configs without `treatment_target_days`, are not
    /// checked.
    ///
    /// ## Why an auditor cares
    ///
    /// The policy says how fast risks of each level must be treated (a critical risk in 30
    /// days, say). A plan that schedules the fix for next year shows the policy is not
    /// applied.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # R-001 identified 2026-01-15, inherent 4x4 = 16 (critical, target 30 days)
    /// kind: mitigation
    /// risks: [R-001]
    /// due: 2026-06-30
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: mitigation
    /// risks: [R-001]
    /// due: 2026-02-13
    /// ```
    pub struct DueBeyondTarget {
        code: DueBeyondTarget,
        reads: Reads::Register,
        summary: "a mitigation due later than its risk's identified date plus the level's target days",
    }
}

impl Rule for DueBeyondTarget {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        if ctx.config.treatment_target_days.is_empty() {
            return;
        }
        for (doc, mitigation) in &ctx.mitigations {
            let Some(due) = mitigation.due else { continue };
            if mitigation.status == Status::Cancelled {
                continue;
            }
            for risk_id in &mitigation.risks {
                let Some(risk) = ctx.risk(risk_id).filter(|risk| risk.is_active()) else {
                    continue;
                };
                let Some(level) = ctx.level_of(&risk.inherent) else {
                    continue;
                };
                let Some(days) = ctx.config.treatment_target_days.get(&level.name) else {
                    continue;
                };
                let Some(target) = risk
                    .identified
                    .checked_add_days(Days::new(u64::from(*days)))
                else {
                    continue;
                };
                if due <= target {
                    continue;
                }
                out.push(
                    Finding::at_value(Self::CODE, doc, "/due", format!(
                        "mitigation {} is due {due}, after the {} target of {risk_id} ({days} days from {} = {target})",
                        mitigation.id, level.name, risk.identified
                    ))
                    .with_label(format!("later than {target}"))
                    .with_help(format!("bring `due` forward to {target} or earlier (split the work into a first action due by then if need be); if the date must stand, record the decision in a review's `outcomes` for {risk_id}, and the finding stays as the record that the target was missed")),
                );
            }
        }
    }
}

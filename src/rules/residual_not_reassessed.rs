//! `residual-not-reassessed`: every action of a risk is done, yet its residual rating
//! was not set.

use serde_json::Value;

use crate::finding::Finding;
use crate::index::Index;
use crate::model::{Decision, Mitigation, Rating, Risk, Status};
use crate::source::Document;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That an active risk to `mitigate`, whose mitigations (other than cancelled ones) are
    /// all completed, has a `residual` rating; and, from git, that the residual rating as it
    /// stands was committed no earlier than the last of those completions (the commit that
    /// set its `status` to `completed`).
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
        code: ResidualNotReassessed,
        reads: Reads::RegisterAndHistory(&["/residual", "/status"]),
        summary: "every mitigation of a mitigate risk is completed, yet it has no residual rating, or (from git) it was rated before the last completion",
    }
}

impl ResidualNotReassessed {
    /// From git: the residual rating as it stands was set before the last completion.
    fn check_history(
        ctx: &Index<'_>,
        doc: &Document,
        risk: &Risk,
        residual: &Rating,
        done: &[&Mitigation],
        out: &mut Vec<Finding>,
    ) {
        let Some(risk_history) = ctx.history_of(&risk.id) else {
            return;
        };
        let residual_value =
            serde_json::json!({"impact": residual.impact, "likelihood": residual.likelihood});
        let Some(rated) = risk_history.value_since("/residual", &residual_value) else {
            return;
        };
        let completed = Value::String(Status::Completed.as_str().to_owned());
        let last_completion = done
            .iter()
            .filter_map(|mitigation| {
                let event = ctx
                    .history_of(&mitigation.id)?
                    .value_since("/status", &completed)?;
                Some((event, mitigation.id.as_str()))
            })
            .max_by_key(|(event, _)| event.commit.time);
        let Some((completion, mitigation_id)) = last_completion else {
            return;
        };
        if rated.commit.time >= completion.commit.time {
            return;
        }
        out.push(
            Finding::at_value(Self::CODE, doc, "/residual", format!(
                "the residual rating of {} ({residual}) was set in {} on {}, before {mitigation_id} was completed in {} on {}",
                risk.id,
                rated.commit.short_id(),
                rated.commit.date(),
                completion.commit.short_id(),
                completion.commit.date()
            ))
            .with_label("rated before the treatment finished")
            .with_help("re-rate the residual risk now that the work is done, and commit it (even if the rating stays the same, say so in a review outcome)"),
        );
    }
}

impl Rule for ResidualNotReassessed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, risk) in &ctx.risks {
            if !risk.is_active() || risk.decision() != Some(Decision::Mitigate) {
                continue;
            }
            let live: Vec<&Mitigation> = ctx
                .mitigations_of(&risk.id)
                .iter()
                .copied()
                .filter(|mitigation| mitigation.status != Status::Cancelled)
                .collect();
            if live.is_empty()
                || !live
                    .iter()
                    .all(|mitigation| mitigation.status == Status::Completed)
            {
                continue;
            }
            match &risk.residual {
                Some(residual) => Self::check_history(ctx, doc, risk, residual, &live, out),
                None => out.push(
                    Finding::at_key(Self::CODE, doc, "/inherent", format!("every mitigation of {} is completed, but it has no residual rating", risk.id))
                        .with_label("re-rate after treatment")
                        .with_help("add `residual: {impact: N, likelihood: N}` rating the risk as it stands now"),
                ),
            }
        }
    }
}

//! `review-overdue`: no recent review, or an active risk the latest review skipped.

use crate::finding::Finding;
use crate::index::Index;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// From the review records: that a review is dated within `review.cadence_days` (92 by
    /// default: quarterly) before the as-of date, and that the latest review covered every
    /// active risk (`risks: all`, or a list naming it). Risks identified after the latest
    /// review are left for the next one. Reviews dated after as-of do not count.
    ///
    /// ## Why an auditor cares
    ///
    /// SOC 2 expects risks to be assessed periodically (CC3.1 to CC3.4), and auditors ask
    /// for "quarterly risk review records". A missed quarter, or a review that skipped some
    /// risks, is a gap in the audit period.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # as of 2026-11-20; the latest review:
    /// kind: review
    /// id: REV-2026-Q2
    /// date: 2026-06-30
    /// risks: [R-001, R-002]      # and R-003 is active
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// kind: review
    /// id: REV-2026-Q4
    /// date: 2026-11-13
    /// risks: all
    /// ```
    pub struct ReviewOverdue {
        code: ReviewOverdue,
        reads: Reads::Register,
        summary: "no review within review.cadence_days before as-of, or an active risk the latest review did not cover",
    }
}

impl Rule for ReviewOverdue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let cadence = ctx.config.review.cadence_days;
        let Some((review_doc, review)) = ctx.latest_review() else {
            if ctx.risks.iter().any(|(_, risk)| risk.is_active()) {
                out.push(
                    Finding::at_key(Self::CODE, &ctx.register.config_doc, "/review", format!("no review is dated on or before {}", ctx.as_of))
                        .with_label(format!("reviews are due every {cadence} days"))
                        .with_help("record each periodic review as a `kind: review` document (date, chair, attendees, risks)"),
                );
            }
            return;
        };
        if ctx
            .next_review_due()
            .is_some_and(|due_by| due_by < ctx.as_of)
        {
            let days = (ctx.as_of - review.date).num_days();
            out.push(
                Finding::at_value(Self::CODE, review_doc, "/date", format!(
                    "the latest review, {}, was {days} days before {}; reviews are due every {cadence} days",
                    review.id, ctx.as_of
                ))
                .with_label("latest review")
                .with_help("hold the periodic risk review and record it as a `kind: review` document"),
            );
        }
        for (doc, risk) in &ctx.risks {
            if !risk.is_active() || risk.identified > review.date || review.risks.covers(&risk.id) {
                continue;
            }
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/id",
                    format!(
                        "the latest review, {} ({}), did not cover {}",
                        review.id, review.date, risk.id
                    ),
                )
                .with_label("not reviewed")
                .with_help(format!(
                    "cover {} in the next review (`risks: all`, or list it)",
                    risk.id
                )),
            );
        }
    }
}

//! `acceptance-expired`: an acceptance past its expiry, or granted for too long.

use crate::finding::Finding;
use crate::index::Index;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That an accepted risk's `treatment.expires` is not before the as-of date, and not
    /// more than `appetite.acceptance_max_days` after `approved_on`.
    ///
    /// ## Why an auditor cares
    ///
    /// Acceptances are time-boxed so that someone looks at the risk again. An expired
    /// acceptance means the risk is, today, accepted by nobody; one granted for five years
    /// dodges the policy's renewal period.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # as of 2026-11-20, with acceptance_max_days: 365
    /// treatment:
    ///   decision: accept
    ///   approved_on: 2025-06-01
    ///   expires: 2026-06-01          # expired
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// treatment:
    ///   decision: accept
    ///   approved_on: 2026-06-01
    ///   expires: 2027-06-01
    /// ```
    pub struct AcceptanceExpired {
        code: AcceptanceExpired,
        reads: Reads::Register,
        summary: "an acceptance whose expires is past, or too long after approved_on",
    }
}

impl Rule for AcceptanceExpired {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let max_days = ctx
            .config
            .appetite
            .as_ref()
            .and_then(|appetite| appetite.acceptance_max_days);
        for (doc, risk, expires) in ctx.acceptance_expiries() {
            let Some(treatment) = &risk.treatment else {
                continue;
            };
            if ctx.has_expired(expires) {
                let days = (ctx.as_of - expires).num_days();
                out.push(
                    Finding::at_value(
                        Self::CODE,
                        doc,
                        "/treatment/expires",
                        format!(
                            "the acceptance of {} expired on {expires}, {days} days before {}",
                            risk.id, ctx.as_of
                        ),
                    )
                    .with_label("expired")
                    .with_help(
                        "renew the acceptance (new approved_on and expires) or change the decision",
                    ),
                );
                continue;
            }
            if let (Some(max_days), Some(approved_on)) = (max_days, treatment.approved_on) {
                let granted = (expires - approved_on).num_days();
                if granted > i64::from(max_days) {
                    out.push(
                        Finding::at_value(Self::CODE, doc, "/treatment/expires", format!("the acceptance of {} runs {granted} days from approval, over the {max_days}-day maximum", risk.id))
                            .with_label("too far out")
                            .with_help(format!("set `expires` at most {max_days} days after `approved_on` ({})", approved_on + chrono::Days::new(u64::from(max_days)))),
                    );
                }
            }
        }
    }
}

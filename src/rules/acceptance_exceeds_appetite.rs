//! `acceptance-exceeds-appetite`: an accepted risk above the appetite without an exception
//! approver.

use crate::finding::Finding;
use crate::index::Index;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That an accepted risk's level (residual if rated, else inherent) is at most
    /// `appetite.max_accepted_level`, unless `approved_by` is one of
    /// `appetite.exception_approvers`. Without `max_accepted_level` in the config the rule
    /// has nothing to compare against and stays quiet.
    ///
    /// ## Why an auditor cares
    ///
    /// The risk appetite is the board's statement of how much risk the company will live
    /// with. Accepting a risk above it, signed by someone without the authority to make an
    /// exception, contradicts the organization's own policy.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # riskreg.yaml: appetite: {max_accepted_level: medium, exception_approvers: [ceo]}
    /// inherent: {impact: 5, likelihood: 4}     # 20: critical
    /// treatment:
    ///   decision: accept
    ///   approved_by: cfo
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// inherent: {impact: 5, likelihood: 4}
    /// treatment:
    ///   decision: accept
    ///   approved_by: ceo       # an exception approver
    /// ```
    pub struct AcceptanceExceedsAppetite {
        code: AcceptanceExceedsAppetite,
        reads: Reads::Register,
        summary: "an accepted risk above the appetite's max_accepted_level, not approved by an exception approver",
    }
}

impl Rule for AcceptanceExceedsAppetite {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let Some(appetite) = &ctx.config.appetite else {
            return;
        };
        let Some(max_name) = &appetite.max_accepted_level else {
            return;
        };
        let Some(max_rank) = ctx.config.level_rank(max_name) else {
            return;
        };
        for (doc, risk) in ctx.accepted_risks() {
            let (rating, which) = match &risk.residual {
                Some(residual) => (residual, "residual"),
                None => (&risk.inherent, "inherent"),
            };
            let Some(level) = ctx.level_of(rating) else {
                continue;
            };
            if ctx
                .config
                .level_rank(&level.name)
                .is_none_or(|rank| rank <= max_rank)
            {
                continue;
            }
            let approver = risk
                .treatment
                .as_ref()
                .and_then(|t| t.approved_by.as_deref());
            if approver.is_some_and(|id| {
                appetite
                    .exception_approvers
                    .iter()
                    .any(|allowed| allowed == id)
            }) {
                continue;
            }
            let by = approver.map_or_else(|| "nobody".to_owned(), |id| format!("`{id}`"));
            let help = if appetite.exception_approvers.is_empty() {
                "mitigate the risk instead, or name `exception_approvers` under `appetite:` in riskreg.yaml".to_owned()
            } else {
                format!(
                    "have an exception approver ({}) approve it, or mitigate the risk",
                    appetite.exception_approvers.join(", ")
                )
            };
            out.push(
                Finding::at_value(Self::CODE, doc, "/treatment/decision", format!(
                    "{} is accepted at {which} level {} ({rating}, score {}), above the appetite ({max_name}), approved by {by}",
                    risk.id,
                    level.name,
                    rating.score()
                ))
                .with_label("accepted above appetite")
                .with_help(help),
            );
        }
    }
}

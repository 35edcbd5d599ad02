//! `stale-status`: an open mitigation nobody has touched for a review cycle.

use crate::finding::Finding;
use crate::index::Index;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// From git: that every open mitigation (planned, in-progress or blocked, treating an
    /// active risk) had its content changed by a commit within `review.cadence_days` (92 by
    /// default) before the as-of date. Comment and formatting edits do not count; a file
    /// with uncommitted changes counts as current. Skipped without git history.
    ///
    /// ## Why an auditor cares
    ///
    /// Auditors ask for "mitigation status with last updated timestamps". An action whose
    /// record has not moved for a quarter is either finished and not recorded, or
    /// forgotten; either way its status cannot be trusted.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # as of 2026-11-20; last commit that changed this file: 2026-05-04
    /// status: in-progress
    /// due: 2026-12-15
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// # committed 2026-10-28
    /// status: in-progress
    /// due: 2026-12-15
    /// updates:
    ///   - on: 2026-10-28
    ///     note: Rollout at 60%, on track
    /// ```
    pub struct StaleStatus {
        code: StaleStatus,
        reads: Reads::History(&[]),
        summary: "(from git) an open mitigation no commit has changed within review.cadence_days",
    }
}

impl Rule for StaleStatus {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        let cadence = ctx.config.review.cadence_days;
        for (doc, mitigation) in &ctx.mitigations {
            let Some(last) = ctx.stale_since(doc, mitigation) else {
                continue;
            };
            let changed = last.commit.date();
            let days = (ctx.as_of - changed).num_days();
            out.push(
                Finding::at_value(Self::CODE, doc, "/status", format!(
                    "mitigation {} ({}) has not changed since {changed} ({} in {}), {days} days before {}; reviews are every {cadence} days",
                    mitigation.id,
                    mitigation.status.as_str(),
                    last.commit.author,
                    last.commit.short_id(),
                    ctx.as_of
                ))
                .with_label("stale")
                .with_help("update the status, due date or `updates` log and commit it, or close the action"),
            );
        }
    }
}

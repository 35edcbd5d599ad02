//! `overdue`: an open mitigation past its due date.

use crate::finding::Finding;
use crate::index::Index;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That no planned, in-progress or blocked mitigation has a `due` date before the as-of
    /// date (`--as-of`, default today). Actions whose risks are all retired are exempt.
    ///
    /// ## Why an auditor cares
    ///
    /// Overdue actions mean the treatment plan is not being followed; an auditor samples
    /// them and asks why. Either finish the work, or re-plan it with a new date and record
    /// why it slipped.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # as of 2026-11-20
    /// status: in-progress
    /// due: 2026-09-30
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// status: in-progress
    /// due: 2026-12-15
    /// updates:
    ///   - {on: 2026-09-28, note: Vendor delay; due moved from 2026-09-30}
    /// ```
    pub struct Overdue {
        code: Overdue,
        reads: Reads::Register,
        summary: "a planned, in-progress or blocked mitigation past its due date",
    }
}

impl Rule for Overdue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        for (doc, mitigation) in &ctx.mitigations {
            let Some(due) = mitigation.due.filter(|_| ctx.is_overdue(mitigation)) else {
                continue;
            };
            let days = (ctx.as_of - due).num_days();
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/due",
                    format!(
                        "mitigation {} ({}) was due {due}, {days} day{} before {}",
                        mitigation.id,
                        mitigation.status.as_str(),
                        if days == 1 { "" } else { "s" },
                        ctx.as_of
                    ),
                )
                .with_label("past due")
                .with_help("complete it, or move `due` and note why in `updates`"),
            );
        }
    }
}

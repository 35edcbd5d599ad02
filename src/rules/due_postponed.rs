//! `due-postponed`: an open mitigation whose due date keeps moving later.

use crate::finding::Finding;
use crate::index::{DueMove, Index};
use crate::model::Mitigation;

use super::{Reads, Rule, RuleMeta};

declare_rule! {
    /// ## What it checks
    ///
    /// That an open mitigation's `due` date has not been moved later
    /// `review.max_postponements` times or more (default 2), nor later by more days in all
    /// than the treatment target of its risk's inherent level (`treatment_target_days`).
    /// The moves come from git: every commit that changed `due`, and the work tree when it
    /// holds another date than the last commit. A move earlier does not count; a document
    /// re-created under the same ID continues the count. Completed and cancelled actions,
    /// and actions whose risks are all retired, are exempt. Skipped without git history.
    ///
    /// ## Why an auditor cares
    ///
    /// A timeline that is not followed reduces accountability: a due date pushed back
    /// again and again means the plan is not the plan. The current file shows one date;
    /// only the history shows every move, and an auditor who finds it will ask why nobody
    /// re-planned the treatment.
    ///
    /// ## Failing example
    ///
    /// ```yaml
    /// # due moved 2026-03-31 -> 2026-04-30 -> 2026-06-30 in two commits
    /// status: in-progress
    /// due: 2026-06-30
    /// ```
    ///
    /// ## Passing example
    ///
    /// ```yaml
    /// # due moved once, with the reason recorded
    /// status: in-progress
    /// due: 2026-04-30
    /// updates:
    ///   - {on: 2026-03-28, note: Vendor delivery slipped; re-planned with the vendor's date}
    /// ```
    pub struct DuePostponed {
        code: DuePostponed,
        reads: Reads::History(&["/due"]),
        summary: "(from git) an open mitigation whose due was moved later review.max_postponements times or more, or in all by more than its risk level's target days",
    }
}

impl DuePostponed {
    /// The fewest treatment target days among the active risks the action treats.
    fn target_days(ctx: &Index<'_>, mitigation: &Mitigation) -> Option<u32> {
        mitigation
            .risks
            .iter()
            .filter_map(|id| ctx.risk(id))
            .filter(|risk| risk.is_active())
            .filter_map(|risk| {
                let level = ctx.level_of(&risk.inherent)?;
                ctx.config.treatment_target_days.get(&level.name).copied()
            })
            .min()
    }
}

impl Rule for DuePostponed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Index<'_>, out: &mut Vec<Finding>) {
        if ctx.history.is_none() {
            return;
        }
        let max = ctx.config.review.max_postponements;
        for (doc, mitigation) in &ctx.mitigations {
            if !mitigation.status.is_open() || !ctx.treats_active_risk(mitigation) {
                continue;
            }
            let later: Vec<DueMove<'_>> = ctx
                .due_moves(mitigation)
                .into_iter()
                .filter(DueMove::is_later)
                .collect();
            let days: i64 = later
                .iter()
                .map(|moved| (moved.to - moved.from).num_days())
                .sum();
            let target = Self::target_days(ctx, mitigation);
            let too_often = later.len() >= max as usize;
            let too_far = target.is_some_and(|target| days > i64::from(target));
            if !too_often && !too_far {
                continue;
            }
            let times = match later.len() {
                1 => "once".to_owned(),
                2 => "twice".to_owned(),
                count => format!("{count} times"),
            };
            let beyond = match target {
                Some(target) if too_far => format!(", {days} days in all (target {target} days)"),
                _ => format!(", {days} days in all"),
            };
            let moves: Vec<String> = later.iter().map(DueMove::describe).collect();
            out.push(
                Finding::at_value(
                    Self::CODE,
                    doc,
                    "/due",
                    format!(
                        "the due date of mitigation {} was moved later {times}{beyond}: {}",
                        mitigation.id,
                        moves.join("; ")
                    ),
                )
                .with_label(format!("postponed {times}"))
                .with_help(
                    "finish it, or re-plan the treatment with a date the owner commits to and record why in `updates` (or raise `review.max_postponements`)",
                ),
            );
        }
    }
}

//! The appetite and the method: the whole of the config's appetite, the levels with their
//! score bands, the treatment targets and the review cadence.

use super::super::view::{AppetiteView, LevelView, MethodView, TargetView};
use super::Builder;
use super::heatmap::tone;

impl Builder<'_> {
    /// The appetite as configured, approvers by name.
    pub(super) fn appetite(&self) -> Option<AppetiteView> {
        let appetite = self.config.appetite.as_ref()?;
        Some(AppetiteView {
            statement: appetite.statement.clone(),
            max_accepted_level: appetite.max_accepted_level.clone(),
            exception_approvers: appetite.exception_approvers.clone(),
            acceptance_max_days: appetite.acceptance_max_days,
            exception_approver_names: appetite
                .exception_approvers
                .iter()
                .map(|id| self.person(id))
                .collect(),
        })
    }

    /// The levels, the treatment targets in the levels' order (others after, by name) and
    /// the review cadence.
    pub(super) fn method(&self) -> MethodView {
        let config = self.config;
        let top = config.scale.impact.len() as u32 * config.scale.likelihood.len() as u32;
        let levels = config
            .levels
            .iter()
            .enumerate()
            .map(|(rank, level)| LevelView {
                name: level.name.clone(),
                min: level.min,
                max: config
                    .levels
                    .get(rank + 1)
                    .map_or(top, |next| next.min.saturating_sub(1)),
                tone: tone(config, Some(&level.name)),
            })
            .collect();
        let mut targets: Vec<(usize, TargetView)> = config
            .treatment_target_days
            .iter()
            .map(|(level, days)| {
                (
                    config.level_rank(level).unwrap_or(usize::MAX),
                    TargetView {
                        level: level.clone(),
                        days: *days,
                    },
                )
            })
            .collect();
        targets.sort_by_key(|(rank, _)| *rank);
        MethodView {
            levels,
            treatment_targets: targets.into_iter().map(|(_, target)| target).collect(),
            review_cadence_days: config.review.cadence_days,
        }
    }
}

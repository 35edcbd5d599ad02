//! The summary section: counts of risks by decision and level, actions by status, findings.

use std::collections::BTreeMap;

use crate::finding::Tally;
use crate::model::{Decision, Rating, Risk, Status};

use super::super::view::{Count, Summary};
use super::Builder;

/// What an active risk without a decision is counted as.
const UNTREATED: &str = "untreated";

/// What a risk without a residual rating is counted as.
const NOT_RATED: &str = "not rated";

impl Builder<'_> {
    /// The summary of the active risks; `overdue` and `stale` come from the attention
    /// section, `unreadable` from the list of unreadable files.
    pub(super) fn summary(
        &self,
        active: &[&Risk],
        overdue: usize,
        stale: usize,
        unreadable: usize,
    ) -> Summary {
        let config = self.config;
        let level_names = || config.levels.iter().map(|level| level.name.clone());
        let level_of = |rating: &Rating| {
            config
                .level_of(rating.score())
                .map(|level| level.name.clone())
                .unwrap_or_default()
        };
        Summary {
            active_risks: active.len(),
            retired_risks: self.index.risks.len() - active.len(),
            by_decision: counts(
                Decision::ALL
                    .iter()
                    .map(|decision| decision.as_str())
                    .chain([UNTREATED])
                    .map(String::from),
                active.iter().map(|risk| {
                    risk.decision()
                        .map_or(UNTREATED, Decision::as_str)
                        .to_owned()
                }),
            ),
            by_inherent_level: counts(
                level_names(),
                active.iter().map(|risk| level_of(&risk.inherent)),
            ),
            by_residual_level: counts(
                level_names().chain([NOT_RATED.to_owned()]),
                active.iter().map(|risk| {
                    risk.residual
                        .as_ref()
                        .map_or_else(|| NOT_RATED.to_owned(), level_of)
                }),
            ),
            actions_by_status: counts(
                Status::ALL.map(|status| status.as_str().to_owned()),
                self.index
                    .mitigations
                    .iter()
                    .map(|(_, mitigation)| mitigation.status.as_str().to_owned()),
            ),
            overdue,
            stale,
            postponed: self
                .index
                .mitigations
                .iter()
                .filter(|(_, mitigation)| {
                    mitigation.status.is_open()
                        && self.index.treats_active_risk(mitigation)
                        && self
                            .index
                            .due_moves(mitigation)
                            .iter()
                            .any(|moved| moved.is_later())
                })
                .count(),
            findings: Tally::of(self.findings),
            unreadable,
        }
    }
}

/// How many `values` there are of each name, in the order of `names`; values not among the
/// names follow, in alphabetical order.
fn counts(
    names: impl IntoIterator<Item = String>,
    values: impl IntoIterator<Item = String>,
) -> Vec<Count> {
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for value in values {
        *tally.entry(value).or_default() += 1;
    }
    let mut result: Vec<Count> = Vec::new();
    for name in names {
        let count = tally.remove(&name).unwrap_or(0);
        result.push(Count { name, count });
    }
    result.extend(tally.into_iter().map(|(name, count)| Count { name, count }));
    result
}

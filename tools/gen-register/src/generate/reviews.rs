//! Quarterly review records.

use chrono::{Datelike, NaiveDate};

use crate::calendar::date;
use crate::model::{ReviewDoc, RiskDoc, Treatment};
use crate::organization::{CISO, EXECUTIVES, OWNERS};
use crate::phrases::{ACCEPTANCE_NOTES, OUTCOME_NOTES};

use super::Generator;

impl Generator {
    /// Draws `count` quarterly reviews, each held within three weeks after its quarter ended,
    /// the latest one covering all risks.
    pub(super) fn reviews(&mut self, risks: &[RiskDoc], count: usize) -> Vec<ReviewDoc> {
        let as_of = date(self.as_of);
        let quarter_start = |date: NaiveDate| {
            let month = (date.month0() / 3) * 3 + 1;
            NaiveDate::from_ymd_opt(date.year(), month, 1).unwrap_or(date)
        };
        // The end of the last quarter that ended before as-of.
        let mut quarter_end = quarter_start(as_of).num_days_from_ce() - 1;
        let mut reviews = Vec::with_capacity(count);
        for index in 0..count {
            let end = date(quarter_end);
            let quarter = end.month0() / 3 + 1;
            let latest = index == 0;
            let day = quarter_end + self.rng.range(1, 21.min(self.as_of - quarter_end));
            let known = risks.partition_point(|risk| risk.identified <= day);
            let active: Vec<usize> = (0..known)
                .filter(|&r| risks[r].retired.is_none_or(|(on, _)| on > day))
                .collect();

            let deep_dive = !latest && index % 2 == 1;
            let scope = deep_dive.then(|| {
                let mut high: Vec<usize> = active
                    .iter()
                    .copied()
                    .filter(|&r| risks[r].inherent.score() >= 10)
                    .collect();
                while high.len() > 25 {
                    let drop = self.rng.below(high.len());
                    high.swap_remove(drop);
                }
                high.sort_unstable();
                high
            });
            let candidates = scope.as_deref().unwrap_or(&active);
            let mut outcomes: Vec<(usize, &'static str)> = Vec::new();
            if !candidates.is_empty() {
                for _ in 0..self.rng.range(3, 6) {
                    let risk = self.rng.pick(candidates);
                    if outcomes.iter().all(|&(r, _)| r != risk) {
                        let notes = match risks[risk].treatment {
                            Treatment::Accept { .. } => ACCEPTANCE_NOTES,
                            _ => OUTCOME_NOTES,
                        };
                        outcomes.push((risk, self.rng.pick(notes)));
                    }
                }
            }
            outcomes.sort_unstable_by_key(|&(r, _)| r);

            let mut attendees = vec![CISO, 1, 3];
            for _ in 0..self.rng.range(3, 6) {
                let person = EXECUTIVES + self.rng.below(OWNERS.len() - EXECUTIVES);
                if !attendees.contains(&person) {
                    attendees.push(person);
                }
            }
            attendees.sort_unstable();

            let period = format!("Q{quarter} {}", end.year());
            let mut notes = vec![
                if deep_dive {
                    format!("Deep dive on high and critical risks for {period}.")
                } else {
                    format!("Quarterly review of the risk register for {period}.")
                },
                format!(
                    "{} active risks on the register at the time of the review.",
                    active.len()
                ),
            ];
            if self.rng.chance(0.5) {
                notes.push("Acceptances expiring next quarter were assigned for renewal.".into());
            }
            reviews.push(ReviewDoc {
                id: format!("REV-{}-Q{quarter}", end.year()),
                title: format!("{period} risk review"),
                date: day,
                attendees,
                scope,
                notes,
                outcomes,
            });
            quarter_end = quarter_start(end).num_days_from_ce() - 1;
        }
        reviews.reverse();
        reviews
    }
}

//! The trend of a register (`riskreg trend`, the report's trend section): its counts at the
//! end of every period, in the JSON shape of the spec (section 6).

pub mod chart;
mod mermaid;
pub mod view;

use chrono::NaiveDate;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::view::Count;
use crate::finding::Tally;

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Every {
    /// A week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
}

/// The register at the end of every period.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Trend {
    /// The format's version.
    pub version: u32,
    /// How long a period is.
    pub every: Every,
    /// Every period, oldest first.
    pub periods: Vec<TrendPeriod>,
}

/// The register as committed at the end of one period, judged as of that date.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct TrendPeriod {
    /// The period's last day.
    pub end: NaiveDate,
    /// The commit that held the register then (`None` before its first commit).
    pub commit: Option<String>,
    /// Active risks.
    pub active_risks: usize,
    /// Retired risks.
    pub retired_risks: usize,
    /// Active risks by decision (`untreated` for none).
    pub by_decision: Counts,
    /// Active risks by inherent level.
    pub by_inherent_level: Counts,
    /// Active risks by residual level (`unrated` for none).
    pub by_residual_level: Counts,
    /// Actions by status.
    pub actions_by_status: Counts,
    /// Open actions past their due date.
    pub overdue: usize,
    /// Open actions not updated within the review cadence.
    pub stale: usize,
    /// Active accepted risks whose acceptance expires within the report's "expiring soon"
    /// window (60 days) from the period's end, as the report's attention section lists them.
    pub acceptances_expiring: usize,
    /// Findings by severity.
    pub findings: Tally,
    /// What happened after the previous period's end, up to this one.
    pub changes: PeriodChanges,
}

/// What changed within a period, counted where each commit landed on the first-parent line
/// (a merged branch's commits at their merge).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PeriodChanges {
    /// Risks added.
    pub risks_added: usize,
    /// Risks retired.
    pub risks_retired: usize,
    /// Risks whose inherent or residual rating changed (a first residual rating included).
    pub risks_rerated: usize,
    /// Actions completed.
    pub actions_completed: usize,
}

/// Counts under names, in a fixed order, serialized as one JSON object.
#[derive(Debug, Clone, Default)]
pub struct Counts(pub Vec<Count>);

impl Counts {
    /// The count under a name (0 when absent).
    pub fn get(&self, name: &str) -> usize {
        self.0
            .iter()
            .find(|count| count.name == name)
            .map_or(0, |count| count.count)
    }

    /// The same names, every count 0.
    pub fn zeroed(&self) -> Counts {
        Counts(
            self.0
                .iter()
                .map(|count| Count {
                    name: count.name.clone(),
                    count: 0,
                })
                .collect(),
        )
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for count in &self.0 {
            map.serialize_entry(&count.name, &count.count)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Counts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Reads the entries of a JSON object in their order.
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = Counts;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("counts by name")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Counts, A::Error> {
                let mut counts = Vec::new();
                while let Some((name, count)) = map.next_entry()? {
                    counts.push(Count { name, count });
                }
                Ok(Counts(counts))
            }
        }
        deserializer.deserialize_map(InOrder)
    }
}

impl TrendPeriod {
    /// A period before the register's first commit: no commit, every count 0, the names
    /// of `shape`'s counts.
    pub fn empty(end: NaiveDate, shape: Option<&TrendPeriod>) -> TrendPeriod {
        let zero = |counts: Option<&Counts>| counts.map(Counts::zeroed).unwrap_or_default();
        TrendPeriod {
            end,
            commit: None,
            active_risks: 0,
            retired_risks: 0,
            by_decision: zero(shape.map(|shape| &shape.by_decision)),
            by_inherent_level: zero(shape.map(|shape| &shape.by_inherent_level)),
            by_residual_level: zero(shape.map(|shape| &shape.by_residual_level)),
            actions_by_status: zero(shape.map(|shape| &shape.actions_by_status)),
            overdue: 0,
            stale: 0,
            acceptances_expiring: 0,
            findings: Tally::default(),
            changes: PeriodChanges::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trend_reads_back_from_its_json_with_counts_in_their_order() {
        let counts = |names: &[(&str, usize)]| {
            Counts(
                names
                    .iter()
                    .map(|&(name, count)| Count {
                        name: name.to_owned(),
                        count,
                    })
                    .collect(),
            )
        };
        let mut period =
            TrendPeriod::empty(NaiveDate::from_ymd_opt(2026, 3, 31).expect("a date"), None);
        period.commit = Some("a".repeat(40));
        period.by_residual_level = counts(&[("low", 2), ("critical", 1), ("unrated", 0)]);
        period.by_decision = counts(&[("untreated", 1), ("mitigate", 4)]);
        period.findings = Tally {
            errors: 3,
            warnings: 5,
        };
        period.changes.risks_rerated = 2;
        let trend = Trend {
            version: 1,
            every: Every::Quarter,
            periods: vec![period],
        };
        let json = serde_json::to_string(&trend).expect("JSON");
        let read: Trend = serde_json::from_str(&json).expect("read back");
        assert_eq!(serde_json::to_string(&read).expect("JSON"), json);
        assert_eq!(
            read.periods[0]
                .by_residual_level
                .0
                .iter()
                .map(|count| count.name.as_str())
                .collect::<Vec<_>>(),
            ["low", "critical", "unrated"]
        );
    }
}

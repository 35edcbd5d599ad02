//! The report's trend section: the table, the SVG charts' geometry ([`super::chart`]) and
//! the Mermaid chart ([`super::mermaid`]), built from a [`Trend`].

use chrono::NaiveDate;
use serde::Serialize;

use super::chart::{self, Chart, Values};
use super::{Every, Trend, TrendPeriod, mermaid};

/// The key and name of the risks without a residual rating.
const UNRATED: (&str, &str) = ("unrated", "not rated");

/// The patterns of the levels' bars, lowest level first (denser is higher).
const PATTERNS: [&str; 6] = ["plain", "dots", "hatch", "cross", "lines", "grid"];

/// The trend section of the report.
#[derive(Debug, Serialize)]
pub struct TrendView {
    /// How long a period is.
    pub every: Every,
    /// The first period's end.
    pub first: Option<NaiveDate>,
    /// The last period's end.
    pub last: Option<NaiveDate>,
    /// The residual levels, lowest first, then the risks not rated: the table's columns
    /// and the legend of the Markdown chart.
    pub levels: Vec<LevelView>,
    /// One row per period, oldest first.
    pub rows: Vec<TrendRow>,
    /// Open risks by residual level, stacked.
    pub residual: Chart,
    /// Overdue and stale actions, as lines.
    pub actions: Chart,
    /// Open findings (errors and warnings), as lines.
    pub findings: Chart,
    /// The Mermaid source (`xychart-beta`) of the open risks by residual level, without the
    /// code fence. It holds no text from the register: its labels are dates.
    pub mermaid: String,
}

/// A residual level as the trend shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LevelView {
    /// The level's name (from the config), or `not rated`.
    pub name: String,
    /// Its heat-map tone (`green`, `yellow`, `orange`, `red`; `none` for not rated).
    pub tone: &'static str,
}

/// One period of the trend table.
#[derive(Debug, Clone, Serialize)]
pub struct TrendRow {
    /// The period's label (`2026-06`, `2026 Q2`, or a week's last day).
    pub period: String,
    /// The period's last day.
    pub end: NaiveDate,
    /// The short ID of the commit that held the register then (none before it existed).
    pub commit: Option<String>,
    /// Active risks.
    pub active: usize,
    /// Active risks by residual level, in the order of [`TrendView::levels`].
    pub residual: Vec<usize>,
    /// Open actions past their due date.
    pub overdue: usize,
    /// Open actions not updated within the review cadence.
    pub stale: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
}

/// The colour of a level by its rank among `levels` levels, low to high: green, yellow,
/// orange, red (the heat maps' tones).
pub fn tone_of_rank(rank: usize, levels: usize) -> &'static str {
    const TONES: [&str; 4] = ["green", "yellow", "orange", "red"];
    let last = levels.saturating_sub(1).max(1);
    TONES[((rank.min(last)) * (TONES.len() - 1) + last / 2) / last]
}

/// The fill of a tone in the charts (the HTML report's heat-map colours).
fn fill(tone: &str) -> &'static str {
    match tone {
        "green" => "#cdebd3",
        "yellow" => "#fbefb3",
        "orange" => "#fbd3a6",
        "red" => "#f4b4b4",
        _ => "#ffffff",
    }
}

/// A period's label on the charts' axis.
fn label(end: NaiveDate, every: Every) -> String {
    use chrono::Datelike;
    match every {
        Every::Month => end.format("%Y-%m").to_string(),
        Every::Quarter => format!("{} Q{}", end.year(), end.month0() / 3 + 1),
        Every::Week => end.to_string(),
    }
}

/// The trend section from a trend, with the config's residual levels (lowest first).
pub fn section(trend: &Trend, level_names: &[String]) -> TrendView {
    let periods: Vec<String> = trend
        .periods
        .iter()
        .map(|period| label(period.end, trend.every))
        .collect();
    let mut levels: Vec<LevelView> = level_names
        .iter()
        .enumerate()
        .map(|(rank, name)| LevelView {
            name: name.clone(),
            tone: tone_of_rank(rank, level_names.len()),
        })
        .collect();
    levels.push(LevelView {
        name: UNRATED.1.to_owned(),
        tone: "none",
    });
    let residual = |period: &TrendPeriod| -> Vec<usize> {
        level_names
            .iter()
            .map(|name| period.by_residual_level.get(name))
            .chain([period.by_residual_level.get(UNRATED.0)])
            .collect()
    };
    let rows: Vec<TrendRow> = trend
        .periods
        .iter()
        .zip(&periods)
        .map(|(period, label)| TrendRow {
            period: label.clone(),
            end: period.end,
            commit: period
                .commit
                .as_deref()
                .map(|id| crate::git::short_id(id).to_owned()),
            active: period.active_risks,
            residual: residual(period),
            overdue: period.overdue,
            stale: period.stale,
            errors: period.findings.errors,
            warnings: period.findings.warnings,
        })
        .collect();
    let column = |pick: &dyn Fn(&TrendRow) -> usize| rows.iter().map(pick).collect::<Vec<_>>();
    let level_series: Vec<Values> = levels
        .iter()
        .enumerate()
        .map(|(index, level)| {
            let last = index + 1 == levels.len();
            Values {
                key: if last {
                    UNRATED.0.to_owned()
                } else {
                    format!("level-{index}")
                },
                name: level.name.clone(),
                colour: fill(level.tone),
                pattern: if last {
                    "outline"
                } else {
                    PATTERNS[index % PATTERNS.len()]
                },
                dashed: false,
                counts: column(&|row| row.residual[index]),
            }
        })
        .collect();
    let line = |key: &str, colour, pattern, dashed, counts| Values {
        key: key.to_owned(),
        name: key.to_owned(),
        colour,
        pattern,
        dashed,
        counts,
    };
    let span = span(trend);
    let mut residual_chart = chart::stacked(
        "trend-residual",
        "Open risks by residual level",
        &periods,
        &level_series,
    );
    residual_chart.desc = format!(
        "Open risks at the end of each {}{span}, stacked by residual level from {} at the bottom to not rated at the top.{}",
        every_name(trend.every),
        levels.first().map_or("", |level| level.name.as_str()),
        rows.last().map_or(String::new(), |row| {
            let parts: Vec<String> = levels
                .iter()
                .zip(&row.residual)
                .map(|(level, count)| format!("{} {count}", level.name))
                .collect();
            format!(
                " At {}: {} open ({}).",
                row.end,
                row.active,
                parts.join(", ")
            )
        }),
    );
    let mut actions = chart::lines(
        "trend-actions",
        "Overdue and stale actions",
        &periods,
        &[
            line(
                "overdue",
                "#b3261e",
                "circle",
                false,
                column(&|row| row.overdue),
            ),
            line("stale", "#6b4e00", "square", true, column(&|row| row.stale)),
        ],
    );
    actions.desc = format!(
        "Open actions past their due date (overdue) and not updated within the review cadence (stale) at the end of each {}{span}.{}",
        every_name(trend.every),
        rows.last().map_or(String::new(), |row| format!(
            " At {}: {} overdue, {} stale.",
            row.end, row.overdue, row.stale
        )),
    );
    let mut findings = chart::lines(
        "trend-findings",
        "Open findings",
        &periods,
        &[
            line(
                "errors",
                "#b3261e",
                "triangle",
                false,
                column(&|row| row.errors),
            ),
            line(
                "warnings",
                "#2453a6",
                "diamond",
                true,
                column(&|row| row.warnings),
            ),
        ],
    );
    findings.desc = format!(
        "Findings of every rule (errors and warnings) at the end of each {}{span}.{}",
        every_name(trend.every),
        rows.last().map_or(String::new(), |row| format!(
            " At {}: {} errors, {} warnings.",
            row.end, row.errors, row.warnings
        )),
    );
    let tones: Vec<(&str, Vec<usize>)> = levels
        .iter()
        .zip(&level_series)
        .map(|(level, values)| (level.tone, values.counts.clone()))
        .collect();
    let mermaid = mermaid::stacked_bars(
        "Open risks by residual level",
        "Open risks",
        &periods,
        &tones,
    );
    TrendView {
        every: trend.every,
        first: trend.periods.first().map(|period| period.end),
        last: trend.periods.last().map(|period| period.end),
        levels,
        rows,
        residual: residual_chart,
        actions,
        findings,
        mermaid,
    }
}

/// A period's name in a sentence.
fn every_name(every: Every) -> &'static str {
    match every {
        Every::Week => "week",
        Every::Month => "month",
        Every::Quarter => "quarter",
    }
}

/// ` from 2025-12-31 to 2026-11-20`, or nothing for no period.
fn span(trend: &Trend) -> String {
    match (trend.periods.first(), trend.periods.last()) {
        (Some(first), Some(last)) => format!(" from {} to {}", first.end, last.end),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_spread_over_the_levels() {
        let tones: Vec<&str> = (0..4).map(|rank| tone_of_rank(rank, 4)).collect();
        assert_eq!(tones, ["green", "yellow", "orange", "red"]);
        let tones: Vec<&str> = (0..3).map(|rank| tone_of_rank(rank, 3)).collect();
        assert_eq!(tones, ["green", "orange", "red"]);
        assert_eq!(tone_of_rank(0, 1), "green");
    }
}

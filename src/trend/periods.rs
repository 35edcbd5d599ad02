//! Period ends: the last day of every week (Sunday), month or quarter.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::report::trend::Every;

/// The last day of the period holding `date`.
fn end_of(date: NaiveDate, every: Every) -> Option<NaiveDate> {
    match every {
        Every::Week => date.checked_add_days(Days::new(u64::from(
            6 - date.weekday().num_days_from_monday(),
        ))),
        Every::Month | Every::Quarter => {
            let month = match every {
                Every::Quarter => (date.month0() / 3) * 3 + 1,
                _ => date.month(),
            };
            let months = if every == Every::Quarter { 3 } else { 1 };
            NaiveDate::from_ymd_opt(date.year(), month, 1)?
                .checked_add_months(Months::new(months))?
                .pred_opt()
        }
    }
}

/// The end of the period before the one ending on `end`.
pub fn step_back(end: NaiveDate, every: Every) -> Option<NaiveDate> {
    match every {
        Every::Week => end.checked_sub_days(Days::new(7)),
        Every::Month | Every::Quarter => {
            let months = if every == Every::Quarter { 3 } else { 1 };
            let first = NaiveDate::from_ymd_opt(end.year(), end.month(), 1)?;
            end_of(first.checked_sub_months(Months::new(months))?, every)
        }
    }
}

/// The end of every period from the one holding `since` to the one holding `until`, the
/// last cut at `until` (a period still running ends today); oldest first.
pub fn period_ends(since: NaiveDate, until: NaiveDate, every: Every) -> Vec<NaiveDate> {
    let mut ends = Vec::new();
    let mut at = since;
    while at <= until {
        let Some(end) = end_of(at, every) else { break };
        ends.push(end.min(until));
        let Some(next) = end.succ_opt() else { break };
        at = next;
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn ends_months_quarters_and_weeks() {
        assert_eq!(
            period_ends(date("2026-01-15"), date("2026-03-31"), Every::Month),
            [date("2026-01-31"), date("2026-02-28"), date("2026-03-31")]
        );
        assert_eq!(
            period_ends(date("2026-02-01"), date("2026-08-10"), Every::Quarter),
            [date("2026-03-31"), date("2026-06-30"), date("2026-08-10")]
        );
        // 2026-06-03 is a Wednesday.
        assert_eq!(
            period_ends(date("2026-06-03"), date("2026-06-14"), Every::Week),
            [date("2026-06-07"), date("2026-06-14")]
        );
        assert_eq!(
            step_back(date("2026-03-31"), Every::Month),
            Some(date("2026-02-28"))
        );
        assert_eq!(
            step_back(date("2026-03-31"), Every::Quarter),
            Some(date("2025-12-31"))
        );
    }
}

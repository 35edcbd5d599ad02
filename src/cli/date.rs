//! The one parser for every date a flag takes (`--as-of`, `--at`, `--since`, `--until`,
//! `diff @DATE`): YYYY-MM-DD, and when a value is not one, a message that says why.

use chrono::{Datelike, NaiveDate};

/// The format a date flag expects, with an example.
const EXPECTED: &str = "expected a date as YYYY-MM-DD, e.g. 2026-03-31";

/// Parses a date given on the command line; the error says what is wrong with it.
pub fn parse(text: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(EXPECTED.to_owned());
    };
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return Err(EXPECTED.to_owned());
    }
    let (year, month, day): (i32, u32, u32) = (
        year.parse().map_err(|_| EXPECTED.to_owned())?,
        month.parse().map_err(|_| EXPECTED.to_owned())?,
        day.parse().map_err(|_| EXPECTED.to_owned())?,
    );
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Err(format!(
            "there is no month {month:02}: months run from 01 to 12 (YYYY-MM-DD)"
        ));
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let next = first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(first);
        let days = next.signed_duration_since(first).num_days();
        format!(
            "{} {} has {days} days (YYYY-MM-DD)",
            first.format("%B"),
            first.year()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_what_is_wrong() {
        assert_eq!(
            parse("2026-02-28"),
            NaiveDate::from_ymd_opt(2026, 2, 28).ok_or_else(String::new)
        );
        assert_eq!(
            parse("2026-02-30"),
            Err("February 2026 has 28 days (YYYY-MM-DD)".to_owned())
        );
        assert_eq!(
            parse("2028-02-30"),
            Err("February 2028 has 29 days (YYYY-MM-DD)".to_owned())
        );
        assert_eq!(
            parse("2026-13-01"),
            Err("there is no month 13: months run from 01 to 12 (YYYY-MM-DD)".to_owned())
        );
        assert_eq!(
            parse("2026-00-01"),
            Err("there is no month 00: months run from 01 to 12 (YYYY-MM-DD)".to_owned())
        );
        for bad in ["yesterday", "2026-1-5", "31/01/2026", "", "2026-01-0a"] {
            assert_eq!(parse(bad), Err(EXPECTED.to_owned()), "{bad}");
        }
    }
}

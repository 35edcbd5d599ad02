//! Calendar days as plain numbers.

use std::fmt;

use chrono::NaiveDate;

/// A calendar day as a day number (`NaiveDate::num_days_from_ce`), cheap to add and compare.
pub type Day = i32;

/// Displays a [`Day`] as `YYYY-MM-DD`.
pub struct Ymd(pub Day);

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match NaiveDate::from_num_days_from_ce_opt(self.0) {
            Some(date) => write!(f, "{date}"),
            None => Err(fmt::Error),
        }
    }
}

/// The calendar date of a [`Day`] (1970-01-01 if out of range, which the generator never makes).
pub fn date(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default()
}

//! Draws the register: its risks, their mitigations and the reviews, consistent with the
//! register contract as of a date.

mod mitigations;
mod reviews;
mod risks;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use crate::calendar::Day;
use crate::model::Register;
use crate::rng::Rng;

/// Draws a consistent register as of a date.
pub struct Generator {
    /// The random source.
    rng: Rng,
    /// The date everything is consistent as of.
    as_of: Day,
    /// Share of documents given a warning-level defect.
    defects: f64,
}

impl Generator {
    /// A generator of registers consistent as of `as_of`, drawn from `seed`, with `defects` the
    /// share of documents given a warning-level defect.
    pub fn new(seed: u64, as_of: NaiveDate, defects: f64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            as_of: as_of.num_days_from_ce(),
            defects,
        }
    }

    /// Draws a register of `risk_count` risks, `mitigation_count` mitigations and
    /// `review_count` reviews.
    pub fn register(
        mut self,
        risk_count: usize,
        mitigation_count: usize,
        review_count: usize,
    ) -> Result<Register> {
        let mut risks = self.risks(risk_count, mitigation_count);
        let mitigations = self.mitigations(&risks, mitigation_count)?;
        self.reassess(&mut risks, &mitigations);
        let reviews = self.reviews(&risks, review_count);
        Ok(Register {
            risks,
            mitigations,
            reviews,
        })
    }
}

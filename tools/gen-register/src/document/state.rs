//! What may differ between the versions of a document, and how each version is laid out.

use crate::calendar::Day;
use crate::model::{Doc, MitigationDoc, Rating, Register, RiskDoc, Status, Treatment};

/// How a version of a document is laid out: as the final files are, or with one of the
/// variations hand-edited files have. The parsed content is the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The layout of the final files.
    Plain,
    /// A comment line after the title.
    Comment(&'static str),
    /// Dates in double quotes.
    QuotedDates,
    /// Lists as block sequences instead of `[a, b]`.
    BlockLists,
}

/// What may differ between the versions of a risk (the rest is as in its [`RiskDoc`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskState {
    /// Index into [`OWNERS`](crate::organization::OWNERS).
    pub owner: usize,
    /// The residual rating, once rated.
    pub residual: Option<Rating>,
    /// The decision and its backing.
    pub treatment: Treatment,
    /// When and why it was retired.
    pub retired: Option<(Day, &'static str)>,
    /// How many of the risk's systems are listed (the first ones).
    pub systems: usize,
    /// Whether the optional middle line of a three-line description is written.
    pub full_description: bool,
    /// Whether the title still lacks its scope qualifier (an older wording).
    pub short_title: bool,
    /// The layout.
    pub style: Style,
}

impl RiskState {
    /// The final version of `risk`.
    pub fn of(risk: &RiskDoc) -> RiskState {
        RiskState {
            owner: risk.owner,
            residual: risk.residual,
            treatment: risk.treatment,
            retired: risk.retired,
            systems: risk.systems.len(),
            full_description: true,
            short_title: false,
            style: Style::Plain,
        }
    }
}

/// What may differ between the versions of a mitigation (the rest is as in its
/// [`MitigationDoc`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MitigationState {
    /// Index into [`OWNERS`](crate::organization::OWNERS).
    pub owner: usize,
    /// When it is due.
    pub due: Day,
    /// Where it stands.
    pub status: Status,
    /// When it was completed.
    pub completed_on: Option<Day>,
    /// Whether the evidence is listed.
    pub evidence: bool,
    /// What blocks it.
    pub blocker: Option<&'static str>,
    /// How many entries of the progress log are written (the first ones).
    pub updates: usize,
    /// Whether the description is written.
    pub description: bool,
    /// The layout.
    pub style: Style,
}

impl MitigationState {
    /// The final version of `m`.
    pub fn of(m: &MitigationDoc) -> MitigationState {
        MitigationState {
            owner: m.owner,
            due: m.due,
            status: m.status,
            completed_on: m.completed_on,
            evidence: !m.evidence.is_empty(),
            blocker: m.blocker,
            updates: m.updates.len(),
            description: !m.description.is_empty(),
            style: Style::Plain,
        }
    }
}

/// What may differ between the versions of a review record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewState {
    /// Whether the outcomes are recorded.
    pub outcomes: bool,
    /// The layout.
    pub style: Style,
}

impl ReviewState {
    /// The final version of a review.
    pub fn of() -> ReviewState {
        ReviewState {
            outcomes: true,
            style: Style::Plain,
        }
    }
}

/// A version of a document of any kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Of a risk.
    Risk(RiskState),
    /// Of a mitigation.
    Mitigation(MitigationState),
    /// Of a review.
    Review(ReviewState),
}

impl State {
    /// The layout.
    pub fn style(&self) -> Style {
        match self {
            State::Risk(s) => s.style,
            State::Mitigation(s) => s.style,
            State::Review(s) => s.style,
        }
    }

    /// Changes the layout.
    pub fn set_style(&mut self, style: Style) {
        match self {
            State::Risk(s) => s.style = style,
            State::Mitigation(s) => s.style = style,
            State::Review(s) => s.style = style,
        }
    }
}

impl Register {
    /// The final version of document `n`.
    pub fn final_state(&self, n: usize) -> State {
        match self.doc(n) {
            Doc::Risk(r) => State::Risk(RiskState::of(&self.risks[r])),
            Doc::Mitigation(m) => State::Mitigation(MitigationState::of(&self.mitigations[m])),
            Doc::Review(_) => State::Review(ReviewState::of()),
        }
    }
}

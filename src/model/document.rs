use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Rating;

/// The kinds of document a register holds, as written in `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A risk (`kind: risk`).
    Risk,
    /// A mitigation action (`kind: mitigation`).
    Mitigation,
    /// A quarterly review record (`kind: review`).
    Review,
}

impl Kind {
    /// Every kind, in the order they are documented.
    pub const ALL: [Kind; 3] = [Kind::Risk, Kind::Mitigation, Kind::Review];

    /// The name written in `kind:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Risk => "risk",
            Kind::Mitigation => "mitigation",
            Kind::Review => "review",
        }
    }

    /// Parses the value of `kind:`.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// The typed content of a document, by kind.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Body {
    /// A risk.
    Risk(Risk),
    /// A mitigation action.
    Mitigation(Mitigation),
    /// A review record.
    Review(Review),
}

/// A risk: something that could go wrong, how bad it is, and how it is treated.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Risk {
    /// Unique ID across the register; the file name should start with it.
    #[schemars(pattern(r"^[A-Za-z][A-Za-z0-9._-]*$"))]
    pub id: String,
    /// One line saying what could go wrong.
    #[schemars(length(min = 1))]
    pub title: String,
    /// The scenario in prose.
    #[serde(default)]
    pub description: Option<String>,
    /// The accountable risk owner: an `owners[].id` of riskreg.yaml.
    #[serde(default)]
    pub owner: Option<String>,
    /// When the risk was identified (YYYY-MM-DD).
    pub identified: NaiveDate,
    /// The SOC 2 trust services criteria (or configured framework IDs) it bears on.
    #[serde(default)]
    pub criteria: Vec<String>,
    /// The systems it concerns.
    #[serde(default)]
    pub systems: Vec<String>,
    /// The rating before treatment.
    pub inherent: Rating,
    /// The rating after treatment, re-evaluated once mitigations are done.
    #[serde(default)]
    pub residual: Option<Rating>,
    /// How the organization responds to the risk (SOC 2 CC3.2).
    #[serde(default)]
    pub treatment: Option<Treatment>,
    /// Set when the risk no longer applies; retired risks are history only.
    #[serde(default)]
    pub retired: Option<Retirement>,
}

impl Risk {
    /// A risk that is not retired.
    pub fn is_active(&self) -> bool {
        self.retired.is_none()
    }

    /// The treatment decision, if one is recorded.
    pub fn decision(&self) -> Option<Decision> {
        self.treatment.as_ref().and_then(|t| t.decision)
    }
}

/// A risk's treatment: the decision and what backs it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Treatment {
    /// mitigate, accept, transfer or avoid.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Why this decision; required for accept, transfer and avoid.
    #[serde(default)]
    pub rationale: Option<String>,
    /// accept: the owner (with `approver: true`) who approved the acceptance.
    #[serde(default)]
    pub approved_by: Option<String>,
    /// accept: when the acceptance was approved.
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
    /// accept: when the acceptance must be renewed.
    #[serde(default)]
    pub expires: Option<NaiveDate>,
    /// transfer: the insurer, vendor or contract that carries the risk.
    #[serde(default)]
    pub transferred_to: Option<String>,
}

/// The four responses to a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// Reduce the risk with mitigation actions.
    Mitigate,
    /// Live with the risk, approved and time-boxed.
    Accept,
    /// Move the risk to a third party (insurance, vendor, contract).
    Transfer,
    /// Stop the activity that causes the risk.
    Avoid,
}

impl Decision {
    /// Every decision, in the order reports list them.
    pub const ALL: [Decision; 4] = [
        Decision::Mitigate,
        Decision::Accept,
        Decision::Transfer,
        Decision::Avoid,
    ];

    /// The name written in `treatment.decision`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Mitigate => "mitigate",
            Decision::Accept => "accept",
            Decision::Transfer => "transfer",
            Decision::Avoid => "avoid",
        }
    }
}

/// Why and when a risk stopped applying.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Retirement {
    /// The date the risk was retired.
    pub on: NaiveDate,
    /// Why it no longer applies.
    pub reason: String,
}

/// A mitigation action that treats one or more risks.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Mitigation {
    /// Unique ID across the register; the file name should start with it.
    #[schemars(pattern(r"^[A-Za-z][A-Za-z0-9._-]*$"))]
    pub id: String,
    /// What will be done.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Details of the action.
    #[serde(default)]
    pub description: Option<String>,
    /// The risks it treats (at least one).
    #[schemars(length(min = 1))]
    pub risks: Vec<String>,
    /// Who does it: an `owners[].id` of riskreg.yaml.
    #[serde(default)]
    pub owner: Option<String>,
    /// When it is due.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// planned, in-progress, blocked, completed or cancelled.
    pub status: Status,
    /// When it was completed; exactly when status is completed.
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// What blocks it; when status is blocked.
    #[serde(default)]
    pub blocker: Option<String>,
    /// Links or repository paths proving the work.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// A progress log.
    #[serde(default)]
    pub updates: Vec<Update>,
}

/// The lifecycle of a mitigation action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not started.
    Planned,
    /// Being worked on.
    InProgress,
    /// Stuck; `blocker` says on what.
    Blocked,
    /// Done; `completed_on` says when.
    Completed,
    /// Dropped.
    Cancelled,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 5] = [
        Status::Planned,
        Status::InProgress,
        Status::Blocked,
        Status::Completed,
        Status::Cancelled,
    ];

    /// Planned, in progress or blocked: work still owed.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Planned | Status::InProgress | Status::Blocked)
    }

    /// The name written in `status:`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in-progress",
            Status::Blocked => "blocked",
            Status::Completed => "completed",
            Status::Cancelled => "cancelled",
        }
    }
}

/// One entry of a mitigation's progress log.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Update {
    /// The date of the update.
    pub on: NaiveDate,
    /// What happened.
    pub note: String,
}

/// A periodic (quarterly) risk review record.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Review {
    /// Unique ID across the register, e.g. REV-2026-Q3.
    #[schemars(pattern(r"^[A-Za-z][A-Za-z0-9._-]*$"))]
    pub id: String,
    /// An optional heading for the review.
    #[serde(default)]
    pub title: Option<String>,
    /// When the review meeting took place.
    pub date: NaiveDate,
    /// Who chaired it: an `owners[].id`.
    #[serde(default)]
    pub chair: Option<String>,
    /// Who attended: `owners[].id`s.
    #[serde(default)]
    pub attendees: Vec<String>,
    /// `all`, or the list of risk IDs reviewed.
    #[serde(default)]
    pub risks: ReviewScope,
    /// Minutes of the review.
    #[serde(default)]
    pub notes: Option<String>,
    /// Decisions taken per risk.
    #[serde(default)]
    pub outcomes: Vec<Outcome>,
}

/// Which risks a review covered: `all`, or a list of risk IDs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ReviewScope {
    /// Every active risk (`risks: all`).
    All(AllRisks),
    /// The listed risk IDs.
    Risks(Vec<String>),
}

/// The word `all` in a review's `risks:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum AllRisks {
    /// Every active risk.
    #[serde(rename = "all")]
    All,
}

impl Default for ReviewScope {
    fn default() -> Self {
        ReviewScope::All(AllRisks::All)
    }
}

impl ReviewScope {
    /// Whether the review covered the risk with this ID.
    pub fn covers(&self, risk_id: &str) -> bool {
        match self {
            ReviewScope::All(_) => true,
            ReviewScope::Risks(ids) => ids.iter().any(|id| id == risk_id),
        }
    }
}

/// A decision a review took about one risk.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Outcome {
    /// The risk's ID.
    pub risk: String,
    /// What was decided.
    pub note: String,
}

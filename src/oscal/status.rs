//! A risk's OSCAL status from its treatment and the state of its actions, for the register
//! as it stands and for each commit of its history.

use chrono::NaiveDate;
use serde_json::Value;

use crate::model::{Decision, Risk, Status};

/// The statuses riskreg gives risks (OSCAL's `risk-status` values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskStatus {
    /// No treatment decision, a mitigation with no live action, or an expired acceptance.
    Open,
    /// Mitigated, with actions still open.
    Remediating,
    /// Accepted, but the approval (`approved_by`, `approved_on`) is not recorded.
    DeviationRequested,
    /// Accepted, approved and not expired.
    DeviationApproved,
    /// Every live action completed, avoided, transferred, or retired.
    Closed,
}

impl RiskStatus {
    /// The OSCAL token.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskStatus::Open => "open",
            RiskStatus::Remediating => "remediating",
            RiskStatus::DeviationRequested => "deviation-requested",
            RiskStatus::DeviationApproved => "deviation-approved",
            RiskStatus::Closed => "closed",
        }
    }
}

/// What a risk's status depends on, besides its actions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Treatment {
    /// Whether it is retired.
    pub retired: bool,
    /// The decision.
    pub decision: Option<Decision>,
    /// Whether an acceptance records who approved it and when.
    pub approved: bool,
    /// When an acceptance expires.
    pub expires: Option<NaiveDate>,
}

impl Treatment {
    /// The treatment of a risk as it stands.
    pub fn of(risk: &Risk) -> Self {
        let treatment = risk.treatment.as_ref();
        Treatment {
            retired: risk.retired.is_some(),
            decision: risk.decision(),
            approved: treatment.is_some_and(|treatment| {
                treatment.approved_by.is_some() && treatment.approved_on.is_some()
            }),
            expires: treatment.and_then(|treatment| treatment.expires),
        }
    }

    /// The treatment of a committed version of a risk (the fields a history keeps).
    pub fn of_version(version: &Value) -> Self {
        let field = |pointer: &str| version.pointer(pointer).filter(|value| !value.is_null());
        Treatment {
            retired: field("/retired/on").is_some(),
            decision: field("/treatment/decision")
                .and_then(|value| serde_json::from_value(value.clone()).ok()),
            approved: field("/treatment/approved_by").is_some()
                && field("/treatment/approved_on").is_some(),
            expires: field("/treatment/expires")
                .and_then(Value::as_str)
                .and_then(|text| text.parse().ok()),
        }
    }

    /// The status on `date`, with the statuses of the actions that treat the risk.
    pub fn status(&self, actions: &[Status], date: NaiveDate) -> RiskStatus {
        if self.retired {
            return RiskStatus::Closed;
        }
        match self.decision {
            None => RiskStatus::Open,
            Some(Decision::Avoid | Decision::Transfer) => RiskStatus::Closed,
            Some(Decision::Accept) if !self.approved => RiskStatus::DeviationRequested,
            Some(Decision::Accept) if self.expires.is_some_and(|expires| expires < date) => {
                RiskStatus::Open
            }
            Some(Decision::Accept) => RiskStatus::DeviationApproved,
            Some(Decision::Mitigate) => {
                let live = actions
                    .iter()
                    .filter(|status| **status != Status::Cancelled);
                if live.clone().any(|status| status.is_open()) {
                    RiskStatus::Remediating
                } else if live.count() > 0 {
                    RiskStatus::Closed
                } else {
                    RiskStatus::Open
                }
            }
        }
    }
}

/// The status of a committed version of an action.
pub fn action_status(version: &Value) -> Option<Status> {
    serde_json::from_value(version.get("status")?.clone()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn status_by_decision_and_actions() {
        let on = day("2026-11-20");
        let treated = |decision| Treatment {
            decision: Some(decision),
            ..Treatment::default()
        };
        let mitigate = treated(Decision::Mitigate);
        use Status::*;
        assert_eq!(Treatment::default().status(&[], on), RiskStatus::Open);
        assert_eq!(mitigate.status(&[], on), RiskStatus::Open);
        assert_eq!(mitigate.status(&[Cancelled], on), RiskStatus::Open);
        assert_eq!(
            mitigate.status(&[Completed, Planned], on),
            RiskStatus::Remediating
        );
        assert_eq!(mitigate.status(&[Blocked], on), RiskStatus::Remediating);
        assert_eq!(
            mitigate.status(&[Completed, Cancelled], on),
            RiskStatus::Closed
        );
        assert_eq!(treated(Decision::Avoid).status(&[], on), RiskStatus::Closed);
        assert_eq!(
            treated(Decision::Transfer).status(&[Planned], on),
            RiskStatus::Closed
        );
        let accept = Treatment {
            approved: true,
            expires: Some(day("2026-12-31")),
            ..treated(Decision::Accept)
        };
        assert_eq!(accept.status(&[], on), RiskStatus::DeviationApproved);
        assert_eq!(accept.status(&[], day("2027-01-01")), RiskStatus::Open);
        let unapproved = Treatment {
            approved: false,
            ..accept
        };
        assert_eq!(unapproved.status(&[], on), RiskStatus::DeviationRequested);
        let retired = Treatment {
            retired: true,
            ..Treatment::default()
        };
        assert_eq!(retired.status(&[Planned], on), RiskStatus::Closed);
    }

    #[test]
    fn committed_versions_are_read() {
        let version = serde_json::json!({
            "treatment": {"decision": "accept", "approved_by": "alice",
                          "approved_on": "2026-01-01", "expires": "2026-12-31"}});
        let treatment = Treatment::of_version(&version);
        assert_eq!(treatment.decision, Some(Decision::Accept));
        assert!(treatment.approved && !treatment.retired);
        assert_eq!(treatment.expires, Some(day("2026-12-31")));
        assert_eq!(
            action_status(&serde_json::json!({"status": "in-progress"})),
            Some(Status::InProgress)
        );
    }
}

//! The stock sentences of treatment decisions, progress logs and review outcomes.

/// Rationales of accepted risks.
pub const ACCEPT_RATIONALES: &[&str] = &[
    "Compensating controls reduce the exposure to an acceptable level.",
    "Remediation would cost more than the expected loss over the next year.",
    "The affected system is scheduled for replacement next year.",
    "Exposure is limited to internal users behind SSO and the VPN.",
    "The vendor has committed to a fix on their roadmap; we follow up quarterly.",
];

/// Rationales and counterparties of transferred risks.
pub const TRANSFERS: &[(&str, &str)] = &[
    (
        "The financial impact is covered by our cyber liability insurance.",
        "Cyber liability policy with Halden Mutual (policy CY-2026-0418)",
    ),
    (
        "The provider operates this control and carries the risk under our contract.",
        "Master services agreement with the hosting provider, section 9",
    ),
    (
        "A loss would be compensated under the vendor's contractual liability.",
        "Vendor contract with uncapped liability for data breaches",
    ),
];

/// Rationales of avoided risks.
pub const AVOID_RATIONALES: &[&str] = &[
    "We stopped the activity that gives rise to this risk.",
    "The affected feature was withdrawn; the exposure no longer exists.",
    "The integration was switched off; the data flow no longer exists.",
];

/// Reasons a risk was retired.
pub const RETIRE_REASONS: &[&str] = &[
    "System decommissioned",
    "Merged into a broader risk",
    "Vendor offboarded",
    "Feature removed from the product",
];

/// What blocks a blocked mitigation.
pub const BLOCKERS: &[&str] = &[
    "Waiting on the vendor to enable SCIM on our plan",
    "Needs budget approval in the next planning cycle",
    "Depends on the Kubernetes upgrade scheduled by the platform team",
    "Contract renegotiation with the vendor is still open",
    "Waiting for legal review of the data processing terms",
    "The only engineer who can do it is on leave until next month",
];

/// Progress notes of mitigations being worked on, in the order work goes.
pub const PROGRESS_NOTES: &[&str] = &[
    "Kick-off with the owning team",
    "Design reviewed and approved",
    "Split into smaller tickets for the next sprints",
    "Pilot finished with the platform team",
    "Rolled out to staging",
    "Half of the accounts migrated",
    "Change approved by the change advisory board",
];

/// Last notes of completed mitigations.
pub const DONE_NOTES: &[&str] = &[
    "Rolled out to production",
    "Verified by the security team",
    "Evidence uploaded for the auditor",
];

/// Notes of planned mitigations.
pub const PLANNED_NOTES: &[&str] = &["Scheduled for next quarter", "Estimated at two sprints"];

/// Notes of cancelled mitigations.
pub const CANCEL_NOTES: &[&str] = &[
    "Cancelled; superseded by the company-wide SSO project",
    "Cancelled after the risk was re-rated",
    "Cancelled: another action covers the same control",
];

/// Decisions a review records about an accepted risk.
pub const ACCEPTANCE_NOTES: &[&str] = &[
    "Acceptance renewed for twelve months",
    "Acceptance confirmed; compensating controls re-tested",
    "Asked the owner to prepare a mitigation plan before renewal",
];

/// Decisions a review records about any other risk.
pub const OUTCOME_NOTES: &[&str] = &[
    "Rating confirmed; no change",
    "Likelihood lowered after the last action completed",
    "Owner asked to re-plan the open actions",
    "Escalated to the CEO for an exception decision",
    "New mitigation requested before the next review",
    "Residual rating updated after control testing",
];

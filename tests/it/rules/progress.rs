//! The progress of a mitigation and what its completion asks for:
//! `blocked-without-reason`, `completion-undated`, `completion-without-evidence` and
//! `residual-not-reassessed`.

use super::retired;
use crate::support::{
    Fixture, MITIGATION, MITIGATION_PATH, RISK, RISK_PATH, completed, found, mitigation,
};

// blocked-without-reason

#[test]
fn blocked_without_reason() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("status: in-progress", "status: blocked"),
    );
    assert_eq!(
        fixture.findings_of("blocked-without-reason"),
        vec![found(
            "blocked-without-reason",
            MITIGATION_PATH,
            7,
            9,
            "mitigation M-001 is blocked without a `blocker`"
        )]
    );
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace(
            "status: in-progress",
            "status: blocked\nblocker: Waiting for Okta licences (ticket SEC-412)",
        ),
    );
    assert_eq!(fixture.findings_of("blocked-without-reason"), vec![]);
}

// completion-undated

#[test]
fn completion_undated_completed_without_date() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation(
            "M-001",
            "due: 2026-12-31\nstatus: completed\nevidence: [okta.png]\n",
        ),
    );
    assert_eq!(
        fixture.findings_of("completion-undated"),
        vec![found(
            "completion-undated",
            MITIGATION_PATH,
            7,
            9,
            "mitigation M-001 is completed but has no `completed_on`"
        )]
    );
    fixture.write(
        MITIGATION_PATH,
        mitigation(
            "M-001",
            "due: 2026-12-31\nstatus: completed\ncompleted_on: 2026-11-02\nevidence: [okta.png]\n",
        ),
    );
    assert_eq!(fixture.findings_of("completion-undated"), vec![]);
}

#[test]
fn completion_undated_date_without_completion() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation(
            "M-001",
            "due: 2026-12-31\nstatus: in-progress\ncompleted_on: 2026-11-02\n",
        ),
    );
    assert_eq!(
        fixture.findings_of("completion-undated"),
        vec![found(
            "completion-undated",
            MITIGATION_PATH,
            8,
            1,
            "mitigation M-001 has `completed_on: 2026-11-02` but its status is in-progress"
        )]
    );
    fixture.write(
        MITIGATION_PATH,
        mitigation(
            "M-001",
            "due: 2026-12-31\nstatus: cancelled\ncompleted_on: 2026-11-02\n",
        ),
    );
    assert_eq!(
        fixture.findings_of("completion-undated"),
        vec![found(
            "completion-undated",
            MITIGATION_PATH,
            8,
            1,
            "mitigation M-001 has `completed_on: 2026-11-02` but its status is cancelled"
        )]
    );
    fixture.write(MITIGATION_PATH, MITIGATION);
    assert_eq!(fixture.findings_of("completion-undated"), vec![]);
}

// completion-without-evidence

#[test]
fn completion_without_evidence() {
    let fixture = Fixture::clean();
    let completed = "due: 2026-12-31\nstatus: completed\ncompleted_on: 2026-11-02\n";
    fixture.write(MITIGATION_PATH, mitigation("M-001", completed));
    assert_eq!(
        fixture.findings_of("completion-without-evidence"),
        vec![found(
            "completion-without-evidence",
            MITIGATION_PATH,
            7,
            9,
            "mitigation M-001 is completed without evidence"
        )]
    );
    // Blank entries are no evidence.
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", &format!("{completed}evidence: [' ']\n")),
    );
    assert_eq!(fixture.findings_of("completion-without-evidence").len(), 1);
    fixture.write(
        MITIGATION_PATH,
        mitigation(
            "M-001",
            &format!(
                "{completed}evidence:\n  - https://wiki.test.example/mfa\n  - evidence/okta.png\n"
            ),
        ),
    );
    assert_eq!(fixture.findings_of("completion-without-evidence"), vec![]);
}

// residual-not-reassessed

#[test]
fn residual_not_reassessed() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", &completed("2026-11-02")),
    );
    assert_eq!(
        fixture.findings_of("residual-not-reassessed"),
        vec![found(
            "residual-not-reassessed",
            RISK_PATH,
            7,
            1,
            "every mitigation of R-001 is completed, but it has no residual rating"
        )]
    );
    fixture.write(
        RISK_PATH,
        format!("{RISK}residual: {{impact: 3, likelihood: 1}}\n"),
    );
    assert_eq!(fixture.findings_of("residual-not-reassessed"), vec![]);
}

#[test]
fn residual_not_reassessed_ignores_cancelled_mitigations() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", &completed("2026-11-02")),
    );
    let second = "mitigations/M-002-yubikeys.yaml";
    let other = |status: &str| {
        MITIGATION
            .replace("M-001", "M-002")
            .replace("status: in-progress", status)
    };
    fixture.write(second, other("status: cancelled"));
    assert_eq!(fixture.findings_of("residual-not-reassessed").len(), 1);
    // While another action is still open, it is too early to re-rate.
    fixture.write(second, other("status: planned"));
    assert_eq!(fixture.findings_of("residual-not-reassessed"), vec![]);
}

#[test]
fn residual_not_reassessed_retired_is_exempt() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", &completed("2026-11-02")),
    );
    assert_eq!(fixture.findings_of("residual-not-reassessed").len(), 1);
    fixture.write(RISK_PATH, retired(RISK));
    assert_eq!(fixture.findings_of("residual-not-reassessed"), vec![]);
}

//! Dates: `missing-due-date`, `overdue`, `due-beyond-target` and `future-date`.

use super::{ACCEPTED, ACCEPTED_PATH, retired};
use crate::support::{
    Fixture, MITIGATION, MITIGATION_PATH, REVIEW, REVIEW_PATH, RISK, RISK_PATH, found, mitigation,
};

// missing-due-date

#[test]
fn missing_due_date() {
    let fixture = Fixture::clean();
    fixture.write(MITIGATION_PATH, MITIGATION.replace("due: 2026-12-31\n", ""));
    assert_eq!(
        fixture.findings_of("missing-due-date"),
        vec![found(
            "missing-due-date",
            MITIGATION_PATH,
            1,
            1,
            "mitigation M-001 has no due date"
        )]
    );
    fixture.write(MITIGATION_PATH, MITIGATION);
    assert_eq!(fixture.findings_of("missing-due-date"), vec![]);
}

#[test]
fn missing_due_date_cancelled_mitigation_is_exempt() {
    let fixture = Fixture::clean();
    let undated = MITIGATION.replace("due: 2026-12-31\n", "");
    fixture.write(MITIGATION_PATH, &undated);
    assert_eq!(fixture.findings_of("missing-due-date").len(), 1);
    fixture.write(
        MITIGATION_PATH,
        undated.replace("status: in-progress", "status: cancelled"),
    );
    assert_eq!(fixture.findings_of("missing-due-date"), vec![]);
}

#[test]
fn missing_due_date_retired_risk_is_exempt() {
    let fixture = Fixture::clean();
    fixture.write(MITIGATION_PATH, MITIGATION.replace("due: 2026-12-31\n", ""));
    assert_eq!(fixture.findings_of("missing-due-date").len(), 1);
    fixture.write(RISK_PATH, retired(RISK));
    assert_eq!(fixture.findings_of("missing-due-date"), vec![]);
}

// overdue

#[test]
fn overdue() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", "due: 2026-11-01\nstatus: planned\n"),
    );
    assert_eq!(
        fixture.findings_of("overdue"),
        vec![found(
            "overdue",
            MITIGATION_PATH,
            6,
            6,
            "mitigation M-001 (planned) was due 2026-11-01, 19 days before 2026-11-20"
        )]
    );
    // Due on the as-of date is not yet overdue.
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", "due: 2026-11-20\nstatus: planned\n"),
    );
    assert_eq!(fixture.findings_of("overdue"), vec![]);
}

#[test]
fn overdue_only_open_mitigations() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation(
            "M-001",
            "due: 2026-11-19\nstatus: blocked\nblocker: Okta licences\n",
        ),
    );
    assert_eq!(
        fixture.findings_of("overdue"),
        vec![found(
            "overdue",
            MITIGATION_PATH,
            6,
            6,
            "mitigation M-001 (blocked) was due 2026-11-19, 1 day before 2026-11-20"
        )]
    );
    fixture.write(
        MITIGATION_PATH,
        mitigation(
            "M-001",
            "due: 2026-11-19\nstatus: completed\ncompleted_on: 2026-11-19\nevidence: [okta.png]\n",
        ),
    );
    assert_eq!(fixture.findings_of("overdue"), vec![]);
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", "due: 2026-11-19\nstatus: cancelled\n"),
    );
    assert_eq!(fixture.findings_of("overdue"), vec![]);
}

#[test]
fn overdue_retired_risk_is_exempt() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", "due: 2026-11-01\nstatus: planned\n"),
    );
    assert_eq!(fixture.findings_of("overdue").len(), 1);
    fixture.write(RISK_PATH, retired(RISK));
    assert_eq!(fixture.findings_of("overdue"), vec![]);
}

// due-beyond-target

#[test]
fn due_beyond_target() {
    let fixture = Fixture::clean();
    // R-001 is 3x3 = 9, medium: 180 days from 2026-10-01.
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("due: 2026-12-31", "due: 2027-03-31"),
    );
    assert_eq!(
        fixture.findings_of("due-beyond-target"),
        vec![found(
            "due-beyond-target",
            MITIGATION_PATH,
            6,
            6,
            "mitigation M-001 is due 2027-03-31, after the medium target of R-001 (180 days from 2026-10-01 = 2027-03-30)"
        )]
    );
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("due: 2026-12-31", "due: 2027-03-30"),
    );
    assert_eq!(fixture.findings_of("due-beyond-target"), vec![]);
}

#[test]
fn due_beyond_target_cancelled_mitigation_is_exempt() {
    let fixture = Fixture::clean();
    let late = MITIGATION.replace("due: 2026-12-31", "due: 2027-06-30");
    fixture.write(MITIGATION_PATH, &late);
    assert_eq!(fixture.findings_of("due-beyond-target").len(), 1);
    fixture.write(
        MITIGATION_PATH,
        late.replace("status: in-progress", "status: cancelled"),
    );
    assert_eq!(fixture.findings_of("due-beyond-target"), vec![]);
}

#[test]
fn due_beyond_target_retired_risk_is_exempt() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("due: 2026-12-31", "due: 2027-06-30"),
    );
    assert_eq!(fixture.findings_of("due-beyond-target").len(), 1);
    fixture.write(RISK_PATH, retired(RISK));
    assert_eq!(fixture.findings_of("due-beyond-target"), vec![]);
}

// future-date

#[test]
fn future_date_in_a_risk() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        format!(
            "{}retired: {{on: 2026-12-01, reason: Okta replaces the console login}}\n",
            RISK.replace("identified: 2026-10-01", "identified: 2026-11-21")
        ),
    );
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace("approved_on: 2026-10-05", "approved_on: 2026-11-25"),
    );
    assert_eq!(
        fixture.findings_of("future-date"),
        vec![
            found(
                "future-date",
                RISK_PATH,
                5,
                13,
                "`identified` is 2026-11-21, after 2026-11-20"
            ),
            found(
                "future-date",
                RISK_PATH,
                10,
                15,
                "`retired.on` is 2026-12-01, after 2026-11-20"
            ),
            found(
                "future-date",
                ACCEPTED_PATH,
                11,
                16,
                "`treatment.approved_on` is 2026-11-25, after 2026-11-20"
            ),
        ]
    );
    // The as-of date itself is not in the future.
    fixture.write(
        RISK_PATH,
        RISK.replace("identified: 2026-10-01", "identified: 2026-11-20"),
    );
    fixture.write(ACCEPTED_PATH, ACCEPTED);
    assert_eq!(fixture.findings_of("future-date"), vec![]);
}

#[test]
fn future_date_in_a_mitigation() {
    let fixture = Fixture::clean();
    let mitigation_with = |completed_on: &str, update_on: &str| {
        mitigation(
            "M-001",
            &format!(
                "due: 2026-12-31\nstatus: completed\ncompleted_on: {completed_on}\nevidence: [okta.png]\nupdates:\n  - {{on: 2026-11-02, note: Started}}\n  - {{on: {update_on}, note: Done}}\n"
            ),
        )
    };
    fixture.write(MITIGATION_PATH, mitigation_with("2026-11-22", "2027-01-01"));
    assert_eq!(
        fixture.findings_of("future-date"),
        vec![
            found(
                "future-date",
                MITIGATION_PATH,
                8,
                15,
                "`completed_on` is 2026-11-22, after 2026-11-20"
            ),
            found(
                "future-date",
                MITIGATION_PATH,
                12,
                10,
                "`updates[1].on` is 2027-01-01, after 2026-11-20"
            ),
        ]
    );
    fixture.write(MITIGATION_PATH, mitigation_with("2026-11-19", "2026-11-19"));
    assert_eq!(fixture.findings_of("future-date"), vec![]);
}

#[test]
fn future_date_in_a_review() {
    let fixture = Fixture::clean();
    fixture.write(
        REVIEW_PATH,
        REVIEW.replace("date: 2026-11-13", "date: 2026-11-30"),
    );
    assert_eq!(
        fixture.findings_of("future-date"),
        vec![found(
            "future-date",
            REVIEW_PATH,
            3,
            7,
            "`date` is 2026-11-30, after 2026-11-20"
        )]
    );
    fixture.write(REVIEW_PATH, REVIEW);
    assert_eq!(fixture.findings_of("future-date"), vec![]);
}

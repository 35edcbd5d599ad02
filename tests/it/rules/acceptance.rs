//! Accepted risks: `approver-not-authorized`, `acceptance-exceeds-appetite` and
//! `acceptance-expired`. (The git rules on acceptances are in `git::approval`.)

use super::{ACCEPTED, ACCEPTED_PATH, retired};
use crate::support::{Fixture, found};

// approver-not-authorized

#[test]
fn approver_not_authorized() {
    let fixture = Fixture::clean();
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace("approved_by: alice", "approved_by: bob"),
    );
    assert_eq!(
        fixture.findings_of("approver-not-authorized"),
        vec![found(
            "approver-not-authorized",
            ACCEPTED_PATH,
            10,
            16,
            "`bob` may not approve risk acceptances"
        )]
    );
    fixture.write(ACCEPTED_PATH, ACCEPTED);
    assert_eq!(fixture.findings_of("approver-not-authorized"), vec![]);
}

#[test]
fn approver_not_authorized_retired_is_exempt() {
    let fixture = Fixture::clean();
    let by_bob = ACCEPTED.replace("approved_by: alice", "approved_by: bob");
    fixture.write(ACCEPTED_PATH, &by_bob);
    assert_eq!(fixture.findings_of("approver-not-authorized").len(), 1);
    fixture.write(ACCEPTED_PATH, retired(&by_bob));
    assert_eq!(fixture.findings_of("approver-not-authorized"), vec![]);
}

// acceptance-exceeds-appetite

#[test]
fn acceptance_exceeds_appetite() {
    let fixture = Fixture::clean();
    let critical = ACCEPTED.replace("{impact: 2, likelihood: 2}", "{impact: 4, likelihood: 4}");
    fixture.write(ACCEPTED_PATH, &critical);
    assert_eq!(
        fixture.findings_of("acceptance-exceeds-appetite"),
        vec![found(
            "acceptance-exceeds-appetite",
            ACCEPTED_PATH,
            8,
            13,
            "R-002 is accepted at inherent level critical (4x4, score 16), above the appetite (medium), approved by `alice`"
        )]
    );
    // An exception approver may accept it.
    fixture.write(
        ACCEPTED_PATH,
        critical.replace("approved_by: alice", "approved_by: ceo"),
    );
    assert_eq!(fixture.findings_of("acceptance-exceeds-appetite"), vec![]);
}

#[test]
fn acceptance_exceeds_appetite_uses_the_residual_rating() {
    let fixture = Fixture::clean();
    let critical = ACCEPTED.replace("{impact: 2, likelihood: 2}", "{impact: 4, likelihood: 4}");
    fixture.write(
        ACCEPTED_PATH,
        format!("{critical}residual: {{impact: 3, likelihood: 4}}\n"),
    );
    assert_eq!(
        fixture.findings_of("acceptance-exceeds-appetite"),
        vec![found(
            "acceptance-exceeds-appetite",
            ACCEPTED_PATH,
            8,
            13,
            "R-002 is accepted at residual level high (3x4, score 12), above the appetite (medium), approved by `alice`"
        )]
    );
    // Residual 2x4 = 8 is medium: within the appetite, whatever the inherent rating.
    fixture.write(
        ACCEPTED_PATH,
        format!("{critical}residual: {{impact: 2, likelihood: 4}}\n"),
    );
    assert_eq!(fixture.findings_of("acceptance-exceeds-appetite"), vec![]);
}

#[test]
fn acceptance_exceeds_appetite_retired_is_exempt() {
    let fixture = Fixture::clean();
    let critical = ACCEPTED.replace("{impact: 2, likelihood: 2}", "{impact: 4, likelihood: 4}");
    fixture.write(ACCEPTED_PATH, &critical);
    assert_eq!(fixture.findings_of("acceptance-exceeds-appetite").len(), 1);
    fixture.write(ACCEPTED_PATH, retired(&critical));
    assert_eq!(fixture.findings_of("acceptance-exceeds-appetite"), vec![]);
}

// acceptance-expired

#[test]
fn acceptance_expired() {
    let fixture = Fixture::clean();
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED
            .replace("approved_on: 2026-10-05", "approved_on: 2025-10-05")
            .replace("expires: 2027-10-01", "expires: 2026-10-01"),
    );
    assert_eq!(
        fixture.findings_of("acceptance-expired"),
        vec![found(
            "acceptance-expired",
            ACCEPTED_PATH,
            12,
            12,
            "the acceptance of R-002 expired on 2026-10-01, 50 days before 2026-11-20"
        )]
    );
    // Expiring on the as-of date is not yet expired.
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED
            .replace("approved_on: 2026-10-05", "approved_on: 2025-11-20")
            .replace("expires: 2027-10-01", "expires: 2026-11-20"),
    );
    assert_eq!(fixture.findings_of("acceptance-expired"), vec![]);
}

#[test]
fn acceptance_expired_granted_for_too_long() {
    let fixture = Fixture::clean();
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace("expires: 2027-10-01", "expires: 2027-10-06"),
    );
    assert_eq!(
        fixture.findings_of("acceptance-expired"),
        vec![found(
            "acceptance-expired",
            ACCEPTED_PATH,
            12,
            12,
            "the acceptance of R-002 runs 366 days from approval, over the 365-day maximum"
        )]
    );
    // Exactly acceptance_max_days is allowed.
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace("expires: 2027-10-01", "expires: 2027-10-05"),
    );
    assert_eq!(fixture.findings_of("acceptance-expired"), vec![]);
}

#[test]
fn acceptance_expired_retired_is_exempt() {
    let fixture = Fixture::clean();
    let expired = ACCEPTED
        .replace("approved_on: 2026-10-05", "approved_on: 2025-10-05")
        .replace("expires: 2027-10-01", "expires: 2026-10-01");
    fixture.write(ACCEPTED_PATH, &expired);
    assert_eq!(fixture.findings_of("acceptance-expired").len(), 1);
    fixture.write(ACCEPTED_PATH, retired(&expired));
    assert_eq!(fixture.findings_of("acceptance-expired"), vec![]);
}

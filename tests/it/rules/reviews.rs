//! `review-overdue`: a review within the cadence, covering every active risk.

use super::retired;
use crate::support::{Fixture, REVIEW, REVIEW_PATH, found};

// review-overdue

#[test]
fn review_overdue_no_review() {
    let fixture = Fixture::clean();
    fixture.remove(REVIEW_PATH);
    assert_eq!(
        fixture.findings_of("review-overdue"),
        vec![found(
            "review-overdue",
            "riskreg.yaml",
            8,
            1,
            "no review is dated on or before 2026-11-20"
        )]
    );
    fixture.write(REVIEW_PATH, REVIEW);
    assert_eq!(fixture.findings_of("review-overdue"), vec![]);
}

#[test]
fn review_overdue_latest_review_too_old() {
    let fixture = Fixture::clean();
    // 93 days before 2026-11-20, with a 92-day cadence.
    fixture.write(
        REVIEW_PATH,
        REVIEW.replace("date: 2026-11-13", "date: 2026-08-19"),
    );
    assert_eq!(
        fixture.findings_of("review-overdue"),
        vec![found(
            "review-overdue",
            REVIEW_PATH,
            3,
            7,
            "the latest review, REV-2026-Q4, was 93 days before 2026-11-20; reviews are due every 92 days"
        )]
    );
    // Exactly 92 days is within the cadence.
    fixture.write(
        REVIEW_PATH,
        REVIEW.replace("date: 2026-11-13", "date: 2026-08-20"),
    );
    assert_eq!(fixture.findings_of("review-overdue"), vec![]);
}

/// R-002, avoided: active, needing no mitigation, identified on this date.
fn avoided_risk(identified: &str) -> String {
    format!(
        "\
kind: risk
id: R-002
title: Laptops with customer data can be stolen
owner: alice
identified: {identified}
inherent: {{impact: 2, likelihood: 2}}
treatment:
  decision: avoid
  rationale: Customer data never leaves the data centre
"
    )
}

#[test]
fn review_overdue_active_risk_not_covered() {
    let fixture = Fixture::clean();
    fixture.write("risks/R-002-laptops.yaml", avoided_risk("2026-09-01"));
    fixture.write(REVIEW_PATH, REVIEW.replace("risks: all", "risks: [R-001]"));
    assert_eq!(
        fixture.findings_of("review-overdue"),
        vec![found(
            "review-overdue",
            "risks/R-002-laptops.yaml",
            2,
            5,
            "the latest review, REV-2026-Q4 (2026-11-13), did not cover R-002"
        )]
    );
    fixture.write(
        REVIEW_PATH,
        REVIEW.replace("risks: all", "risks: [R-001, R-002]"),
    );
    assert_eq!(fixture.findings_of("review-overdue"), vec![]);
}

#[test]
fn review_overdue_risk_identified_after_the_review_is_exempt() {
    let fixture = Fixture::clean();
    fixture.write(REVIEW_PATH, REVIEW.replace("risks: all", "risks: [R-001]"));
    // Identified on the day of the review: the review should have covered it.
    fixture.write("risks/R-002-laptops.yaml", avoided_risk("2026-11-13"));
    assert_eq!(fixture.findings_of("review-overdue").len(), 1);
    // Identified the day after: left for the next review.
    fixture.write("risks/R-002-laptops.yaml", avoided_risk("2026-11-14"));
    assert_eq!(fixture.findings_of("review-overdue"), vec![]);
}

#[test]
fn review_overdue_retired_risk_is_exempt() {
    let fixture = Fixture::clean();
    fixture.write(REVIEW_PATH, REVIEW.replace("risks: all", "risks: [R-001]"));
    fixture.write("risks/R-002-laptops.yaml", avoided_risk("2026-09-01"));
    assert_eq!(fixture.findings_of("review-overdue").len(), 1);
    fixture.write(
        "risks/R-002-laptops.yaml",
        retired(&avoided_risk("2026-09-01")),
    );
    assert_eq!(fixture.findings_of("review-overdue"), vec![]);
}

//! IDs and references: `duplicate-id`, `unknown-reference`, `unknown-criterion`,
//! `id-filename-mismatch` and `missing-owner`.

use super::{ACCEPTED, ACCEPTED_PATH, retired};
use crate::support::{
    CONFIG, Fixture, MITIGATION, MITIGATION_PATH, REVIEW, REVIEW_PATH, RISK, RISK_PATH, found,
};

// duplicate-id

#[test]
fn duplicate_id() {
    let fixture = Fixture::clean();
    fixture.write("risks/R-001-copy.yaml", RISK);
    assert_eq!(
        fixture.findings_of("duplicate-id"),
        vec![
            found(
                "duplicate-id",
                "risks/R-001-copy.yaml",
                2,
                5,
                "ID `R-001` is also used by risks/R-001-mfa.yaml:2"
            ),
            found(
                "duplicate-id",
                RISK_PATH,
                2,
                5,
                "ID `R-001` is also used by risks/R-001-copy.yaml:2"
            ),
        ]
    );
    fixture.remove("risks/R-001-copy.yaml");
    fixture.write("risks/R-003-copy.yaml", RISK.replace("R-001", "R-003"));
    assert_eq!(fixture.findings_of("duplicate-id"), vec![]);
}

// unknown-reference

#[test]
fn unknown_reference_owner() {
    let fixture = Fixture::clean();
    fixture.write(RISK_PATH, RISK.replace("owner: alice", "owner: alicia"));
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("owner: bob", "owner: bobby"),
    );
    assert_eq!(
        fixture.findings_of("unknown-reference"),
        vec![
            found(
                "unknown-reference",
                MITIGATION_PATH,
                5,
                8,
                "owner `bobby` is not in the config's owners"
            ),
            found(
                "unknown-reference",
                RISK_PATH,
                4,
                8,
                "owner `alicia` is not in the config's owners"
            ),
        ]
    );
    fixture.write(RISK_PATH, RISK);
    fixture.write(MITIGATION_PATH, MITIGATION);
    assert_eq!(fixture.findings_of("unknown-reference"), vec![]);
}

#[test]
fn unknown_reference_approver() {
    let fixture = Fixture::clean();
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace("approved_by: alice", "approved_by: dave"),
    );
    assert_eq!(
        fixture.findings_of("unknown-reference"),
        vec![found(
            "unknown-reference",
            ACCEPTED_PATH,
            10,
            16,
            "approver `dave` is not in the config's owners"
        )]
    );
    // An approver who is not an owner at all is this rule's, not approver-not-authorized's.
    assert_eq!(fixture.findings_of("approver-not-authorized"), vec![]);
    fixture.write(ACCEPTED_PATH, ACCEPTED);
    assert_eq!(fixture.findings_of("unknown-reference"), vec![]);
}

#[test]
fn unknown_reference_mitigation_risk() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("risks: [R-001]", "risks: [R-001, R-999]"),
    );
    assert_eq!(
        fixture.findings_of("unknown-reference"),
        vec![found(
            "unknown-reference",
            MITIGATION_PATH,
            4,
            16,
            "no risk has the ID `R-999`"
        )]
    );
    fixture.write(MITIGATION_PATH, MITIGATION);
    assert_eq!(fixture.findings_of("unknown-reference"), vec![]);
}

#[test]
fn unknown_reference_mitigation_named_as_a_risk() {
    let fixture = Fixture::clean();
    fixture.write(
        REVIEW_PATH,
        REVIEW.replace("risks: all", "risks: [R-001, M-001]"),
    );
    assert_eq!(
        fixture.findings_of("unknown-reference"),
        vec![found(
            "unknown-reference",
            REVIEW_PATH,
            6,
            16,
            "`M-001` is a mitigation, not a risk"
        )]
    );
    fixture.write(REVIEW_PATH, REVIEW.replace("risks: all", "risks: [R-001]"));
    assert_eq!(fixture.findings_of("unknown-reference"), vec![]);
}

#[test]
fn unknown_reference_in_a_review() {
    let fixture = Fixture::clean();
    let review = "\
kind: review
id: REV-2026-Q4
date: 2026-11-13
chair: carol
attendees: [alice, bbo]
risks: all
outcomes:
  - {risk: R-01, note: Okta rollout on track}
";
    fixture.write(REVIEW_PATH, review);
    assert_eq!(
        fixture.findings_of("unknown-reference"),
        vec![
            found(
                "unknown-reference",
                REVIEW_PATH,
                4,
                8,
                "chair `carol` is not in the config's owners"
            ),
            found(
                "unknown-reference",
                REVIEW_PATH,
                5,
                20,
                "attendee `bbo` is not in the config's owners"
            ),
            found(
                "unknown-reference",
                REVIEW_PATH,
                8,
                12,
                "no risk has the ID `R-01`"
            ),
        ]
    );
    fixture.write(
        REVIEW_PATH,
        review
            .replace("carol", "alice")
            .replace("bbo", "bob")
            .replace("R-01,", "R-001,"),
    );
    assert_eq!(fixture.findings_of("unknown-reference"), vec![]);
}

#[test]
fn unknown_reference_exception_approver() {
    let fixture = Fixture::clean();
    fixture.write(
        "riskreg.yaml",
        CONFIG.replace(
            "exception_approvers: [ceo]",
            "exception_approvers: [ceo, board]",
        ),
    );
    assert_eq!(
        fixture.findings_of("unknown-reference"),
        vec![found(
            "unknown-reference",
            "riskreg.yaml",
            5,
            30,
            "exception approver `board` is not in the config's owners"
        )]
    );
    fixture.write("riskreg.yaml", CONFIG);
    assert_eq!(fixture.findings_of("unknown-reference"), vec![]);
}

// unknown-criterion

#[test]
fn unknown_criterion() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace("criteria: [CC6.1]", "criteria: [CC6.1, CC6.10, A.8.5]"),
    );
    assert_eq!(
        fixture.findings_of("unknown-criterion"),
        vec![
            found(
                "unknown-criterion",
                RISK_PATH,
                6,
                19,
                "`CC6.10` is not a SOC 2 criterion nor a configured framework's control"
            ),
            found(
                "unknown-criterion",
                RISK_PATH,
                6,
                27,
                "`A.8.5` is not a SOC 2 criterion nor a configured framework's control"
            ),
        ]
    );
    // A.8.5 becomes known once its framework is configured.
    fixture.write(
        "riskreg.yaml",
        format!("{CONFIG}frameworks:\n  - {{name: ISO/IEC 27001:2022, criteria: [A.8.5]}}\n"),
    );
    fixture.write(
        RISK_PATH,
        RISK.replace("criteria: [CC6.1]", "criteria: [CC6.1, CC3.2, A.8.5]"),
    );
    assert_eq!(fixture.findings_of("unknown-criterion"), vec![]);
}

// id-filename-mismatch

#[test]
fn id_filename_mismatch() {
    let fixture = Fixture::clean();
    fixture.remove(RISK_PATH);
    fixture.write("risks/mfa.yaml", RISK);
    assert_eq!(
        fixture.findings_of("id-filename-mismatch"),
        vec![found(
            "id-filename-mismatch",
            "risks/mfa.yaml",
            2,
            5,
            "the file name `mfa.yaml` does not start with the ID `R-001`"
        )]
    );
    fixture.remove("risks/mfa.yaml");
    fixture.write(RISK_PATH, RISK);
    assert_eq!(fixture.findings_of("id-filename-mismatch"), vec![]);
}

// missing-owner

#[test]
fn missing_owner() {
    let fixture = Fixture::clean();
    fixture.write(RISK_PATH, RISK.replace("owner: alice\n", ""));
    fixture.write(MITIGATION_PATH, MITIGATION.replace("owner: bob\n", ""));
    // A missing field has no place of its own: the findings point at the first key.
    assert_eq!(
        fixture.findings_of("missing-owner"),
        vec![
            found(
                "missing-owner",
                MITIGATION_PATH,
                1,
                1,
                "mitigation M-001 has no owner"
            ),
            found("missing-owner", RISK_PATH, 1, 1, "risk R-001 has no owner"),
        ]
    );
    fixture.write(RISK_PATH, RISK);
    fixture.write(MITIGATION_PATH, MITIGATION);
    assert_eq!(fixture.findings_of("missing-owner"), vec![]);
}

#[test]
fn missing_owner_blank() {
    let fixture = Fixture::clean();
    fixture.write(RISK_PATH, RISK.replace("owner: alice", "owner: ' '"));
    assert_eq!(
        fixture.findings_of("missing-owner"),
        vec![found(
            "missing-owner",
            RISK_PATH,
            4,
            1,
            "risk R-001 has no owner"
        )]
    );
    fixture.write(RISK_PATH, RISK);
    assert_eq!(fixture.findings_of("missing-owner"), vec![]);
}

#[test]
fn missing_owner_retired_risk_is_exempt() {
    let fixture = Fixture::clean();
    let ownerless = RISK.replace("owner: alice\n", "");
    fixture.write(RISK_PATH, &ownerless);
    fixture.write(MITIGATION_PATH, MITIGATION.replace("owner: bob\n", ""));
    assert_eq!(fixture.findings_of("missing-owner").len(), 2);
    // The risk is history, and so is the action that only treats it.
    fixture.write(RISK_PATH, retired(&ownerless));
    assert_eq!(fixture.findings_of("missing-owner"), vec![]);
}

#[test]
fn missing_owner_cancelled_mitigation_is_exempt() {
    let fixture = Fixture::clean();
    let ownerless = MITIGATION.replace("owner: bob\n", "");
    fixture.write(MITIGATION_PATH, &ownerless);
    assert_eq!(fixture.findings_of("missing-owner").len(), 1);
    fixture.write(
        MITIGATION_PATH,
        ownerless.replace("status: in-progress", "status: cancelled"),
    );
    assert_eq!(fixture.findings_of("missing-owner"), vec![]);
}

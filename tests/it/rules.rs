//! Each rule fires on a register that breaks it, with the exact finding, and stays quiet
//! on one that satisfies it.

use crate::support::{CONFIG, Fixture, MITIGATION, REVIEW, RISK, code, found};

/// Where [`Fixture::clean`] writes [`RISK`].
const RISK_PATH: &str = "risks/R-001-mfa.yaml";
/// Where [`Fixture::clean`] writes [`MITIGATION`] (M-001).
const MITIGATION_PATH: &str = "mitigations/M-001-okta-mfa.yaml";
/// Where [`Fixture::clean`] writes [`REVIEW`] (REV-2026-Q4).
const REVIEW_PATH: &str = "reviews/REV-2026-Q4.yaml";

/// Where tests write [`ACCEPTED`].
const ACCEPTED_PATH: &str = "risks/R-002-legacy-admin.yaml";

/// A second risk, accepted with everything an acceptance needs, clean as of the fixture's
/// date: low (2x2), approved by an approver, for 361 days.
const ACCEPTED: &str = "\
kind: risk
id: R-002
title: The legacy admin tool has no SSO
owner: alice
identified: 2026-10-01
inherent: {impact: 2, likelihood: 2}
treatment:
  decision: accept
  rationale: Two people use it, from the office network only
  approved_by: alice
  approved_on: 2026-10-05
  expires: 2027-10-01
";

/// M-001 with the fixture's head (kind, id, title, `risks: [R-001]`, owner) and then
/// `tail`, which starts at line 6.
fn mitigation(tail: &str) -> String {
    format!(
        "\
kind: mitigation
id: M-001
title: Enforce MFA through Okta
risks: [R-001]
owner: bob
{tail}"
    )
}

/// The same risk, retired (a risk document ends with its last field, so this appends).
fn retired(risk: &str) -> String {
    format!("{risk}retired: {{on: 2026-11-01, reason: System decommissioned}}\n")
}

/// The severities the JSON output gives the findings of one rule.
fn severities_of(fixture: &Fixture, rule: &str) -> Vec<String> {
    let output = fixture.check(&["--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == rule)
        .map(|finding| finding["severity"].as_str().expect("severity").to_owned())
        .collect()
}

#[test]
fn the_clean_fixture_has_no_findings() {
    let fixture = Fixture::clean();
    assert_eq!(fixture.findings(), vec![]);
    assert_eq!(code(&fixture.check(&[])), 0);
}

// schema

#[test]
fn schema_unknown_field() {
    let fixture = Fixture::clean();
    fixture.write(RISK_PATH, RISK.replace("owner: alice", "ownr: alice"));
    assert_eq!(
        fixture.findings_of("schema"),
        vec![found("schema", RISK_PATH, 4, 1, "unknown field `ownr`")]
    );
    fixture.write(RISK_PATH, RISK);
    assert_eq!(fixture.findings_of("schema"), vec![]);
}

#[test]
fn schema_wrong_type() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("owner: bob", "owner: 42"),
    );
    assert_eq!(
        fixture.findings_of("schema"),
        vec![found(
            "schema",
            MITIGATION_PATH,
            5,
            8,
            "`owner` should be a string, found a number"
        )]
    );
    fixture.write(MITIGATION_PATH, MITIGATION);
    assert_eq!(fixture.findings_of("schema"), vec![]);
}

#[test]
fn schema_bad_enum() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("status: in-progress", "status: done"),
    );
    fixture.write(
        RISK_PATH,
        RISK.replace("decision: mitigate", "decision: mitigat"),
    );
    assert_eq!(
        fixture.findings_of("schema"),
        vec![
            found(
                "schema",
                MITIGATION_PATH,
                7,
                9,
                "`status` is `done`, not one of planned, in-progress, blocked, completed, cancelled"
            ),
            found(
                "schema",
                RISK_PATH,
                9,
                13,
                "`treatment.decision` is `mitigat`, not one of mitigate, accept, transfer, avoid"
            ),
        ]
    );
    fixture.write(MITIGATION_PATH, MITIGATION);
    fixture.write(RISK_PATH, RISK);
    assert_eq!(fixture.findings_of("schema"), vec![]);
}

#[test]
fn schema_invalid_date() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("due: 2026-12-31", "due: 2026-02-30"),
    );
    assert_eq!(
        fixture.findings_of("schema"),
        vec![found(
            "schema",
            MITIGATION_PATH,
            6,
            6,
            "`due` is not a valid date: `2026-02-30`"
        )]
    );
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("due: 2026-12-31", "due: 2027-02-28"),
    );
    assert_eq!(fixture.findings_of("schema"), vec![]);
}

#[test]
fn schema_missing_title() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace("title: MFA is not enforced on production systems\n", ""),
    );
    // A missing field has no place of its own: the finding points at the document's
    // first key.
    assert_eq!(
        fixture.findings_of("schema"),
        vec![found(
            "schema",
            RISK_PATH,
            1,
            1,
            "missing required field `title`"
        )]
    );
    fixture.write(RISK_PATH, RISK);
    assert_eq!(fixture.findings_of("schema"), vec![]);
}

#[test]
fn schema_rating_beyond_the_scale() {
    let fixture = Fixture::clean();
    let risk = format!(
        "{}residual: {{impact: 1, likelihood: 6}}\n",
        RISK.replace("{impact: 3,", "{impact: 6,")
    );
    fixture.write(RISK_PATH, &risk);
    assert_eq!(
        fixture.findings_of("schema"),
        vec![
            found(
                "schema",
                RISK_PATH,
                7,
                20,
                "`inherent.impact` is 6, beyond the 5-point scale"
            ),
            found(
                "schema",
                RISK_PATH,
                10,
                35,
                "`residual.likelihood` is 6, beyond the 5-point scale"
            ),
        ]
    );
    // The scale is the config's: six labels make 6 a rating.
    fixture.write(
        "riskreg.yaml",
        format!("{CONFIG}scale:\n  impact: [a, b, c, d, e, f]\n  likelihood: [a, b, c, d, e, f]\n"),
    );
    assert_eq!(fixture.findings_of("schema"), vec![]);
}

#[test]
fn schema_unknown_kind() {
    let fixture = Fixture::clean();
    fixture.write(REVIEW_PATH, REVIEW.replace("kind: review", "kind: reveiw"));
    assert_eq!(
        fixture.findings_of("schema"),
        vec![found("schema", REVIEW_PATH, 1, 7, "unknown kind `reveiw`")]
    );
    fixture.write(REVIEW_PATH, REVIEW);
    assert_eq!(fixture.findings_of("schema"), vec![]);
}

#[test]
fn schema_missing_kind() {
    let fixture = Fixture::clean();
    fixture.write(REVIEW_PATH, REVIEW.replace("kind: review\n", ""));
    assert_eq!(
        fixture.findings_of("schema"),
        vec![found(
            "schema",
            REVIEW_PATH,
            1,
            1,
            "the document has no `kind`"
        )]
    );
    fixture.write(REVIEW_PATH, REVIEW);
    assert_eq!(fixture.findings_of("schema"), vec![]);
}

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

// untreated-risk

#[test]
fn untreated_risk() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace("treatment:\n  decision: mitigate\n", ""),
    );
    assert_eq!(
        fixture.findings_of("untreated-risk"),
        vec![found(
            "untreated-risk",
            RISK_PATH,
            1,
            1,
            "risk R-001 has no treatment decision"
        )]
    );
    fixture.write(RISK_PATH, RISK);
    assert_eq!(fixture.findings_of("untreated-risk"), vec![]);
}

#[test]
fn untreated_risk_treatment_without_decision() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace("decision: mitigate", "rationale: To be decided"),
    );
    assert_eq!(
        fixture.findings_of("untreated-risk"),
        vec![found(
            "untreated-risk",
            RISK_PATH,
            8,
            1,
            "risk R-001 has no treatment decision"
        )]
    );
    fixture.write(RISK_PATH, RISK);
    assert_eq!(fixture.findings_of("untreated-risk"), vec![]);
}

#[test]
fn untreated_risk_retired_is_exempt() {
    let fixture = Fixture::clean();
    let untreated = RISK.replace("treatment:\n  decision: mitigate\n", "");
    fixture.write(RISK_PATH, &untreated);
    assert_eq!(fixture.findings_of("untreated-risk").len(), 1);
    fixture.write(RISK_PATH, retired(&untreated));
    assert_eq!(fixture.findings_of("untreated-risk"), vec![]);
}

// mitigation-missing

#[test]
fn mitigation_missing() {
    let fixture = Fixture::clean();
    fixture.remove(MITIGATION_PATH);
    assert_eq!(
        fixture.findings_of("mitigation-missing"),
        vec![found(
            "mitigation-missing",
            RISK_PATH,
            9,
            13,
            "risk R-001 is to be mitigated, but no mitigation treats it"
        )]
    );
    fixture.write(MITIGATION_PATH, MITIGATION);
    assert_eq!(fixture.findings_of("mitigation-missing"), vec![]);
}

#[test]
fn mitigation_missing_cancelled_mitigation_does_not_count() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("status: in-progress", "status: cancelled"),
    );
    assert_eq!(
        fixture.findings_of("mitigation-missing"),
        vec![found(
            "mitigation-missing",
            RISK_PATH,
            9,
            13,
            "risk R-001 is to be mitigated, but no mitigation treats it"
        )]
    );
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("status: in-progress", "status: planned"),
    );
    assert_eq!(fixture.findings_of("mitigation-missing"), vec![]);
}

#[test]
fn mitigation_missing_retired_is_exempt() {
    let fixture = Fixture::clean();
    fixture.remove(MITIGATION_PATH);
    assert_eq!(fixture.findings_of("mitigation-missing").len(), 1);
    fixture.write(RISK_PATH, retired(RISK));
    assert_eq!(fixture.findings_of("mitigation-missing"), vec![]);
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

// treatment-unjustified

#[test]
fn treatment_unjustified_accept() {
    let fixture = Fixture::clean();
    let bare = ACCEPTED.split("  rationale:").next().expect("the head");
    fixture.write(ACCEPTED_PATH, bare);
    assert_eq!(
        fixture.findings_of("treatment-unjustified"),
        vec![found(
            "treatment-unjustified",
            ACCEPTED_PATH,
            8,
            13,
            "`accept` decision on R-002 lacks `rationale`, `approved_by`, `approved_on`, `expires`"
        )]
    );
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace("  approved_on: 2026-10-05\n", ""),
    );
    assert_eq!(
        fixture.findings_of("treatment-unjustified"),
        vec![found(
            "treatment-unjustified",
            ACCEPTED_PATH,
            8,
            13,
            "`accept` decision on R-002 lacks `approved_on`"
        )]
    );
    fixture.write(ACCEPTED_PATH, ACCEPTED);
    assert_eq!(fixture.findings_of("treatment-unjustified"), vec![]);
}

#[test]
fn treatment_unjustified_transfer() {
    let fixture = Fixture::clean();
    let transfer = ACCEPTED.split("  decision:").next().expect("the head");
    // A blank rationale is no rationale.
    fixture.write(
        ACCEPTED_PATH,
        format!("{transfer}  decision: transfer\n  rationale: ' '\n"),
    );
    assert_eq!(
        fixture.findings_of("treatment-unjustified"),
        vec![found(
            "treatment-unjustified",
            ACCEPTED_PATH,
            8,
            13,
            "`transfer` decision on R-002 lacks `rationale`, `transferred_to`"
        )]
    );
    fixture.write(
        ACCEPTED_PATH,
        format!(
            "{transfer}  decision: transfer\n  rationale: Covered by the cyber policy\n  transferred_to: Acme Insurance, policy CY-1234\n"
        ),
    );
    assert_eq!(fixture.findings_of("treatment-unjustified"), vec![]);
}

#[test]
fn treatment_unjustified_avoid() {
    let fixture = Fixture::clean();
    let head = ACCEPTED.split("  decision:").next().expect("the head");
    fixture.write(ACCEPTED_PATH, format!("{head}  decision: avoid\n"));
    assert_eq!(
        fixture.findings_of("treatment-unjustified"),
        vec![found(
            "treatment-unjustified",
            ACCEPTED_PATH,
            8,
            13,
            "`avoid` decision on R-002 lacks `rationale`"
        )]
    );
    fixture.write(
        ACCEPTED_PATH,
        format!("{head}  decision: avoid\n  rationale: The tool is switched off\n"),
    );
    assert_eq!(fixture.findings_of("treatment-unjustified"), vec![]);
}

#[test]
fn treatment_unjustified_retired_is_exempt() {
    let fixture = Fixture::clean();
    let head = ACCEPTED.split("  decision:").next().expect("the head");
    let avoided = format!("{head}  decision: avoid\n");
    fixture.write(ACCEPTED_PATH, &avoided);
    assert_eq!(fixture.findings_of("treatment-unjustified").len(), 1);
    fixture.write(ACCEPTED_PATH, retired(&avoided));
    assert_eq!(fixture.findings_of("treatment-unjustified"), vec![]);
}

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

// overdue

#[test]
fn overdue() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("due: 2026-11-01\nstatus: planned\n"),
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
        mitigation("due: 2026-11-20\nstatus: planned\n"),
    );
    assert_eq!(fixture.findings_of("overdue"), vec![]);
}

#[test]
fn overdue_only_open_mitigations() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("due: 2026-11-19\nstatus: blocked\nblocker: Okta licences\n"),
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
            "due: 2026-11-19\nstatus: completed\ncompleted_on: 2026-11-19\nevidence: [okta.png]\n",
        ),
    );
    assert_eq!(fixture.findings_of("overdue"), vec![]);
    fixture.write(
        MITIGATION_PATH,
        mitigation("due: 2026-11-19\nstatus: cancelled\n"),
    );
    assert_eq!(fixture.findings_of("overdue"), vec![]);
}

#[test]
fn overdue_retired_risk_is_exempt() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("due: 2026-11-01\nstatus: planned\n"),
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

// completion-undated

#[test]
fn completion_undated_completed_without_date() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("due: 2026-12-31\nstatus: completed\nevidence: [okta.png]\n"),
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
        mitigation("due: 2026-12-31\nstatus: in-progress\ncompleted_on: 2026-11-02\n"),
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
        mitigation("due: 2026-12-31\nstatus: cancelled\ncompleted_on: 2026-11-02\n"),
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
    fixture.write(MITIGATION_PATH, mitigation(completed));
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
        mitigation(&format!("{completed}evidence: [' ']\n")),
    );
    assert_eq!(fixture.findings_of("completion-without-evidence").len(), 1);
    fixture.write(
        MITIGATION_PATH,
        mitigation(&format!(
            "{completed}evidence:\n  - https://wiki.test.example/mfa\n  - evidence/okta.png\n"
        )),
    );
    assert_eq!(fixture.findings_of("completion-without-evidence"), vec![]);
}

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
        mitigation(&format!(
            "due: 2026-12-31\nstatus: completed\ncompleted_on: {completed_on}\nevidence: [okta.png]\nupdates:\n  - {{on: 2026-11-02, note: Started}}\n  - {{on: {update_on}, note: Done}}\n"
        ))
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

// residual-not-reassessed

/// M-001, completed with a date and evidence.
fn completed_mitigation() -> String {
    mitigation(
        "due: 2026-12-31\nstatus: completed\ncompleted_on: 2026-11-02\nevidence: [okta.png]\n",
    )
}

#[test]
fn residual_not_reassessed() {
    let fixture = Fixture::clean();
    fixture.write(MITIGATION_PATH, completed_mitigation());
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
    fixture.write(MITIGATION_PATH, completed_mitigation());
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
    fixture.write(MITIGATION_PATH, completed_mitigation());
    assert_eq!(fixture.findings_of("residual-not-reassessed").len(), 1);
    fixture.write(RISK_PATH, retired(RISK));
    assert_eq!(fixture.findings_of("residual-not-reassessed"), vec![]);
}

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

// rules: in riskreg.yaml, and --deny-warnings

/// The clean fixture with M-001 overdue: one warning, nothing else.
fn overdue_fixture() -> Fixture {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("due: 2026-11-01\nstatus: planned\n"),
    );
    fixture
}

#[test]
fn rules_override_makes_a_warning_an_error() {
    let fixture = overdue_fixture();
    assert_eq!(severities_of(&fixture, "overdue"), vec!["warning"]);
    assert_eq!(code(&fixture.check(&[])), 0);
    fixture.write(
        "riskreg.yaml",
        format!("{CONFIG}rules: {{overdue: error}}\n"),
    );
    assert_eq!(severities_of(&fixture, "overdue"), vec!["error"]);
    assert_eq!(code(&fixture.check(&[])), 1);
}

#[test]
fn rules_override_off_removes_the_finding() {
    let fixture = overdue_fixture();
    assert_eq!(fixture.findings_of("overdue").len(), 1);
    fixture.write("riskreg.yaml", format!("{CONFIG}rules: {{overdue: off}}\n"));
    assert_eq!(fixture.findings(), vec![]);
    assert_eq!(code(&fixture.check(&["--deny-warnings"])), 0);
}

#[test]
fn deny_warnings_fails_on_warnings_only() {
    let fixture = overdue_fixture();
    assert_eq!(
        fixture.findings(),
        vec![found(
            "overdue",
            MITIGATION_PATH,
            6,
            6,
            "mitigation M-001 (planned) was due 2026-11-01, 19 days before 2026-11-20"
        )]
    );
    assert_eq!(code(&fixture.check(&[])), 0);
    assert_eq!(code(&fixture.check(&["--deny-warnings"])), 1);
}

#[test]
fn a_mitigation_with_a_schema_error_still_treats_its_risk() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        crate::support::MITIGATION.replace("status: in-progress", "status: done"),
    );
    let rules: Vec<String> = fixture
        .findings()
        .into_iter()
        .map(|found| found.0)
        .collect();
    assert_eq!(rules, ["schema"], "one bad file gives one finding");
}

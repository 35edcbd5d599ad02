//! `schema`: a document or config that does not match the JSON Schema is reported at the
//! offending key, and only once. (`yaml-syntax`, a file that does not parse, is tested with
//! the other unreadable input in `bad_input`.)

use crate::support::{
    CONFIG, Fixture, MITIGATION, MITIGATION_PATH, REVIEW, REVIEW_PATH, RISK, RISK_PATH, found,
};

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

// a schema error and the other rules

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

//! The treatment decision: `untreated-risk`, `mitigation-missing` and
//! `treatment-unjustified`.

use super::{ACCEPTED, ACCEPTED_PATH, retired};
use crate::support::{Fixture, MITIGATION, MITIGATION_PATH, RISK, RISK_PATH, found};

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

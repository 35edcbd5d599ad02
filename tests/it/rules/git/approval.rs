//! The git rules on approvals: `acceptance-outdated` and `self-approval`.

use super::{ACCEPTED, findings_of};
use crate::rules::ACCEPTED_PATH;
use crate::support::{ALICE, BOB, CONFIG, Fixture, Person, found};

/// Alice committing with her address in another case: still the owner `alice`.
const ALICE_UPPER: Person<'static> = ("Alice Chen", "Alice@Test.EXAMPLE");

// acceptance-outdated

/// The register with [`ACCEPTED`] committed by Bob on 2026-06-02; returns the fixture and
/// the approval's short commit ID.
fn accepted_timeline() -> (Fixture, String) {
    let fixture = Fixture::clean();
    fixture.write(ACCEPTED_PATH, ACCEPTED);
    fixture.git_init();
    let approval = fixture.commit("2026-06-02", BOB, "Accept R-002");
    (fixture, approval)
}

/// The acceptance-outdated message for R-002 approved in `approval` on 2026-06-02.
fn outdated(approval: &str, field: &str, change: &str, when: &str) -> String {
    format!(
        "the acceptance of R-002 was approved in {approval} on 2026-06-02, but its {field} changed afterwards ({change}) {when}"
    )
}

#[test]
fn acceptance_outdated_re_rated_after_the_approval() {
    let (fixture, approval) = accepted_timeline();
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace("likelihood: 2}", "likelihood: 3}"),
    );
    let rerated = fixture.commit("2026-08-10", BOB, "Re-rate R-002");
    assert_eq!(
        findings_of(&fixture, "acceptance-outdated"),
        vec![found(
            "acceptance-outdated",
            ACCEPTED_PATH,
            13,
            16,
            &outdated(
                &approval,
                "inherent",
                "2x2 -> 2x3",
                &format!("in {rerated} on 2026-08-10")
            ),
        )]
    );
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED
            .replace("likelihood: 2}", "likelihood: 3}")
            .replace("approved_on: 2026-06-01", "approved_on: 2026-08-12"),
    );
    fixture.commit("2026-08-12", BOB, "Renew the acceptance of R-002");
    assert_eq!(findings_of(&fixture, "acceptance-outdated"), vec![]);
}

#[test]
fn acceptance_outdated_a_new_approver_renews_the_approval() {
    let (fixture, _) = accepted_timeline();
    let rerated = ACCEPTED.replace("likelihood: 2}", "likelihood: 3}");
    fixture.write(ACCEPTED_PATH, &rerated);
    fixture.commit("2026-08-10", BOB, "Re-rate R-002");
    fixture.write(
        ACCEPTED_PATH,
        rerated.replace("approved_by: alice", "approved_by: ceo"),
    );
    fixture.commit("2026-08-12", BOB, "The CEO approves R-002 as re-rated");
    assert_eq!(findings_of(&fixture, "acceptance-outdated"), vec![]);
}

#[test]
fn acceptance_outdated_systems_and_criteria_widened() {
    let (fixture, approval) = accepted_timeline();
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED
            .replace("[CC6.1]", "[CC6.1, CC6.6]")
            .replace("[admin-tool]", "[admin-tool, vpn]"),
    );
    let widened = fixture.commit("2026-09-01", ALICE, "R-002 covers the VPN too");
    let when = format!("in {widened} on 2026-09-01");
    assert_eq!(
        findings_of(&fixture, "acceptance-outdated"),
        vec![
            found(
                "acceptance-outdated",
                ACCEPTED_PATH,
                13,
                16,
                &outdated(&approval, "criteria", "[CC6.1] -> [CC6.1, CC6.6]", &when),
            ),
            found(
                "acceptance-outdated",
                ACCEPTED_PATH,
                13,
                16,
                &outdated(
                    &approval,
                    "systems",
                    "[admin-tool] -> [admin-tool, vpn]",
                    &when
                ),
            ),
        ]
    );
}

#[test]
fn acceptance_outdated_ignores_reformatting() {
    let (fixture, _) = accepted_timeline();
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace(
            "inherent: {impact: 2, likelihood: 2}",
            "# rated in the May workshop\ninherent:\n  impact: 2\n  likelihood: 2",
        ),
    );
    fixture.commit("2026-09-01", ALICE, "Reformat R-002");
    assert_eq!(findings_of(&fixture, "acceptance-outdated"), vec![]);
}

#[test]
fn acceptance_outdated_by_uncommitted_changes() {
    let (fixture, approval) = accepted_timeline();
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace(
            "treatment:",
            "residual: {impact: 1, likelihood: 2}\ntreatment:",
        ),
    );
    assert_eq!(
        findings_of(&fixture, "acceptance-outdated"),
        vec![found(
            "acceptance-outdated",
            ACCEPTED_PATH,
            14,
            16,
            &outdated(
                &approval,
                "residual",
                "(none) -> 1x2",
                "in uncommitted changes"
            ),
        )]
    );
}

// self-approval

#[test]
fn self_approval_committed_by_the_approver() {
    let fixture = Fixture::clean();
    fixture.write(ACCEPTED_PATH, ACCEPTED);
    fixture.git_init();
    let approval = fixture.commit("2026-06-02", ALICE_UPPER, "Accept R-002");
    assert_eq!(
        findings_of(&fixture, "self-approval"),
        vec![found(
            "self-approval",
            ACCEPTED_PATH,
            12,
            16,
            &format!(
                "the approval of R-002 by `alice` was committed by the approver (Alice Chen <Alice@Test.EXAMPLE>, {approval} on 2026-06-02)"
            ),
        )]
    );
}

#[test]
fn self_approval_committed_by_someone_else() {
    let (fixture, _) = accepted_timeline();
    assert_eq!(findings_of(&fixture, "self-approval"), vec![]);
    // The approver editing something else later does not make it hers.
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace("office network only", "office network only, behind the VPN"),
    );
    fixture.commit("2026-07-01", ALICE, "Clarify the rationale of R-002");
    assert_eq!(findings_of(&fixture, "self-approval"), vec![]);
    // Renewing it herself does.
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED
            .replace("office network only", "office network only, behind the VPN")
            .replace("approved_on: 2026-06-01", "approved_on: 2026-07-20"),
    );
    let renewal = fixture.commit("2026-07-20", ALICE, "Renew R-002");
    assert_eq!(
        findings_of(&fixture, "self-approval"),
        vec![found(
            "self-approval",
            ACCEPTED_PATH,
            12,
            16,
            &format!(
                "the approval of R-002 by `alice` was committed by the approver (Alice Chen <alice@test.example>, {renewal} on 2026-07-20)"
            ),
        )]
    );
}

#[test]
fn self_approval_needs_the_approvers_email() {
    let fixture = Fixture::clean();
    fixture.write(
        "riskreg.yaml",
        format!("{CONFIG}  - {{id: dana, name: Dana Ruiz, approver: true}}\n"),
    );
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED.replace("approved_by: alice", "approved_by: dana"),
    );
    fixture.git_init();
    let approval = fixture.commit(
        "2026-06-02",
        ("Dana Ruiz", "dana@test.example"),
        "Accept R-002",
    );
    assert_eq!(findings_of(&fixture, "self-approval"), vec![]);
    // With her email in the config, the same commit is hers.
    fixture.write(
        "riskreg.yaml",
        format!(
            "{CONFIG}  - {{id: dana, name: Dana Ruiz, email: dana@test.example, approver: true}}\n"
        ),
    );
    assert_eq!(
        findings_of(&fixture, "self-approval"),
        vec![found(
            "self-approval",
            ACCEPTED_PATH,
            12,
            16,
            &format!(
                "the approval of R-002 by `dana` was committed by the approver (Dana Ruiz <dana@test.example>, {approval} on 2026-06-02)"
            ),
        )]
    );
}

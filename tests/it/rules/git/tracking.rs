//! The git rules on records of progress: `backdated-entry`, `stale-status`, and the git
//! half of `residual-not-reassessed`.

use super::{
    ACCEPTED, IN_PROGRESS, findings_of, imported, m001_stale_since_import, mitigation_path, stale,
};
use crate::rules::ACCEPTED_PATH;
use crate::support::{
    ALICE, BOB, CONFIG, Fixture, MITIGATION, MITIGATION_PATH, REVIEW_PATH, RISK, RISK_PATH,
    completed, found, mitigation,
};

// backdated-entry

/// Imported on 2026-06-01 with a completion from before (M-004, exempt), then:
/// M-002 completed on 2026-07-01 and committed 14 days later (within the tolerance),
/// M-003 and M-005 committed 62 and 15 days after their completion, R-002's approval
/// committed 53 days late, the Q3 review committed 49 days late, and a later edit of
/// M-002 that does not touch its date. Returns the fixture and the late commits' IDs
/// (completions, approval, review).
fn backdated_timeline() -> (Fixture, [String; 3]) {
    let fixture = Fixture::clean();
    fixture.remove(REVIEW_PATH);
    fixture.write(
        &mitigation_path("M-004"),
        mitigation("M-004", &completed("2026-03-01")),
    );
    fixture.git_init();
    fixture.commit(
        "2026-06-01",
        ALICE,
        "Import the register from the spreadsheet",
    );
    fixture.write(
        &mitigation_path("M-002"),
        mitigation("M-002", &completed("2026-07-01")),
    );
    fixture.commit("2026-07-15", BOB, "Complete M-002");
    fixture.write(
        &mitigation_path("M-003"),
        mitigation("M-003", &completed("2026-07-01")),
    );
    fixture.write(
        &mitigation_path("M-005"),
        mitigation("M-005", &completed("2026-08-17")),
    );
    let completions = fixture.commit("2026-09-01", BOB, "Record M-003 and M-005");
    fixture.write(ACCEPTED_PATH, ACCEPTED.replace("2026-06-01", "2026-07-10"));
    let approval = fixture.commit("2026-09-01", ALICE, "Record the acceptance of R-002");
    fixture.write(
        "reviews/REV-2026-Q3.yaml",
        "kind: review\nid: REV-2026-Q3\ndate: 2026-07-15\nchair: alice\nattendees: [alice, bob]\nrisks: all\n",
    );
    let review = fixture.commit("2026-09-02", ALICE, "Minutes of the Q3 review");
    fixture.write(
        &mitigation_path("M-002"),
        mitigation("M-002", &completed("2026-07-01")).replace(
            "[https://wiki.test.example/done]",
            "[https://wiki.test.example/done, evidence/m-002.png]",
        ),
    );
    fixture.commit("2026-10-15", ALICE, "More evidence for M-002");
    (fixture, [completions, approval, review])
}

#[test]
fn backdated_entry_dates_committed_long_after_the_fact() {
    let (fixture, [completions, approval, review]) = backdated_timeline();
    assert_eq!(
        findings_of(&fixture, "backdated-entry"),
        vec![
            found(
                "backdated-entry",
                "mitigations/M-003.yaml",
                8,
                15,
                &format!(
                    "`completed_on` 2026-07-01 was first committed on 2026-09-01, 62 days later (Bob Ito in {completions})"
                ),
            ),
            found(
                "backdated-entry",
                "mitigations/M-005.yaml",
                8,
                15,
                &format!(
                    "`completed_on` 2026-08-17 was first committed on 2026-09-01, 15 days later (Bob Ito in {completions})"
                ),
            ),
            found(
                "backdated-entry",
                "reviews/REV-2026-Q3.yaml",
                3,
                7,
                &format!(
                    "`date` 2026-07-15 was first committed on 2026-09-02, 49 days later (Alice Chen in {review})"
                ),
            ),
            found(
                "backdated-entry",
                ACCEPTED_PATH,
                13,
                16,
                &format!(
                    "`treatment.approved_on` 2026-07-10 was first committed on 2026-09-01, 53 days later (Alice Chen in {approval})"
                ),
            ),
        ]
    );
}

#[test]
fn backdated_entry_tolerance_comes_from_the_config() {
    let (fixture, [completions, ..]) = backdated_timeline();
    fixture.write(
        "riskreg.yaml",
        CONFIG.replace("backdate_tolerance_days: 14", "backdate_tolerance_days: 60"),
    );
    assert_eq!(
        findings_of(&fixture, "backdated-entry"),
        vec![found(
            "backdated-entry",
            "mitigations/M-003.yaml",
            8,
            15,
            &format!(
                "`completed_on` 2026-07-01 was first committed on 2026-09-01, 62 days later (Bob Ito in {completions})"
            ),
        )]
    );
}

#[test]
fn backdated_entry_waits_for_uncommitted_dates() {
    let (fixture, _) = imported("2026-06-01");
    fixture.write(
        &mitigation_path("M-002"),
        mitigation("M-002", &completed("2026-07-01")),
    );
    assert_eq!(findings_of(&fixture, "backdated-entry"), vec![]);
}

// stale-status

#[test]
fn stale_status_open_mitigations_untouched_for_a_review_cycle() {
    let fixture = Fixture::clean();
    fixture.remove(REVIEW_PATH);
    for id in ["M-003", "M-005", "M-008"] {
        fixture.write(&mitigation_path(id), mitigation(id, IN_PROGRESS));
    }
    fixture.write(
        &mitigation_path("M-002"),
        mitigation("M-002", &IN_PROGRESS.replace("in-progress", "planned")),
    );
    fixture.write(
        &mitigation_path("M-004"),
        mitigation("M-004", &completed("2026-05-20")),
    );
    fixture.git_init();
    let import = fixture.commit("2026-06-01", ALICE, "Import the register");
    // 93 days before the as-of date: one day too many.
    fixture.write(
        &mitigation_path("M-006"),
        mitigation(
            "M-006",
            "due: 2026-12-31\nstatus: blocked\nblocker: Waiting for the Okta contract\n",
        ),
    );
    let blocked = fixture.commit("2026-08-19", BOB, "Add M-006");
    // 92 days before: just within.
    fixture.write(&mitigation_path("M-007"), mitigation("M-007", IN_PROGRESS));
    fixture.commit("2026-08-20", BOB, "Add M-007");
    // 30 days before.
    fixture.write(&mitigation_path("M-002"), mitigation("M-002", IN_PROGRESS));
    fixture.commit("2026-10-21", BOB, "Start M-002");
    // A comment and reformatting only: not a change.
    fixture.write(
        &mitigation_path("M-003"),
        format!(
            "# Checked in the Q3 review; nothing to report.\n{}",
            mitigation("M-003", IN_PROGRESS).replace(": ", ":   ")
        ),
    );
    fixture.commit("2026-11-01", ALICE, "Comment on M-003");
    // A rename only: not a change either.
    fixture.git(&["mv", "mitigations/M-008.yaml", "mitigations/M-008-vpn.yaml"]);
    fixture.commit("2026-11-05", ALICE, "Rename M-008");
    // Uncommitted work counts as current.
    fixture.write(
        &mitigation_path("M-005"),
        format!(
            "{}updates:\n  - {{on: 2026-11-19, note: Half done}}\n",
            mitigation("M-005", IN_PROGRESS)
        ),
    );
    assert_eq!(
        findings_of(&fixture, "stale-status"),
        vec![
            m001_stale_since_import(&import),
            found(
                "stale-status",
                "mitigations/M-003.yaml",
                8,
                11,
                &stale(
                    "M-003",
                    "in-progress",
                    "2026-06-01",
                    "Alice Chen",
                    &import,
                    172
                ),
            ),
            found(
                "stale-status",
                "mitigations/M-006.yaml",
                7,
                9,
                &stale("M-006", "blocked", "2026-08-19", "Bob Ito", &blocked, 93),
            ),
            found(
                "stale-status",
                "mitigations/M-008-vpn.yaml",
                7,
                9,
                &stale(
                    "M-008",
                    "in-progress",
                    "2026-06-01",
                    "Alice Chen",
                    &import,
                    172
                ),
            ),
        ]
    );
}

#[test]
fn stale_status_ignores_drafts_with_the_same_id() {
    let fixture = Fixture::clean();
    fixture.remove(REVIEW_PATH);
    fixture.write("riskreg.yaml", format!("{CONFIG}ignore: [drafts/**]\n"));
    fixture.git_init();
    let import = fixture.commit("2026-06-01", ALICE, "Import the register");
    fixture.write(
        "drafts/M-001-next.yaml",
        MITIGATION.replace("status: in-progress", "status: planned"),
    );
    fixture.commit("2026-11-01", BOB, "Draft the next version of M-001");
    assert_eq!(
        findings_of(&fixture, "stale-status"),
        vec![m001_stale_since_import(&import)]
    );
}

// residual-not-reassessed

#[test]
fn residual_not_reassessed_rated_before_the_last_completion() {
    let fixture = Fixture::clean();
    fixture.remove(REVIEW_PATH);
    fixture.write(
        RISK_PATH,
        RISK.replace(
            "treatment:",
            "residual: {impact: 3, likelihood: 2}\ntreatment:",
        ),
    );
    fixture.write(&mitigation_path("M-002"), mitigation("M-002", IN_PROGRESS));
    fixture.git_init();
    fixture.commit("2026-06-01", ALICE, "Import the register");
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", &completed("2026-08-28")),
    );
    fixture.commit("2026-09-01", BOB, "Complete M-001");
    fixture.write(
        RISK_PATH,
        RISK.replace(
            "treatment:",
            "residual: {impact: 2, likelihood: 2}\ntreatment:",
        ),
    );
    let rated = fixture.commit("2026-09-05", ALICE, "Re-rate R-001 after M-001");
    fixture.write(
        &mitigation_path("M-002"),
        mitigation("M-002", &completed("2026-09-30")),
    );
    let done = fixture.commit("2026-10-01", BOB, "Complete M-002");
    assert_eq!(
        findings_of(&fixture, "residual-not-reassessed"),
        vec![found(
            "residual-not-reassessed",
            RISK_PATH,
            8,
            11,
            &format!(
                "the residual rating of R-001 (2x2) was set in {rated} on 2026-09-05, before M-002 was completed in {done} on 2026-10-01"
            ),
        )]
    );
    fixture.write(
        RISK_PATH,
        RISK.replace(
            "treatment:",
            "residual: {impact: 2, likelihood: 1}\ntreatment:",
        ),
    );
    fixture.commit("2026-10-03", ALICE, "Re-rate R-001 after M-002");
    assert_eq!(findings_of(&fixture, "residual-not-reassessed"), vec![]);
}

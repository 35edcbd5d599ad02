//! `due-postponed` on dated repositories: due dates moved later three times, once, earlier
//! and later again, by more than the target in one move, in the work tree only, across a
//! re-creation, and on a completed action; and how the report and the pull-request comment
//! show the moves.

use super::findings_of;
use crate::support::{
    ALICE, BOB, CONFIG, Fixture, MITIGATION, MITIGATION_PATH, REVIEW, REVIEW_PATH, code, found,
    riskreg, stdout,
};

/// M-001 (due 2026-12-31 in the clean fixture) with another due date.
fn due(date: &str) -> String {
    MITIGATION.replace("due: 2026-12-31", &format!("due: {date}"))
}

/// The clean register committed by Alice on 2026-10-05; returns the fixture.
fn imported() -> Fixture {
    let fixture = Fixture::clean();
    fixture.git_init();
    fixture.commit("2026-10-05", ALICE, "Import the register");
    fixture
}

/// Commits M-001 with `date` as its due date, by Bob on `on`; returns the short commit ID.
fn move_due(fixture: &Fixture, date: &str, on: &str) -> String {
    fixture.write(MITIGATION_PATH, due(date));
    fixture.commit(on, BOB, &format!("M-001 now due {date}"))
}

/// The finding on M-001's `due` (line 6, column 6) with this message.
fn postponed(message: &str) -> Vec<crate::support::Found> {
    vec![found("due-postponed", MITIGATION_PATH, 6, 6, message)]
}

#[test]
fn a_due_date_moved_later_three_times_is_reported_with_every_move() {
    let fixture = imported();
    let first = move_due(&fixture, "2027-01-31", "2026-11-01");
    let second = move_due(&fixture, "2027-02-28", "2026-11-05");
    let third = move_due(&fixture, "2027-03-15", "2026-11-10");
    assert_eq!(
        findings_of(&fixture, "due-postponed"),
        postponed(&format!(
            "the due date of mitigation M-001 was moved later 3 times, 74 days in all: \
             2026-12-31 -> 2027-01-31 in {first} on 2026-11-01 by Bob Ito; \
             2027-01-31 -> 2027-02-28 in {second} on 2026-11-05 by Bob Ito; \
             2027-02-28 -> 2027-03-15 in {third} on 2026-11-10 by Bob Ito"
        ))
    );
}

#[test]
fn one_move_later_is_within_the_default_limit() {
    let fixture = imported();
    move_due(&fixture, "2027-01-31", "2026-11-01");
    assert_eq!(findings_of(&fixture, "due-postponed"), vec![]);
}

#[test]
fn a_move_earlier_does_not_count_and_the_limit_is_configurable() {
    let fixture = imported();
    move_due(&fixture, "2026-12-15", "2026-11-01");
    assert_eq!(findings_of(&fixture, "due-postponed"), vec![]);
    let later = move_due(&fixture, "2026-12-31", "2026-11-05");
    fixture.write(
        "riskreg.yaml",
        CONFIG.replace(
            "review: {cadence_days: 92, backdate_tolerance_days: 14}",
            "review: {cadence_days: 92, backdate_tolerance_days: 14, max_postponements: 1}",
        ),
    );
    assert_eq!(
        findings_of(&fixture, "due-postponed"),
        postponed(&format!(
            "the due date of mitigation M-001 was moved later once, 16 days in all: \
             2026-12-15 -> 2026-12-31 in {later} on 2026-11-05 by Bob Ito"
        ))
    );
}

#[test]
fn one_move_beyond_the_treatment_target_is_reported() {
    let fixture = imported();
    let moved = move_due(&fixture, "2027-07-19", "2026-11-01");
    assert_eq!(
        findings_of(&fixture, "due-postponed"),
        postponed(&format!(
            "the due date of mitigation M-001 was moved later once, 200 days in all (target 180 days): \
             2026-12-31 -> 2027-07-19 in {moved} on 2026-11-01 by Bob Ito"
        ))
    );
}

#[test]
fn an_uncommitted_move_counts_and_says_so() {
    let fixture = imported();
    let moved = move_due(&fixture, "2027-01-31", "2026-11-01");
    fixture.write(MITIGATION_PATH, due("2027-02-28"));
    assert_eq!(
        findings_of(&fixture, "due-postponed"),
        postponed(&format!(
            "the due date of mitigation M-001 was moved later twice, 59 days in all: \
             2026-12-31 -> 2027-01-31 in {moved} on 2026-11-01 by Bob Ito; \
             2027-01-31 -> 2027-02-28 (not committed yet)"
        ))
    );
}

#[test]
fn a_re_created_action_continues_the_count() {
    let fixture = imported();
    let first = move_due(&fixture, "2027-01-31", "2026-11-01");
    fixture.remove(MITIGATION_PATH);
    fixture.commit("2026-11-02", BOB, "Drop M-001");
    fixture.write("mitigations/M-001-okta.yaml", due("2027-02-28"));
    let again = fixture.commit("2026-11-03", BOB, "Bring M-001 back");
    let found = findings_of(&fixture, "due-postponed");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].1, "mitigations/M-001-okta.yaml");
    assert_eq!(
        found[0].4,
        format!(
            "the due date of mitigation M-001 was moved later twice, 59 days in all: \
             2026-12-31 -> 2027-01-31 in {first} on 2026-11-01 by Bob Ito; \
             2027-01-31 -> 2027-02-28 in {again} on 2026-11-03 by Bob Ito"
        )
    );
}

#[test]
fn a_completed_action_is_not_reported() {
    let fixture = imported();
    for (date, on) in [
        ("2027-01-31", "2026-11-01"),
        ("2027-02-28", "2026-11-05"),
        ("2027-03-15", "2026-11-10"),
    ] {
        move_due(&fixture, date, on);
    }
    fixture.write(
        MITIGATION_PATH,
        due("2027-03-15").replace(
            "status: in-progress",
            "status: completed\ncompleted_on: 2026-11-12\nevidence: [https://wiki.test.example/mfa]",
        ),
    );
    fixture.commit("2026-11-12", BOB, "Complete M-001");
    assert_eq!(findings_of(&fixture, "due-postponed"), vec![]);
}

#[test]
fn the_report_lists_the_moves_and_counts_postponed_actions() {
    let fixture = imported();
    let moved = move_due(&fixture, "2027-01-31", "2026-11-01");
    fixture.write(REVIEW_PATH, REVIEW);
    let root = fixture.path().to_str().expect("UTF-8 path");
    let json = riskreg(&["report", root, "--as-of", "2026-11-20", "--format", "json"]);
    assert_eq!(code(&json), 0);
    let context: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(context["summary"]["postponed"], 1);
    let moves = &context["risks"][0]["actions"][0]["due_moves"];
    assert_eq!(moves[0]["from"], "2026-12-31");
    assert_eq!(moves[0]["to"], "2027-01-31");
    assert_eq!(moves[0]["later"], true);
    assert_eq!(moves[0]["commit"]["short"], moved.as_str());
    let markdown = stdout(&riskreg(&["report", root, "--as-of", "2026-11-20"]));
    assert!(
        markdown.contains(&format!(
            "| 2027-01-31<br>moved from 2026-12-31 ({moved}, 2026-11-01) |"
        )),
        "{markdown}"
    );
    assert!(markdown.contains("| Postponed | 1 |"), "{markdown}");
}

#[test]
fn the_pull_request_comment_says_how_often_the_due_date_moved_before() {
    let fixture = imported();
    move_due(&fixture, "2027-01-31", "2026-11-01");
    move_due(&fixture, "2027-02-28", "2026-11-05");
    fixture.write(MITIGATION_PATH, due("2027-03-15"));
    let root = fixture.path().to_str().expect("UTF-8 path");
    let output = riskreg(&[
        "diff",
        "HEAD",
        "--root",
        root,
        "--as-of",
        "2026-11-20",
        "--format",
        "json",
    ]);
    assert_eq!(code(&output), 0, "{}", crate::support::stderr(&output));
    let diff: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let field = &diff["documents"][0]["fields"][0];
    assert_eq!(field["field"], "due");
    assert_eq!(field["note"], "15 days later; postponed twice before");
}

//! The rules that need git history, on real repositories built with dated, authored
//! commits: each fires with the exact finding (the commit it names is the one the test
//! made) and stays quiet when the history satisfies it; without usable history they are
//! skipped with one notice.

use std::path::Path;
use std::process::Output;

use crate::support::{
    ALICE, AS_OF, BOB, CONFIG, Fixture, Found, MITIGATION, Person, REVIEW, RISK, code, found,
    git_in, json_findings, riskreg, stderr, stdout,
};

/// Where [`Fixture::clean`] writes [`RISK`].
const RISK_PATH: &str = "risks/R-001-mfa.yaml";
/// Where [`Fixture::clean`] writes [`MITIGATION`] (M-001).
const MITIGATION_PATH: &str = "mitigations/M-001-okta-mfa.yaml";
/// Where [`Fixture::clean`] writes [`REVIEW`] (REV-2026-Q4).
const REVIEW_PATH: &str = "reviews/REV-2026-Q4.yaml";
/// Where tests write [`ACCEPTED`].
const ACCEPTED_PATH: &str = "risks/R-002-legacy-admin.yaml";

/// A risk accepted on 2026-06-01 by alice (an approver), low (2x2), within the appetite.
/// `approved_by` is on line 12 and `approved_on` on line 13, both values at column 16.
const ACCEPTED: &str = "\
kind: risk
id: R-002
title: The legacy admin tool has no SSO
owner: alice
identified: 2026-05-20
criteria: [CC6.1]
systems: [admin-tool]
inherent: {impact: 2, likelihood: 2}
treatment:
  decision: accept
  rationale: Two people use it, from the office network only
  approved_by: alice
  approved_on: 2026-06-01
  expires: 2027-05-31
";

/// Alice committing with her address in another case: still the owner `alice`.
const ALICE_UPPER: Person<'static> = ("Alice Chen", "Alice@Test.EXAMPLE");

/// A mitigation of R-001 with this ID: kind, id, title, risks and owner on lines 1 to 5,
/// then `tail` from line 6.
fn mitigation(id: &str, tail: &str) -> String {
    format!("kind: mitigation\nid: {id}\ntitle: Action {id}\nrisks: [R-001]\nowner: bob\n{tail}")
}

/// Where tests write the mitigation with this ID.
fn mitigation_path(id: &str) -> String {
    format!("mitigations/{id}.yaml")
}

/// The tail of an open mitigation: `status` on line 7, its value at column 9.
const IN_PROGRESS: &str = "due: 2026-12-31\nstatus: in-progress\n";

/// The tail of a mitigation completed on `date`: `completed_on` on line 8, its value at
/// column 15.
fn completed(date: &str) -> String {
    format!(
        "due: 2026-12-31\nstatus: completed\ncompleted_on: {date}\nevidence: [https://wiki.test.example/done]\n"
    )
}

/// The clean register without its review (R-001 and M-001, in progress), committed by
/// Alice on `date`; returns the fixture and the import's short commit ID.
fn imported(date: &str) -> (Fixture, String) {
    let fixture = Fixture::clean();
    fixture.remove(REVIEW_PATH);
    fixture.git_init();
    let id = commit(&fixture, date, ALICE, "Import the register");
    (fixture, id)
}

/// Commits everything as `who` at noon UTC on `date`; returns the commit's short ID (the
/// 7 characters riskreg prints).
fn commit(fixture: &Fixture, date: &str, who: Person<'_>, message: &str) -> String {
    fixture.commit(date, who, message);
    short_head(fixture.path())
}

/// The short ID of HEAD in the repository holding `dir`.
fn short_head(dir: &Path) -> String {
    let output = git_in(dir, &["rev-parse", "HEAD"]);
    String::from_utf8_lossy(&output.stdout)[..7].to_owned()
}

/// The findings of `rule`, after making sure every document loaded (a document that does
/// not load would keep every rule quiet for the wrong reason).
fn findings_of(fixture: &Fixture, rule: &str) -> Vec<Found> {
    only_rule(fixture.findings(), rule)
}

/// The findings of `rule` among `findings`, which must have no loading problems.
fn only_rule(findings: Vec<Found>, rule: &str) -> Vec<Found> {
    let broken: Vec<&Found> = findings
        .iter()
        .filter(|found| {
            ["yaml-syntax", "schema", "duplicate-id", "unknown-reference"]
                .contains(&found.0.as_str())
        })
        .collect();
    assert!(broken.is_empty(), "the fixture does not load: {broken:#?}");
    findings
        .into_iter()
        .filter(|found| found.0 == rule)
        .collect()
}

/// Runs `riskreg check ROOT --as-of AS_OF` on any folder, with extra arguments.
fn check_at(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "check",
        root.to_str().expect("UTF-8 path"),
        "--as-of",
        AS_OF,
    ];
    args.extend_from_slice(extra);
    riskreg(&args)
}

/// The JSON findings of a check of the register at `root` with extra arguments, as tuples.
fn findings_at(root: &Path, extra: &[&str]) -> Vec<Found> {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    json_findings(&check_at(root, &args))
}

/// The last line of standard output: the human summary.
fn summary(output: &Output) -> String {
    stdout(output).lines().last().unwrap_or_default().to_owned()
}

/// The stale-status message for a mitigation last changed on `date` by `author` in `id`.
fn stale(mitigation: &str, status: &str, date: &str, author: &str, id: &str, days: u32) -> String {
    format!(
        "mitigation {mitigation} ({status}) has not changed since {date} ({author} in {id}), {days} days before {AS_OF}; reviews are every 92 days"
    )
}

/// The rules that need git history, as the notice lists them.
const GIT_RULES: &str = "acceptance-outdated, backdated-entry, self-approval, stale-status";

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
    commit(
        &fixture,
        "2026-06-01",
        ALICE,
        "Import the register from the spreadsheet",
    );
    fixture.write(
        &mitigation_path("M-002"),
        mitigation("M-002", &completed("2026-07-01")),
    );
    commit(&fixture, "2026-07-15", BOB, "Complete M-002");
    fixture.write(
        &mitigation_path("M-003"),
        mitigation("M-003", &completed("2026-07-01")),
    );
    fixture.write(
        &mitigation_path("M-005"),
        mitigation("M-005", &completed("2026-08-17")),
    );
    let completions = commit(&fixture, "2026-09-01", BOB, "Record M-003 and M-005");
    fixture.write(ACCEPTED_PATH, ACCEPTED.replace("2026-06-01", "2026-07-10"));
    let approval = commit(
        &fixture,
        "2026-09-01",
        ALICE,
        "Record the acceptance of R-002",
    );
    fixture.write(
        "reviews/REV-2026-Q3.yaml",
        "kind: review\nid: REV-2026-Q3\ndate: 2026-07-15\nchair: alice\nattendees: [alice, bob]\nrisks: all\n",
    );
    let review = commit(&fixture, "2026-09-02", ALICE, "Minutes of the Q3 review");
    fixture.write(
        &mitigation_path("M-002"),
        mitigation("M-002", &completed("2026-07-01")).replace(
            "[https://wiki.test.example/done]",
            "[https://wiki.test.example/done, evidence/m-002.png]",
        ),
    );
    commit(&fixture, "2026-10-15", ALICE, "More evidence for M-002");
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
    let import = commit(&fixture, "2026-06-01", ALICE, "Import the register");
    // 93 days before the as-of date: one day too many.
    fixture.write(
        &mitigation_path("M-006"),
        mitigation(
            "M-006",
            "due: 2026-12-31\nstatus: blocked\nblocker: Waiting for the Okta contract\n",
        ),
    );
    let blocked = commit(&fixture, "2026-08-19", BOB, "Add M-006");
    // 92 days before: just within.
    fixture.write(&mitigation_path("M-007"), mitigation("M-007", IN_PROGRESS));
    commit(&fixture, "2026-08-20", BOB, "Add M-007");
    // 30 days before.
    fixture.write(&mitigation_path("M-002"), mitigation("M-002", IN_PROGRESS));
    commit(&fixture, "2026-10-21", BOB, "Start M-002");
    // A comment and reformatting only: not a change.
    fixture.write(
        &mitigation_path("M-003"),
        format!(
            "# Checked in the Q3 review; nothing to report.\n{}",
            mitigation("M-003", IN_PROGRESS).replace(": ", ":   ")
        ),
    );
    commit(&fixture, "2026-11-01", ALICE, "Comment on M-003");
    // A rename only: not a change either.
    fixture.git(&["mv", "mitigations/M-008.yaml", "mitigations/M-008-vpn.yaml"]);
    commit(&fixture, "2026-11-05", ALICE, "Rename M-008");
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
            found(
                "stale-status",
                MITIGATION_PATH,
                7,
                9,
                &stale(
                    "M-001",
                    "in-progress",
                    "2026-06-01",
                    "Alice Chen",
                    &import,
                    172
                ),
            ),
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
    let import = commit(&fixture, "2026-06-01", ALICE, "Import the register");
    fixture.write(
        "drafts/M-001-next.yaml",
        MITIGATION.replace("status: in-progress", "status: planned"),
    );
    commit(
        &fixture,
        "2026-11-01",
        BOB,
        "Draft the next version of M-001",
    );
    assert_eq!(
        findings_of(&fixture, "stale-status"),
        vec![found(
            "stale-status",
            MITIGATION_PATH,
            7,
            9,
            &stale(
                "M-001",
                "in-progress",
                "2026-06-01",
                "Alice Chen",
                &import,
                172
            ),
        )]
    );
}

// acceptance-outdated

/// The register with [`ACCEPTED`] committed by Bob on 2026-06-02; returns the fixture and
/// the approval's short commit ID.
fn accepted_timeline() -> (Fixture, String) {
    let fixture = Fixture::clean();
    fixture.write(ACCEPTED_PATH, ACCEPTED);
    fixture.git_init();
    let approval = commit(&fixture, "2026-06-02", BOB, "Accept R-002");
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
    let rerated = commit(&fixture, "2026-08-10", BOB, "Re-rate R-002");
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
    commit(&fixture, "2026-08-12", BOB, "Renew the acceptance of R-002");
    assert_eq!(findings_of(&fixture, "acceptance-outdated"), vec![]);
}

#[test]
fn acceptance_outdated_a_new_approver_renews_the_approval() {
    let (fixture, _) = accepted_timeline();
    let rerated = ACCEPTED.replace("likelihood: 2}", "likelihood: 3}");
    fixture.write(ACCEPTED_PATH, &rerated);
    commit(&fixture, "2026-08-10", BOB, "Re-rate R-002");
    fixture.write(
        ACCEPTED_PATH,
        rerated.replace("approved_by: alice", "approved_by: ceo"),
    );
    commit(
        &fixture,
        "2026-08-12",
        BOB,
        "The CEO approves R-002 as re-rated",
    );
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
    let widened = commit(&fixture, "2026-09-01", ALICE, "R-002 covers the VPN too");
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
    commit(&fixture, "2026-09-01", ALICE, "Reformat R-002");
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
    let approval = commit(&fixture, "2026-06-02", ALICE_UPPER, "Accept R-002");
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
    commit(
        &fixture,
        "2026-07-01",
        ALICE,
        "Clarify the rationale of R-002",
    );
    assert_eq!(findings_of(&fixture, "self-approval"), vec![]);
    // Renewing it herself does.
    fixture.write(
        ACCEPTED_PATH,
        ACCEPTED
            .replace("office network only", "office network only, behind the VPN")
            .replace("approved_on: 2026-06-01", "approved_on: 2026-07-20"),
    );
    let renewal = commit(&fixture, "2026-07-20", ALICE, "Renew R-002");
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
    let approval = commit(
        &fixture,
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
    commit(&fixture, "2026-06-01", ALICE, "Import the register");
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", &completed("2026-08-28")),
    );
    commit(&fixture, "2026-09-01", BOB, "Complete M-001");
    fixture.write(
        RISK_PATH,
        RISK.replace(
            "treatment:",
            "residual: {impact: 2, likelihood: 2}\ntreatment:",
        ),
    );
    let rated = commit(&fixture, "2026-09-05", ALICE, "Re-rate R-001 after M-001");
    fixture.write(
        &mitigation_path("M-002"),
        mitigation("M-002", &completed("2026-09-30")),
    );
    let done = commit(&fixture, "2026-10-01", BOB, "Complete M-002");
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
    commit(&fixture, "2026-10-03", ALICE, "Re-rate R-001 after M-002");
    assert_eq!(findings_of(&fixture, "residual-not-reassessed"), vec![]);
}

// Without history

/// A clean register with history: imported on 2026-06-01, its review and an update of
/// M-001 committed on 2026-11-14, and a stale M-002 that only the git rules see.
fn clean_history() -> Fixture {
    let (fixture, _) = imported("2026-06-01");
    fixture.write(&mitigation_path("M-002"), mitigation("M-002", IN_PROGRESS));
    commit(&fixture, "2026-06-02", BOB, "Add M-002");
    fixture.write(REVIEW_PATH, REVIEW);
    fixture.write(
        MITIGATION_PATH,
        format!("{MITIGATION}updates:\n  - {{on: 2026-11-14, note: On track}}\n"),
    );
    commit(&fixture, "2026-11-14", ALICE, "Q4 review");
    fixture
}

/// The notice of skipped git rules, with the reason and the fix.
fn notice(reason: &str, fix: &str) -> String {
    format!("the rules that need git history ({GIT_RULES}) were skipped: {reason}. {fix}")
}

const SHALLOW: &str = "the repository is a shallow clone, so older commits are missing";
const SHALLOW_FIX: &str = "Fetch the full history: `git fetch --unshallow`; in GitHub Actions set `fetch-depth: 0` on actions/checkout, in GitLab CI set `GIT_DEPTH: 0`.";
const NOT_A_REPOSITORY: &str = "the register is not in a git repository";
const NOT_A_REPOSITORY_FIX: &str =
    "Keep the register in a git repository to get history and these rules.";

#[test]
fn a_shallow_clone_skips_the_git_rules_with_one_notice() {
    let fixture = clean_history();
    let rules: Vec<String> = fixture
        .findings()
        .into_iter()
        .map(|found| found.0)
        .collect();
    assert_eq!(
        rules,
        ["stale-status"],
        "with the full history, M-002 is stale"
    );
    let clones = tempfile::tempdir().expect("tempdir");
    let url = format!("file://{}", fixture.path().display());
    git_in(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "clone"],
    );
    let clone = clones.path().join("clone");
    assert!(clone.join(".git/shallow").exists());

    let output = check_at(&clone, &[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!("note: {}\n", notice(SHALLOW, SHALLOW_FIX))
    );
    assert_eq!(
        summary(&output),
        "0 errors, 0 warnings in 4 documents (as of 2026-11-20)"
    );
    assert_eq!(findings_at(&clone, &[]), vec![]);

    let output = check_at(&clone, &["--require-history"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        format!(
            "error: {} (--require-history)\n",
            notice(SHALLOW, SHALLOW_FIX)
        )
    );
    assert_eq!(stdout(&output), "");

    let output = check_at(&clone, &["--no-history"]);
    assert_eq!(code(&output), 0);
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_folder_outside_git_skips_the_git_rules_with_one_notice() {
    let fixture = Fixture::clean();
    let output = fixture.check(&[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!("note: {}\n", notice(NOT_A_REPOSITORY, NOT_A_REPOSITORY_FIX))
    );
    assert_eq!(
        summary(&output),
        "0 errors, 0 warnings in 3 documents (as of 2026-11-20)"
    );

    let output = fixture.check(&["--require-history"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        format!(
            "error: {} (--require-history)\n",
            notice(NOT_A_REPOSITORY, NOT_A_REPOSITORY_FIX)
        )
    );

    let output = fixture.check(&["--no-history"]);
    assert_eq!(code(&output), 0);
    assert_eq!(stderr(&output), "");
}

#[test]
fn a_repository_without_commits_skips_the_git_rules_with_one_notice() {
    let fixture = Fixture::clean();
    fixture.git_init();
    let output = fixture.check(&[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "note: {}\n",
            notice(
                "the repository has no commits yet",
                "Commit the register first."
            )
        )
    );
}

// Where the register is, and what is checked

#[test]
fn a_register_in_a_subfolder_of_a_repository() {
    let fixture = Fixture::empty();
    fixture.git_init();
    fixture.write("src/main.rs", "fn main() {}\n");
    commit(&fixture, "2026-01-10", BOB, "Start the code");
    fixture.write("compliance/riskreg.yaml", CONFIG);
    fixture.write(&format!("compliance/{RISK_PATH}"), RISK);
    fixture.write(&format!("compliance/{MITIGATION_PATH}"), MITIGATION);
    // Completed before the register's first commit (not the repository's): exempt.
    fixture.write(
        &format!("compliance/{}", mitigation_path("M-004")),
        mitigation("M-004", &completed("2026-03-01")),
    );
    let import = commit(&fixture, "2026-06-01", ALICE, "Import the register");
    let m002 = format!("compliance/{}", mitigation_path("M-002"));
    fixture.write(&m002, mitigation("M-002", &completed("2026-07-01")));
    let late = commit(&fixture, "2026-09-01", BOB, "Complete M-002");
    // Commits outside the register do not change it.
    fixture.write("src/main.rs", "fn main() {\n    println!(\"MFA\");\n}\n");
    commit(&fixture, "2026-11-10", BOB, "Code");
    fixture.write(&format!("compliance/{REVIEW_PATH}"), REVIEW);
    commit(&fixture, "2026-11-14", ALICE, "Q4 review");
    let backdated = found(
        "backdated-entry",
        "mitigations/M-002.yaml",
        8,
        15,
        &format!(
            "`completed_on` 2026-07-01 was first committed on 2026-09-01, 62 days later (Bob Ito in {late})"
        ),
    );
    let root = fixture.path().join("compliance");
    assert_eq!(
        findings_at(&root, &[]),
        vec![
            found(
                "stale-status",
                MITIGATION_PATH,
                7,
                9,
                &stale(
                    "M-001",
                    "in-progress",
                    "2026-06-01",
                    "Alice Chen",
                    &import,
                    172
                ),
            ),
            backdated.clone(),
        ]
    );
    // Work in progress in the register counts as current; outside it, it is not the
    // register's.
    fixture.write(
        &format!("compliance/{MITIGATION_PATH}"),
        format!("{MITIGATION}updates:\n  - {{on: 2026-11-19, note: On track}}\n"),
    );
    fixture.write(
        &m002,
        format!(
            "{}updates:\n  - {{on: 2026-07-01, note: Done}}\n",
            mitigation("M-002", &completed("2026-07-01"))
        ),
    );
    fixture.write("src/lib.rs", "//! Nothing yet.\n");
    fixture.write("docs/notes.yaml", "kind: note\n");
    assert_eq!(findings_at(&root, &[]), vec![backdated]);
    assert_eq!(
        summary(&check_at(&root, &[])),
        "0 errors, 1 warning in 5 documents (as of 2026-11-20; 2 documents differ from HEAD and are checked as in the work tree)"
    );
}

#[test]
fn the_summary_counts_documents_that_differ_from_head() {
    let fixture = Fixture::clean();
    fixture.git_init();
    commit(&fixture, "2026-11-14", ALICE, "Import the register");
    assert_eq!(
        summary(&fixture.check(&[])),
        "0 errors, 0 warnings in 3 documents (as of 2026-11-20)"
    );
    fixture.write(
        MITIGATION_PATH,
        format!("{MITIGATION}updates:\n  - {{on: 2026-11-19, note: On track}}\n"),
    );
    fixture.write(&mitigation_path("M-002"), mitigation("M-002", IN_PROGRESS));
    // The config is not a document.
    fixture.write("riskreg.yaml", format!("{CONFIG}ignore: [drafts/**]\n"));
    assert_eq!(
        summary(&fixture.check(&[])),
        "0 errors, 0 warnings in 4 documents (as of 2026-11-20; 2 documents differ from HEAD and are checked as in the work tree)"
    );
    assert_eq!(
        summary(&fixture.check(&["--no-history"])),
        "0 errors, 0 warnings in 4 documents (as of 2026-11-20)"
    );
}

#[test]
fn the_summary_counts_one_document_that_differs_from_head() {
    let fixture = Fixture::clean();
    fixture.git_init();
    commit(&fixture, "2026-11-14", ALICE, "Import the register");
    fixture.write(
        MITIGATION_PATH,
        format!("{MITIGATION}updates:\n  - {{on: 2026-11-19, note: On track}}\n"),
    );
    assert_eq!(
        summary(&fixture.check(&[])),
        "0 errors, 0 warnings in 3 documents (as of 2026-11-20; 1 document differs from HEAD and is checked as in the work tree)"
    );
}

#[test]
fn rev_reads_the_history_of_another_revision() {
    let (fixture, import) = imported("2026-06-01");
    fixture.write(
        MITIGATION_PATH,
        format!("{MITIGATION}updates:\n  - {{on: 2026-11-01, note: On track}}\n"),
    );
    commit(&fixture, "2026-11-01", BOB, "Update M-001");
    assert_eq!(findings_of(&fixture, "stale-status"), vec![]);
    assert_eq!(
        only_rule(
            findings_at(fixture.path(), &["--rev", "HEAD~1"]),
            "stale-status"
        ),
        vec![found(
            "stale-status",
            MITIGATION_PATH,
            7,
            9,
            &stale(
                "M-001",
                "in-progress",
                "2026-06-01",
                "Alice Chen",
                &import,
                172
            ),
        )]
    );
    let output = fixture.check(&["--rev", "no-such-branch"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "error: no revision `no-such-branch` in the repository\n"
    );
}

#[test]
fn the_summary_does_not_count_ignored_files() {
    let fixture = Fixture::clean();
    fixture.write("riskreg.yaml", format!("{CONFIG}ignore: [drafts/**]\n"));
    fixture.git_init();
    commit(&fixture, "2026-11-14", ALICE, "Import the register");
    fixture.write(
        MITIGATION_PATH,
        format!("{MITIGATION}updates:\n  - {{on: 2026-11-19, note: On track}}\n"),
    );
    fixture.write(&mitigation_path("M-002"), mitigation("M-002", IN_PROGRESS));
    fixture.write("drafts/M-003.yaml", mitigation("M-003", IN_PROGRESS));
    assert_eq!(
        summary(&fixture.check(&[])),
        "0 errors, 0 warnings in 4 documents (as of 2026-11-20; 2 documents differ from HEAD and are checked as in the work tree)"
    );
}

//! Points in time (`--at`, `--rev`, `diff @DATE`) and trends, on repositories with dated
//! commits: a year of a small register, with a branch merged late and a file moved.

use serde_json::Value;

use crate::support::{
    ALICE, BOB, Fixture, MITIGATION, MITIGATION_PATH, RISK, RISK_PATH, code, git_as, riskreg,
    stderr, stdout,
};

/// Where the second risk lives.
const R002_PATH: &str = "risks/R-002-backups.yaml";
/// Where R-001 moves in October.
const MOVED_PATH: &str = "risks/identity/R-001-mfa.yaml";

/// The clean register imported on 2026-03-10; R-002 added on 2026-07-15; M-001 completed
/// on 2026-08-10; on a branch, R-001 rated residual on 2026-06-20, merged on 2026-09-05;
/// R-001 moved on 2026-10-01.
fn year() -> Fixture {
    let fixture = Fixture::clean();
    fixture.git_init();
    fixture.commit("2026-03-10", ALICE, "Import the register");
    fixture.git(&["checkout", "-q", "-b", "rating"]);
    fixture.write(
        RISK_PATH,
        RISK.replace(
            "treatment:",
            "residual: {impact: 3, likelihood: 1}\ntreatment:",
        ),
    );
    fixture.commit("2026-06-20", ALICE, "Rate R-001's residual risk");
    fixture.git(&["checkout", "-q", "main"]);
    fixture.write(
        R002_PATH,
        RISK.replace("R-001", "R-002")
            .replace("MFA is not enforced", "Backups are not tested"),
    );
    fixture.commit("2026-07-15", ALICE, "Add R-002");
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace(
            "status: in-progress",
            "status: completed\ncompleted_on: 2026-08-09\nevidence: [https://wiki.test.example/mfa]",
        ),
    );
    fixture.commit("2026-08-10", BOB, "Complete M-001");
    git_as(
        fixture.path(),
        "2026-09-05",
        ALICE,
        &["merge", "-q", "--no-ff", "-m", "Merge the rating", "rating"],
    );
    std::fs::create_dir_all(fixture.path().join("risks/identity")).expect("mkdir");
    fixture.git(&["mv", RISK_PATH, MOVED_PATH]);
    fixture.commit("2026-10-01", ALICE, "File R-001 under identity");
    fixture
}

fn run(fixture: &Fixture, command: &str, extra: &[&str]) -> std::process::Output {
    let root = fixture.path().to_str().expect("UTF-8");
    let mut args = vec![command, root];
    args.extend_from_slice(extra);
    riskreg(&args)
}

fn json_of(output: &std::process::Output) -> Value {
    assert_eq!(code(output), 0, "{}", stderr(output));
    serde_json::from_str(&stdout(output)).expect("JSON")
}

fn report_at(fixture: &Fixture, date: &str) -> Value {
    json_of(&run(fixture, "report", &["--at", date, "--format", "json"]))
}

fn risk_ids(report: &Value) -> Vec<&str> {
    report["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .map(|risk| risk["id"].as_str().expect("id"))
        .collect()
}

fn action_status<'a>(report: &'a Value, id: &str) -> &'a str {
    report["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .flat_map(|risk| risk["actions"].as_array().expect("actions"))
        .find(|action| action["id"] == id)
        .and_then(|action| action["status"].as_str())
        .expect("the action")
}

fn trend(fixture: &Fixture, extra: &[&str]) -> Vec<Value> {
    let output = run(fixture, "trend", &[&["--format", "json"], extra].concat());
    json_of(&output)["periods"]
        .as_array()
        .expect("periods")
        .clone()
}

fn commit_of(fixture: &Fixture, rev: &str) -> String {
    stdout(&fixture.git(&["rev-parse", rev])).trim().to_owned()
}

#[test]
fn a_risk_added_in_july_is_absent_at_june_30() {
    let fixture = year();
    let june = report_at(&fixture, "2026-06-30");
    assert_eq!(risk_ids(&june), ["R-001"]);
    assert_eq!(june["as_of"], "2026-06-30");
    assert_eq!(june["committed"], true);
    assert_eq!(june["commit"]["date"], "2026-03-10");
    assert_eq!(
        risk_ids(&report_at(&fixture, "2026-07-31")),
        ["R-001", "R-002"]
    );
    let check = run(&fixture, "check", &["--at", "2026-06-30"]);
    assert!(
        stdout(&check).trim_end().ends_with(&format!(
            "in 3 documents (as of 2026-06-30; the register as committed at commit {} of 2026-03-10)",
            &commit_of(&fixture, "main~4")[..7]
        )),
        "{}",
        stdout(&check)
    );
}

#[test]
fn an_action_completed_in_august_is_in_progress_at_july_31() {
    let fixture = year();
    assert_eq!(
        action_status(&report_at(&fixture, "2026-07-31"), "M-001"),
        "in-progress"
    );
    assert_eq!(
        action_status(&report_at(&fixture, "2026-08-31"), "M-001"),
        "completed"
    );
    let export = json_of(&run(
        &fixture,
        "export",
        &["--at", "2026-07-31", "--format", "json"],
    ));
    assert!(export.to_string().contains("in-progress"), "{export}");
}

#[test]
fn a_branch_counts_at_its_merge_date() {
    let fixture = year();
    // Committed on 2026-06-20 on a branch, merged on 2026-09-05.
    assert_eq!(
        report_at(&fixture, "2026-08-31")["risks"][0]["residual"],
        Value::Null
    );
    assert_eq!(
        report_at(&fixture, "2026-09-30")["risks"][0]["residual"]["score"],
        3
    );
    let periods = trend(
        &fixture,
        &["--since", "2026-06-01", "--until", "2026-09-30"],
    );
    let rerated: Vec<u64> = periods
        .iter()
        .map(|period| period["changes"]["risks_rerated"].as_u64().expect("count"))
        .collect();
    assert_eq!(rerated, [0, 0, 0, 1]);
    let unrated: Vec<u64> = periods
        .iter()
        .map(|period| {
            period["by_residual_level"]["unrated"]
                .as_u64()
                .expect("count")
        })
        .collect();
    assert_eq!(unrated, [1, 2, 2, 1]);
}

#[test]
fn periods_before_the_first_commit_are_empty_and_quiet_periods_keep_the_last_commit() {
    let fixture = year();
    let periods = trend(
        &fixture,
        &["--since", "2026-01-01", "--until", "2026-05-31"],
    );
    let import = commit_of(&fixture, "main~4");
    let commits: Vec<&Value> = periods.iter().map(|period| &period["commit"]).collect();
    assert_eq!(
        commits,
        [
            &Value::Null,
            &Value::Null,
            &Value::String(import.clone()),
            &Value::String(import.clone()),
            &Value::String(import)
        ]
    );
    for empty in &periods[..2] {
        assert_eq!(empty["active_risks"], 0);
        assert_eq!(empty["by_decision"]["mitigate"], 0);
        assert_eq!(empty["actions_by_status"]["in-progress"], 0);
        assert_eq!(empty["findings"]["errors"], 0);
    }
    assert_eq!(periods[2]["active_risks"], 1);
    assert_eq!(periods[2]["changes"]["risks_added"], 1);
    assert_eq!(periods[3]["active_risks"], 1);
    assert_eq!(periods[3]["changes"]["risks_added"], 0);
}

#[test]
fn a_moved_file_keeps_its_history_across_periods() {
    let fixture = year();
    let periods = trend(
        &fixture,
        &["--since", "2026-09-01", "--until", "2026-10-31"],
    );
    assert_eq!(periods[1]["active_risks"], 2);
    assert_eq!(periods[1]["changes"]["risks_added"], 0);
    let october = report_at(&fixture, "2026-10-31");
    let r001 = &october["risks"][0];
    assert_eq!(r001["path"], MOVED_PATH);
    assert_eq!(r001["last_changed"]["commit"]["date"], "2026-06-20");
    let history = stdout(&riskreg(&[
        "history",
        "--root",
        fixture.path().to_str().expect("UTF-8"),
        "--at",
        "2026-10-31",
        "R-001",
    ]));
    assert!(
        history.contains("added as risks/R-001-mfa.yaml"),
        "{history}"
    );
    assert!(
        history.contains(&format!("moved {RISK_PATH} -> {MOVED_PATH}")),
        "{history}"
    );
}

/// Every count of `trend` at a period's end equals `report --at` and `check --at` run
/// separately at that date.
#[test]
fn trend_counts_equal_report_and_check_at_each_period_end() {
    let fixture = year();
    let periods = trend(
        &fixture,
        &["--since", "2026-03-01", "--until", "2026-10-31"],
    );
    assert_eq!(periods.len(), 8);
    for period in &periods {
        let end = period["end"].as_str().expect("end");
        let report = report_at(&fixture, end);
        let summary = &report["summary"];
        assert_eq!(period["commit"], report["commit"]["id"], "{end}");
        for count in [
            "active_risks",
            "retired_risks",
            "overdue",
            "stale",
            "findings",
        ] {
            assert_eq!(period[count], summary[count], "{end}: {count}");
        }
        for (key, counts) in [
            ("by_decision", "by_decision"),
            ("by_inherent_level", "by_inherent_level"),
            ("actions_by_status", "actions_by_status"),
            ("by_residual_level", "by_residual_level"),
        ] {
            for count in summary[counts].as_array().expect("counts") {
                let name = count["name"].as_str().expect("name");
                let name = if name == "not rated" { "unrated" } else { name };
                assert_eq!(period[key][name], count["count"], "{end}: {key}.{name}");
            }
        }
        let check = run(&fixture, "check", &["--at", end, "--format", "json"]);
        assert!(code(&check) < 2, "{}", stderr(&check));
        let check: Value = serde_json::from_str(&stdout(&check)).expect("JSON");
        let errors = check["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|finding| finding["severity"] == "error")
            .count();
        assert_eq!(period["findings"]["errors"], errors, "{end}");
    }
}

#[test]
fn rev_reads_the_documents_at_the_revision_too() {
    let fixture = year();
    // The work tree gains a third risk; `--rev HEAD` does not see it.
    fixture.write("risks/R-003-new.yaml", RISK.replace("R-001", "R-003"));
    let output = run(&fixture, "report", &["--rev", "HEAD", "--format", "json"]);
    assert_eq!(risk_ids(&json_of(&output)), ["R-001", "R-002"]);
    let output = run(&fixture, "report", &["--rev", "HEAD"]);
    assert!(
        stdout(&output).contains("the register as committed at commit"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn as_of_alone_shows_no_history_after_it() {
    let fixture = year();
    let report = json_of(&run(
        &fixture,
        "report",
        &["--as-of", "2026-05-31", "--format", "json"],
    ));
    // The work tree is judged, but nothing committed after May shows.
    assert_eq!(report["committed"], false);
    for change in report["changes"].as_array().expect("changes") {
        assert!(
            change["date"].as_str().expect("date") <= "2026-07-31",
            "{change}"
        );
    }
    assert_eq!(
        report["risks"][0]["last_changed"]["commit"]["date"],
        "2026-03-10"
    );
}

#[test]
fn diff_between_two_dates_is_a_pull_request_comment() {
    let fixture = year();
    let root = fixture.path().to_str().expect("UTF-8");
    let output = riskreg(&["diff", "@2026-06-30", "@2026-09-30", "--root", root]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("R-002"), "{text}");
    assert!(text.contains("M-001"), "{text}");
    assert!(text.contains("`@2026-09-30 ("), "{text}");
}

#[test]
fn bad_points_in_time_exit_2_with_a_clear_message() {
    let fixture = year();
    let before = run(&fixture, "check", &["--at", "2026-01-31"]);
    assert_eq!(code(&before), 2);
    assert!(
        stderr(&before)
            .contains("--at 2026-01-31: the date is before the repository's first commit"),
        "{}",
        stderr(&before)
    );
    let future = run(&fixture, "report", &["--at", "2999-01-01"]);
    assert_eq!(code(&future), 2);
    assert!(
        stderr(&future).contains("the date is in the future"),
        "{}",
        stderr(&future)
    );

    let outside = Fixture::clean();
    let output = run(&outside, "check", &["--at", "2026-06-30"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("--at 2026-06-30: the register is not in a git repository"),
        "{}",
        stderr(&output)
    );

    let shallow = Fixture::empty();
    let source = format!("file://{}", fixture.path().display());
    crate::support::git_in(
        shallow.path(),
        &["clone", "-q", "--depth", "1", &source, "clone"],
    );
    let clone = shallow.path().join("clone");
    let clone = clone.to_str().expect("UTF-8");
    let output = riskreg(&["diff", "@2026-06-30", "@2026-09-30", "--root", clone]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("@2026-06-30: the repository is a shallow clone"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("fetch-depth: 0"),
        "{}",
        stderr(&output)
    );
}

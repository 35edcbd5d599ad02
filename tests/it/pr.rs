//! Pull requests: `riskreg diff` and `riskreg check --base` on real repositories with a
//! main branch and a feature branch.

use crate::support::{ALICE, BOB, Fixture, MITIGATION, RISK, code, riskreg, stderr, stdout};

/// A clean register on `main`, plus an old overdue action (M-002), then a `feature` branch.
fn repository() -> Fixture {
    let fixture = Fixture::clean();
    fixture.write(
        "mitigations/M-002-log-retention.yaml",
        "kind: mitigation\nid: M-002\ntitle: Keep audit logs for a year\nrisks: [R-001]\nowner: bob\ndue: 2026-10-01\nstatus: in-progress\n",
    );
    fixture.git_init();
    fixture.commit("2026-11-10", ALICE, "Import the register");
    fixture.git(&["checkout", "-q", "-b", "feature"]);
    fixture
}

fn diff(fixture: &Fixture, extra: &[&str]) -> std::process::Output {
    let root = fixture.path().to_str().expect("UTF-8");
    let mut args = vec!["diff", "--root", root, "--as-of", "2026-11-20"];
    args.extend_from_slice(extra);
    riskreg(&args)
}

const UNTREATED: &str = "kind: risk\nid: R-002\ntitle: Laptops can be stolen\nowner: alice\nidentified: 2026-11-15\ninherent: {impact: 3, likelihood: 3}\n";

#[test]
fn adding_an_untreated_risk_fails_the_gate_and_the_diff_names_it() {
    let fixture = repository();
    fixture.write("risks/R-002-laptops.yaml", UNTREATED);
    fixture.commit("2026-11-15", BOB, "Add R-002");

    let check = fixture.check(&["--base", "main", "--format", "json"]);
    assert_eq!(code(&check), 1);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(rules, ["untreated-risk"], "only what the branch introduced");
    assert_eq!(
        stderr(&check),
        "note: 1 finding already present at main not shown (--base)\n"
    );

    let comment = diff(&fixture, &["main", "feature", "--fail-on", "new-errors"]);
    assert_eq!(code(&comment), 1);
    insta::assert_snapshot!(stdout(&comment));
}

#[test]
fn completing_an_action_shows_the_transition_and_the_resolved_finding() {
    let fixture = repository();
    fixture.write(
        "mitigations/M-002-log-retention.yaml",
        "kind: mitigation\nid: M-002\ntitle: Keep audit logs for a year\nrisks: [R-001]\nowner: bob\ndue: 2026-10-01\nstatus: completed\ncompleted_on: 2026-11-14\nevidence: [https://wiki.test.example/logs]\n",
    );
    fixture.commit("2026-11-14", BOB, "Complete M-002");
    let comment = diff(&fixture, &["main", "feature", "--fail-on", "new-errors"]);
    assert_eq!(code(&comment), 0);
    let text = stdout(&comment);
    assert!(
        text.starts_with("## riskreg: 1 action completed; 1 resolved\n"),
        "{text}"
    );
    assert!(
        text.contains("  - `status`: in-progress → completed\n"),
        "{text}"
    );
    assert!(text.contains("| ⚠️ warning | `overdue` | `mitigations/M-002-log-retention.yaml:6:6` | mitigation M-002 (in-progress) was due 2026-10-01, 50 days before 2026-11-20 |"), "{text}");
}

#[test]
fn a_moved_file_is_moved_not_removed_and_added() {
    let fixture = repository();
    std::fs::create_dir_all(fixture.path().join("risks/access")).expect("mkdir");
    fixture.git(&[
        "mv",
        "risks/R-001-mfa.yaml",
        "risks/access/R-001-mfa-enforcement.yaml",
    ]);
    fixture.commit("2026-11-16", ALICE, "Move R-001");
    let json: serde_json::Value =
        serde_json::from_slice(&diff(&fixture, &["main", "feature", "--format", "json"]).stdout)
            .expect("JSON");
    assert_eq!(json["headline"], "1 document moved; no new findings");
    assert_eq!(
        json["documents"],
        serde_json::json!([{
            "id": "R-001",
            "kind": "risk",
            "title": "MFA is not enforced on production systems",
            "change": "moved",
            "path": "risks/access/R-001-mfa-enforcement.yaml",
            "from": "risks/R-001-mfa.yaml",
            "fields": []
        }])
    );
}

#[test]
fn field_changes_show_levels_and_days_moved() {
    let fixture = repository();
    fixture.write(
        "risks/R-001-mfa.yaml",
        format!("{RISK}residual: {{impact: 2, likelihood: 1}}\n").replace(
            "decision: mitigate",
            "decision: mitigate\n  rationale: MFA everywhere",
        ),
    );
    fixture.write(
        "mitigations/M-001-okta-mfa.yaml",
        MITIGATION
            .replace("due: 2026-12-31", "due: 2027-01-30")
            .replace("owner: bob", "owner: alice"),
    );
    let text = stdout(&diff(&fixture, &["main"]));
    assert!(
        text.starts_with("## riskreg: 1 rating changed, 1 other change; no new findings\n"),
        "{text}"
    );
    assert!(
        text.contains("Compared the work tree with `main`."),
        "{text}"
    );
    assert!(
        text.contains("  - `residual`: (none) → 2x1 (low)\n"),
        "{text}"
    );
    assert!(
        text.contains("  - `due`: 2026-12-31 → 2027-01-30 (30 days later; first postponement)\n"),
        "{text}"
    );
    assert!(text.contains("  - `owner`: bob → alice\n"), "{text}");
    let risk_at = text.find("**R-001**").expect("R-001 listed");
    let action_at = text.find("**M-001**").expect("M-001 listed");
    assert!(risk_at < action_at, "rating changes come first: {text}");
}

#[test]
fn an_old_overdue_action_does_not_fail_check_base() {
    let fixture = repository();
    fixture.write(
        "mitigations/M-001-okta-mfa.yaml",
        format!("{MITIGATION}updates:\n  - {{on: 2026-11-12, note: Half the teams enrolled}}\n"),
    );
    fixture.commit("2026-11-12", BOB, "Progress on M-001");
    let check = fixture.check(&["--base", "main", "--deny-warnings"]);
    assert_eq!(code(&check), 0, "{}", stdout(&check));
    assert!(
        stdout(&check).starts_with("0 errors, 0 warnings in 4 documents"),
        "{}",
        stdout(&check)
    );
    assert_eq!(
        code(&fixture.check(&["--deny-warnings"])),
        1,
        "without --base the old warning counts"
    );
}

#[test]
fn base_findings_are_matched_by_identity_not_line() {
    let fixture = repository();
    let text = std::fs::read_to_string(fixture.path().join("mitigations/M-002-log-retention.yaml"))
        .expect("read");
    fixture.write(
        "mitigations/M-002-log-retention.yaml",
        format!("# Log retention, see the policy.\n\n{text}"),
    );
    fixture.commit("2026-11-13", BOB, "Comment on M-002");
    let check = fixture.check(&["--base", "main", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).expect("JSON");
    assert_eq!(
        json["findings"],
        serde_json::json!([]),
        "the overdue finding moved two lines down but is the same one"
    );
}

#[test]
fn a_base_without_the_register_has_no_findings() {
    let fixture = repository();
    let check = fixture.check(&["--base", "no-such-branch"]);
    assert_eq!(code(&check), 2);
    assert_eq!(
        stderr(&check),
        "error: no revision `no-such-branch` in the repository\n"
    );
}

#[test]
fn a_long_comment_is_cut_under_the_limit_with_a_note() {
    let fixture = repository();
    for index in 0..700 {
        fixture.write(
            &format!("risks/R-{index:04}-untreated.yaml"),
            UNTREATED
                .replace("R-002", &format!("R-{index:04}"))
                .replace(
                    "Laptops can be stolen",
                    &"A long title that repeats itself ".repeat(3),
                ),
        );
    }
    let text = stdout(&diff(&fixture, &["main"]));
    assert!(
        text.chars().count() <= 65_536,
        "{} characters",
        text.chars().count()
    );
    assert!(
        text.starts_with("## riskreg: 700 risks added; 700 new errors\n"),
        "{}",
        &text[..200]
    );
    assert!(
        text.contains(
            "more items not shown: the comment would pass GitHub's 65536-character limit."
        ),
        "{}",
        &text[text.len() - 400..]
    );
}

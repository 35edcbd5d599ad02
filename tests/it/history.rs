//! History from git: timelines keyed by ID, built from real repositories with dated commits.

use crate::support::{
    ALICE, BOB, Fixture, MITIGATION, MITIGATION_PATH, REVIEW_PATH, code, files_below, git_as,
    riskreg, stderr, stdout,
};

/// A clean register committed on 2026-01-20, then M-001 moved to in-progress and
/// completed.
pub(crate) fn status_timeline() -> Fixture {
    status_timeline_with(|_| {})
}

/// [`status_timeline`] with more files, written by `extra` before the first commit.
fn status_timeline_with(extra: impl Fn(&Fixture)) -> Fixture {
    let fixture = Fixture::clean();
    extra(&fixture);
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("status: in-progress", "status: planned"),
    );
    fixture.git_init();
    fixture.commit("2026-01-20", ALICE, "Import the register");
    fixture.write(MITIGATION_PATH, MITIGATION);
    fixture.commit("2026-02-15", BOB, "Start M-001");
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("status: in-progress", "status: completed\ncompleted_on: 2026-03-19\nevidence: [https://wiki.test.example/mfa]"),
    );
    fixture.commit("2026-03-20", BOB, "Complete M-001");
    fixture
}

fn history(fixture: &Fixture, extra: &[&str]) -> std::process::Output {
    let root = fixture.path().to_str().expect("UTF-8");
    let mut args = vec!["history", "--root", root];
    args.extend_from_slice(extra);
    riskreg(&args)
}

/// Replaces the seven-digit commit IDs by `<id>`, so expectations read as timelines.
fn without_ids(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.split("  ")
                .map(|part| {
                    if part.len() == 7 && part.chars().all(|c| c.is_ascii_hexdigit()) {
                        "<id>"
                    } else {
                        part
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn status_changes_with_date_author_and_commit() {
    let fixture = status_timeline();
    let output = history(&fixture, &["M-001"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "M-001  mitigations/M-001-okta-mfa.yaml");
    assert!(
        lines[1].starts_with("  created 2026-01-20 by Alice Chen ("),
        "{text}"
    );
    assert!(
        lines[1].contains("; last changed 2026-03-20 by Bob Ito ("),
        "{text}"
    );
    assert_eq!(
        without_ids(&lines[2..].join("\n")),
        "  2026-01-20  <id>  Alice Chen  added as mitigations/M-001-okta-mfa.yaml\n\
         \x20 2026-02-15  <id>  Bob Ito     status: planned -> in-progress\n\
         \x20 2026-03-20  <id>  Bob Ito     completed_on: (none) -> 2026-03-19\n\
         \x20                                  evidence: (none) -> [https://wiki.test.example/mfa]\n\
         \x20                                  status: in-progress -> completed\n"
    );
}

#[test]
fn history_json_has_every_field() {
    let fixture = status_timeline();
    let output = history(&fixture, &["M-001", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let doc = &json["documents"][0];
    assert_eq!(doc["id"], "M-001");
    assert_eq!(doc["created"]["author"], "Alice Chen");
    assert_eq!(doc["created"]["time"], "2026-01-20T12:00:00+00:00");
    assert_eq!(doc["last_changed"]["time"], "2026-03-20T12:00:00+00:00");
    let events = doc["events"].as_array().expect("events");
    assert_eq!(events.len(), 3);
    assert_eq!(events[1]["kind"], "changed");
    assert_eq!(events[1]["email"], "bob@test.example");
    assert_eq!(
        events[1]["fields"],
        serde_json::json!([{"field": "status", "before": "planned", "after": "in-progress"}])
    );
    assert_eq!(events[1]["commit"].as_str().map(str::len), Some(40));
}

#[test]
fn history_json_is_indented_as_one_document() {
    // Each document's part is printed on its own and joined: the whole must read as one
    // pretty-printed document, every line indented two spaces per level of nesting.
    let fixture = status_timeline();
    let text = stdout(&history(&fixture, &["--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert!(
        json["documents"].as_array().expect("documents").len() > 1,
        "{text}"
    );
    let mut depth = 0usize;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('}') || trimmed.starts_with(']') {
            depth -= 1;
        }
        assert_eq!(line.len() - trimmed.len(), 2 * depth, "{line:?} in\n{text}");
        if trimmed.ends_with('{') || trimmed.ends_with('[') {
            depth += 1;
        }
    }
    assert_eq!(depth, 0);
    let none = stdout(&history(
        &fixture,
        &["--format", "json", "--since", "2030-01-01"],
    ));
    assert!(none.ends_with("  \"documents\": []\n}\n"), "{none}");
}

#[test]
fn a_rename_keeps_the_history() {
    let fixture = status_timeline();
    fixture.git(&["mv", MITIGATION_PATH, "mitigations/M-001-enforce-mfa.yaml"]);
    fixture.commit("2026-04-02", ALICE, "Rename M-001");
    let text = without_ids(&stdout(&history(&fixture, &["M-001"])));
    assert!(
        text.starts_with(
            "M-001  mitigations/M-001-enforce-mfa.yaml\n  created 2026-01-20 by Alice Chen"
        ),
        "{text}"
    );
    assert!(
        text.contains("; last changed 2026-03-20 by Bob Ito"),
        "a move is not a content change: {text}"
    );
    assert!(
        text.contains("  2026-02-15  <id>  Bob Ito     status: planned -> in-progress\n"),
        "{text}"
    );
    assert!(text.contains("  2026-04-02  <id>  Alice Chen  moved mitigations/M-001-okta-mfa.yaml -> mitigations/M-001-enforce-mfa.yaml\n"), "{text}");
}

#[test]
fn a_comment_only_edit_is_not_a_change() {
    let fixture = status_timeline();
    let current = std::fs::read_to_string(fixture.path().join(MITIGATION_PATH)).expect("read");
    fixture.write(
        MITIGATION_PATH,
        format!(
            "# Reviewed in the Q2 review, nothing to change.\n{}",
            current.replace(": ", ":   ")
        ),
    );
    fixture.commit("2026-05-01", ALICE, "Comment on M-001");
    let text = stdout(&history(&fixture, &["M-001"]));
    assert!(!text.contains("2026-05-01"), "{text}");
    assert_eq!(text.lines().count(), 8, "{text}");
}

#[test]
fn commits_on_a_merged_branch_count_and_the_merge_is_not_diffed() {
    let fixture = status_timeline();
    let dir = fixture.path();
    fixture.git(&["checkout", "-q", "-b", "move-due"]);
    let current = std::fs::read_to_string(dir.join(MITIGATION_PATH)).expect("read");
    fixture.write(
        MITIGATION_PATH,
        current.replace("due: 2026-12-31", "due: 2027-01-31"),
    );
    fixture.commit("2026-04-10", BOB, "Move M-001's due date");
    fixture.git(&["checkout", "-q", "main"]);
    fixture.write(
        "risks/R-001-mfa.yaml",
        crate::support::RISK.replace("owner: alice", "owner: bob"),
    );
    fixture.commit("2026-04-11", ALICE, "Hand R-001 to Bob");
    git_as(
        dir,
        "2026-04-12",
        ALICE,
        &["merge", "-q", "--no-ff", "-m", "Merge move-due", "move-due"],
    );
    let text = without_ids(&stdout(&history(&fixture, &["M-001", "R-001"])));
    assert!(
        text.contains("  2026-04-10  <id>  Bob Ito     due: 2026-12-31 -> 2027-01-31\n"),
        "{text}"
    );
    assert!(
        text.contains("  2026-04-11  <id>  Alice Chen  owner: alice -> bob\n"),
        "{text}"
    );
    assert!(
        !text.contains("2026-04-12"),
        "the merge commit is not diffed: {text}"
    );
}

#[test]
fn since_limits_the_events() {
    let fixture = status_timeline();
    let text = without_ids(&stdout(&history(
        &fixture,
        &["M-001", "--since", "2026-03-01"],
    )));
    assert!(!text.contains("  2026-02-15"), "{text}");
    assert!(
        text.contains("  2026-03-20  <id>  Bob Ito  completed_on: (none) -> 2026-03-19\n"),
        "{text}"
    );
}

#[test]
fn rev_reads_history_from_another_revision() {
    let fixture = status_timeline();
    let text = stdout(&history(&fixture, &["M-001", "--rev", "HEAD~1"]));
    assert!(text.contains("status: planned -> in-progress"), "{text}");
    assert!(!text.contains("completed"), "{text}");
    let output = history(&fixture, &["M-001", "--rev", "no-such-branch"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "error: no revision `no-such-branch` in the repository\n"
    );
}

#[test]
fn unknown_id_is_an_error_with_a_suggestion() {
    let fixture = status_timeline();
    let output = history(&fixture, &["M-01"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "error: no document with the ID `M-01` in the history; did you mean `M-001`?\n"
    );
}

#[test]
fn a_register_in_a_subfolder_of_the_repository() {
    let fixture = Fixture::empty();
    let inner = Fixture::clean();
    for path in [
        "riskreg.yaml",
        "risks/R-001-mfa.yaml",
        MITIGATION_PATH,
        "reviews/REV-2026-Q4.yaml",
    ] {
        let text = std::fs::read(inner.path().join(path)).expect("read");
        fixture.write(&format!("compliance/{path}"), text);
    }
    fixture.write("src/main.rs", "fn main() {}\n");
    fixture.git_init();
    fixture.commit("2026-01-20", ALICE, "Import");
    let root = fixture.path().join("compliance");
    let output = riskreg(&["history", "--root", root.to_str().expect("UTF-8"), "M-001"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("M-001  mitigations/M-001-okta-mfa.yaml\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_packed_repository_a_linked_worktree_and_a_shared_clone_give_the_same_history() {
    let fixture = status_timeline();
    let expected = stdout(&history(&fixture, &["M-001"]));
    assert!(
        expected.contains("status: in-progress -> completed"),
        "{expected}"
    );
    fixture.git(&["gc", "-q", "--aggressive"]);
    assert_eq!(stdout(&history(&fixture, &["M-001"])), expected, "packed");

    let others = tempfile::tempdir().expect("tempdir");
    let worktree = others.path().join("worktree");
    let shared = others.path().join("shared");
    let source = fixture.path().to_str().expect("UTF-8");
    fixture.git(&["worktree", "add", "-q", worktree.to_str().expect("UTF-8")]);
    crate::support::git_in(
        others.path(),
        &["clone", "-q", "--shared", source, "shared"],
    );
    assert!(shared.join(".git/objects/info/alternates").exists());
    for root in [&worktree, &shared] {
        let output = riskreg(&["history", "--root", root.to_str().expect("UTF-8"), "M-001"]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        assert_eq!(stdout(&output), expected, "{}", root.display());
    }
}

#[test]
fn a_version_restored_right_after_a_change_is_a_change_again() {
    let fixture = status_timeline();
    // Enough commits that the restore is read in a later batch than the version it restores.
    let review = std::fs::read_to_string(fixture.path().join(REVIEW_PATH)).expect("read");
    for note in 0..64 {
        fixture.write(REVIEW_PATH, format!("# note {note}\n{review}"));
        fixture.commit("2026-03-25", ALICE, "Note the review");
    }
    let completed = std::fs::read_to_string(fixture.path().join(MITIGATION_PATH)).expect("read");
    fixture.write(
        MITIGATION_PATH,
        completed.replace("owner: bob", "owner: alice"),
    );
    fixture.commit("2026-04-01", BOB, "Hand M-001 to Alice");
    fixture.write(MITIGATION_PATH, completed);
    fixture.commit("2026-04-02", ALICE, "Hand M-001 back");
    let text = without_ids(&stdout(&history(&fixture, &["M-001"])));
    assert!(
        text.contains(
            "  2026-04-01  <id>  Bob Ito     owner: bob -> alice\n\
             \x20 2026-04-02  <id>  Alice Chen  owner: alice -> bob\n"
        ),
        "{text}"
    );
}

#[test]
fn not_a_repository() {
    let fixture = Fixture::clean();
    let output = history(&fixture, &[]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        stderr(&output),
        "error: the register is not in a git repository\n"
    );
}

#[test]
fn a_corrupt_repository_is_a_clear_error() {
    let fixture = status_timeline();
    let objects = fixture.path().join(".git/objects");
    for entry in files_below(&objects) {
        if entry
            .parent()
            .is_some_and(|dir| dir.file_name().is_some_and(|name| name.len() == 2))
        {
            std::fs::remove_file(&entry).expect("remove object");
        }
    }
    let output = history(&fixture, &[]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert!(
        stderr(&output).starts_with("error: the git repository is damaged: "),
        "{}",
        stderr(&output)
    );
    let output = fixture.check(&[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("error: the git repository is damaged: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_file_version_names_the_damage() {
    let fixture = status_timeline();
    let blob = stdout(&fixture.git(&["rev-parse", &format!("HEAD~2:{MITIGATION_PATH}")]));
    let blob = blob.trim();
    assert!(
        fixture.remove_object(blob),
        "remove the first version of M-001"
    );
    let output = history(&fixture, &[]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    let error = stderr(&output);
    assert!(
        error.starts_with("error: the git repository is damaged: ") && error.contains(blob),
        "{error}"
    );
}

#[test]
fn damage_in_two_commits_is_reported_where_a_walk_in_order_meets_it_first() {
    // The walk reads a run of commits newest first, folder by folder; the error it reports
    // must still be the first one met in commit order.
    let fixture = status_timeline();
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("status: in-progress", "status: blocked"),
    );
    fixture.commit("2026-04-02", ALICE, "Block M-001");
    assert_damage_reported_at_the_older(&fixture, "HEAD~2");
}

/// Removes M-001's folder tree at `older` and at HEAD, and asserts that `history` names the
/// one at `older`: the first a walk in commit order meets.
fn assert_damage_reported_at_the_older(fixture: &Fixture, older: &str) {
    let folder = MITIGATION_PATH.rsplit_once('/').expect("a folder").0;
    let tree = |rev: &str| {
        let id = stdout(&fixture.git(&["rev-parse", &format!("{rev}:{folder}")]));
        id.trim().to_owned()
    };
    let (older, newest) = (tree(older), tree("HEAD"));
    for id in [&older, &newest] {
        assert!(fixture.remove_object(id), "remove a folder's tree");
    }
    let output = history(fixture, &[]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    let error = stderr(&output);
    assert!(
        error.starts_with("error: the git repository is damaged: ")
            && error.contains(&older)
            && !error.contains(&newest),
        "{error}"
    );
}

#[test]
fn a_folder_over_a_megabyte_reads_as_any_other() {
    // libgit2 caches no object over 1 MiB, so such a folder's versions are read through
    // gitoxide once one is met: the history must not change.
    let large = status_timeline_with(|fixture| {
        for n in 0..13_000 {
            fixture.write(
                &format!("mitigations/attachment-{n:05}-of-the-vendor-security-questionnaire.txt"),
                "x",
            );
        }
    });
    large.git(&["repack", "-a", "-d", "-f", "--quiet"]);
    let size = stdout(&large.git(&["cat-file", "-s", "HEAD:mitigations"]));
    assert!(
        size.trim().parse::<usize>().expect("a size") > 1 << 20,
        "{size}"
    );
    // The commits differ (their trees do): compare the timelines without their IDs.
    let timeline = |fixture: &Fixture| {
        let text = without_ids(&stdout(&history(fixture, &["M-001"])));
        let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
        for word in &mut words {
            let id = word
                .trim_start_matches('(')
                .trim_end_matches([')', ';', '\n']);
            if id.len() == 7 && id.chars().all(|c| c.is_ascii_hexdigit()) {
                *word = word.replace(id, "<id>");
            }
        }
        words.join(" ")
    };
    let expected = timeline(&status_timeline());
    assert!(
        expected.contains("created 2026-01-20 by Alice Chen (<id>);"),
        "{expected}"
    );
    assert_eq!(timeline(&large), expected);
}

/// [`status_timeline`] and then `steps` commits, each retitling M-001 ("Step N").
fn many_runs_timeline(steps: usize) -> Fixture {
    let fixture = status_timeline();
    for step in 0..steps {
        fixture.write(
            MITIGATION_PATH,
            MITIGATION.replace(
                "title: Enforce MFA through Okta",
                &format!("title: Enforce MFA through Okta, step {step}"),
            ),
        );
        fixture.commit("2026-04-01", BOB, &format!("Step {step}"));
    }
    fixture
}

#[test]
fn a_history_longer_than_a_run_is_built_in_commit_order() {
    // The commits are diffed in runs of 64 by both threads; the builder builds them in order.
    let fixture = many_runs_timeline(200);
    let output = history(&fixture, &["M-001", "--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let summaries: Vec<&str> = json["documents"][0]["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|event| event["summary"].as_str().expect("a summary"))
        .collect();
    let mut expected = vec!["Import the register", "Start M-001", "Complete M-001"];
    let steps: Vec<String> = (0..200).map(|step| format!("Step {step}")).collect();
    expected.extend(steps.iter().map(String::as_str));
    assert_eq!(summaries, expected);
}

#[test]
fn damage_in_two_runs_is_reported_where_a_walk_in_order_meets_it_first() {
    let fixture = many_runs_timeline(200);
    // Step 10 is in the first run of 64 commits, the tip in the last.
    assert_damage_reported_at_the_older(&fixture, "HEAD~189");
}

//! `riskreg demo`: the Acme register written as a git repository with a year of dated
//! commits, checked and reported; the same commits every run; refusals of a folder it must
//! not write into.

use std::process::Output;

use crate::support::{code, git_in, riskreg_in, stderr, stdout};

/// Writes the demo into `riskreg-demo` under a new temporary folder; returns the folder and
/// the demo's output.
pub fn demo() -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = riskreg_in(dir.path(), &["demo"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    (dir, output)
}

#[test]
fn the_demo_writes_a_clean_register_with_its_report_and_says_what_to_try() {
    let (dir, output) = demo();
    insta::assert_snapshot!(stdout(&output));
    let demo = dir.path().join("riskreg-demo");
    assert!(demo.join("report.html").is_file());
    let status = stdout(&git_in(&demo, &["status", "--porcelain"]));
    assert_eq!(status, "?? report.html\n", "the work tree is HEAD's");
    let branches = stdout(&git_in(&demo, &["branch", "--format=%(refname:short)"]));
    assert_eq!(branches, "accept-contractor-byod\nmain\n");
}

#[test]
fn the_demo_history_has_four_events_of_m001_by_two_authors() {
    let (dir, _) = demo();
    let demo = dir.path().join("riskreg-demo");
    let output = riskreg_in(&demo, &["history", "M-001"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
    let json = riskreg_in(&demo, &["history", "M-001", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let events = value["documents"][0]["events"].as_array().expect("events");
    let authors: std::collections::BTreeSet<&str> = events
        .iter()
        .filter_map(|event| event["author"].as_str())
        .collect();
    assert!(events.len() >= 4 && authors.len() >= 2, "{events:#?}");
    let text = stdout(&output);
    let event_lines = text
        .lines()
        .filter(|line| line.starts_with("  2026-"))
        .count();
    assert!(event_lines >= 4, "{text}");
    assert!(text.contains("Alice Chen") && text.contains("Bob Martinez"));
    assert_eq!(events.len(), event_lines);
}

#[test]
fn the_demo_report_lists_the_changes_of_the_period() {
    let (dir, _) = demo();
    let demo = dir.path().join("riskreg-demo");
    let output = riskreg_in(
        dir.path(),
        &[
            "report",
            "riskreg-demo",
            "--as-of",
            "2026-11-20",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(!text.contains("No changes committed"));
    let report = riskreg_in(&demo, &["report", "--as-of", "2026-11-20"]);
    let markdown = stdout(&report);
    let changes = markdown
        .split("## Changes in the period")
        .nth(1)
        .expect("a changes section");
    assert!(
        changes
            .lines()
            .filter(|line| line.starts_with("| 2026-"))
            .count()
            > 100,
        "{changes}"
    );
    let merged = riskreg_in(
        &demo,
        &["check", "--at", "2026-06-30", "--as-of", "2026-06-30"],
    );
    assert!(
        stdout(&merged).contains("as committed at commit"),
        "{}",
        stdout(&merged)
    );
}

#[test]
fn the_demo_writes_the_same_commits_every_time() {
    let (first, _) = demo();
    let (second, _) = demo();
    let head = |dir: &tempfile::TempDir| {
        stdout(&git_in(
            &dir.path().join("riskreg-demo"),
            &["rev-parse", "HEAD"],
        ))
    };
    assert_eq!(head(&first), head(&second));
    let count = stdout(&git_in(
        &first.path().join("riskreg-demo"),
        &["rev-list", "--count", "HEAD"],
    ));
    assert!(count.trim().parse::<u32>().expect("a count") > 100);
}

#[test]
fn the_demo_refuses_a_folder_that_is_not_empty_or_is_a_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("taken")).expect("mkdir");
    std::fs::write(dir.path().join("taken/notes.txt"), "mine").expect("write");
    let taken = riskreg_in(dir.path(), &["demo", "taken"]);
    assert_eq!(code(&taken), 2);
    insta::assert_snapshot!("demo_refuses_a_folder_that_is_not_empty", stderr(&taken));
    assert_eq!(
        std::fs::read_dir(dir.path().join("taken"))
            .expect("read")
            .count(),
        1,
        "nothing written"
    );
    #[cfg(unix)]
    {
        std::fs::create_dir(dir.path().join("elsewhere")).expect("mkdir");
        std::os::unix::fs::symlink("elsewhere", dir.path().join("link")).expect("symlink");
        for target in ["link", "link/demo"] {
            let linked = riskreg_in(dir.path(), &["demo", target]);
            assert_eq!(code(&linked), 2, "{target}");
            assert!(
                stderr(&linked)
                    .contains("is a symbolic link, and riskreg does not write through links"),
                "{}",
                stderr(&linked)
            );
        }
        assert_eq!(
            std::fs::read_dir(dir.path().join("elsewhere"))
                .expect("read")
                .count(),
            0,
            "nothing written through the link"
        );
    }
}

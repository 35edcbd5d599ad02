//! Histories kept between runs in `.git/riskreg/`: read back only for the same tip and
//! settings, equal to a walk, and never the cause of a wrong answer or a failure.

use std::path::PathBuf;
use std::process::{Command, Output};

use crate::history::status_timeline;
use crate::support::{BOB, CONFIG, Fixture, MITIGATION, MITIGATION_PATH, code, stderr, stdout};

/// `riskreg ARGS --root FIXTURE`, with the cache on or off.
fn run(fixture: &Fixture, args: &[&str], cache: bool) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_riskreg"));
    command
        .args(args)
        .arg("--root")
        .arg(fixture.path())
        .env("NO_COLOR", "1")
        .env_remove("RISKREG_NO_CACHE");
    if !cache {
        command.env("RISKREG_NO_CACHE", "1");
    }
    command.output().expect("run riskreg")
}

/// The entries of the fixture's cache, sorted.
fn entries(fixture: &Fixture) -> Vec<PathBuf> {
    let folder = fixture.path().join(".git/riskreg");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|listing| listing.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    entries.sort();
    entries
}

/// Removes the loose objects of the mitigations folder's tree in every commit, so that
/// only a kept history can answer.
fn remove_folder_trees(fixture: &Fixture) {
    let revs = stdout(&fixture.git(&["rev-list", "HEAD"]));
    for rev in revs.lines() {
        let id = stdout(&fixture.git(&["rev-parse", &format!("{rev}:mitigations")]));
        let object = fixture
            .path()
            .join(".git/objects")
            .join(&id.trim()[..2])
            .join(&id.trim()[2..]);
        let _ = std::fs::remove_file(object);
    }
}

#[test]
fn a_history_read_once_is_read_back_without_walking_the_commits() {
    let fixture = status_timeline();
    let walked = run(&fixture, &["history", "--format", "json"], true);
    assert_eq!(code(&walked), 0, "{}", stderr(&walked));
    let tip = stdout(&fixture.git(&["rev-parse", "HEAD"]));
    let kept = entries(&fixture);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let name = kept[0].file_name().expect("a name").to_string_lossy();
    assert!(
        name.starts_with(&format!("history-{}-", tip.trim())) && name.ends_with(".json"),
        "{name}"
    );

    remove_folder_trees(&fixture);
    let read_back = run(&fixture, &["history", "--format", "json"], true);
    assert_eq!(code(&read_back), 0, "{}", stderr(&read_back));
    assert_eq!(stdout(&read_back), stdout(&walked));

    let without = run(&fixture, &["history", "--format", "json"], false);
    assert_eq!(code(&without), 2, "{}", stdout(&without));
    assert!(
        stderr(&without).starts_with("error: the git repository is damaged: "),
        "{}",
        stderr(&without)
    );
}

#[test]
fn a_new_commit_is_read_from_the_commits_not_from_the_older_entry() {
    let fixture = status_timeline();
    let before = run(&fixture, &["history", "M-001"], true);
    let blocked = "status: completed -> blocked";
    assert!(!stdout(&before).contains(blocked), "{}", stdout(&before));
    fixture.write(
        MITIGATION_PATH,
        MITIGATION.replace("status: in-progress", "status: blocked"),
    );
    fixture.commit("2026-04-02", BOB, "Block M-001");
    let after = run(&fixture, &["history", "M-001"], true);
    assert_eq!(code(&after), 0, "{}", stderr(&after));
    assert!(stdout(&after).contains(blocked), "{}", stdout(&after));
    assert_eq!(entries(&fixture).len(), 2);
    // `--rev` names the older tip again: its entry answers.
    let older = run(&fixture, &["history", "M-001", "--rev", "HEAD~1"], true);
    assert_eq!(stdout(&older), stdout(&before));
    assert_eq!(entries(&fixture).len(), 2);
}

#[test]
fn other_settings_read_the_commits_again() {
    let fixture = status_timeline();
    let all = run(&fixture, &["history", "--format", "json"], true);
    assert!(stdout(&all).contains("\"M-001\""), "{}", stdout(&all));
    fixture.write(
        "riskreg.yaml",
        format!("{CONFIG}ignore: [\"mitigations/**\"]\n"),
    );
    let ignoring = run(&fixture, &["history", "--format", "json"], true);
    assert_eq!(code(&ignoring), 0, "{}", stderr(&ignoring));
    assert!(
        !stdout(&ignoring).contains("\"M-001\""),
        "{}",
        stdout(&ignoring)
    );
    assert_eq!(
        stdout(&ignoring),
        stdout(&run(&fixture, &["history", "--format", "json"], false))
    );
    assert_eq!(entries(&fixture).len(), 2);
}

#[test]
fn a_damaged_entry_is_ignored_and_written_again() {
    let fixture = status_timeline();
    let walked = run(&fixture, &["history", "--format", "json"], true);
    let entry = entries(&fixture).remove(0);
    let whole = std::fs::read(&entry).expect("read the entry");
    for damaged in [&whole[..whole.len() / 2], b"{\"key\": 1}", b"\x00\xff"] {
        std::fs::write(&entry, damaged).expect("damage the entry");
        let read = run(&fixture, &["history", "--format", "json"], true);
        assert_eq!(code(&read), 0, "{}", stderr(&read));
        assert_eq!(stdout(&read), stdout(&walked));
        let rewritten = std::fs::read(&entry).expect("read the entry");
        assert!(rewritten == whole, "the entry was not written again whole");
    }
}

#[test]
fn only_the_newest_entries_are_kept() {
    let fixture = status_timeline();
    for day in 1..=9 {
        fixture.write(
            MITIGATION_PATH,
            MITIGATION.replace("Enforce MFA", &format!("Enforce MFA ({day})")),
        );
        fixture.commit(&format!("2026-04-{day:02}"), BOB, "Retitle M-001");
        let read = run(&fixture, &["history", "M-001"], true);
        assert_eq!(code(&read), 0, "{}", stderr(&read));
    }
    let kept = entries(&fixture);
    assert_eq!(kept.len(), 6, "{kept:?}");
    let tip = stdout(&fixture.git(&["rev-parse", "HEAD"]));
    assert!(
        kept.iter().any(|entry| entry
            .to_string_lossy()
            .contains(&format!("history-{}-", tip.trim()))),
        "{kept:?}"
    );
}

#[test]
fn turned_off_nothing_is_written() {
    let fixture = status_timeline();
    let read = run(&fixture, &["history"], false);
    assert_eq!(code(&read), 0, "{}", stderr(&read));
    assert!(!fixture.path().join(".git/riskreg").exists());
}

#[cfg(unix)]
#[test]
fn entries_are_never_written_through_a_link() {
    let fixture = status_timeline();
    let elsewhere = tempfile::tempdir().expect("a folder");
    std::os::unix::fs::symlink(elsewhere.path(), fixture.path().join(".git/riskreg"))
        .expect("link .git/riskreg");
    let read = run(&fixture, &["history"], true);
    assert_eq!(code(&read), 0, "{}", stderr(&read));
    let written: Vec<_> = std::fs::read_dir(elsewhere.path())
        .expect("read_dir")
        .flatten()
        .map(|entry| entry.path())
        .collect();
    assert!(written.is_empty(), "{written:?}");
}

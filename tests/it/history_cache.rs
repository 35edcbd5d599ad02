//! Histories kept between runs in `.git/riskreg/`: read back only for the same tip and
//! settings, equal to a walk, and never the cause of a wrong answer or a failure.

use std::path::PathBuf;
use std::process::{Command, Output};

use crate::history::status_timeline;
use crate::support::{
    ALICE, BOB, CONFIG, Fixture, MITIGATION, MITIGATION_PATH, RISK, code, git_as, stderr, stdout,
};

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

/// The histories kept in the fixture's cache, sorted.
fn entries(fixture: &Fixture) -> Vec<PathBuf> {
    kept(fixture, "history-")
}

/// The files of the fixture's cache whose names start with `prefix`, sorted.
fn kept(fixture: &Fixture, prefix: &str) -> Vec<PathBuf> {
    let folder = fixture.path().join(".git/riskreg");
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|listing| listing.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    entries.retain(|entry| {
        entry
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
    });
    entries.sort();
    entries
}

/// Removes the loose objects of the mitigations folder's tree in every commit reachable
/// from `rev`, so that only a kept history can answer for them.
fn remove_folder_trees(fixture: &Fixture, rev: &str) {
    let revs = stdout(&fixture.git(&["rev-list", rev]));
    for rev in revs.lines() {
        // Commits that left the folder alone share its tree: gone already.
        fixture.remove_object(&stdout(
            &fixture.git(&["rev-parse", &format!("{rev}:mitigations")]),
        ));
    }
}

#[test]
fn a_history_read_once_is_read_back_without_walking_the_commits() {
    let fixture = status_timeline();
    let walked = run(&fixture, &["history", "--format", "json"], true);
    assert_eq!(code(&walked), 0, "{}", stderr(&walked));
    let tip = stdout(&fixture.git(&["rev-parse", "HEAD"]));
    let histories = entries(&fixture);
    assert_eq!(histories.len(), 1, "{histories:?}");
    assert_eq!(kept(&fixture, "state-").len(), 1);
    let name = histories[0].file_name().expect("a name").to_string_lossy();
    assert!(
        name.starts_with("history-") && name.ends_with(&format!("-{}.json", tip.trim())),
        "{name}"
    );

    remove_folder_trees(&fixture, "HEAD");
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
    let histories = entries(&fixture);
    assert_eq!(histories.len(), 6, "{histories:?}");
    assert_eq!(kept(&fixture, "state-").len(), 6);
    let tip = stdout(&fixture.git(&["rev-parse", "HEAD"]));
    assert!(
        histories.iter().any(|entry| entry
            .to_string_lossy()
            .ends_with(&format!("-{}.json", tip.trim()))),
        "{histories:?}"
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

/// M-001 blocked on 2026-04-02, on top of [`status_timeline`].
fn block(fixture: &Fixture, date: &str) {
    let text = std::fs::read_to_string(fixture.path().join(MITIGATION_PATH)).expect("read");
    fixture.write(
        MITIGATION_PATH,
        text.replace("status: completed", "status: blocked"),
    );
    fixture.commit(date, BOB, "Block M-001");
}

#[test]
fn a_kept_history_is_continued_with_the_commits_after_it() {
    let fixture = status_timeline();
    let kept = run(&fixture, &["history", "--format", "json"], true);
    assert_eq!(code(&kept), 0, "{}", stderr(&kept));
    block(&fixture, "2026-04-02");
    let walked = run(&fixture, &["history", "--format", "json"], false);
    assert_eq!(code(&walked), 0, "{}", stderr(&walked));
    // Only the new commit and its parent's folder can still be read.
    remove_folder_trees(&fixture, "HEAD~2");
    let continued = run(&fixture, &["history", "--format", "json"], true);
    assert_eq!(code(&continued), 0, "{}", stderr(&continued));
    assert_eq!(stdout(&continued), stdout(&walked));
    // The continued history is kept in turn, and read back.
    assert_eq!(entries(&fixture).len(), 2, "{:?}", entries(&fixture));
    let read_back = run(&fixture, &["history", "--format", "json"], true);
    assert_eq!(stdout(&read_back), stdout(&walked));
}

#[test]
fn a_history_that_cannot_be_continued_is_walked_whole() {
    // Each case keeps the history at one commit, then reads another: the answer must be the
    // walk's, whether the kept one is continued (a branch forked after it) or not (a branch
    // forked before it, a rewritten commit, an older commit).
    let fixture = status_timeline();
    let dir = fixture.path();
    fixture.git(&["branch", "early", "HEAD~1"]);
    block(&fixture, "2026-04-02");
    fixture.git(&["checkout", "-q", "-b", "late"]);
    fixture.write(
        "risks/R-001-mfa.yaml",
        RISK.replace("owner: alice", "owner: bob"),
    );
    fixture.commit("2026-04-03", BOB, "Hand R-001 to Bob");
    fixture.git(&["checkout", "-q", "early"]);
    fixture.write(
        "risks/R-001-mfa.yaml",
        RISK.replace("owner: alice", "owner: ceo"),
    );
    fixture.commit("2026-04-01", ALICE, "Hand R-001 to the CEO");
    fixture.git(&["checkout", "-q", "main"]);
    git_as(
        dir,
        "2026-04-05",
        ALICE,
        &["merge", "-q", "--no-ff", "-m", "Merge late", "late"],
    );
    let late_merge = stdout(&fixture.git(&["rev-parse", "HEAD"]))
        .trim()
        .to_owned();
    git_as(
        dir,
        "2026-04-06",
        ALICE,
        &[
            "merge",
            "-q",
            "--no-ff",
            "-X",
            "ours",
            "-m",
            "Merge early",
            "early",
        ],
    );
    let early_merge = stdout(&fixture.git(&["rev-parse", "HEAD"]))
        .trim()
        .to_owned();
    fixture.git(&["checkout", "-q", "-b", "rewritten", "HEAD~1"]);
    git_as(
        dir,
        "2026-04-07",
        ALICE,
        &["commit", "-q", "--amend", "-m", "Merge late, again"],
    );
    let rewritten = stdout(&fixture.git(&["rev-parse", "HEAD"]))
        .trim()
        .to_owned();
    fixture.git(&["checkout", "-q", "main"]);
    let cases = [
        ("HEAD~3", late_merge.as_str()),
        ("HEAD~1", early_merge.as_str()),
        (late_merge.as_str(), rewritten.as_str()),
        (early_merge.as_str(), "HEAD~2"),
    ];
    for (kept, read) in cases {
        let _ = std::fs::remove_dir_all(dir.join(".git/riskreg"));
        let first = run(
            &fixture,
            &["history", "--rev", kept, "--format", "json"],
            true,
        );
        assert_eq!(code(&first), 0, "{}", stderr(&first));
        let args = ["history", "--rev", read, "--format", "json"];
        let (cached, walked) = (run(&fixture, &args, true), run(&fixture, &args, false));
        assert_eq!(code(&cached), 0, "{}", stderr(&cached));
        assert_eq!(stdout(&cached), stdout(&walked), "kept {kept}, read {read}");
    }
}

#[test]
fn the_history_continued_is_the_nearest_kept_on_the_first_parent_line() {
    let fixture = status_timeline();
    block(&fixture, "2026-04-02");
    let text = std::fs::read_to_string(fixture.path().join(MITIGATION_PATH)).expect("read");
    fixture.write(
        MITIGATION_PATH,
        text.replace("status: blocked", "status: in-progress"),
    );
    fixture.commit("2026-04-09", BOB, "Unblock M-001");
    let walked = run(&fixture, &["history", "--format", "json"], false);
    // Kept at HEAD~1, then at HEAD~3: the newer entry is the farther one.
    for rev in ["HEAD~1", "HEAD~3"] {
        let kept = run(&fixture, &["history", "--rev", rev], true);
        assert_eq!(code(&kept), 0, "{}", stderr(&kept));
    }
    // Continuing from HEAD~3 would read the folders of HEAD~2 and HEAD~3.
    remove_folder_trees(&fixture, "HEAD~2");
    let continued = run(&fixture, &["history", "--format", "json"], true);
    assert_eq!(code(&continued), 0, "{}", stderr(&continued));
    assert_eq!(stdout(&continued), stdout(&walked));
}

#[test]
fn a_trend_is_kept_beside_its_history_and_read_back_notices_and_all() {
    let fixture = status_timeline();
    // Only March's commit asks for more than the limit allows: a notice only its period's
    // register gives.
    fixture.write(
        "riskreg.yaml",
        format!("{CONFIG}limits: {{max_file_bytes: 999999999}}\n"),
    );
    fixture.commit("2026-03-25", ALICE, "Raise the limit");
    fixture.write("riskreg.yaml", CONFIG);
    fixture.commit("2026-04-02", ALICE, "Lower it again");
    let args = [
        "trend",
        "--since",
        "2026-01-01",
        "--until",
        "2026-04-30",
        "--format",
        "json",
    ];
    let computed = run(&fixture, &args, true);
    assert_eq!(code(&computed), 0, "{}", stderr(&computed));
    assert!(
        stderr(&computed).contains("asks for limits.max_file_bytes: 999999999"),
        "{}",
        stderr(&computed)
    );
    assert_eq!(kept(&fixture, "derived-").len(), 1);

    remove_folder_trees(&fixture, "HEAD");
    let read_back = run(&fixture, &args, true);
    assert_eq!(code(&read_back), 0, "{}", stderr(&read_back));
    assert_eq!(stdout(&read_back), stdout(&computed));
    assert_eq!(stderr(&read_back), stderr(&computed));

    // Other periods are other inputs: computed, from the folders that are gone.
    let other = run(
        &fixture,
        &["trend", "--since", "2026-02-01", "--until", "2026-04-30"],
        true,
    );
    assert_eq!(code(&other), 2, "{}", stdout(&other));
}

#[test]
fn derived_results_go_with_the_history_they_came_from() {
    let fixture = status_timeline();
    for day in 1..=7 {
        block(&fixture, &format!("2026-04-0{day}"));
        let trend = run(&fixture, &["trend", "--since", "2026-01-01"], true);
        assert_eq!(code(&trend), 0, "{}", stderr(&trend));
        let text = std::fs::read_to_string(fixture.path().join(MITIGATION_PATH)).expect("read");
        fixture.write(
            MITIGATION_PATH,
            text.replace("status: blocked", "status: completed"),
        );
    }
    let histories = entries(&fixture);
    assert_eq!(histories.len(), 6);
    let derived = kept(&fixture, "derived-");
    assert_eq!(derived.len(), 6, "{derived:?}");
    for result in derived {
        let name = result
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let owner: Vec<&str> = name["derived-".len()..].splitn(3, '-').take(2).collect();
        let history = fixture
            .path()
            .join(".git/riskreg")
            .join(format!("history-{}.json", owner.join("-")));
        assert!(histories.contains(&history), "{name} outlived its history");
    }
}

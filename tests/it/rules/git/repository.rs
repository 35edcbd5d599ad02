//! Where the history comes from: without usable history the git rules are skipped with one
//! notice; a register may be a subfolder of a repository; `--rev` reads another revision;
//! the summary counts the documents that differ from HEAD.

use std::process::Output;

use super::{
    IN_PROGRESS, findings_of, imported, m001_stale_since_import, m001_updated, mitigation_path,
    only_rule,
};
use crate::support::{
    ALICE, BOB, CONFIG, Fixture, MITIGATION, MITIGATION_PATH, REVIEW, REVIEW_PATH, RISK, RISK_PATH,
    check_at, code, completed, findings_at, found, git_in, mitigation, stderr, stdout,
};

/// The last line of standard output: the human summary.
fn summary(output: &Output) -> String {
    stdout(output).lines().last().unwrap_or_default().to_owned()
}

// Without history

/// The rules that need git history, as the notice lists them.
const GIT_RULES: &str =
    "acceptance-outdated, backdated-entry, due-postponed, self-approval, stale-status";

/// A clean register with history: imported on 2026-06-01, its review and an update of
/// M-001 committed on 2026-11-14, and a stale M-002 that only the git rules see.
fn clean_history() -> Fixture {
    let (fixture, _) = imported("2026-06-01");
    fixture.write(&mitigation_path("M-002"), mitigation("M-002", IN_PROGRESS));
    fixture.commit("2026-06-02", BOB, "Add M-002");
    fixture.write(REVIEW_PATH, REVIEW);
    fixture.write(MITIGATION_PATH, m001_updated("2026-11-14"));
    fixture.commit("2026-11-14", ALICE, "Q4 review");
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
    fixture.commit("2026-01-10", BOB, "Start the code");
    fixture.write("compliance/riskreg.yaml", CONFIG);
    fixture.write(&format!("compliance/{RISK_PATH}"), RISK);
    fixture.write(&format!("compliance/{MITIGATION_PATH}"), MITIGATION);
    // Completed before the register's first commit (not the repository's): exempt.
    fixture.write(
        &format!("compliance/{}", mitigation_path("M-004")),
        mitigation("M-004", &completed("2026-03-01")),
    );
    let import = fixture.commit("2026-06-01", ALICE, "Import the register");
    let m002 = format!("compliance/{}", mitigation_path("M-002"));
    fixture.write(&m002, mitigation("M-002", &completed("2026-07-01")));
    let late = fixture.commit("2026-09-01", BOB, "Complete M-002");
    // Commits outside the register do not change it.
    fixture.write("src/main.rs", "fn main() {\n    println!(\"MFA\");\n}\n");
    fixture.commit("2026-11-10", BOB, "Code");
    fixture.write(&format!("compliance/{REVIEW_PATH}"), REVIEW);
    fixture.commit("2026-11-14", ALICE, "Q4 review");
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
        vec![m001_stale_since_import(&import), backdated.clone(),]
    );
    // Work in progress in the register counts as current; outside it, it is not the
    // register's.
    fixture.write(
        &format!("compliance/{MITIGATION_PATH}"),
        m001_updated("2026-11-19"),
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
    fixture.commit("2026-11-14", ALICE, "Import the register");
    assert_eq!(
        summary(&fixture.check(&[])),
        "0 errors, 0 warnings in 3 documents (as of 2026-11-20)"
    );
    fixture.write(MITIGATION_PATH, m001_updated("2026-11-19"));
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
    fixture.commit("2026-11-14", ALICE, "Import the register");
    fixture.write(MITIGATION_PATH, m001_updated("2026-11-19"));
    assert_eq!(
        summary(&fixture.check(&[])),
        "0 errors, 0 warnings in 3 documents (as of 2026-11-20; 1 document differs from HEAD and is checked as in the work tree)"
    );
}

#[test]
fn rev_reads_the_history_of_another_revision() {
    let (fixture, import) = imported("2026-06-01");
    fixture.write(MITIGATION_PATH, m001_updated("2026-11-01"));
    fixture.commit("2026-11-01", BOB, "Update M-001");
    assert_eq!(findings_of(&fixture, "stale-status"), vec![]);
    assert_eq!(
        only_rule(
            findings_at(fixture.path(), &["--rev", "HEAD~1"]),
            "stale-status"
        ),
        vec![m001_stale_since_import(&import)]
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
    fixture.commit("2026-11-14", ALICE, "Import the register");
    fixture.write(MITIGATION_PATH, m001_updated("2026-11-19"));
    fixture.write(&mitigation_path("M-002"), mitigation("M-002", IN_PROGRESS));
    fixture.write("drafts/M-003.yaml", mitigation("M-003", IN_PROGRESS));
    assert_eq!(
        summary(&fixture.check(&[])),
        "0 errors, 0 warnings in 4 documents (as of 2026-11-20; 2 documents differ from HEAD and are checked as in the work tree)"
    );
}

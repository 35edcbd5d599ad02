//! Test helpers: throwaway registers in a tempdir and a runner for the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

/// The as-of date every fixture is checked at.
pub const AS_OF: &str = "2026-11-20";

/// A config with owners, levels, appetite and targets, like a real register's.
pub const CONFIG: &str = "\
version: 1
organization: Test Co
appetite:
  max_accepted_level: medium
  exception_approvers: [ceo]
  acceptance_max_days: 365
treatment_target_days: {critical: 30, high: 90, medium: 180, low: 365}
review: {cadence_days: 92, backdate_tolerance_days: 14}
owners:
  - {id: alice, name: Alice Chen, email: alice@test.example, approver: true}
  - {id: bob, name: Bob Ito, email: bob@test.example}
  - {id: ceo, name: Casey Oduya, email: ceo@test.example, approver: true}
";

/// A mitigated risk, clean as of [`AS_OF`].
pub const RISK: &str = "\
kind: risk
id: R-001
title: MFA is not enforced on production systems
owner: alice
identified: 2026-10-01
criteria: [CC6.1]
inherent: {impact: 3, likelihood: 3}
treatment:
  decision: mitigate
";

/// The mitigation that treats [`RISK`], clean as of [`AS_OF`].
pub const MITIGATION: &str = "\
kind: mitigation
id: M-001
title: Enforce MFA through Okta
risks: [R-001]
owner: bob
due: 2026-12-31
status: in-progress
";

/// A review covering every risk, within the cadence of [`AS_OF`].
pub const REVIEW: &str = "\
kind: review
id: REV-2026-Q4
date: 2026-11-13
chair: alice
attendees: [alice, bob]
risks: all
";

/// Where [`Fixture::clean`] writes [`RISK`].
pub const RISK_PATH: &str = "risks/R-001-mfa.yaml";
/// Where [`Fixture::clean`] writes [`MITIGATION`] (M-001).
pub const MITIGATION_PATH: &str = "mitigations/M-001-okta-mfa.yaml";
/// Where [`Fixture::clean`] writes [`REVIEW`] (REV-2026-Q4).
pub const REVIEW_PATH: &str = "reviews/REV-2026-Q4.yaml";

/// A mitigation of R-001 with this ID, owned by bob: kind, id, title, risks and owner on
/// lines 1 to 5, then `tail` (its due date, status and the rest) from line 6.
pub fn mitigation(id: &str, tail: &str) -> String {
    format!(
        "kind: mitigation\nid: {id}\ntitle: Roll out the change planned as {id}\nrisks: [R-001]\nowner: bob\n{tail}"
    )
}

/// The tail of a mitigation completed on `date`, with evidence, for [`mitigation`]:
/// `status` on line 7, `completed_on` on line 8 (its value at column 15).
pub fn completed(date: &str) -> String {
    format!(
        "due: 2026-12-31\nstatus: completed\ncompleted_on: {date}\nevidence: [https://wiki.test.example/done]\n"
    )
}

/// A register in a temporary folder.
pub struct Fixture {
    dir: TempDir,
}

/// One finding as the JSON output reports it: rule, path, line, column, message.
pub type Found = (String, String, u64, u64, String);

impl Fixture {
    /// An empty folder.
    pub fn empty() -> Self {
        Fixture {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A register with the base config, one risk, its mitigation and a review: no findings.
    pub fn clean() -> Self {
        let fixture = Self::empty();
        fixture.write("riskreg.yaml", CONFIG);
        fixture.write(RISK_PATH, RISK);
        fixture.write(MITIGATION_PATH, MITIGATION);
        fixture.write(REVIEW_PATH, REVIEW);
        fixture
    }

    /// The register's root.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders), replacing any file there.
    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        path
    }

    /// Removes a file.
    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.dir.path().join(relative)).expect("remove");
    }

    /// Where the loose object `id` (full hexadecimal) of the fixture's repository is kept.
    pub fn object_path(&self, id: &str) -> PathBuf {
        let id = id.trim();
        self.path()
            .join(".git/objects")
            .join(&id[..2])
            .join(&id[2..])
    }

    /// Deletes the loose object `id` from the fixture's repository, as damage would;
    /// whether it was there.
    pub fn remove_object(&self, id: &str) -> bool {
        std::fs::remove_file(self.object_path(id)).is_ok()
    }

    /// Runs `riskreg check ROOT --as-of AS_OF` with extra arguments.
    pub fn check(&self, extra: &[&str]) -> Output {
        check_at(self.path(), extra)
    }

    /// The JSON findings of a check, as tuples.
    pub fn findings(&self) -> Vec<Found> {
        findings_at(self.path(), &[])
    }

    /// The findings of one rule.
    pub fn findings_of(&self, rule: &str) -> Vec<Found> {
        self.findings()
            .into_iter()
            .filter(|found| found.0 == rule)
            .collect()
    }
}

/// Runs `riskreg check ROOT --as-of AS_OF` on any folder, with extra arguments.
pub fn check_at(root: &Path, extra: &[&str]) -> Output {
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
pub fn findings_at(root: &Path, extra: &[&str]) -> Vec<Found> {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    json_findings(&check_at(root, &args))
}

/// The findings of a `check --format json` run, as tuples.
pub fn json_findings(output: &Output) -> Vec<Found> {
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "JSON output ({error}); stdout: {} stderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().expect("rule").to_owned(),
                finding["path"].as_str().expect("path").to_owned(),
                finding["line"].as_u64().expect("line"),
                finding["column"].as_u64().expect("column"),
                finding["message"].as_str().expect("message").to_owned(),
            )
        })
        .collect()
}

/// A finding tuple, for comparisons.
pub fn found(rule: &str, path: &str, line: u64, column: u64, message: &str) -> Found {
    (
        rule.to_owned(),
        path.to_owned(),
        line,
        column,
        message.to_owned(),
    )
}

/// Runs the binary with colour off.
pub fn riskreg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_riskreg"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run riskreg")
}

/// Runs the binary in `dir`, colour off.
pub fn riskreg_in<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_riskreg"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run riskreg")
}

/// Every file below `dir`, folders walked recursively.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_below(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code.
pub fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

/// A commit's author and committer: name, email.
pub type Person<'a> = (&'a str, &'a str);

/// Alice, the security lead (an approver).
pub const ALICE: Person<'static> = ("Alice Chen", "alice@test.example");
/// Bob, an engineer.
pub const BOB: Person<'static> = ("Bob Ito", "bob@test.example");

impl Fixture {
    /// Runs git in the fixture's folder (or a subfolder) and returns its output; panics when
    /// git fails.
    pub fn git(&self, args: &[&str]) -> Output {
        git_in(self.path(), args)
    }

    /// Runs git in the fixture's folder and returns its output, whether it failed or not.
    pub fn git_unchecked(&self, args: &[&str]) -> Output {
        git(self.path()).args(args).output().expect("run git")
    }

    /// Makes the folder a git repository.
    pub fn git_init(&self) {
        self.git(&["init", "-q", "-b", "main"]);
    }

    /// Commits everything as `who`, at `date` (YYYY-MM-DD, noon UTC) for both author and
    /// committer; returns the commit's short ID (the 7 characters riskreg prints).
    pub fn commit(&self, date: &str, who: Person<'_>, message: &str) -> String {
        self.git(&["add", "-A"]);
        commit_in(self.path(), date, who, message);
        stdout(&self.git(&["rev-parse", "HEAD"]))[..7].to_owned()
    }
}

/// Runs git in `dir`; panics when it fails.
pub fn git_in(dir: &Path, args: &[&str]) -> Output {
    run_git(git(dir).args(args), args)
}

/// A git command in `dir`, isolated from the machine's git configuration.
fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir);
    command
}

/// Runs a prepared git command; panics when it fails.
fn run_git(command: &mut Command, args: &[&str]) -> Output {
    let output = command.output().expect("run git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Commits what is staged in `dir` as `who` at noon UTC on `date`.
pub fn commit_in(dir: &Path, date: &str, who: Person<'_>, message: &str) {
    git_as(
        dir,
        date,
        who,
        &["commit", "-q", "--allow-empty", "-m", message],
    );
}

/// Runs a git command that writes commits (commit, merge) as `who` at noon UTC on `date`.
pub fn git_as(dir: &Path, date: &str, who: Person<'_>, args: &[&str]) -> Output {
    let stamp = format!("{date}T12:00:00+00:00");
    let mut command = git(dir);
    command
        .args(args)
        .env("GIT_AUTHOR_NAME", who.0)
        .env("GIT_AUTHOR_EMAIL", who.1)
        .env("GIT_COMMITTER_NAME", who.0)
        .env("GIT_COMMITTER_EMAIL", who.1)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp);
    run_git(&mut command, args)
}

/// One rule as a listing shows it: code, default severity, summary.
pub type RuleRow = (String, String, String);

/// The rules `riskreg rules` prints, in its order: `CODE  SEVERITY  SUMMARY` a line.
pub fn printed_rules() -> Vec<RuleRow> {
    let output = riskreg(&["rules"]);
    assert_eq!(code(&output), 0);
    stdout(&output)
        .lines()
        .map(|line| {
            let (rule, rest) = line.split_once(' ').expect("a code and a severity");
            let (severity, summary) = rest
                .trim_start()
                .split_once(' ')
                .expect("a severity and a summary");
            (
                rule.to_owned(),
                severity.to_owned(),
                summary.trim_start().to_owned(),
            )
        })
        .collect()
}

/// The documentation `riskreg explain CODE` prints below its heading and summary.
pub fn rule_documentation(rule: &str) -> String {
    let output = riskreg(&["explain", rule]);
    assert_eq!(code(&output), 0, "explain {rule}");
    let text = stdout(&output);
    let mut parts = text.splitn(3, "\n\n");
    let (_heading, _summary) = (parts.next(), parts.next());
    parts
        .next()
        .expect("documentation below the summary")
        .to_owned()
}

/// Where the second risk lives.
pub const R002_PATH: &str = "risks/R-002-backups.yaml";
/// Where R-001 moves in October.
pub const MOVED_PATH: &str = "risks/identity/R-001-mfa.yaml";

/// The clean register imported on 2026-03-10; R-002 added on 2026-07-15; M-001 completed
/// on 2026-08-10; on a branch, R-001 rated residual on 2026-06-20, merged on 2026-09-05;
/// R-001 moved on 2026-10-01.
pub fn year() -> Fixture {
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

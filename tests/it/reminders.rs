//! The reminders' issue script (examples/ci/riskreg-due-issues.py) against a fake GitHub
//! and GitLab API on localhost (tests/it/reminders/fake_forge.py): one issue per owner,
//! created, assigned, updated only when it changed, closed when nothing is due, never
//! duplicated however often it runs, across pages of issues. Needs python3, as the CI
//! runners have it; without it the test says SKIPPED (and fails under
//! `RISKREG_REQUIRE_VALIDATORS`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use serde_json::{Value, json};

use crate::due::dated_register;
use crate::support::{Fixture, code, riskreg, stderr, stdout};
use crate::validators::{runs, skipped};

/// The fake API, stopped when dropped.
struct FakeForge {
    child: Child,
    port: u16,
}

impl FakeForge {
    fn start() -> Self {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/reminders/fake_forge.py");
        let mut child = Command::new("python3")
            .arg(script)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the fake API");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout"))
            .read_line(&mut line)
            .expect("the port");
        let port = line.trim().parse().expect("a port number");
        FakeForge { child, port }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Every issue of one forge and every request so far.
    fn state(&self) -> Value {
        let output = Command::new("python3")
            .args([
                "-c",
                "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1]).read().decode())",
            ])
            .arg(format!("{}/_state", self.url()))
            .output()
            .expect("read the state");
        serde_json::from_slice(&output.stdout).expect("JSON state")
    }

    /// Adds an issue as given.
    fn seed(&self, issue: &Value) {
        let output = Command::new("python3")
            .args([
                "-c",
                "import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=sys.argv[2].encode(), method='POST'))",
            ])
            .arg(format!("{}/_seed", self.url()))
            .arg(issue.to_string())
            .output()
            .expect("seed");
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

impl Drop for FakeForge {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `riskreg due` as JSON and Markdown, written into `dir`, as of `as_of`.
fn due_files(fixture: &Fixture, as_of: &str, dir: &Path) -> (PathBuf, PathBuf) {
    let root = fixture.path().to_str().expect("UTF-8");
    let (json_path, md_path) = (dir.join("due.json"), dir.join("due.md"));
    for (format, path) in [("json", &json_path), ("md", &md_path)] {
        let output = riskreg(&[
            "due",
            "--root",
            root,
            "--as-of",
            as_of,
            "--format",
            format,
            "-o",
            path.to_str().expect("UTF-8"),
        ]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
    }
    (json_path, md_path)
}

/// Runs the script for `forge` against the fake; it must succeed.
fn sync(fake: &FakeForge, forge: &str, files: &(PathBuf, PathBuf)) -> Output {
    let output = run_script(fake, forge, files);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    output
}

/// Runs the script for `forge` against the fake.
fn run_script(fake: &FakeForge, forge: &str, files: &(PathBuf, PathBuf)) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ci/riskreg-due-issues.py");
    Command::new("python3")
        .arg(script)
        .args(["--forge", forge, "--json"])
        .arg(&files.0)
        .arg("--md")
        .arg(&files.1)
        .env("GITHUB_API_URL", fake.url())
        .env("GITHUB_REPOSITORY", "org/repo")
        .env("GITHUB_TOKEN", "gh-token")
        .env("CI_API_V4_URL", format!("{}/api/v4", fake.url()))
        .env("CI_PROJECT_ID", "7")
        .env("RISKREG_API_TOKEN", "gl-token")
        .output()
        .expect("run the script")
}

/// The issues with a marker: (owner in the marker, state, title, assignees), by number.
fn marked(
    issues: &Value,
    body_key: &str,
    assignee_key: &str,
) -> Vec<(String, String, String, Vec<Value>)> {
    issues
        .as_array()
        .expect("issues")
        .iter()
        .filter_map(|issue| {
            let body = issue[body_key].as_str()?;
            let owner = body
                .lines()
                .next()?
                .strip_prefix("<!-- riskreg-due owner=")?
                .strip_suffix(" -->")?;
            Some((
                owner.to_owned(),
                issue["state"].as_str().expect("state").to_owned(),
                issue["title"].as_str().expect("title").to_owned(),
                issue["assignees"]
                    .as_array()
                    .expect("assignees")
                    .iter()
                    .map(|assignee| assignee[assignee_key].clone())
                    .collect(),
            ))
        })
        .collect()
}

/// `(owner, state, title, assignees)`, for comparisons.
fn issue(
    owner: &str,
    state: &str,
    title: &str,
    assignees: &[Value],
) -> (String, String, String, Vec<Value>) {
    (
        owner.to_owned(),
        state.to_owned(),
        title.to_owned(),
        assignees.to_vec(),
    )
}

/// How many requests of this method the fake has seen.
fn count(state: &Value, method: &str) -> usize {
    state["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .filter(|request| request["method"] == method)
        .count()
}

#[test]
fn github_issues_one_per_owner_never_twice() {
    if !runs("python3", "--version") {
        return skipped("python3", "apt-get install python3");
    }
    let (fixture, _) = dated_register();
    let work = tempfile::tempdir().expect("tempdir");
    let fake = FakeForge::start();
    for number in [50, 51, 52] {
        fake.seed(
            &json!({"forge": "github", "number": number, "state": "open",
            "title": "Someone else's issue", "body": "Not ours", "assignees": []}),
        );
    }
    fake.seed(
        &json!({"forge": "github", "number": 53, "state": "open", "title": "A pull request",
        "body": "<!-- riskreg-due owner=bob -->", "assignees": [], "pull_request": {}}),
    );
    fake.seed(
        &json!({"forge": "github", "number": 54, "state": "open", "title": "Old reminder",
        "body": "<!-- riskreg-due owner=ceo -->\nfrom an earlier run", "assignees": []}),
    );
    fake.seed(
        &json!({"forge": "github", "number": 55, "state": "open", "title": "Old reminder",
        "body": "<!-- riskreg-due owner=ceo -->\na duplicate", "assignees": []}),
    );

    let files = due_files(&fixture, "2026-11-20", work.path());
    let first = sync(&fake, "github", &files);
    assert_eq!(
        stdout(&first),
        "created #7 for alice\ncreated #8 for bob\nupdated #54 for ceo (body, title)\nclosed #55, a duplicate of #54\ncreated #9 for dana\n"
    );
    assert!(
        stderr(&first).contains("note: owner ceo has no github login in riskreg.yaml (owners[].github); their issue is not assigned"),
        "{}",
        stderr(&first)
    );
    let state = fake.state();
    let login = |name: &str| json!(name);
    assert_eq!(
        marked(&state["github"], "body", "login"),
        [
            issue("bob", "open", "A pull request", &[]),
            issue("ceo", "open", "Risk register: 1 item for Casey Oduya", &[]),
            issue("ceo", "closed", "Old reminder", &[]),
            issue(
                "alice",
                "open",
                "Risk register: 2 items for Alice Chen",
                &[login("alice-chen")]
            ),
            issue(
                "bob",
                "open",
                "Risk register: 3 items for Bob Ito",
                &[login("bob-ito")]
            ),
            issue("dana", "open", "Risk register: 1 item for Dana Ruiz", &[]),
        ]
    );
    let body = state["github"][6]["body"].as_str().expect("alice's body");
    assert!(
        body.contains("- [ ] **Acceptance expired 10 days ago** (2026-11-10)"),
        "{body}"
    );

    // The same register again: nothing to write.
    let patches = count(&state, "PATCH");
    let again = sync(&fake, "github", &files);
    assert_eq!(
        stdout(&again),
        "#7 for alice is up to date\n#8 for bob is up to date\n#54 for ceo is up to date\n#9 for dana is up to date\n"
    );
    let state = fake.state();
    assert_eq!(count(&state, "PATCH"), patches);
    assert_eq!(count(&state, "POST"), 3);

    // A day later, after the review and the acceptances were seen to: alice's and ceo's
    // issues are closed; bob's (M-004 now due too) and dana's are rewritten, never
    // duplicated.
    fixture.write(
        "reviews/REV-2026-Q4.yaml",
        "kind: review\nid: REV-2026-Q4\ndate: 2026-11-21\nchair: alice\nattendees: [alice]\nrisks: all\n",
    );
    fixture.remove("risks/R-002-accepted.yaml");
    fixture.remove("risks/R-003-expiring.yaml");
    let files = due_files(&fixture, "2026-11-21", work.path());
    let later = sync(&fake, "github", &files);
    assert_eq!(
        stdout(&later),
        "updated #8 for bob (body, title)\nupdated #9 for dana (body)\nclosed #7 for alice: nothing due\nclosed #54 for ceo: nothing due\n"
    );
    let open: Vec<String> = marked(&fake.state()["github"], "body", "login")
        .into_iter()
        .filter(|(_, state, title, _)| state == "open" && title.starts_with("Risk register"))
        .map(|(owner, ..)| owner)
        .collect();
    assert_eq!(open, ["bob", "dana"]);
}

#[test]
fn gitlab_issues_assigned_by_user_id() {
    if !runs("python3", "--version") {
        return skipped("python3", "apt-get install python3");
    }
    let (fixture, _) = dated_register();
    let work = tempfile::tempdir().expect("tempdir");
    let fake = FakeForge::start();
    let files = due_files(&fixture, "2026-11-20", work.path());
    let first = sync(&fake, "gitlab", &files);
    assert_eq!(
        stdout(&first),
        "created #1 for alice\ncreated #2 for bob\ncreated #3 for ceo\ncreated #4 for dana\n"
    );
    let state = fake.state();
    assert_eq!(
        marked(&state["gitlab"], "description", "id"),
        [
            issue(
                "alice",
                "opened",
                "Risk register: 2 items for Alice Chen",
                &[json!(1)]
            ),
            issue("bob", "opened", "Risk register: 3 items for Bob Ito", &[]),
            issue(
                "ceo",
                "opened",
                "Risk register: 1 item for Casey Oduya",
                &[]
            ),
            issue("dana", "opened", "Risk register: 1 item for Dana Ruiz", &[]),
        ]
    );
    let again = sync(&fake, "gitlab", &files);
    assert_eq!(
        stdout(&again),
        "#1 for alice is up to date\n#2 for bob is up to date\n#3 for ceo is up to date\n#4 for dana is up to date\n"
    );
    assert_eq!(count(&fake.state(), "PUT"), 0);
}

#[test]
fn a_github_login_that_cannot_be_assigned_leaves_the_issue_unassigned() {
    if !runs("python3", "--version") {
        return skipped("python3", "apt-get install python3");
    }
    let (fixture, _) = dated_register();
    let config = std::fs::read_to_string(fixture.path().join("riskreg.yaml")).expect("config");
    fixture.write(
        "riskreg.yaml",
        config.replace("github: bob-ito", "github: ghost"),
    );
    let work = tempfile::tempdir().expect("tempdir");
    let fake = FakeForge::start();
    let files = due_files(&fixture, "2026-11-20", work.path());
    let first = sync(&fake, "github", &files);
    assert!(
        stdout(&first).contains("created #2 for bob\n"),
        "{}",
        stdout(&first)
    );
    assert!(
        stderr(&first)
            .contains("note: could not assign ghost (not a collaborator?); creating it unassigned"),
        "{}",
        stderr(&first)
    );
    let again = sync(&fake, "github", &files);
    assert!(
        stderr(&again).contains("note: could not assign #2 to ghost (not a collaborator?)"),
        "{}",
        stderr(&again)
    );
    let state = fake.state();
    let issues = marked(&state["github"], "body", "login");
    assert_eq!(
        issues.len(),
        4,
        "one issue per owner, no duplicate: {issues:?}"
    );
    assert_eq!(
        issues[1],
        issue("bob", "open", "Risk register: 3 items for Bob Ito", &[])
    );
}

#[test]
fn the_token_never_follows_a_link_to_another_host() {
    if !runs("python3", "--version") {
        return skipped("python3", "apt-get install python3");
    }
    let (fixture, _) = dated_register();
    let work = tempfile::tempdir().expect("tempdir");
    let fake = FakeForge::start();
    fake.seed(&json!({"forge": "elsewhere", "on": true}));
    let files = due_files(&fixture, "2026-11-20", work.path());
    let output = run_script(&fake, "github", &files);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    assert!(
        stderr(&output).contains(
            "error: GitHub API: refusing to send the token outside the API: http://elsewhere.example/"
        ),
        "{}",
        stderr(&output)
    );
    assert_eq!(count(&fake.state(), "POST"), 0, "nothing written");
}

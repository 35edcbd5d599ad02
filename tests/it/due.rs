//! `riskreg due` on a dated register: each kind of item for its owner, the window's edges,
//! the owner filter, what is never due (a retired risk, completed and cancelled actions),
//! the JSON shape against its schema, the issue bodies, `--at` and the bad inputs.

use std::process::Output;

use serde_json::Value;

use crate::support::{ALICE, BOB, Fixture, code, riskreg, stderr, stdout};

/// The date the register is judged on.
const AS_OF: &str = "2026-11-20";

/// Owners with logins (alice, bob), an approver without one (ceo) and dana, who has no
/// login at all.
const CONFIG: &str = "\
version: 1
organization: Test Co
appetite: {max_accepted_level: critical, acceptance_max_days: 365}
review: {cadence_days: 92}
owners:
  - {id: alice, name: Alice Chen, email: alice@test.example, approver: true, github: alice-chen, gitlab: alice}
  - {id: bob, name: Bob Ito, email: bob@test.example, github: bob-ito}
  - {id: ceo, name: Casey Oduya, email: ceo@test.example, approver: true}
  - {id: dana, name: Dana Ruiz}
";

/// A risk owned by `owner` with this treatment (and the rest of its text).
fn risk(id: &str, owner: &str, tail: &str) -> String {
    format!(
        "kind: risk\nid: {id}\ntitle: Risk {id} of the fixture\nowner: {owner}\nidentified: 2026-05-01\ninherent: {{impact: 3, likelihood: 3}}\n{tail}"
    )
}

/// An acceptance approved by ceo that expires on `expires`.
fn accepted(expires: &str) -> String {
    format!(
        "treatment:\n  decision: accept\n  rationale: Cheaper to live with\n  approved_by: ceo\n  approved_on: 2026-01-10\n  expires: {expires}\n"
    )
}

/// An action of `risk` owned by `owner`, due on `due`, with this status.
fn action(id: &str, risk: &str, owner: &str, due: &str, status: &str) -> String {
    format!(
        "kind: mitigation\nid: {id}\ntitle: Roll out the change planned as {id}\nrisks: [{risk}]\nowner: {owner}\ndue: {due}\nstatus: {status}\n"
    )
}

/// The register: R-001 and M-008 committed on 2026-06-01 (M-008 never touched again:
/// stale by 2026-11-20), everything else on 2026-11-01. As of 2026-11-20, within 30 days:
/// bob's M-001 is due yesterday (overdue), M-002 today, M-003 in exactly 30 days and M-004
/// in 31 (not due); alice's R-002 acceptance expired on 2026-11-10; ceo's R-003 expires on
/// 2026-12-01; the review REV-2026-Q3 (2026-09-01, chaired by alice) makes the next one
/// due on 2026-12-02; dana's M-005 is completed and M-006 cancelled, both long past due;
/// R-004 is retired, with an expired acceptance and bob's overdue M-007. Returns the
/// fixture and the short ID of the first commit.
pub fn dated_register() -> (Fixture, String) {
    let fixture = Fixture::empty();
    fixture.write("riskreg.yaml", CONFIG);
    fixture.write(
        "risks/R-001-mfa.yaml",
        risk("R-001", "alice", "treatment: {decision: mitigate}\n"),
    );
    fixture.write(
        "mitigations/M-008-stale.yaml",
        action("M-008", "R-001", "dana", "2027-03-01", "in-progress"),
    );
    fixture.git_init();
    let first = fixture.commit("2026-06-01", ALICE, "Start the register");
    fixture.write(
        "risks/R-002-accepted.yaml",
        risk("R-002", "alice", &accepted("2026-11-10")),
    );
    fixture.write(
        "risks/R-003-expiring.yaml",
        risk("R-003", "ceo", &accepted("2026-12-01")),
    );
    fixture.write(
        "risks/R-004-retired.yaml",
        risk("R-004", "alice", &accepted("2026-10-01"))
            + "retired: {on: 2026-10-15, reason: System decommissioned}\n",
    );
    for (id, risk_id, owner, due, status) in [
        ("M-001", "R-001", "bob", "2026-11-19", "in-progress"),
        ("M-002", "R-001", "bob", "2026-11-20", "planned"),
        ("M-003", "R-001", "bob", "2026-12-20", "planned"),
        ("M-004", "R-001", "bob", "2026-12-21", "planned"),
        ("M-006", "R-001", "dana", "2026-10-01", "cancelled"),
        ("M-007", "R-004", "bob", "2026-10-01", "planned"),
    ] {
        fixture.write(
            &format!("mitigations/{id}-action.yaml"),
            action(id, risk_id, owner, due, status),
        );
    }
    fixture.write(
        "mitigations/M-005-action.yaml",
        action("M-005", "R-001", "dana", "2026-10-01", "completed")
            + "completed_on: 2026-10-01\nevidence: [https://wiki.test.example/done]\n",
    );
    fixture.write(
        "reviews/REV-2026-Q3.yaml",
        "kind: review\nid: REV-2026-Q3\ndate: 2026-09-01\nchair: alice\nattendees: [alice, bob]\nrisks: all\n",
    );
    fixture.commit("2026-11-01", BOB, "Plan the actions");
    (fixture, first)
}

/// Runs `riskreg due ROOT --as-of AS_OF` with extra arguments.
fn due(fixture: &Fixture, extra: &[&str]) -> Output {
    let root = fixture.path().to_str().expect("UTF-8");
    let mut args = vec!["due", "--root", root, "--as-of", AS_OF];
    args.extend_from_slice(extra);
    riskreg(&args)
}

/// The JSON output of a successful run.
fn json(output: &Output) -> Value {
    assert_eq!(code(output), 0, "{}", stderr(output));
    serde_json::from_str(&stdout(output)).expect("JSON")
}

/// An item as `(kind, document, days)`.
type Item = (String, String, i64);

/// Each owner's items as `(kind, document, days)`, in output order.
fn items(list: &Value) -> Vec<(String, Vec<Item>)> {
    let owners = list["owners"].as_array().expect("owners");
    owners
        .iter()
        .map(|owner| {
            let items = owner["items"].as_array().expect("items");
            let items = items
                .iter()
                .map(|item| {
                    (
                        item["kind"].as_str().expect("kind").to_owned(),
                        item["document"].as_str().unwrap_or("-").to_owned(),
                        item["days"].as_i64().expect("days"),
                    )
                })
                .collect();
            (owner["id"].as_str().expect("id").to_owned(), items)
        })
        .collect()
}

/// `(kind, document, days)`, for comparisons.
fn item(kind: &str, document: &str, days: i64) -> Item {
    (kind.to_owned(), document.to_owned(), days)
}

#[test]
fn each_kind_goes_to_its_owner_most_urgent_first() {
    let (fixture, _) = dated_register();
    let list = json(&due(&fixture, &["--format", "json"]));
    assert_eq!(
        items(&list),
        [
            (
                "alice".to_owned(),
                vec![
                    item("acceptance-expired", "R-002", -10),
                    item("review-due", "REV-2026-Q3", 12),
                ]
            ),
            (
                "bob".to_owned(),
                vec![
                    item("overdue", "M-001", -1),
                    item("due", "M-002", 0),
                    item("due", "M-003", 30),
                ]
            ),
            (
                "ceo".to_owned(),
                vec![item("acceptance-expiring", "R-003", 11)]
            ),
            ("dana".to_owned(), vec![item("stale", "M-008", -80)]),
        ]
    );
}

#[test]
fn the_json_matches_its_schema_and_snapshot() {
    let (fixture, first) = dated_register();
    let output = due(&fixture, &["--format", "json"]);
    let list = json(&output);
    let schema: Value =
        serde_json::from_str(&stdout(&riskreg(&["schema", "due"]))).expect("the schema");
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&list)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    insta::assert_snapshot!(stdout(&output).replace(&first, "<commit>"));
}

#[test]
fn the_window_counts_its_last_day_and_today() {
    let (fixture, _) = dated_register();
    let bob = |within: &str| {
        let list = json(&due(
            &fixture,
            &["--format", "json", "--owner", "bob", "--within", within],
        ));
        items(&list)
            .into_iter()
            .flat_map(|(_, items)| items)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        bob("29"),
        [item("overdue", "M-001", -1), item("due", "M-002", 0)]
    );
    assert_eq!(
        bob("31"),
        [
            item("overdue", "M-001", -1),
            item("due", "M-002", 0),
            item("due", "M-003", 30),
            item("due", "M-004", 31),
        ]
    );
    assert_eq!(
        bob("0"),
        [item("overdue", "M-001", -1), item("due", "M-002", 0)]
    );
}

#[test]
fn the_owner_filter_keeps_one_owner_and_knows_the_others() {
    let (fixture, _) = dated_register();
    let list = json(&due(&fixture, &["--format", "json", "--owner", "ceo"]));
    assert_eq!(
        items(&list),
        [(
            "ceo".to_owned(),
            vec![item("acceptance-expiring", "R-003", 11)]
        )]
    );
    let output = due(&fixture, &["--owner", "alcie"]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        "error: --owner alcie: no owner with this ID in riskreg.yaml's owners; did you mean `alice`?\n"
    );
    let root = fixture.path().to_str().expect("UTF-8");
    let output = riskreg(&[
        "due",
        "--root",
        root,
        "--owner",
        "dana",
        "--as-of",
        "2026-06-02",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Nothing due for dana within 30 days of 2026-06-02: no overdue or due actions, expiring acceptances, stale actions or reviews.\n"
    );
}

#[test]
fn the_human_list_and_the_issue_bodies() {
    let (fixture, first) = dated_register();
    let human = due(&fixture, &[]);
    assert_eq!(code(&human), 0, "{}", stderr(&human));
    insta::assert_snapshot!("human", stdout(&human).replace(&first, "<commit>"));
    let md = due(
        &fixture,
        &[
            "--format",
            "md",
            "--link-base",
            "https://github.com/org/repo/blob/abc123/",
        ],
    );
    assert_eq!(code(&md), 0, "{}", stderr(&md));
    insta::assert_snapshot!("md", stdout(&md).replace(&first, "<commit>"));
    let one = due(&fixture, &["--format", "md", "--owner", "ceo"]);
    assert!(
        stdout(&one).starts_with("<!-- riskreg-due owner=ceo -->\n"),
        "{}",
        stdout(&one)
    );
    assert!(stdout(&one).contains("R-003 in `risks/R-003-expiring.yaml`"));
    let bad = due(
        &fixture,
        &["--format", "md", "--link-base", "javascript:alert(1)"],
    );
    assert_eq!(code(&bad), 2);
}

#[test]
fn at_a_date_reads_the_register_as_committed_then() {
    let (fixture, _) = dated_register();
    let output = riskreg(&[
        "due",
        "--root",
        fixture.path().to_str().expect("UTF-8"),
        "--at",
        "2026-08-01",
        "--format",
        "json",
    ]);
    let list = json(&output);
    assert_eq!(list["as_of"], "2026-08-01");
    assert_eq!(
        items(&list),
        [
            ("alice".to_owned(), vec![item("review-due", "-", 0)]),
            ("ceo".to_owned(), vec![item("review-due", "-", 0)]),
        ],
        "no review yet: every approver is reminded; M-008 is not stale yet"
    );
    assert_eq!(list["owners"][0]["items"][0]["path"], "riskreg.yaml");
}

#[test]
fn a_shallow_clone_skips_stale_items_with_the_notice() {
    let (fixture, _) = dated_register();
    let clone = tempfile::tempdir().expect("tempdir");
    let source = format!("file://{}", fixture.path().display());
    let cloned = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "1", &source])
        .arg(clone.path().join("register"))
        .output()
        .expect("git clone");
    assert!(cloned.status.success(), "{}", stderr(&cloned));
    let root = clone.path().join("register");
    let output = riskreg(&[
        "due",
        "--root",
        root.to_str().expect("UTF-8"),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let list = json(&output);
    assert!(
        stderr(&output).contains("note: the rules that need git history")
            && stderr(&output).contains("stale-status"),
        "{}",
        stderr(&output)
    );
    let owners: Vec<String> = items(&list).into_iter().map(|(owner, _)| owner).collect();
    assert_eq!(
        owners,
        ["alice", "bob", "ceo"],
        "dana's stale action is skipped"
    );
}

#[test]
fn owners_the_config_does_not_list() {
    let fixture = Fixture::empty();
    fixture.write(
        "riskreg.yaml",
        "version: 1\norganization: Test Co\nowners:\n  - {id: alice, name: Alice Chen}\n",
    );
    fixture.write(
        "risks/R-001-mfa.yaml",
        risk("R-001", "alice", "treatment: {decision: mitigate}\n"),
    );
    fixture.write(
        "mitigations/M-001-action.yaml",
        action("M-001", "R-001", "alicia", "2026-11-01", "planned"),
    );
    fixture.write(
        "mitigations/M-002-action.yaml",
        "kind: mitigation\nid: M-002\ntitle: Roll out the change planned as M-002\nrisks: [R-001]\ndue: 2026-11-02\nstatus: planned\n",
    );
    fixture.write(
        "reviews/REV-1.yaml",
        "kind: review\nid: REV-1\ndate: 2026-11-01\nchair: alice\nrisks: all\n",
    );
    let output = due(&fixture, &["--format", "json"]);
    let list = json(&output);
    assert_eq!(
        items(&list),
        [("alicia".to_owned(), vec![item("overdue", "M-001", -19)])]
    );
    assert_eq!(list["owners"][0]["name"], Value::Null);
    let notes = stderr(&output);
    assert!(
        notes.contains(
            "note: owner `alicia` is not in riskreg.yaml's owners; did you mean `alice`?"
        ),
        "{notes}"
    );
    assert!(
        notes.contains("note: something is due but has no owner to remind (give it an `owner:`, or an approver in riskreg.yaml for the reviews): M-002"),
        "{notes}"
    );
    fixture.write("riskreg.yaml", "version: 1\norganization: Test Co\n");
    let output = due(&fixture, &["--format", "json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("note: riskreg.yaml lists no owners (owners:)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn nothing_due_is_one_friendly_line() {
    let fixture = Fixture::clean();
    let output = riskreg(&[
        "due",
        "--root",
        fixture.path().to_str().expect("UTF-8"),
        "--as-of",
        "2026-11-20",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "Nothing due within 30 days of 2026-11-20: no overdue or due actions, expiring acceptances, stale actions or reviews.\n"
    );
}

#[test]
fn a_login_that_is_not_a_username_is_a_schema_error() {
    let fixture = Fixture::clean();
    fixture.write(
        "riskreg.yaml",
        crate::support::CONFIG.replace(
            "approver: true}\n  - {id: bob",
            "approver: true, github: \"@alice\"}\n  - {id: bob",
        ),
    );
    let output = due(&fixture, &[]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert!(stderr(&output).contains("github"), "{}", stderr(&output));
}

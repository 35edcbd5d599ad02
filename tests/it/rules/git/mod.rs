//! The rules that need git history, on real repositories built with dated, authored
//! commits: each fires with the exact finding (the commit it names is the one the test
//! made) and stays quiet when the history satisfies it; without usable history they are
//! skipped with one notice.

use crate::support::{
    ALICE, AS_OF, Fixture, Found, MITIGATION, MITIGATION_PATH, REVIEW_PATH, found,
};

mod approval;
mod postponement;
mod repository;
mod tracking;

/// A risk accepted on 2026-06-01 by alice (an approver), low (2x2), within the appetite.
/// `approved_by` is on line 12 and `approved_on` on line 13, both values at column 16.
const ACCEPTED: &str = "\
kind: risk
id: R-002
title: The legacy admin tool has no SSO
owner: alice
identified: 2026-05-20
criteria: [CC6.1]
systems: [admin-tool]
inherent: {impact: 2, likelihood: 2}
treatment:
  decision: accept
  rationale: Two people use it, from the office network only
  approved_by: alice
  approved_on: 2026-06-01
  expires: 2027-05-31
";

/// Where tests write the mitigation with this ID.
fn mitigation_path(id: &str) -> String {
    format!("mitigations/{id}.yaml")
}

/// The tail of an open mitigation: `status` on line 7, its value at column 9.
const IN_PROGRESS: &str = "due: 2026-12-31\nstatus: in-progress\n";

/// The clean register without its review (R-001 and M-001, in progress), committed by
/// Alice on `date`; returns the fixture and the import's short commit ID.
fn imported(date: &str) -> (Fixture, String) {
    let fixture = Fixture::clean();
    fixture.remove(REVIEW_PATH);
    fixture.git_init();
    let id = fixture.commit(date, ALICE, "Import the register");
    (fixture, id)
}

/// M-001 as the clean fixture has it, with an update on `on`: a change that keeps it
/// current.
fn m001_updated(on: &str) -> String {
    format!("{MITIGATION}updates:\n  - {{on: {on}, note: On track}}\n")
}

/// The findings of `rule`, after making sure every document loaded (a document that does
/// not load would keep every rule quiet for the wrong reason).
fn findings_of(fixture: &Fixture, rule: &str) -> Vec<Found> {
    only_rule(fixture.findings(), rule)
}

/// The findings of `rule` among `findings`, which must have no loading problems.
fn only_rule(findings: Vec<Found>, rule: &str) -> Vec<Found> {
    let broken: Vec<&Found> = findings
        .iter()
        .filter(|found| {
            ["yaml-syntax", "schema", "duplicate-id", "unknown-reference"]
                .contains(&found.0.as_str())
        })
        .collect();
    assert!(broken.is_empty(), "the fixture does not load: {broken:#?}");
    findings
        .into_iter()
        .filter(|found| found.0 == rule)
        .collect()
}

/// The stale-status message for a mitigation last changed on `date` by `author` in `id`.
fn stale(mitigation: &str, status: &str, date: &str, author: &str, id: &str, days: u32) -> String {
    format!(
        "mitigation {mitigation} ({status}) has not changed since {date} ({author} in {id}), {days} days before {AS_OF}; reviews are every 92 days"
    )
}

/// The stale-status finding of M-001 when nothing changed it since Alice imported the
/// register on 2026-06-01 in `import`.
fn m001_stale_since_import(import: &str) -> Found {
    found(
        "stale-status",
        MITIGATION_PATH,
        7,
        9,
        &stale(
            "M-001",
            "in-progress",
            "2026-06-01",
            "Alice Chen",
            import,
            172,
        ),
    )
}

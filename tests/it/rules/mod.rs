//! Each rule fires on a register that breaks it, with the exact finding, and stays quiet
//! on one that satisfies it. One file per family of rules; the rules that need git history
//! are under `git`.

use crate::support::{Fixture, code};

mod acceptance;
mod dates;
mod git;
mod hidden_text;
mod loading;
mod progress;
mod references;
mod reviews;
mod severity;
mod treatment;

/// Where tests write [`ACCEPTED`], and `git`'s accepted risk.
const ACCEPTED_PATH: &str = "risks/R-002-legacy-admin.yaml";

/// A second risk, accepted with everything an acceptance needs, clean as of the fixture's
/// date: low (2x2), approved by an approver, for 361 days.
const ACCEPTED: &str = "\
kind: risk
id: R-002
title: The legacy admin tool has no SSO
owner: alice
identified: 2026-10-01
inherent: {impact: 2, likelihood: 2}
treatment:
  decision: accept
  rationale: Two people use it, from the office network only
  approved_by: alice
  approved_on: 2026-10-05
  expires: 2027-10-01
";

/// `risk`, retired (a risk document ends with its last field, so this appends).
fn retired(risk: &str) -> String {
    format!("{risk}retired: {{on: 2026-11-01, reason: System decommissioned}}\n")
}

#[test]
fn the_clean_fixture_has_no_findings() {
    let fixture = Fixture::clean();
    assert_eq!(fixture.findings(), vec![]);
    assert_eq!(code(&fixture.check(&[])), 0);
}

//! Severities: per-rule overrides in `riskreg.yaml` (`rules:`) and `--deny-warnings`.

use crate::support::{CONFIG, Fixture, MITIGATION_PATH, code, found, mitigation};

/// The severities the JSON output gives the findings of one rule.
fn severities_of(fixture: &Fixture, rule: &str) -> Vec<String> {
    let output = fixture.check(&["--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON output");
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == rule)
        .map(|finding| finding["severity"].as_str().expect("severity").to_owned())
        .collect()
}

/// The clean fixture with M-001 overdue: one warning, nothing else.
fn overdue_fixture() -> Fixture {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation("M-001", "due: 2026-11-01\nstatus: planned\n"),
    );
    fixture
}

#[test]
fn rules_override_makes_a_warning_an_error() {
    let fixture = overdue_fixture();
    assert_eq!(severities_of(&fixture, "overdue"), vec!["warning"]);
    assert_eq!(code(&fixture.check(&[])), 0);
    fixture.write(
        "riskreg.yaml",
        format!("{CONFIG}rules: {{overdue: error}}\n"),
    );
    assert_eq!(severities_of(&fixture, "overdue"), vec!["error"]);
    assert_eq!(code(&fixture.check(&[])), 1);
}

#[test]
fn rules_override_off_removes_the_finding() {
    let fixture = overdue_fixture();
    assert_eq!(fixture.findings_of("overdue").len(), 1);
    fixture.write("riskreg.yaml", format!("{CONFIG}rules: {{overdue: off}}\n"));
    assert_eq!(fixture.findings(), vec![]);
    assert_eq!(code(&fixture.check(&["--deny-warnings"])), 0);
}

#[test]
fn deny_warnings_fails_on_warnings_only() {
    let fixture = overdue_fixture();
    assert_eq!(
        fixture.findings(),
        vec![found(
            "overdue",
            MITIGATION_PATH,
            6,
            6,
            "mitigation M-001 (planned) was due 2026-11-01, 19 days before 2026-11-20"
        )]
    );
    assert_eq!(code(&fixture.check(&[])), 0);
    assert_eq!(code(&fixture.check(&["--deny-warnings"])), 1);
}

//! The CI formats (`github`, `sarif`, `gitlab`, `junit`) on the findings of
//! `examples/findings`, as snapshots, plus the GitHub job summary, the SARIF schema and the
//! JUnit report of a clean register.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

use crate::support::{AS_OF, Fixture, code, printed_rules, rule_documentation, stdout};

/// Runs `riskreg check examples/findings --no-history --format FORMAT`, with
/// `GITHUB_STEP_SUMMARY` naming `summary` or unset (so a CI run of these tests never
/// writes to the real job summary).
fn check_findings(format: &str, summary: Option<&Path>) -> Output {
    let example = format!("{}/examples/findings", env!("CARGO_MANIFEST_DIR"));
    let mut command = Command::new(env!("CARGO_BIN_EXE_riskreg"));
    command
        .args(["check", &example, "--as-of", AS_OF, "--no-history"])
        .args(["--format", format])
        .env("NO_COLOR", "1");
    match summary {
        Some(path) => command.env("GITHUB_STEP_SUMMARY", path),
        None => command.env_remove("GITHUB_STEP_SUMMARY"),
    };
    let output = command.output().expect("run riskreg");
    assert_eq!(
        code(&output),
        1,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

#[test]
fn findings_github() {
    insta::assert_snapshot!(stdout(&check_findings("github", None)));
}

#[test]
fn github_appends_every_finding_to_the_step_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "# Earlier step\n").expect("write");
    let output = check_findings("github", Some(&summary));
    assert_eq!(
        stdout(&output),
        stdout(&check_findings("github", None)),
        "the annotations do not depend on the summary"
    );
    let text = std::fs::read_to_string(&summary).expect("read");
    assert!(
        text.starts_with("# Earlier step\n\n## riskreg check\n"),
        "{text}"
    );
    let rows = text.lines().filter(|line| line.starts_with("| ")).count();
    assert_eq!(rows, 2 + 29, "header, rule and one row per finding");
    insta::assert_snapshot!(text);
}

#[test]
fn github_step_summary_of_a_clean_register() {
    let fixture = Fixture::clean();
    let summary = fixture.path().join("summary.md");
    let output = Command::new(env!("CARGO_BIN_EXE_riskreg"))
        .args(["check", fixture.path().to_str().expect("UTF-8 path")])
        .args(["--as-of", AS_OF, "--no-history", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("run riskreg");
    assert_eq!(code(&output), 0);
    assert_eq!(stdout(&output), "");
    assert_eq!(
        std::fs::read_to_string(&summary).expect("read"),
        "\n## riskreg check\n\n0 errors, 0 warnings in 3 documents (as of 2026-11-20)\n\n\
         No findings.\n"
    );
}

/// The SARIF log as printed, with each rule's documentation (`riskreg explain` has its own
/// snapshot) replaced by a placeholder, so the snapshot shows the structure and the results.
#[test]
fn findings_sarif() {
    let mut text = stdout(&check_findings("sarif", None));
    for (rule, _, _) in printed_rules() {
        let documentation = serde_json::to_string(&rule_documentation(&rule)).expect("JSON");
        assert_eq!(text.matches(&documentation).count(), 2, "{rule}");
        text = text.replace(&documentation, &format!("\"[riskreg explain {rule}]\""));
    }
    insta::assert_snapshot!(text);
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let path = format!(
        "{}/tests/fixtures/sarif-schema-2.1.0.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let log = json(&check_findings("sarif", None));
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let all = printed_rules();
    assert_eq!(rules.len(), all.len(), "every rule is listed");
    for (descriptor, (rule, severity, _)) in rules.iter().zip(all) {
        assert_eq!(descriptor["id"], rule.as_str());
        assert_eq!(descriptor["help"]["markdown"], rule_documentation(&rule));
        assert_eq!(
            descriptor["defaultConfiguration"]["level"],
            severity.as_str()
        );
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 29);
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex");
        let index = usize::try_from(index).expect("an index");
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
}

#[test]
fn findings_gitlab() {
    let output = check_findings("gitlab", None);
    let issues = json(&output);
    let fingerprints: std::collections::BTreeSet<&str> = issues
        .as_array()
        .expect("an array")
        .iter()
        .map(|issue| issue["fingerprint"].as_str().expect("fingerprint"))
        .collect();
    assert_eq!(
        fingerprints.len(),
        29,
        "one distinct fingerprint per finding"
    );
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn findings_junit() {
    let output = check_findings("junit", None);
    let text = stdout(&output);
    let report = quick_junit::Report::deserialize_from_str(&text).expect("well-formed JUnit");
    assert_eq!((report.tests, report.failures), (29, 29));
    insta::assert_snapshot!(text);
}

#[test]
fn junit_of_a_clean_register_has_one_passing_test() {
    let output = Fixture::clean().check(&["--no-history", "--format", "junit"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="riskreg" tests="1" failures="0" errors="0">
    <testsuite name="riskreg" tests="1" skipped="0" errors="0" failures="0">
        <testcase name="no findings" classname="riskreg"/>
    </testsuite>
</testsuites>
"#
    );
}

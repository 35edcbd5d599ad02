//! Exact output, as snapshots: the human and JSON reports of `examples/findings`, the rule
//! list, and the documentation of every rule.

use crate::support::{code, printed_rules, riskreg, rule_documentation, stdout};

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn acme_checks_clean() {
    let output = riskreg(&[
        "check",
        &example("acme"),
        "--as-of",
        "2026-11-20",
        "--deny-warnings",
    ]);
    assert_eq!(
        stdout(&output),
        "0 errors, 0 warnings in 70 documents (as of 2026-11-20)\n"
    );
    assert_eq!(code(&output), 0);
}

#[test]
fn findings_human() {
    let output = riskreg(&[
        "check",
        &example("findings"),
        "--no-history",
        "--as-of",
        "2026-11-20",
    ]);
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn findings_json() {
    let output = riskreg(&[
        "check",
        &example("findings"),
        "--no-history",
        "--as-of",
        "2026-11-20",
        "--format",
        "json",
    ]);
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn every_rule_fires_in_examples_findings() {
    let output = riskreg(&[
        "check",
        &example("findings"),
        "--no-history",
        "--as-of",
        "2026-11-20",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let fired: std::collections::BTreeSet<&str> = json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|finding| finding["rule"].as_str())
        .collect();
    let rules = printed_rules();
    let all: std::collections::BTreeSet<&str> = rules
        .iter()
        .filter(|(_, _, summary)| !summary.starts_with("(from git)"))
        .map(|(rule, _, _)| rule.as_str())
        .collect();
    assert_eq!(fired, all);
}

#[test]
fn rule_list() {
    let output = riskreg(&["rules"]);
    assert_eq!(code(&output), 0);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn every_rule_documents_every_section() {
    let sections = [
        "## What it checks",
        "## Why an auditor cares",
        "## Failing example",
        "## Passing example",
    ];
    for (rule, _, _) in printed_rules() {
        let doc = rule_documentation(&rule);
        let mut last = 0;
        for section in sections {
            let at = doc
                .find(section)
                .unwrap_or_else(|| panic!("{rule} lacks `{section}`"));
            assert!(at >= last, "{rule}: `{section}` is out of order");
            last = at;
        }
        assert_eq!(
            doc.matches("```yaml").count(),
            2,
            "{rule}: one YAML example per example section"
        );
    }
}

#[test]
fn explain_prints_the_rule_documentation() {
    let output = riskreg(&["explain", "untreated-risk"]);
    assert_eq!(code(&output), 0);
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn explain_unknown_rule_suggests() {
    let output = riskreg(&["explain", "untreated-risks"]);
    assert_eq!(code(&output), 2);
    assert_eq!(
        crate::support::stderr(&output),
        "error: no rule named `untreated-risks`; did you mean `untreated-risk`?\n"
    );
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let output = riskreg(&["schema", "risk"]);
    assert_eq!(code(&output), 0);
    let committed = std::fs::read_to_string(format!(
        "{}/schema/risk.schema.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("read schema/risk.schema.json");
    assert_eq!(stdout(&output), committed);
    assert_eq!(code(&riskreg(&["schema", "threat"])), 2);
}

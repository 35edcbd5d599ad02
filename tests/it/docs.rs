//! The README documents the binary as it is: its rule table lists exactly the rules
//! `riskreg rules` prints, with the same default severities and summaries.

use std::path::Path;

use crate::support::{RuleRow, printed_rules};

/// The rows of the rule table in README.md's `## Rules` section, in the README's order.
fn readme_rules() -> Vec<RuleRow> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("read README.md");
    let section = readme
        .split("\n## Rules\n")
        .nth(1)
        .expect("README.md has a `## Rules` section");
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            let [rule, severity, summary] = cells[..] else {
                panic!("a rule row has three cells: {line}");
            };
            (
                rule.trim_matches('`').to_owned(),
                severity.to_owned(),
                summary.to_owned(),
            )
        })
        .collect()
}

/// The README groups the rules by topic and `riskreg rules` sorts them by code, so the
/// rows are compared, not their order.
#[test]
fn the_readme_rule_table_lists_every_rule_riskreg_prints() {
    let printed = printed_rules();
    let documented = readme_rules();
    assert!(!printed.is_empty(), "`riskreg rules` printed no rules");
    let undocumented: Vec<&RuleRow> = printed
        .iter()
        .filter(|row| !documented.contains(row))
        .collect();
    let unknown: Vec<&RuleRow> = documented
        .iter()
        .filter(|row| !printed.contains(row))
        .collect();
    assert!(
        undocumented.is_empty() && unknown.is_empty(),
        "README.md's rule table (## Rules) and `riskreg rules` differ\n\
         printed, but missing or different in the README: {undocumented:#?}\n\
         in the README, but not printed so: {unknown:#?}"
    );
    assert_eq!(
        documented.len(),
        printed.len(),
        "README.md lists a rule twice"
    );
}

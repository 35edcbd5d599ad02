//! The messages for the mistakes people make first, as the binary prints them: indentation
//! named as indentation, tabs shown, look-alike files named, "did you mean" over owners
//! and enum values by meaning, dates in flags explained, and a missing register.

use crate::support::{CONFIG, Fixture, RISK, code, stderr, stdout};

/// The human report of a clean register plus one file at `path` holding `text`.
fn check_with(path: &str, text: &str) -> String {
    let fixture = Fixture::clean();
    fixture.write(path, text);
    let output = fixture.check(&["--no-history", "--format", "human"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    stdout(&output)
}

/// A risk whose lines after `title` are `tail`.
fn risk(tail: &str) -> String {
    format!("kind: risk\nid: R-002\ntitle: Laptops are not encrypted\n{tail}")
}

#[test]
fn under_indented_key_in_a_mapping() {
    let text = risk(
        "owner: alice\nidentified: 2026-10-01\ninherent: {impact: 2, likelihood: 2}\ntreatment:\n    decision: accept\n  rationale: Low value\n    approved_by: alice\n",
    );
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn over_indented_key() {
    let text = risk("owner: alice\n  identified: 2026-10-01\n");
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn under_indented_list_item() {
    let text = risk("owner: alice\ncriteria:\n  - CC6.1\n - CC6.7\n");
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn tab_indenting_a_line() {
    let text = risk("owner: alice\ntreatment:\n\tdecision: avoid\n");
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn tab_after_a_colon() {
    let text = risk("owner:\talice\n");
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn key_indented_out_of_its_mapping() {
    let text = risk(
        "owner: alice\nidentified: 2026-10-01\ninherent: {impact: 2, likelihood: 2}\ntreatment:\ndecision: avoid\nrationale: We stop selling laptops\n",
    );
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn key_indented_out_of_a_mapping_with_fields() {
    let text = risk(
        "owner: alice\nidentified: 2026-10-01\ninherent: {impact: 2, likelihood: 2}\ntreatment:\n  decision: avoid\nrationale: We stop selling laptops\n",
    );
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn approver_named_by_display_name() {
    let text = risk(
        "owner: alice\nidentified: 2026-10-01\ninherent: {impact: 2, likelihood: 2}\ntreatment:\n  decision: accept\n  rationale: Low value\n  approved_by: Alice Chen\n  approved_on: 2026-10-02\n  expires: 2027-01-01\n",
    );
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn owner_named_by_email() {
    let text = risk(
        "owner: bob@test.example\nidentified: 2026-10-01\ninherent: {impact: 2, likelihood: 2}\ntreatment: {decision: avoid, rationale: We stop selling laptops}\n",
    );
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn status_given_by_meaning() {
    let text = "kind: mitigation\nid: M-002\ntitle: Encrypt every laptop disk with FileVault\nrisks: [R-001]\nowner: bob\ndue: 2026-12-31\nstatus: done\n";
    insta::assert_snapshot!(check_with("mitigations/M-002-filevault.yaml", text));
}

#[test]
fn decision_given_by_meaning() {
    let text = risk(
        "owner: alice\nidentified: 2026-10-01\ninherent: {impact: 2, likelihood: 2}\ntreatment: {decision: accepted}\n",
    );
    insta::assert_snapshot!(check_with("risks/R-002-laptops.yaml", &text));
}

#[test]
fn look_alike_files_are_named_in_a_note() {
    let fixture = Fixture::clean();
    for name in [
        "R-9.yaml.txt",
        "R-8.yam",
        "R-7.yaml~",
        "R-6.yml.bak",
        "notes.txt",
        "drafts/R-5.yaml.txt",
    ] {
        fixture.write(&format!("risks/{name}"), RISK);
    }
    fixture.write(
        "riskreg.yaml",
        format!("{CONFIG}ignore: [risks/drafts/**]\n"),
    );
    let output = fixture.check(&["--no-history"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    insta::assert_snapshot!(stderr(&output));
}

/// What `riskreg ARGS` says on standard error, failing with exit code 2.
fn usage_error(args: &[&str]) -> String {
    let output = crate::support::riskreg(args);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    stderr(&output)
}

#[test]
fn dates_in_flags_are_explained() {
    let fixture = Fixture::clean();
    let root = fixture.path().to_str().expect("UTF-8");
    let said = [
        usage_error(&["check", root, "--as-of", "2026-02-30"]),
        usage_error(&["check", root, "--as-of", "yesterday"]),
        usage_error(&["report", root, "--since", "2026-13-01"]),
        usage_error(&["trend", root, "--until", "2028-02-30"]),
        usage_error(&["history", "R-001", "--root", root, "--at", "31/01/2026"]),
        usage_error(&["diff", "--root", root, "@2026-04-31"]),
    ];
    insta::assert_snapshot!(said.join("---\n"));
}

#[test]
fn no_register_says_where_it_looked() {
    let folder = tempfile::tempdir().expect("tempdir");
    let drafts = folder.path().join("drafts");
    std::fs::create_dir(&drafts).expect("mkdir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_riskreg"))
        .arg("check")
        .current_dir(&drafts)
        .output()
        .expect("run riskreg");
    assert_eq!(code(&output), 2);
    let said = stderr(&output).replace(&drafts.display().to_string(), "[DRAFTS]");
    insta::assert_snapshot!(said);
}

#[test]
fn schema_error_comes_before_its_knock_on_effects() {
    let fixture = Fixture::clean();
    fixture.write(
        "risks/R-002-laptops.yaml",
        risk("owner: alice\nidentified: 2026-10-01\ninherent: {impact: 2, likelihood: 2}\ntreatment: {decision: mitigate}\n"),
    );
    fixture.write(
        "mitigations/M-002-filevault.yaml",
        "kind: mitigation\nid: M-002\ntitle: Encrypt every laptop disk with FileVault\nrisks: [R-002]\nowner: bob\ndue: 2026-12-31\nstatus: wip\n",
    );
    let output = fixture.check(&["--no-history", "--format", "human"]);
    assert_eq!(code(&output), 1);
    insta::assert_snapshot!(format!("{}---\n{}", stdout(&output), stderr(&output)));
}

/// Every flag of every command whose `--help` takes a DATE goes through the one date parser
/// (a command added later with a plain `NaiveDate` flag fails here).
#[test]
fn every_date_flag_explains_a_bad_date() {
    let help = stdout(&crate::support::riskreg(&["--help"]));
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|command| *command != "help")
        .collect();
    assert!(commands.contains(&"due"), "{help}");
    let mut checked = Vec::new();
    for command in commands {
        let help = stdout(&crate::support::riskreg(&[command, "--help"]));
        for flag in help
            .split_whitespace()
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|pair| pair[0].starts_with("--") && pair[1] == "<DATE>")
            .map(|pair| pair[0])
        {
            let said = usage_error(&[command, flag, "2026-02-30"]);
            assert!(
                said.contains("February 2026 has 28 days"),
                "riskreg {command} {flag}: {said}"
            );
            checked.push(format!("{command} {flag}"));
        }
    }
    assert!(checked.len() >= 12, "{checked:?}");
}

//! The command line's contract, on the demo register: an example and the exit codes in every
//! `--help`, `null` for absent values in `diff --format json`, the pull-request comment as
//! GitHub parses it (code spans, the work tree named as such, a cut that leaves no empty
//! section and a runnable command), the CSV export's date columns holding dates only, and
//! `export --rev` reading the register as committed.

use std::path::Path;

use comrak::nodes::NodeValue;
use comrak::{Arena, Options, parse_document};
use serde_json::Value;

use crate::demo::demo;
use crate::support::{code, git_in, riskreg, riskreg_in, stderr, stdout};

/// Every subcommand.
const COMMANDS: &[&str] = &[
    "demo",
    "init",
    "new",
    "check",
    "rules",
    "explain",
    "history",
    "diff",
    "report",
    "export",
    "import",
    "schema",
    "trend",
    "completions",
    "man",
];

#[test]
fn every_help_shows_an_example_and_the_exit_codes() {
    for command in COMMANDS {
        let output = riskreg(&[command, "--help"]);
        let text = stdout(&output);
        assert!(
            text.contains("\nExamples:\n  riskreg ") && text.contains("\nExit codes:\n  0  "),
            "riskreg {command} --help:\n{text}"
        );
    }
}

/// The text of a Markdown document's nodes: headings in order, and whether a heading is
/// followed by nothing before the next heading or the end.
fn empty_headings(markdown: &str) -> Vec<String> {
    let arena = Arena::new();
    let mut options = Options::default();
    options.extension.table = true;
    let root = parse_document(&arena, markdown, &options);
    let mut empty = Vec::new();
    let mut open: Option<String> = None;
    for node in root.children() {
        let value = node.data.borrow().value.clone();
        if let NodeValue::Heading(_) = value {
            empty.extend(open.take());
            let text: String = node
                .descendants()
                .filter_map(|child| match &child.data.borrow().value {
                    NodeValue::Text(text) => Some(text.to_string()),
                    _ => None,
                })
                .collect();
            open = Some(text);
        } else {
            open = None;
        }
    }
    empty.extend(open);
    empty
}

/// The code spans of a Markdown document, in order.
fn code_spans(markdown: &str) -> Vec<String> {
    let arena = Arena::new();
    let mut options = Options::default();
    options.extension.table = true;
    let root = parse_document(&arena, markdown, &options);
    root.descendants()
        .filter_map(|node| match &node.data.borrow().value {
            NodeValue::Code(code) => Some(code.literal.clone()),
            _ => None,
        })
        .collect()
}

fn write(root: &Path, relative: &str, text: &str) {
    std::fs::write(root.join(relative), text).expect("write");
}

#[test]
fn the_pr_comment_shows_code_spans_and_names_the_work_tree() {
    let (dir, _) = demo();
    let root = dir.path().join("riskreg-demo");
    write(
        &root,
        "mitigations/M-042-orphan.yaml",
        "kind: mitigation\nid: M-042\ntitle: Rotate the v1 API keys of the three remaining customers\nrisks: [R-099]\nowner: dave\ndue: 2026-12-18\nstatus: planned\n",
    );
    let output = riskreg_in(&root, &["diff", "main", "--as-of", "2026-11-20"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let comment = stdout(&output);
    let rendered = crate::gfm::render(&comment);
    assert!(
        rendered.plain.contains("Compared the work tree with main"),
        "{}",
        rendered.plain
    );
    assert!(
        rendered.plain.contains("no risk has the ID R-099"),
        "the ID is a code span, not escaped backticks: {}",
        rendered.plain
    );
    assert!(!rendered.plain.contains('`'), "{}", rendered.plain);
    assert!(code_spans(&comment).contains(&"R-099".to_owned()));
    assert_eq!(crate::gfm::problems(&comment, 0), Vec::<String>::new());
}

#[test]
fn a_pr_comment_cut_at_the_limit_leaves_no_empty_section_and_a_runnable_command() {
    let (dir, _) = demo();
    let root = dir.path().join("riskreg-demo");
    let padding =
        "a risk whose title is long enough to fill GitHub's comment limit quickly ".repeat(2);
    for number in 100..900 {
        write(
            &root,
            &format!("risks/R-{number}.yaml"),
            &format!(
                "kind: risk\nid: R-{number}\ntitle: {padding}{number}\nowner: alice\nidentified: 2026-11-15\ninherent: {{impact: 3, likelihood: 3}}\n"
            ),
        );
    }
    let output = riskreg_in(&root, &["diff", "main", "--as-of", "2026-11-20"]);
    let comment = stdout(&output);
    assert!(comment.chars().count() <= 65_536);
    assert_eq!(empty_headings(&comment), Vec::<String>::new(), "{comment}");
    let spans = code_spans(&comment);
    let command = spans.last().expect("the cut note's command");
    assert_eq!(command, "riskreg diff main", "{comment}");
    let json = riskreg_in(
        &root,
        &["diff", "main", "--as-of", "2026-11-20", "--format", "json"],
    );
    let value: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert!(value["documents"].as_array().expect("documents").len() >= 800);
}

#[test]
fn diff_json_writes_null_for_an_absent_value() {
    let (dir, _) = demo();
    let root = dir.path().join("riskreg-demo");
    let output = riskreg_in(
        &root,
        &["diff", "@2026-10-31", "@2026-11-20", "--format", "json"],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let fields: Vec<&Value> = value["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|document| document["fields"].as_array().into_iter().flatten())
        .collect();
    let blocker = fields
        .iter()
        .find(|field| field["field"] == "blocker")
        .expect("M-034's blocker was added");
    assert_eq!(blocker["before"], Value::Null);
    assert!(blocker["after"].is_string());
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("(none)"),
        "no placeholder text in JSON"
    );
}

/// The CSV export's rows as maps from column to cell.
fn csv_rows(text: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("headers").clone();
    reader
        .records()
        .map(|record| {
            let record = record.expect("record");
            headers
                .iter()
                .map(str::to_owned)
                .zip(record.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

#[test]
fn the_csv_export_keeps_dates_in_date_columns_and_names_uncommitted_changes_apart() {
    let (dir, _) = demo();
    let root = dir.path().join("riskreg-demo");
    let path = "risks/R-001-mfa-not-enforced-aws-console.yaml";
    let text = std::fs::read_to_string(root.join(path)).expect("read");
    write(
        &root,
        path,
        &text.replace("criteria: [CC6.1,", "criteria: [CC6.3, CC6.1,"),
    );
    let output = riskreg_in(&root, &["export", "--as-of", "2026-11-20"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let rows = csv_rows(&stdout(&output));
    let r001 = rows
        .iter()
        .find(|row| row["risk_id"] == "R-001")
        .expect("R-001");
    assert_eq!(r001["risk_last_updated"], "2026-02-10");
    assert_eq!(r001["uncommitted_changes"], "risk");
    for row in &rows {
        for column in ["risk_last_updated", "action_last_updated"] {
            let cell = &row[column];
            assert!(
                cell.is_empty() || cell.parse::<chrono::NaiveDate>().is_ok(),
                "{column}: {cell}"
            );
        }
    }
}

#[test]
fn export_rev_reads_the_documents_as_committed() {
    let (dir, _) = demo();
    let root = dir.path().join("riskreg-demo");
    let june = stdout(&git_in(
        &root,
        &[
            "rev-list",
            "-1",
            "--first-parent",
            "--before=2026-06-30T23:59:59Z",
            "main",
        ],
    ));
    let june = june.trim();
    let output = riskreg_in(
        &root,
        &[
            "export",
            "--rev",
            june,
            "--as-of",
            "2026-06-30",
            "--format",
            "csv",
        ],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let rows = csv_rows(&stdout(&output));
    let ids: std::collections::BTreeSet<&str> =
        rows.iter().map(|row| row["risk_id"].as_str()).collect();
    assert!(ids.contains("R-016") && !ids.contains("R-017"), "{ids:?}");
    let at = riskreg_in(&root, &["export", "--at", "2026-06-30", "--format", "csv"]);
    assert_eq!(stdout(&at), stdout(&output));
}

#[test]
fn every_command_names_the_register_with_root_and_the_positional_alias_still_works() {
    let acme = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    let acme = acme.to_str().expect("UTF-8");
    for command in ["check", "report", "export", "trend", "history", "diff"] {
        let help = stdout(&riskreg(&[command, "--help"]));
        assert!(
            help.contains("--root <DIR>"),
            "riskreg {command} --help:\n{help}"
        );
        assert!(
            !help.contains("[PATH]"),
            "riskreg {command} --help:\n{help}"
        );
        assert!(
            help.contains("--config <FILE>"),
            "riskreg {command} --help:\n{help}"
        );
    }
    for command in ["check", "report", "export", "diff"] {
        let help = stdout(&riskreg(&[command, "--help"]));
        assert!(
            help.contains("--require-history"),
            "riskreg {command} --help:\n{help}"
        );
    }
    let named = riskreg(&[
        "check",
        "--root",
        acme,
        "--as-of",
        "2026-11-20",
        "--no-history",
    ]);
    let positional = riskreg(&["check", acme, "--as-of", "2026-11-20", "--no-history"]);
    assert_eq!(code(&named), 0, "{}", stderr(&named));
    assert_eq!(stdout(&named), stdout(&positional));
    let both = riskreg(&["check", acme, "--root", acme]);
    assert_eq!(code(&both), 2, "one way at a time");
}

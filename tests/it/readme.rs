//! The README runs as written: its sessions on the demo register and on `examples/`, and its
//! YAML snippets in a copy of the Acme register. The convention a README example follows:
//!
//! - A ` ```console ` block is a terminal session. Each line `$ riskreg ARGS` is run; the
//!   lines after it, up to the next `$ ` line or the block's end, are its expected standard
//!   output, compared line by line (trailing spaces ignored), where a line `...` stands for
//!   any number of lines; no lines after a command means its output is not compared, only
//!   that it exits 0 or 1. `$ riskreg demo` runs in a new empty folder; any other command
//!   runs inside the demo register that `riskreg demo` writes (once per test run), or at the
//!   top of this repository when one of its arguments starts with `examples/`. A line
//!   `$ cd DIR` is skipped (the folder is fixed as above); any other `$ ` line fails the test.
//!   Arguments are split at spaces; `"double quotes"` keep spaces.
//! - A ` ```yaml ` block whose first line is `# PATH`, PATH being `riskreg.yaml` or a `.yaml`
//!   file under `risks/`, `mitigations/` or `reviews/`, is written at PATH into a copy of
//!   `examples/acme` (the demo's files), replacing the file there, and checked as of the
//!   demo's date: a config must be accepted with no finding in it, a document must leave the
//!   register without any finding.
//! - Every other block (`sh`, `text`, `json`, YAML without such a path) is prose.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::support::{code, files_below, riskreg_in, stderr, stdout};

/// The date the demo is checked as of.
const AS_OF: &str = "2026-11-20";

/// A fenced block of the README: its info string, its first line's number, its lines.
struct Block {
    info: String,
    line: usize,
    lines: Vec<String>,
}

fn readme() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    std::fs::read_to_string(path).expect("read README.md")
}

/// The README's fenced blocks (``` only, as the README writes them).
fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (index, line) in text.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.trim().to_owned(),
                    line: index + 2,
                    lines: Vec::new(),
                });
            }
            (Some(_), Some("")) => blocks.extend(open.take()),
            (Some(block), _) => block.lines.push(line.to_owned()),
            (None, None) => {}
        }
    }
    blocks
}

/// The demo register, written once: its folder.
fn demo() -> &'static Path {
    static DEMO: OnceLock<PathBuf> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir").keep();
        let output = riskreg_in(&dir, &["demo".to_owned()]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        dir.join("riskreg-demo")
    })
}

/// Splits a command line at spaces, keeping `"quoted text"` whole.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// Whether `actual` matches `expected`, where a line `...` in `expected` matches any
/// number of lines.
fn matches(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((&"...", rest)) => (0..=actual.len()).any(|skip| matches(rest, &actual[skip..])),
        Some((line, rest)) => actual
            .split_first()
            .is_some_and(|(first, others)| first == line && matches(rest, others)),
    }
}

/// One command of a session and the output the README shows for it.
struct Step {
    line: usize,
    command: String,
    expected: Vec<String>,
}

fn steps(block: &Block) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for (offset, line) in block.lines.iter().enumerate() {
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step {
                line: block.line + offset,
                command: command.to_owned(),
                expected: Vec::new(),
            });
        } else if let Some(step) = steps.last_mut() {
            step.expected.push(line.trim_end().to_owned());
        }
    }
    steps
}

#[test]
fn every_readme_session_runs_as_shown() {
    let mut failures = Vec::new();
    let top = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = readme();
    let sessions: Vec<Block> = blocks(&readme)
        .into_iter()
        .filter(|block| block.info == "console")
        .collect();
    assert!(sessions.len() >= 3, "the README shows its sessions");
    for step in sessions.iter().flat_map(steps) {
        let words = words(&step.command);
        let (program, args) = words.split_first().expect("a command");
        if program == "cd" {
            continue;
        }
        assert_eq!(
            program, "riskreg",
            "README.md:{}: only riskreg commands run in a console block",
            step.line
        );
        let fresh;
        let dir = if args.first().is_some_and(|arg| arg == "demo") {
            fresh = tempfile::tempdir().expect("tempdir");
            fresh.path()
        } else if args.iter().any(|arg| arg.starts_with("examples/")) {
            top
        } else {
            demo()
        };
        let output = riskreg_in(dir, args);
        let shown = stdout(&output);
        let mut actual: Vec<&str> = shown.lines().map(str::trim_end).collect();
        let mut expected: Vec<&str> = step.expected.iter().map(String::as_str).collect();
        for lines in [&mut actual, &mut expected] {
            while lines.last().is_some_and(|line| line.is_empty()) {
                lines.pop();
            }
        }
        let ran = code(&output) <= 1;
        let agrees = if expected.iter().all(|line| line.is_empty()) {
            ran
        } else {
            ran && matches(&expected, &actual)
        };
        if !agrees {
            failures.push(format!(
                "README.md:{}: `{}` (exit {}) printed:\n{shown}{}\nbut the README shows:\n{}",
                step.line,
                step.command,
                code(&output),
                stderr(&output),
                step.expected.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Copies `examples/acme` into a new folder.
fn acme_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/acme");
    for entry in files_below(&from) {
        let relative = entry.strip_prefix(&from).expect("below");
        let target = dir.path().join(relative);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&entry, target).expect("copy");
    }
    dir
}

#[test]
fn every_readme_yaml_snippet_passes_the_check() {
    let readme = readme();
    let mut checked = 0;
    let mut failures = Vec::new();
    for block in blocks(&readme).iter().filter(|block| block.info == "yaml") {
        let Some(path) = block
            .lines
            .first()
            .and_then(|line| line.strip_prefix("# "))
            .map(|path| {
                path.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_owned()
            })
        else {
            continue;
        };
        let document = ["risks/", "mitigations/", "reviews/"]
            .iter()
            .any(|folder| path.starts_with(folder))
            && path.ends_with(".yaml");
        if path != "riskreg.yaml" && !document {
            continue;
        }
        checked += 1;
        let copy = acme_copy();
        std::fs::write(copy.path().join(&path), block.lines.join("\n") + "\n").expect("write");
        let args: Vec<String> = [
            "check",
            ".",
            "--as-of",
            AS_OF,
            "--no-history",
            "--format",
            "json",
        ]
        .iter()
        .map(|arg| (*arg).to_owned())
        .collect();
        let output = riskreg_in(copy.path(), &args);
        let value: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
        let findings: Vec<String> = value["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|finding| document || finding["path"] == path.as_str())
            .map(|finding| format!("{}: {}", finding["path"], finding["message"]))
            .collect();
        if code(&output) == 2 || !findings.is_empty() {
            failures.push(format!(
                "README.md:{}: the snippet {path} does not pass the check (exit {}):\n{}\n{}",
                block.line,
                code(&output),
                findings.join("\n"),
                stderr(&output)
            ));
        }
    }
    assert!(checked >= 3, "the README's register snippets are found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_matcher_skips_lines_only_at_an_ellipsis() {
    assert!(matches(&["a", "...", "d"], &["a", "b", "c", "d"]));
    assert!(matches(&["a", "..."], &["a"]));
    assert!(!matches(&["a", "d"], &["a", "b", "d"]));
    assert_eq!(
        words("report --title \"Q3 plan\" -o q3.md"),
        ["report", "--title", "Q3 plan", "-o", "q3.md"]
    );
}

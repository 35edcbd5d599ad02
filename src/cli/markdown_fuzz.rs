//! A bounded, deterministic fuzz test of the Markdown outputs: the treatment-plan report,
//! the pull-request comment, the job summary and the reminder issues, rendered by the library from registers
//! whose texts, owner names, evidence, references, keys, IDs and file names are built from
//! hostile fragments, then parsed as GitHub does (`gfm`). No value may add HTML, a link, an
//! image, a mention or a table cell, and every value must show in full.
//!
//! The hostile data comes in as YAML text through the real loader (`load::from_files`, the
//! path a git revision takes), so parsing, validation, rules, report building and
//! rendering are all the real ones; only the disk and git are left out, so that a few
//! hundred cases run in seconds. The random choices come from a fixed seed.

use std::path::PathBuf;

use crate::diff::{self, Side};
use crate::finding::Finding;
use crate::load::{self, Register};
use crate::output::{CheckResults, Sources, github, pr_comment};
use crate::report::{self, Period, ReportOptions, templates};
use chrono::NaiveDate;

use super::gfm;

/// How many registers are rendered.
const CASES: usize = 300;

/// The fixed seed: the same cases on every run.
const SEED: u64 = 0x5EED_0016;

/// What a pull request might put in a value to change the rendered page.
const FRAGMENTS: &[&str] = &[
    "|",
    "\\|",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "`",
    "``",
    "```",
    "<img src=x>",
    "<img src=\"https://evil.example/beacon.png\">",
    "<script>alert(1)</script>",
    "<!-- c -->",
    "<https://evil.example>",
    "[a](http://x)",
    "![i](http://x)",
    "[x]: http://evil.example",
    "[^1]",
    "@org/team",
    "@alice",
    "a@b.example",
    "https://evil.example",
    "http://evil.example/x",
    "www.evil.example",
    "*b*",
    "_i_",
    "**s**",
    "~~x~~",
    "$x$",
    "&amp;",
    "&lt;b&gt;",
    "&#64;",
    "\\",
    "#",
    "# h",
    "> q",
    "- ",
    "+ ",
    "1. ",
    "2) ",
    "---",
    "===",
    "    code",
    "\t",
    "::error::x",
    "%0A",
    "\u{1b}[2J",
    "\u{1b}]8;;https://evil.example\u{7}",
    "\u{7f}",
    "\u{85}",
    "\u{202E}",
    "\u{2066}",
    "\u{2069}",
    "\u{200B}",
    "\u{200D}",
    "\u{FEFF}",
    "\u{061C}",
    "é",
    "R-1",
    ":",
    "(",
    ")",
    "\"",
    "'",
];

/// Plain words between the fragments.
const WORDS: &[&str] = &["risk", "owner", "x", "Acme", "2026"];

/// SplitMix64: a small, fixed pseudo-random sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// A value: a word, one to four fragments with words between, a word.
    fn value(&mut self) -> String {
        let mut value = WORDS[self.below(WORDS.len())].to_owned();
        for _ in 0..=self.below(4) {
            value.push_str(FRAGMENTS[self.below(FRAGMENTS.len())]);
            value.push_str(WORDS[self.below(WORDS.len())]);
        }
        value
    }
}

/// A YAML double-quoted scalar holding `value` exactly.
fn quoted(value: &str) -> String {
    let mut yaml = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => yaml.push_str("\\\""),
            '\\' => yaml.push_str("\\\\"),
            c if c.is_control() || c == '\u{FEFF}' => {
                yaml.push_str(&format!("\\u{:04X}", u32::from(c)))
            }
            c => yaml.push(c),
        }
    }
    yaml.push('"');
    yaml
}

/// The hostile values of one case.
struct Values {
    organization: String,
    owner_name: String,
    title: String,
    description: String,
    evidence: String,
    evidence_url: String,
    blocker: String,
    reference: String,
    key: String,
    id: String,
    path: String,
    removed_path: String,
}

impl Values {
    fn new(rng: &mut Rng) -> Self {
        Values {
            organization: rng.value(),
            owner_name: rng.value(),
            title: rng.value(),
            description: rng.value(),
            evidence: rng.value(),
            evidence_url: format!("https://evidence.example/{}", rng.value()),
            blocker: rng.value(),
            reference: rng.value(),
            key: rng.value(),
            id: rng.value(),
            path: format!("mitigations/M-001 {}.yaml", rng.value()),
            removed_path: format!("risks/R-009 {}.yaml", rng.value()),
        }
    }

    fn config(&self) -> Vec<u8> {
        format!(
            "version: 1\norganization: {}\nowners:\n  - {{id: alice, name: {}, email: alice@test.example, approver: true}}\n  - {{id: bob, name: Bob, email: bob@test.example}}\n",
            quoted(&self.organization),
            quoted(&self.owner_name)
        )
        .into_bytes()
    }

    /// The pull request's side: every hostile value in place.
    fn head(&self) -> Vec<(String, Vec<u8>)> {
        vec![
            risk(&self.title, &self.description),
            (
                self.path.clone(),
                format!(
                    "kind: mitigation\nid: M-001\ntitle: Enforce MFA\nrisks: [R-001, {}]\nowner: bob\ndue: 2026-10-01\nstatus: completed\ncompleted_on: 2026-10-01\nevidence: [{}, {}]\n",
                    quoted(&self.reference),
                    quoted(&self.evidence),
                    quoted(&self.evidence_url)
                )
                .into_bytes(),
            ),
            (
                "mitigations/M-002.yaml".to_owned(),
                format!(
                    "kind: mitigation\nid: M-002\ntitle: Rotate keys\nrisks: [R-001]\nowner: bob\ndue: 2026-12-31\nstatus: blocked\nblocker: {}\n",
                    quoted(&self.blocker)
                )
                .into_bytes(),
            ),
            (
                "risks/R-003.yaml".to_owned(),
                format!(
                    "kind: risk\nid: {}\ntitle: Bad\n{}: x\n",
                    quoted(&self.id),
                    quoted(&self.key)
                )
                .into_bytes(),
            ),
        ]
    }

    /// The target branch's side: the same documents with plain values at other paths,
    /// and one more whose hostile path and title the pull request removes.
    fn base(&self) -> Vec<(String, Vec<u8>)> {
        vec![
            risk("Old title", "Old description"),
            (
                "mitigations/M-001.yaml".to_owned(),
                b"kind: mitigation\nid: M-001\ntitle: Enforce MFA\nrisks: [R-001]\nowner: bob\ndue: 2026-12-31\nstatus: planned\n".to_vec(),
            ),
            (
                self.removed_path.clone(),
                format!(
                    "kind: risk\nid: R-009\ntitle: {}\nowner: alice\nidentified: 2026-10-01\ninherent: {{impact: 1, likelihood: 1}}\ntreatment: {{decision: avoid, rationale: Gone}}\n",
                    quoted(&self.title)
                )
                .into_bytes(),
            ),
        ]
    }
}

fn risk(title: &str, description: &str) -> (String, Vec<u8>) {
    (
        "risks/R-001.yaml".to_owned(),
        format!(
            "kind: risk\nid: R-001\ntitle: {}\ndescription: {}\nowner: alice\nidentified: 2026-10-01\ncriteria: [CC6.1]\ninherent: {{impact: 3, likelihood: 3}}\ntreatment:\n  decision: mitigate\n",
            quoted(title),
            quoted(description)
        )
        .into_bytes(),
    )
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date")
}

/// Loads and checks a register from its files.
fn checked(config: Vec<u8>, files: Vec<(String, Vec<u8>)>) -> (Register, Vec<Finding>) {
    let loaded = load::from_files(PathBuf::from("register"), &config, files)
        .unwrap_or_else(|error| panic!("config: {error}"));
    let findings = crate::rules::check(&loaded.register, as_of(), None, loaded.findings);
    (loaded.register, findings)
}

/// The value as the Markdown shows it, white space left out: control, bidirectional and
/// zero-width characters as escapes, line breaks as white space (`text`) or as escapes
/// (`code`, where `breaks` says so).
fn shown(value: &str, breaks: bool) -> String {
    const HIDDEN: &str = "\u{061C}\u{200B}\u{200C}\u{200D}\u{200E}\u{200F}\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2060}\u{2066}\u{2067}\u{2068}\u{2069}\u{FEFF}";
    let mut text = String::new();
    for c in value.chars() {
        match c {
            '\n' | '\r' | '\t' if !breaks => {}
            '\n' => text.push_str("\\n"),
            '\r' => text.push_str("\\r"),
            '\t' => text.push_str("\\t"),
            c if c.is_control() || HIDDEN.contains(c) || matches!(c, '\u{2028}' | '\u{2029}') => {
                text.push_str(&format!("\\u{{{:x}}}", u32::from(c)))
            }
            c if c.is_whitespace() => {}
            c => text.push(c),
        }
    }
    text
}

/// Checks one rendered document: nothing injected, every value shown.
fn check_output(case: usize, what: &str, markdown: &str, evidence_links: usize, values: &[&str]) {
    let problems = gfm::problems(markdown, evidence_links);
    assert!(
        problems.is_empty(),
        "case {case}, {what}: {problems:#?}\n{markdown}"
    );
    let visible = gfm::visible(markdown);
    for value in values {
        assert!(
            visible.contains(&shown(value, false)) || visible.contains(&shown(value, true)),
            "case {case}, {what}: {value:?} does not show in full\n{markdown}"
        );
    }
}

#[test]
fn hostile_values_never_change_the_markdown_outputs() {
    let mut rng = Rng(SEED);
    let env = templates::environment(None);
    for case in 0..CASES {
        let values = Values::new(&mut rng);
        let (head, head_findings) = checked(values.config(), values.head());
        let (base, base_findings) = checked(values.config(), values.base());

        let context = report::build(
            &head,
            None,
            &head_findings,
            &ReportOptions {
                title: None,
                as_of: as_of(),
                period: Period::new(as_of(), None, None),
                committed: None,
            },
        );
        let report = templates::render(&env, "report.md.j2", &context).expect("report");
        check_output(
            case,
            "the report",
            &report,
            1,
            &[
                &values.organization,
                &values.owner_name,
                &values.title,
                &values.description,
                &values.evidence,
                &values.evidence_url,
                &values.blocker,
                &values.reference,
                &values.path,
            ],
        );

        let comparison = diff::compare(
            "main",
            "feature",
            &Side {
                register: Some(&base),
                findings: &base_findings,
                history: None,
            },
            &Side {
                register: Some(&head),
                findings: &head_findings,
                history: None,
            },
        );
        let comment = pr_comment::markdown(&comparison);
        check_output(
            case,
            "the pull-request comment",
            &comment,
            0,
            &[
                &values.title,
                &values.reference,
                &values.path,
                &values.removed_path,
            ],
        );

        let results = CheckResults {
            as_of: as_of(),
            findings: &head_findings,
            documents: head.documents.len(),
            uncommitted: None,
            committed: None,
            repo_prefix: "reg/".to_owned(),
            sources: Sources::default(),
        };
        let summary = github::step_summary(&results);
        check_output(
            case,
            "the job summary",
            &summary,
            0,
            &[&values.reference, &values.path, &values.key],
        );

        let due = crate::due::collect(&crate::index::Index::new(&head, as_of(), None), 60);
        let links = crate::due::render::Links {
            base: Some("https://evidence.example/blob/main".to_owned()),
            prefix: "reg/".to_owned(),
        };
        let issues = crate::due::render::markdown(&due.list, &links);
        let owners = issues
            .lines()
            .filter(|line| line.starts_with("<!-- riskreg-due owner="));
        assert_eq!(
            owners.count(),
            due.list.owners.len(),
            "case {case}: one marker per owner"
        );
        let without_markers: String = issues
            .lines()
            .filter(|line| !line.starts_with("<!-- riskreg-due owner="))
            .map(|line| format!("{line}\n"))
            .collect();
        let links = due.list.owners.iter().map(|owner| owner.items.len()).sum();
        check_output(
            case,
            "the reminder issues",
            &without_markers,
            links,
            &[&values.owner_name],
        );
    }
}

#[test]
fn the_checker_sees_what_unescaped_values_would_do() {
    let raw = "| a | b |\n| --- | --- |\n| <img src=x> @org/team [l](http://x) ![i](http://y) | x | y |\n";
    let problems = gfm::problems(raw, 0);
    for expected in [
        "HTML",
        "a link to",
        "an image",
        "a mention",
        "a row of 3 cells",
    ] {
        assert!(
            problems.iter().any(|problem| problem.starts_with(expected)),
            "{expected}: {problems:#?}"
        );
    }
    assert!(!gfm::problems("see https://evil.example", 0).is_empty());
    assert!(!gfm::problems("text\u{1b}[2J", 0).is_empty());
}

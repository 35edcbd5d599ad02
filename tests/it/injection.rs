//! A pull request is untrusted input: its values, keys and file names, committed to a real
//! repository, must not inject markup, links, images, mentions, terminal escape sequences
//! or runner commands into what riskreg prints (issue 16). One test per way in.

use std::process::{Command, Output};

use crate::gfm;
use crate::support::{
    ALICE, BOB, Fixture, MITIGATION_PATH, RISK, RISK_PATH, code, mitigation, riskreg, stderr,
    stdout,
};

/// The fixture committed on `main`.
fn committed(fixture: &Fixture) {
    fixture.git_init();
    fixture.commit("2026-11-10", ALICE, "Import the register");
}

fn root(fixture: &Fixture) -> &str {
    fixture.path().to_str().expect("UTF-8")
}

/// The text a reader sees of `markdown`, as `gfm::visible` gives it.
fn shows(markdown: &str, text: &str) -> bool {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    gfm::visible(markdown).contains(&text)
}

#[test]
fn report_evidence_cannot_break_the_table_nor_add_an_image() {
    let fixture = Fixture::clean();
    fixture.write(
        MITIGATION_PATH,
        mitigation(
            "M-001",
            "due: 2026-12-31\nstatus: completed\ncompleted_on: 2026-11-01\nevidence:\n  \
             - \"evidence/a|b\\n<img src=https://evil.example/beacon.png>.png\"\n  \
             - \"https://evidence.example/x|y\\r<img src=x>\"\n",
        ),
    );
    committed(&fixture);
    let output = riskreg(&["report", root(&fixture), "--as-of", "2026-11-20"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let report = stdout(&output);
    assert_eq!(gfm::problems(&report, 1), Vec::<String>::new(), "{report}");
    assert!(
        shows(
            &report,
            "evidence/a\\|b\\n<img src=https://evil.example/beacon.png>.png"
        ) || shows(
            &report,
            "evidence/a|b<img src=https://evil.example/beacon.png>.png"
        ),
        "{report}"
    );
    assert!(
        report.contains("(<https://evidence.example/x%7Cy%0D%3Cimg%20src=x%3E>)"),
        "{report}"
    );
}

#[test]
fn pr_comment_paths_stay_in_their_code_span() {
    let fixture = Fixture::clean();
    committed(&fixture);
    fixture.git(&["checkout", "-q", "-b", "feature"]);
    let path = "risks/R-002 `x`\n<img src=x onerror=alert(1)>\r\n@org/team.yaml";
    fixture.write(
        path,
        RISK.replace("R-001", "R-002").replace(
            "decision: mitigate",
            "decision: avoid\n  rationale: Stop it",
        ),
    );
    fixture.commit("2026-11-15", BOB, "Add R-002");
    let output = riskreg(&[
        "diff",
        "main",
        "feature",
        "--root",
        root(&fixture),
        "--as-of",
        "2026-11-20",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let comment = stdout(&output);
    assert!(comment.contains(": added ("), "{comment}");
    assert_eq!(
        gfm::problems(&comment, 0),
        Vec::<String>::new(),
        "{comment}"
    );
    assert!(
        shows(
            &comment,
            "risks/R-002 `x`\\n<img src=x onerror=alert(1)>\\r\\n@org/team.yaml"
        ),
        "{comment}"
    );
}

/// `riskreg check --format github` with `GITHUB_STEP_SUMMARY` naming a file: the
/// annotations and the summary appended to the file.
fn check_github(fixture: &Fixture) -> (Output, String) {
    let summary = fixture.path().join("summary.md");
    let output = Command::new(env!("CARGO_BIN_EXE_riskreg"))
        .args(["check", root(fixture), "--as-of", "2026-11-20"])
        .args(["--format", "github"])
        .env("NO_COLOR", "1")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .expect("run riskreg");
    let text = std::fs::read_to_string(&summary).expect("the summary");
    (output, text)
}

#[test]
fn step_summary_values_cannot_close_code_spans_nor_render_images_links_or_mentions() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace(
            "criteria: [CC6.1]",
            "criteria: [\"CC9.9` ![i](https://evil.example/i.png) [l](https://evil.example) @org/team `\"]",
        ),
    );
    committed(&fixture);
    let (output, summary) = check_github(&fixture);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(summary.contains("unknown-criterion"), "{summary}");
    assert_eq!(
        gfm::problems(&summary, 0),
        Vec::<String>::new(),
        "{summary}"
    );
    assert!(
        shows(
            &summary,
            "`CC9.9` ![i](https://evil.example/i.png) [l](https://evil.example) @org/team ``"
        ),
        "{summary}"
    );
}

#[test]
fn a_file_name_cannot_start_a_workflow_command_on_stderr() {
    let fixture = Fixture::clean();
    std::os::unix::fs::symlink(
        "R-001-mfa.yaml",
        fixture
            .path()
            .join("risks/x\n::stop-commands::token\n.yaml"),
    )
    .expect("a link");
    committed(&fixture);
    let (output, _) = check_github(&fixture);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains(
            "note: skipped risks/x\\n::stop-commands::token\\n.yaml: a symbolic link (riskreg does not follow links)\n"
        ),
        "{errors}"
    );
    for line in errors.lines().chain(stdout(&output).lines()) {
        assert!(
            !line.trim_start().starts_with("::stop-commands"),
            "a runner command: {line:?}"
        );
    }
    assert!(
        errors
            .lines()
            .all(|line| !line.trim_start().starts_with("::")),
        "{errors}"
    );
}

#[test]
fn human_output_and_notes_hold_no_runner_command_wherever_a_value_lands() {
    let fixture = Fixture::clean();
    // 88 characters before it, so that miette wraps the help line right before `::`.
    let owner = format!("{} ::stop-commands::t1 ##[stop-commands]t2", "x".repeat(88));
    fixture.write(
        RISK_PATH,
        RISK.replace("owner: alice", &format!("owner: \"{owner}\"")),
    );
    std::os::unix::fs::symlink(
        "R-001-mfa.yaml",
        fixture.path().join("risks/##[stop-commands]t3.yaml"),
    )
    .expect("a link");
    committed(&fixture);
    let output = fixture.check(&[]);
    let (out, errors) = (stdout(&output), stderr(&output));
    assert!(
        out.contains("\n        \\u{3a}:stop-commands::t1 ##\\u{5b}stop-commands]t2` to"),
        "{out}"
    );
    assert!(
        errors.contains("note: skipped risks/##\\u{5b}stop-commands]t3.yaml"),
        "{errors}"
    );
    for line in out.lines().chain(errors.lines()) {
        assert!(
            !line.trim_start().starts_with("::") && !line.contains("##["),
            "a runner command: {line:?}"
        );
    }
}

/// What terminals act on: escape sequences to clear the screen, set the window title and
/// plant a link (OSC 8), a bell, and a carriage return that overwrites the line.
const ESCAPES: &str =
    "\\e[2J\\e]0;pwned\\a\\e]8;;https://evil.example\\e\\\\click\\e]8;;\\e\\\\\\rfake";

#[test]
fn terminal_escape_sequences_in_values_are_shown_not_sent() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace("owner: alice", &format!("owner: \"zoe{ESCAPES}\"")),
    );
    fixture.write(
        "risks/R-002-raw.yaml",
        "kind: risk\nid: R-002\ntitle: raw \u{1b}[31mred\u{1b}]0;title\u{7} and \r over\nowner: nobody\n\
         identified: 2026-10-01\ninherent: {impact: 1, likelihood: 1}\n\
         treatment: {decision: avoid, rationale: Stop it}\n",
    );
    committed(&fixture);
    let output = fixture.check(&["--no-history"]);
    let text = stdout(&output);
    assert!(
        text.contains("owner `zoe\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{1b}]8;;https://"),
        "{text}"
    );
    assert!(
        text.contains("title: raw \\u{1b}[31mred\\u{1b}]0;title\\u{7} and \\r over"),
        "{text}"
    );
    for c in ['\u{1b}', '\u{7}', '\r'] {
        assert!(!text.contains(c), "{c:?} reached the terminal:\n{text}");
    }

    fixture.write(
        RISK_PATH,
        RISK.replace(
            "title: MFA is not enforced on production systems",
            &format!("title: \"MFA{ESCAPES}\""),
        ),
    );
    fixture.commit("2026-11-12", BOB, "Retitle R-001");
    let history = riskreg(&["history", "R-001", "--root", root(&fixture)]);
    assert_eq!(code(&history), 0, "{}", stderr(&history));
    let text = stdout(&history);
    assert!(text.contains("MFA\\u{1b}[2J\\u{1b}]0;pwned"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text}");
}

#[test]
fn bidi_and_zero_width_characters_are_reported_and_shown_escaped() {
    let fixture = Fixture::clean();
    fixture.write(
        RISK_PATH,
        RISK.replace(
            "decision: mitigate",
            "decision: mitigate\n  rationale: \"Signed off by \u{202E}ecila\u{202C} and al\u{200B}ice\"",
        ),
    );
    committed(&fixture);
    let found = fixture.findings_of("hidden-text");
    assert_eq!(
        found.iter().map(|found| &found.4).collect::<Vec<_>>(),
        [
            "`treatment.rationale` contains hidden characters U+202E RIGHT-TO-LEFT OVERRIDE, \
          U+202C POP DIRECTIONAL FORMATTING, U+200B ZERO WIDTH SPACE"
        ],
    );
    let text = stdout(&fixture.check(&[]));
    assert!(
        text.contains("\"Signed off by \\u{202e}ecila\\u{202c} and al\\u{200b}ice\""),
        "{text}"
    );
    for c in ['\u{202E}', '\u{202C}', '\u{200B}'] {
        assert!(!text.contains(c), "{c:?} reached the terminal:\n{text}");
    }
}

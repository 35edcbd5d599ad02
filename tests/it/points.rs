//! Points in time (`--at`, `--rev`, `diff @DATE`) and trends, on repositories with dated
//! commits: a year of a small register, with a branch merged late and a file moved.

use serde_json::Value;

use crate::support::{Fixture, MOVED_PATH, RISK, RISK_PATH, code, riskreg, stderr, stdout, year};

fn run(fixture: &Fixture, command: &str, extra: &[&str]) -> std::process::Output {
    let root = fixture.path().to_str().expect("UTF-8");
    let mut args = vec![command, root];
    args.extend_from_slice(extra);
    riskreg(&args)
}

fn json_of(output: &std::process::Output) -> Value {
    assert_eq!(code(output), 0, "{}", stderr(output));
    serde_json::from_str(&stdout(output)).expect("JSON")
}

fn report_at(fixture: &Fixture, date: &str) -> Value {
    json_of(&run(fixture, "report", &["--at", date, "--format", "json"]))
}

fn risk_ids(report: &Value) -> Vec<&str> {
    report["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .map(|risk| risk["id"].as_str().expect("id"))
        .collect()
}

fn action_status<'a>(report: &'a Value, id: &str) -> &'a str {
    report["risks"]
        .as_array()
        .expect("risks")
        .iter()
        .flat_map(|risk| risk["actions"].as_array().expect("actions"))
        .find(|action| action["id"] == id)
        .and_then(|action| action["status"].as_str())
        .expect("the action")
}

fn trend(fixture: &Fixture, extra: &[&str]) -> Vec<Value> {
    let output = run(fixture, "trend", &[&["--format", "json"], extra].concat());
    json_of(&output)["periods"]
        .as_array()
        .expect("periods")
        .clone()
}

fn commit_of(fixture: &Fixture, rev: &str) -> String {
    stdout(&fixture.git(&["rev-parse", rev])).trim().to_owned()
}

/// `text` with every commit of main's first-parent line named by its place on it: a full ID
/// as `main~N`, a short one as `~N` padded to seven characters (so tables keep their widths).
pub fn named_commits(fixture: &Fixture, text: &str) -> String {
    let log = stdout(&fixture.git(&["log", "--first-parent", "--format=%H", "main"]));
    let mut text = text.to_owned();
    for (back, id) in log.lines().enumerate() {
        text = text
            .replace(id, &format!("main~{back}"))
            .replace(&id[..7], &format!("{:<7}", format!("~{back}")));
    }
    text
}

#[test]
fn a_risk_added_in_july_is_absent_at_june_30() {
    let fixture = year();
    let june = report_at(&fixture, "2026-06-30");
    assert_eq!(risk_ids(&june), ["R-001"]);
    assert_eq!(june["as_of"], "2026-06-30");
    assert_eq!(june["committed"], true);
    assert_eq!(june["commit"]["date"], "2026-03-10");
    assert_eq!(
        risk_ids(&report_at(&fixture, "2026-07-31")),
        ["R-001", "R-002"]
    );
    let check = run(&fixture, "check", &["--at", "2026-06-30"]);
    assert!(
        stdout(&check).trim_end().ends_with(&format!(
            "in 3 documents (as of 2026-06-30; the register as committed at commit {} of 2026-03-10)",
            &commit_of(&fixture, "main~4")[..7]
        )),
        "{}",
        stdout(&check)
    );
}

#[test]
fn an_action_completed_in_august_is_in_progress_at_july_31() {
    let fixture = year();
    assert_eq!(
        action_status(&report_at(&fixture, "2026-07-31"), "M-001"),
        "in-progress"
    );
    assert_eq!(
        action_status(&report_at(&fixture, "2026-08-31"), "M-001"),
        "completed"
    );
    let export = json_of(&run(
        &fixture,
        "export",
        &["--at", "2026-07-31", "--format", "json"],
    ));
    assert!(export.to_string().contains("in-progress"), "{export}");
}

#[test]
fn a_branch_counts_at_its_merge_date() {
    let fixture = year();
    // Committed on 2026-06-20 on a branch, merged on 2026-09-05.
    assert_eq!(
        report_at(&fixture, "2026-08-31")["risks"][0]["residual"],
        Value::Null
    );
    assert_eq!(
        report_at(&fixture, "2026-09-30")["risks"][0]["residual"]["score"],
        3
    );
    let periods = trend(
        &fixture,
        &["--since", "2026-06-01", "--until", "2026-09-30"],
    );
    let rerated: Vec<u64> = periods
        .iter()
        .map(|period| period["changes"]["risks_rerated"].as_u64().expect("count"))
        .collect();
    assert_eq!(rerated, [0, 0, 0, 1]);
    let unrated: Vec<u64> = periods
        .iter()
        .map(|period| {
            period["by_residual_level"]["unrated"]
                .as_u64()
                .expect("count")
        })
        .collect();
    assert_eq!(unrated, [1, 2, 2, 1]);
}

#[test]
fn periods_before_the_first_commit_are_empty_and_quiet_periods_keep_the_last_commit() {
    let fixture = year();
    let periods = trend(
        &fixture,
        &["--since", "2026-01-01", "--until", "2026-05-31"],
    );
    let import = commit_of(&fixture, "main~4");
    let commits: Vec<&Value> = periods.iter().map(|period| &period["commit"]).collect();
    assert_eq!(
        commits,
        [
            &Value::Null,
            &Value::Null,
            &Value::String(import.clone()),
            &Value::String(import.clone()),
            &Value::String(import)
        ]
    );
    for empty in &periods[..2] {
        assert_eq!(empty["active_risks"], 0);
        assert_eq!(empty["by_decision"]["mitigate"], 0);
        assert_eq!(empty["actions_by_status"]["in-progress"], 0);
        assert_eq!(empty["findings"]["errors"], 0);
    }
    assert_eq!(periods[2]["active_risks"], 1);
    assert_eq!(periods[2]["changes"]["risks_added"], 1);
    assert_eq!(periods[3]["active_risks"], 1);
    assert_eq!(periods[3]["changes"]["risks_added"], 0);
}

#[test]
fn a_moved_file_keeps_its_history_across_periods() {
    let fixture = year();
    let periods = trend(
        &fixture,
        &["--since", "2026-09-01", "--until", "2026-10-31"],
    );
    assert_eq!(periods[1]["active_risks"], 2);
    assert_eq!(periods[1]["changes"]["risks_added"], 0);
    let october = report_at(&fixture, "2026-10-31");
    let r001 = &october["risks"][0];
    assert_eq!(r001["path"], MOVED_PATH);
    assert_eq!(r001["last_changed"]["commit"]["date"], "2026-06-20");
    let history = stdout(&riskreg(&[
        "history",
        "--root",
        fixture.path().to_str().expect("UTF-8"),
        "--at",
        "2026-10-31",
        "R-001",
    ]));
    assert!(
        history.contains("added as risks/R-001-mfa.yaml"),
        "{history}"
    );
    assert!(
        history.contains(&format!("moved {RISK_PATH} -> {MOVED_PATH}")),
        "{history}"
    );
}

/// Every count of `trend` at a period's end equals `report --at` and `check --at` run
/// separately at that date.
#[test]
fn trend_counts_equal_report_and_check_at_each_period_end() {
    let fixture = year();
    let periods = trend(
        &fixture,
        &["--since", "2026-03-01", "--until", "2026-10-31"],
    );
    assert_eq!(periods.len(), 8);
    for period in &periods {
        let end = period["end"].as_str().expect("end");
        let report = report_at(&fixture, end);
        let summary = &report["summary"];
        assert_eq!(period["commit"], report["commit"]["id"], "{end}");
        for count in [
            "active_risks",
            "retired_risks",
            "overdue",
            "stale",
            "findings",
        ] {
            assert_eq!(period[count], summary[count], "{end}: {count}");
        }
        for (key, counts) in [
            ("by_decision", "by_decision"),
            ("by_inherent_level", "by_inherent_level"),
            ("actions_by_status", "actions_by_status"),
            ("by_residual_level", "by_residual_level"),
        ] {
            for count in summary[counts].as_array().expect("counts") {
                let name = count["name"].as_str().expect("name");
                let name = if name == "not rated" { "unrated" } else { name };
                assert_eq!(period[key][name], count["count"], "{end}: {key}.{name}");
            }
        }
        let check = run(&fixture, "check", &["--at", end, "--format", "json"]);
        assert!(code(&check) < 2, "{}", stderr(&check));
        let check: Value = serde_json::from_str(&stdout(&check)).expect("JSON");
        let errors = check["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|finding| finding["severity"] == "error")
            .count();
        assert_eq!(period["findings"]["errors"], errors, "{end}");
    }
}

/// The human table and the CSV, exactly: quiet months repeat the last commit, the merge
/// counts in September, the move in October changes nothing.
#[test]
fn trend_as_a_table_and_as_csv() {
    let fixture = year();
    let period = ["--since", "2026-02-01", "--until", "2026-10-31"];
    let table = run(&fixture, "trend", &period);
    assert_eq!(code(&table), 0, "{}", stderr(&table));
    insta::assert_snapshot!("trend_table", named_commits(&fixture, &stdout(&table)));
    let csv = run(
        &fixture,
        "trend",
        &[&period[..], &["--format", "csv"]].concat(),
    );
    assert_eq!(code(&csv), 0, "{}", stderr(&csv));
    assert!(csv.stdout.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark");
    let text = stdout(&csv);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(&csv.stdout[3..])
        .records()
        .collect::<Result<_, _>>()
        .expect("CSV");
    assert_eq!(rows.len(), 9, "one row per month");
    insta::assert_snapshot!(
        "trend_csv",
        named_commits(&fixture, text.trim_start_matches('\u{feff}'))
    );
}

#[test]
fn rev_reads_the_documents_at_the_revision_too() {
    let fixture = year();
    // The work tree gains a third risk; `--rev HEAD` does not see it.
    fixture.write("risks/R-003-new.yaml", RISK.replace("R-001", "R-003"));
    let output = run(&fixture, "report", &["--rev", "HEAD", "--format", "json"]);
    assert_eq!(risk_ids(&json_of(&output)), ["R-001", "R-002"]);
    let output = run(&fixture, "report", &["--rev", "HEAD"]);
    assert!(
        stdout(&output).contains("the register as committed at commit"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn as_of_alone_shows_no_history_after_it() {
    let fixture = year();
    let report = json_of(&run(
        &fixture,
        "report",
        &["--as-of", "2026-05-31", "--format", "json"],
    ));
    // The work tree is judged, but nothing committed after May shows.
    assert_eq!(report["committed"], false);
    for change in report["changes"].as_array().expect("changes") {
        assert!(
            change["date"].as_str().expect("date") <= "2026-07-31",
            "{change}"
        );
    }
    assert_eq!(
        report["risks"][0]["last_changed"]["commit"]["date"],
        "2026-03-10"
    );
}

#[test]
fn diff_between_two_dates_is_a_pull_request_comment() {
    let fixture = year();
    let root = fixture.path().to_str().expect("UTF-8");
    let output = riskreg(&["diff", "@2026-06-30", "@2026-09-30", "--root", root]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("R-002"), "{text}");
    assert!(text.contains("M-001"), "{text}");
    assert!(text.contains("`@2026-09-30 ("), "{text}");
}

#[test]
fn bad_points_in_time_exit_2_with_a_clear_message() {
    let fixture = year();
    let before = run(&fixture, "check", &["--at", "2026-01-31"]);
    assert_eq!(code(&before), 2);
    assert!(
        stderr(&before)
            .contains("--at 2026-01-31: the date is before the repository's first commit"),
        "{}",
        stderr(&before)
    );
    let future = run(&fixture, "report", &["--at", "2999-01-01"]);
    assert_eq!(code(&future), 2);
    assert!(
        stderr(&future).contains("the date is in the future"),
        "{}",
        stderr(&future)
    );

    let outside = Fixture::clean();
    let output = run(&outside, "check", &["--at", "2026-06-30"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("--at 2026-06-30: the register is not in a git repository"),
        "{}",
        stderr(&output)
    );

    let shallow = Fixture::empty();
    let source = format!("file://{}", fixture.path().display());
    crate::support::git_in(
        shallow.path(),
        &["clone", "-q", "--depth", "1", &source, "clone"],
    );
    let clone = shallow.path().join("clone");
    let clone = clone.to_str().expect("UTF-8");
    let output = riskreg(&["diff", "@2026-06-30", "@2026-09-30", "--root", clone]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("@2026-06-30: the repository is a shallow clone"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("fetch-depth: 0"),
        "{}",
        stderr(&output)
    );
    let output = riskreg(&["check", clone, "--at", "2026-09-30"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("--at 2026-09-30: the repository is a shallow clone"),
        "{}",
        stderr(&output)
    );
    let output = riskreg(&["trend", clone]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("the repository is a shallow clone")
            && stderr(&output).contains("fetch-depth: 0"),
        "{}",
        stderr(&output)
    );
    let output = run(&outside, "trend", &[]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("the register is not in a git repository"),
        "{}",
        stderr(&output)
    );
}

/// The report at the end of October, with its audit period of twelve months: five months
/// before the first commit, then the year's.
fn report_with_trend(fixture: &Fixture, format: &str) -> String {
    let output = run(
        fixture,
        "report",
        &["--at", "2026-10-31", "--format", format],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    stdout(&output)
}

/// The Markdown report's trend section: the table and the Mermaid chart, exactly.
#[test]
fn markdown_report_has_the_trend_table_and_a_mermaid_chart() {
    let fixture = year();
    let text = report_with_trend(&fixture, "md");
    let start = text.find("## Trend").expect("a trend section");
    let end = text.find("## Risk register").expect("the register");
    insta::assert_snapshot!(
        "report_trend_markdown",
        named_commits(&fixture, &text[start..end])
    );
}

/// The HTML report's trend section: three inline SVG charts, each with its title and
/// description, a pattern for every level, the totals over the bars equal to the table's,
/// the lowest level at the bottom of each bar, nothing external.
#[test]
fn html_report_draws_the_trend_as_inline_svg() {
    let fixture = year();
    let html = report_with_trend(&fixture, "html");
    let page = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).expect("a selector");
    let text = |element: scraper::ElementRef<'_>| element.text().collect::<String>();
    let section = page
        .select(&select("section#trend"))
        .next()
        .expect("the trend section");
    let charts: Vec<scraper::ElementRef<'_>> = section.select(&select("svg[role=img]")).collect();
    let ids: Vec<&str> = charts
        .iter()
        .filter_map(|chart| chart.value().id())
        .collect();
    assert_eq!(ids, ["trend-residual", "trend-actions", "trend-findings"]);
    for chart in &charts {
        let labels = chart.value().attr("aria-labelledby").expect("labelled");
        for id in labels.split(' ') {
            let label = chart
                .select(&select(&format!("#{id}")))
                .next()
                .expect("the label");
            assert!(!text(label).trim().is_empty(), "{id}");
        }
    }
    let residual = charts[0];
    let patterns: Vec<&str> = residual
        .select(&select("pattern"))
        .filter_map(|pattern| pattern.value().id())
        .collect();
    assert_eq!(
        patterns,
        [
            "trend-residual-unrated",
            "trend-residual-level-3",
            "trend-residual-level-2",
            "trend-residual-level-1",
            "trend-residual-level-0"
        ],
        "the legend's order: the top of the stack first"
    );
    for fill in html.split("fill=\"url(#").skip(1) {
        let id = &fill[..fill.find(')').expect("a closing parenthesis")];
        assert!(patterns.contains(&id), "{id}: a pattern of the page");
    }
    let totals: Vec<String> = residual
        .select(&select("g.stack > text[font-weight]"))
        .map(text)
        .collect();
    let open: Vec<String> = section
        .select(&select("#trend-table tbody td:nth-of-type(2)"))
        .map(text)
        .collect();
    assert_eq!(totals.len(), 12, "one bar per month");
    assert_eq!(totals, open);
    assert_eq!(totals[11], "2");
    for stack in residual.select(&select("g.stack")) {
        let tops: Vec<f64> = stack
            .select(&select("rect[fill^=url]"))
            .map(|rect| {
                rect.value()
                    .attr("y")
                    .expect("y")
                    .parse()
                    .expect("a number")
            })
            .collect();
        assert!(
            tops.windows(2).all(|pair| pair[0] > pair[1]),
            "each bar lists its segments from the bottom up: {tops:?}"
        );
    }
    // October: R-001 rated (its level is the first, low), R-002 not rated.
    let october: Vec<String> = section
        .select(&select("#trend-table tbody tr:last-child td"))
        .map(text)
        .collect();
    assert_eq!(october[1..7], ["2", "1", "0", "0", "0", "1"]);
    assert!(!html.contains("<script"), "no script on the page");
    let drawn = section.html();
    for external in [
        "<link", "<img", "<image", "<use", "href=", "@import", "url(http",
    ] {
        assert!(
            !drawn.contains(external),
            "{external}: the charts use nothing external"
        );
    }
}

/// Without history there is no trend, and the section says why; `--no-trend` leaves it out.
#[test]
fn no_trend_without_history() {
    let fixture = year();
    let output = run(&fixture, "report", &["--at", "2026-10-31", "--no-trend"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("## Trend\n\nNo trend:")
            && !stdout(&output).contains("```mermaid"),
        "{}",
        stdout(&output)
    );
    let output = run(&fixture, "report", &["--no-history"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output)
            .contains("## Trend\n\nNo trend: it is read from the register's git history"),
        "{}",
        stdout(&output)
    );
}

/// Level names come from the config: they reach the trend's table, legend and charts
/// escaped, and never the Mermaid chart.
#[test]
fn level_names_in_the_trend_are_escaped() {
    let fixture = year();
    let config = std::fs::read_to_string(fixture.path().join("riskreg.yaml")).expect("config");
    let config = config
        .replace(
            "treatment_target_days: {critical: 30, high: 90, medium: 180, low: 365}",
            "treatment_target_days: {critical: 30, high: 90}\nlevels:\n  \
             - {name: \"low <script>alert(1)</script>\", min: 1}\n  \
             - {name: \"medium | *m* `c` \\\"q\\\"\", min: 5}\n  \
             - {name: high, min: 10}\n  - {name: critical, min: 16}",
        )
        .replace("max_accepted_level: medium", "max_accepted_level: high");
    fixture.write("riskreg.yaml", config);
    fixture.commit("2026-10-15", crate::support::ALICE, "Name the levels");
    let markdown = report_with_trend(&fixture, "md");
    let start = markdown.find("## Trend").expect("a trend section");
    let end = markdown.find("## Risk register").expect("the register");
    let section = &markdown[start..end];
    assert!(!section.contains("<script>"), "{section}");
    assert!(section.contains("low &lt;script"), "{section}");
    assert!(section.contains("medium \\| \\*m\\*"), "{section}");
    let mermaid = &section[section.find("```mermaid").expect("a chart")..];
    assert!(!mermaid[..mermaid[3..].find("```").expect("its end")].contains("low"));
    let html = report_with_trend(&fixture, "html");
    assert!(!html.contains("<script"), "no script on the page");
    assert!(
        html.contains(">low &lt;script&gt;alert(1)&lt;"),
        "the legend, escaped"
    );
}

/// A period's register is the one committed at its end: edits not committed yet (a comment
/// added to every file, which git sees and the parser does not) change no period of the
/// work tree's report, though they make `stale` skip those files as of today.
#[test]
fn uncommitted_edits_change_no_period_of_the_reports_trend() {
    let fixture = year();
    // Computed every time: a kept trend would answer the second run from the first.
    let rows = |fixture: &Fixture| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_riskreg"))
            .args([
                "report",
                "--as-of",
                "2026-10-31",
                "--format",
                "json",
                "--root",
            ])
            .arg(fixture.path())
            .env("RISKREG_NO_CACHE", "1")
            .output()
            .expect("run riskreg");
        json_of(&output)["trend"]["rows"].clone()
    };
    let committed = rows(&fixture);
    assert!(
        committed
            .as_array()
            .expect("rows")
            .iter()
            .any(|row| row["stale"].as_u64() > Some(0)),
        "{committed}"
    );
    for file in crate::support::files_below(&fixture.path().join("mitigations")) {
        let text = std::fs::read_to_string(&file).expect("read");
        std::fs::write(&file, format!("{text}# to be reviewed\n")).expect("write");
    }
    assert_eq!(rows(&fixture), committed);
}

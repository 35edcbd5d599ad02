//! The treatment-plan report and the spreadsheet export.

use std::path::Path;

use crate::support::{ALICE, BOB, Fixture, RISK, code, riskreg, stderr, stdout};

fn acme() -> String {
    format!("{}/examples/acme", env!("CARGO_MANIFEST_DIR"))
}

fn report(root: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["report", root, "--as-of", "2026-11-20"];
    args.extend_from_slice(extra);
    riskreg(&args)
}

#[test]
fn acme_markdown() {
    let output = report(&acme(), &["--no-history"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn acme_html() {
    let output = report(&acme(), &["--no-history", "--format", "html"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

/// A register whose texts try to inject markup.
fn hostile() -> Fixture {
    let fixture = Fixture::clean();
    fixture.write(
        "risks/R-001-mfa.yaml",
        RISK.replace(
            "title: MFA is not enforced on production systems",
            "title: \"<script>alert(1)</script> | x\"\ndescription: \"# not a heading\\n<img src=x onerror=alert(1)>\"",
        ),
    );
    fixture
}

#[test]
fn user_text_is_escaped_in_markdown() {
    let fixture = hostile();
    let text = stdout(&report(
        fixture.path().to_str().expect("UTF-8"),
        &["--no-history"],
    ));
    assert!(
        text.contains("&lt;script>alert(1)&lt;/script> \\| x"),
        "{text}"
    );
    assert!(
        text.contains("\\# not a heading<br>&lt;img src=x onerror=alert(1)>"),
        "{text}"
    );
    assert!(!text.contains("<script>"), "{text}");
    assert!(!text.contains("<img"), "{text}");
}

#[test]
fn user_text_is_escaped_in_html() {
    let fixture = hostile();
    let text = stdout(&report(
        fixture.path().to_str().expect("UTF-8"),
        &["--no-history", "--format", "html"],
    ));
    assert!(
        text.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; | x"),
        "{text}"
    );
    assert!(!text.contains("<script"), "{text}");
    assert!(!text.contains("<img"), "{text}");
}

#[test]
fn a_template_in_templates_dir_overrides_the_default() {
    let templates = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        templates.path().join("report.md.j2"),
        "{{ organization }}: {{ risks | length }} risks, {{ summary.findings.errors }} errors\n",
    )
    .expect("write");
    let output = report(
        &acme(),
        &[
            "--no-history",
            "--templates",
            templates.path().to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(stdout(&output), "Acme Cloud Inc.: 25 risks, 0 errors\n");
    let html = stdout(&report(
        &acme(),
        &[
            "--no-history",
            "--format",
            "html",
            "--templates",
            templates.path().to_str().expect("UTF-8"),
        ],
    ));
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "the HTML default still applies"
    );
}

#[test]
fn a_broken_template_is_a_clear_error() {
    let templates = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        templates.path().join("report.md.j2"),
        "{{ no_such_field }}\n",
    )
    .expect("write");
    let output = report(
        &acme(),
        &[
            "--no-history",
            "--templates",
            templates.path().to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).starts_with("error: template report.md.j2: "),
        "{}",
        stderr(&output)
    );
}

/// A small register with a git history: an action completed and a risk re-rated.
fn with_history() -> Fixture {
    let fixture = Fixture::clean();
    fixture.git_init();
    fixture.commit("2026-06-01", ALICE, "Import");
    let mitigation = crate::support::MITIGATION.replace(
        "status: in-progress",
        "status: completed\ncompleted_on: 2026-09-01\nevidence: [https://wiki.test.example/mfa]",
    );
    fixture.write("mitigations/M-001-okta-mfa.yaml", mitigation);
    fixture.commit("2026-09-02", BOB, "Complete M-001");
    fixture.write(
        "risks/R-001-mfa.yaml",
        format!("{RISK}residual: {{impact: 3, likelihood: 1}}\n"),
    );
    fixture.commit("2026-09-03", ALICE, "Re-rate R-001");
    fixture
}

#[test]
fn the_report_is_deterministic_and_shows_changes_from_git() {
    let fixture = with_history();
    let root = fixture.path().to_str().expect("UTF-8");
    let first = report(root, &[]);
    let second = report(root, &[]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    assert_eq!(first.stdout, second.stdout);
    let text = stdout(&first);
    assert!(text.contains("· built from commit `"), "{text}");
    assert!(
        text.contains("| M-001 | Completed (was in-progress) | Bob Ito |"),
        "{text}"
    );
    assert!(
        text.contains("| R-001 | Residual rating set to 3x1 | Alice Chen |"),
        "{text}"
    );
    assert!(
        text.contains(
            "| R-001 | Risk added: MFA is not enforced on production systems | Alice Chen |"
        ),
        "{text}"
    );
    let html_first = report(root, &["--format", "html"]);
    let html_second = report(root, &["--format", "html"]);
    assert_eq!(html_first.stdout, html_second.stdout);
}

#[test]
fn uncommitted_changes_are_flagged() {
    let fixture = with_history();
    fixture.write("risks/R-001-mfa.yaml", RISK);
    let text = stdout(&report(fixture.path().to_str().expect("UTF-8"), &[]));
    assert!(
        text.contains("> **Warning:** 1 document file differs from commit `"),
        "{text}"
    );
}

#[test]
fn output_file_is_written() {
    let out = tempfile::tempdir().expect("tempdir");
    let path = out.path().join("report.html");
    let output = report(
        &acme(),
        &[
            "--no-history",
            "--format",
            "html",
            "-o",
            path.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(code(&output), 0);
    assert_eq!(stdout(&output), "");
    let written = std::fs::read(&path).expect("report written");
    assert_eq!(
        written,
        report(&acme(), &["--no-history", "--format", "html"]).stdout
    );
    let leftovers: Vec<_> = std::fs::read_dir(out.path()).expect("list").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn json_prints_the_template_context() {
    let output = report(&acme(), &["--no-history", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    for key in [
        "title",
        "organization",
        "as_of",
        "period",
        "summary",
        "heatmaps",
        "risks",
        "attention",
        "reviews",
        "changes",
        "findings",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(
        json["risks"][0]["anchor"],
        "r-001--mfa-is-not-enforced-for-aws-production-console-access"
    );
    assert_eq!(json["period"]["since"], "2025-11-21");
}

#[test]
fn html_structure() {
    use scraper::{Html, Selector};
    let text = stdout(&report(&acme(), &["--no-history", "--format", "html"]));
    let page = Html::parse_document(&text);
    let select = |css: &str| Selector::parse(css).expect("selector");
    assert_eq!(
        page.select(&select("table#heatmap-inherent td.cell"))
            .count(),
        25
    );
    assert_eq!(
        page.select(&select("table#heatmap-residual td.cell"))
            .count(),
        25
    );
    let rows: Vec<_> = page
        .select(&select("table#register-table tbody tr"))
        .collect();
    assert_eq!(rows.len(), 25);
    for link in page.select(&select("table#register-table a")) {
        let target = link
            .value()
            .attr("href")
            .expect("href")
            .trim_start_matches('#');
        assert_eq!(
            page.select(&select(&format!("#{target}"))).count(),
            1,
            "anchor {target}"
        );
    }
    assert_eq!(page.select(&select("article.risk")).count(), 25);
    assert!(page.select(&select("tr#action-m-001")).next().is_some());
    for external in ["script", "link", "img", "iframe"] {
        assert_eq!(
            page.select(&select(external)).count(),
            0,
            "no <{external}>: the page is self-contained"
        );
    }
    let heat_total: usize = page
        .select(&select("table#heatmap-inherent td.cell"))
        .filter_map(|cell| cell.text().next()?.trim().parse::<usize>().ok())
        .sum();
    assert_eq!(
        heat_total, 24,
        "every active risk is in the inherent heat map"
    );
}

/// Chromium or Chrome on the PATH, when there is one (the browser tests say SKIPPED
/// without).
pub fn chromium(test: &str) -> Option<&'static str> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            std::process::Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|output| output.status.success())
        });
    if found.is_none() {
        eprintln!("{test}: SKIPPED, no chromium on PATH (.ci/run installs Debian's chromium)");
    }
    found
}

/// Runs headless Chromium with its own profile in `dir` and these arguments.
pub fn headless(chromium: &str, dir: &Path, args: &[&str]) -> std::process::Output {
    let profile = dir.join("profile");
    std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .output()
        .expect("run chromium")
}

/// Loads the HTML report in headless Chromium and checks the rendered page.
#[test]
fn html_renders_in_chromium() {
    let Some(chromium) = chromium("html_renders_in_chromium") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("report.html");
    let output = report(
        &acme(),
        &[
            "--no-history",
            "--format",
            "html",
            "-o",
            page.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(code(&output), 0);
    let rendered = headless(
        chromium,
        dir.path(),
        &["--dump-dom", &format!("file://{}", page.display())],
    );
    let dom = String::from_utf8_lossy(&rendered.stdout);
    assert!(dom.contains("id=\"heatmap-inherent\""), "{dom:.2000}");
    assert!(dom.contains("id=\"heatmap-residual\""));
    assert!(dom.contains("id=\"register-table\""));
    assert!(dom.contains(
        "<a href=\"#r-025--production-database-backups-have-never-been-restored\">R-025</a>"
    ));
    assert!(Path::new(&page).exists());
}

/// The report of a register with a year of history in headless Chromium: the trend's three
/// charts are in the page Chromium built (as SVG, with their bars and lines), and the page
/// prints to PDF. The pictures themselves were looked at by hand (README, "The trend in the
/// report").
#[test]
fn html_trend_renders_and_prints_in_chromium() {
    let Some(chromium) = chromium("html_trend_renders_and_prints_in_chromium") else {
        return;
    };
    let fixture = crate::support::year();
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("report.html");
    let output = riskreg(&[
        "report",
        fixture.path().to_str().expect("UTF-8"),
        "--at",
        "2026-10-31",
        "--format",
        "html",
        "-o",
        page.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let url = format!("file://{}", page.display());
    let rendered = headless(chromium, dir.path(), &["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&rendered.stdout);
    let html = scraper::Html::parse_document(&dom);
    let select = |css: &str| scraper::Selector::parse(css).expect("a selector");
    for (chart, drawn) in [
        ("#trend-residual", "g.stack rect"),
        ("#trend-actions", "g.line path"),
        ("#trend-findings", "g.line path"),
    ] {
        let svg = html
            .select(&select(&format!("svg{chart}")))
            .next()
            .unwrap_or_else(|| panic!("{chart} in the rendered page: {dom:.2000}"));
        assert!(svg.select(&select(drawn)).count() > 10, "{chart}: {drawn}");
    }
    let pdf = dir.path().join("report.pdf");
    let printed = headless(
        chromium,
        dir.path(),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &url,
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap_or_else(|error| panic!("{error}: {printed:?}"));
    assert!(
        bytes.starts_with(b"%PDF") && bytes.len() > 10_000,
        "a printed report"
    );
}

#[test]
fn export_csv_opens_cleanly() {
    let output = riskreg(&["export", &acme(), "--as-of", "2026-11-20", "--no-history"]);
    assert_eq!(code(&output), 0);
    assert!(
        output.stdout.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 byte-order mark"
    );
    let mut reader = csv::Reader::from_reader(&output.stdout[3..]);
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[0], "risk_id");
    assert_eq!(&headers[13], "mitigation_action");
    let records: Vec<csv::StringRecord> =
        reader.records().collect::<Result<_, _>>().expect("records");
    assert!(records.iter().all(|record| record.len() == headers.len()));
    let r001: Vec<&csv::StringRecord> = records
        .iter()
        .filter(|record| &record[0] == "R-001")
        .collect();
    assert_eq!(r001.len(), 2, "one row per action of R-001");
    assert_eq!(&r001[0][4], "4x4");
}

#[test]
fn export_makes_formulas_inert() {
    let fixture = Fixture::clean();
    fixture.write(
        "risks/R-001-mfa.yaml",
        RISK.replace(
            "title: MFA is not enforced on production systems",
            "title: \"=HYPERLINK(\\\"http://evil.example\\\", \\\"x\\\")\"",
        ),
    );
    let output = riskreg(&[
        "export",
        fixture.path().to_str().expect("UTF-8"),
        "--as-of",
        "2026-11-20",
        "--no-history",
    ]);
    let mut reader = csv::Reader::from_reader(&output.stdout[3..]);
    let record = reader.records().next().expect("a row").expect("valid");
    assert_eq!(&record[1], "'=HYPERLINK(\"http://evil.example\", \"x\")");
}

//! What an auditor asks the report for: review notes and outcomes, progress logs, people by
//! name, unreadable files, findings beside what they concern and in one sorted table, the
//! whole appetite, changes in words with due-date moves, heat-map cells that name their
//! risks, titled headings and a compact print. Each checked on the parsed report.

use scraper::{ElementRef, Html, Selector};

use crate::support::{ALICE, BOB, Fixture, MITIGATION, REVIEW, REVIEW_PATH, riskreg, stdout};

/// R-002, accepted on 2026-10-01 at 2x2.
const ACCEPTED: &str = "\
kind: risk
id: R-002
title: Legacy API keys never expire
owner: bob
identified: 2026-09-01
criteria: [CC6.1]
inherent: {impact: 2, likelihood: 2}
treatment:
  decision: accept
  rationale: Keys reach read-only endpoints only
  approved_by: alice
  approved_on: 2026-10-01
  expires: 2027-09-30
";

/// A register with a history: imported in October, R-002 re-rated after its acceptance
/// (so `acceptance-outdated` is open on it), M-001 postponed with a progress log, a review
/// with notes and outcomes, and a risk file that does not parse.
fn audited() -> Fixture {
    let fixture = Fixture::clean();
    fixture.write("risks/R-002-api-keys.yaml", ACCEPTED);
    fixture.write(
        REVIEW_PATH,
        format!(
            "{REVIEW}notes: |\n  Quarterly review.\n  Agreed to re-rate R-002.\noutcomes:\n  - {{risk: R-002, note: Re-rate the likelihood to 3}}\n"
        ),
    );
    fixture.git_init();
    fixture.commit("2026-10-02", ALICE, "Import the register");
    fixture.write(
        "risks/R-002-api-keys.yaml",
        ACCEPTED.replace("likelihood: 2}", "likelihood: 3}"),
    );
    fixture.commit("2026-10-20", BOB, "Re-rate R-002");
    fixture.write(
        "mitigations/M-001-okta-mfa.yaml",
        MITIGATION.replace("due: 2026-12-31", "due: 2027-01-31")
            + "updates:\n  - {on: 2026-11-01, note: Okta tenant configured}\n",
    );
    fixture.write(
        "risks/R-003-broken.yaml",
        "kind: risk\nid: R-003\ntitle: [unclosed\n",
    );
    fixture.commit("2026-11-02", BOB, "Postpone M-001");
    fixture
}

/// The report of `fixture` as of 2026-11-20 in `format`.
fn report(fixture: &Fixture, format: &str) -> String {
    stdout(&riskreg(&[
        "report",
        fixture.path().to_str().expect("UTF-8"),
        "--as-of",
        "2026-11-20",
        "--format",
        format,
    ]))
}

/// The text of every element `css` selects, each trimmed.
fn texts(page: &Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("selector");
    page.select(&selector).map(text).collect()
}

/// An element's text, white space collapsed.
fn text(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn review_notes_outcomes_and_people_are_shown_by_name() {
    let fixture = audited();
    let markdown = report(&fixture, "md");
    assert!(
        markdown.contains(
            "| 2026-11-13 | REV-2026-Q4 | Alice Chen | Alice Chen, Bob Ito | all risks |"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains("**REV-2026-Q4** (2026-11-13): Quarterly review.<br>Agreed to re-rate R-002.\n\n- [R-002](#r-002--legacy-api-keys-never-expire) Legacy API keys never expire: Re-rate the likelihood to 3\n"),
        "{markdown}"
    );
    let page = Html::parse_document(&report(&fixture, "html"));
    assert_eq!(
        texts(&page, "#reviews tbody td:nth-child(3)"),
        ["Alice Chen"]
    );
    assert_eq!(
        texts(&page, "#reviews tbody td:nth-child(4)"),
        ["Alice Chen, Bob Ito"]
    );
    assert_eq!(
        texts(&page, "#reviews p.notes"),
        ["Quarterly review. Agreed to re-rate R-002."]
    );
    assert_eq!(
        texts(&page, "#reviews ul.outcomes li"),
        ["R-002 Legacy API keys never expire: Re-rate the likelihood to 3"]
    );
    let link = Selector::parse("#reviews ul.outcomes a").expect("selector");
    let href = page
        .select(&link)
        .next()
        .and_then(|a| a.value().attr("href"))
        .expect("a link to the risk");
    assert_eq!(href, "#r-002--legacy-api-keys-never-expire");
}

#[test]
fn an_actions_progress_log_is_shown() {
    let fixture = audited();
    let markdown = report(&fixture, "md");
    assert!(
        markdown.contains("Progress of M-001:\n\n- 2026-11-01: Okta tenant configured\n"),
        "{markdown}"
    );
    let page = Html::parse_document(&report(&fixture, "html"));
    assert_eq!(
        texts(&page, "#treatment-plan ul.log li"),
        ["2026-11-01: Okta tenant configured"]
    );
}

#[test]
fn an_unreadable_risk_file_is_listed_in_the_register_and_counted() {
    let fixture = audited();
    let markdown = report(&fixture, "md");
    assert!(markdown.contains("| Unreadable files | 1 |"), "{markdown}");
    assert!(
        markdown.contains("| R-003 | **Unreadable risk file** `risks/R-003-broken.yaml`: ")
            || markdown.contains("| — | **Unreadable document file** `risks/R-003-broken.yaml`: "),
        "{markdown}"
    );
    assert!(
        markdown.contains("2 active risks rated, 1 unreadable file not shown."),
        "{markdown}"
    );
    let page = Html::parse_document(&report(&fixture, "html"));
    let rows = texts(&page, "#register-table tbody tr.unreadable");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("risks/R-003-broken.yaml"), "{rows:?}");
    assert!(rows[0].contains("Unreadable"), "{rows:?}");
    assert_eq!(
        texts(&page, "#summary tr.unreadable td"),
        ["Unreadable files", "1"]
    );
}

#[test]
fn a_finding_is_shown_beside_its_risk_and_an_outdated_acceptance_is_not_within_the_appetite() {
    let fixture = audited();
    let markdown = report(&fixture, "md");
    let plan = markdown
        .split("### R-002 — Legacy API keys never expire\n")
        .nth(1)
        .and_then(|rest| rest.split("\n### ").next())
        .expect("R-002's section");
    assert!(
        plan.contains("**not confirmed: see the open findings below**"),
        "{plan}"
    );
    assert!(!plan.contains("within the appetite"), "{plan}");
    assert!(
        plan.contains("> **Open findings on R-002**\n> - **error** `acceptance-outdated`: "),
        "{plan}"
    );
    let page = Html::parse_document(&report(&fixture, "html"));
    let article = texts(&page, "article#r-002--legacy-api-keys-never-expire");
    assert_eq!(article.len(), 1);
    assert!(!article[0].contains("within the appetite"), "{article:?}");
    assert!(article[0].contains("not confirmed"), "{article:?}");
    let beside = texts(
        &page,
        "article#r-002--legacy-api-keys-never-expire .findings-here li",
    );
    assert!(
        beside
            .iter()
            .any(|item| item.contains("acceptance-outdated")),
        "{beside:?}"
    );
}

#[test]
fn open_findings_are_one_table_sorted_by_severity_with_hints_and_code_not_backticks() {
    let root = format!("{}/examples/findings", env!("CARGO_MANIFEST_DIR"));
    let html = stdout(&riskreg(&[
        "report",
        &root,
        "--as-of",
        "2026-11-20",
        "--no-history",
        "--format",
        "html",
    ]));
    let page = Html::parse_document(&html);
    let row = Selector::parse("#findings tbody tr").expect("selector");
    let cell = Selector::parse("td").expect("selector");
    let rows: Vec<Vec<String>> = page
        .select(&row)
        .map(|row| row.select(&cell).map(text).collect())
        .collect();
    assert!(rows.len() > 10, "{rows:?}");
    let keys: Vec<(usize, String, usize)> = rows
        .iter()
        .map(|cells| {
            let severity = usize::from(cells[0] != "error");
            let (path, rest) = cells[2].split_once(':').expect("path:line:column");
            let line = rest
                .split(':')
                .next()
                .expect("line")
                .parse()
                .expect("a number");
            (severity, path.to_owned(), line)
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "errors first, then by file and line");
    let section = texts(&page, "#findings");
    assert!(!section[0].contains('`'), "{section:?}");
    let code_in_messages = Selector::parse("#findings td:last-child code").expect("selector");
    assert!(page.select(&code_in_messages).next().is_some());
    let hints = texts(&page, "#findings td:last-child .hint");
    assert!(hints.len() > 5, "{hints:?}");
    let markdown = stdout(&riskreg(&[
        "report",
        &root,
        "--as-of",
        "2026-11-20",
        "--no-history",
    ]));
    assert!(
        markdown.contains("| Severity | Rule | Location | Concerns | Message and fix |"),
        "{markdown}"
    );
}

#[test]
fn the_appetite_box_shows_the_whole_appetite_and_method() {
    let fixture = audited();
    let page = Html::parse_document(&report(&fixture, "html"));
    let terms = texts(&page, "#appetite dt");
    let values = texts(&page, "#appetite dd");
    let pairs: Vec<(&str, &str)> = terms
        .iter()
        .map(String::as_str)
        .zip(values.iter().map(String::as_str))
        .collect();
    assert_eq!(
        pairs[..4],
        [
            (
                "Highest level accepted",
                "medium (above it, only by an exception approver)"
            ),
            ("Exception approvers", "Casey Oduya (ceo)"),
            ("Longest acceptance", "365 days"),
            (
                "Treatment targets",
                "low: 365 days · medium: 180 days · high: 90 days · critical: 30 days (identified to due date, by inherent level)"
            ),
        ],
        "{pairs:?}"
    );
    let markdown = report(&fixture, "md");
    assert!(
        markdown
            .contains("- Exception approvers: Casey Oduya (ceo)\n- Longest acceptance: 365 days\n"),
        "{markdown}"
    );
}

#[test]
fn changes_read_in_plain_words_and_list_due_date_moves() {
    let fixture = audited();
    let markdown = report(&fixture, "md");
    for row in [
        "| 2026-10-20 | R-002 | Inherent rating changed from 2x2 to 2x3 | Bob Ito |",
        "| 2026-11-02 | M-001 | Due date moved from 2026-12-31 to 2027-01-31 | Bob Ito |",
        "| 2026-10-02 | REV-2026-Q4 | Review recorded | Alice Chen |",
    ] {
        assert!(markdown.contains(row), "{row}\n{markdown}");
    }
    assert!(!markdown.contains("status: status"), "{markdown}");
    let page = Html::parse_document(&report(&fixture, "html"));
    let changes = texts(&page, "#changes tbody td:nth-child(3)");
    assert!(
        changes.contains(&"Due date moved from 2026-12-31 to 2027-01-31".to_owned()),
        "{changes:?}"
    );
}

#[test]
fn heat_map_cells_name_their_risks_and_the_residual_map_counts_the_unrated() {
    let fixture = audited();
    let markdown = report(&fixture, "md");
    assert!(markdown.contains(" 🟨 1: R-001 |"), "{markdown}");
    assert!(
        markdown.contains("0 active risks rated, 2 not rated, 1 unreadable file not shown."),
        "{markdown}"
    );
    assert!(
        markdown.contains("🟩 low · 🟨 medium · 🟧 high · 🟥 critical"),
        "four colours for four levels: {markdown}"
    );
    let page = Html::parse_document(&report(&fixture, "html"));
    let cell = Selector::parse("#heatmap-inherent td.cell").expect("selector");
    let link = Selector::parse("ul.ids li a").expect("selector");
    let named: Vec<(String, String)> = page
        .select(&cell)
        .flat_map(|cell| cell.select(&link).collect::<Vec<_>>())
        .map(|a| {
            (
                text(a),
                a.value().attr("href").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            (
                "R-002".to_owned(),
                "#r-002--legacy-api-keys-never-expire".to_owned()
            ),
            (
                "R-001".to_owned(),
                "#r-001--mfa-is-not-enforced-on-production-systems".to_owned()
            ),
        ]
    );
    let captions = texts(&page, "#heat-maps figcaption");
    assert!(
        captions[1].contains("0 active risks rated, 2 not rated"),
        "{captions:?}"
    );
}

#[test]
fn markdown_headings_carry_the_risks_titles() {
    let fixture = audited();
    let markdown = report(&fixture, "md");
    assert!(
        markdown.contains("\n### R-001 — MFA is not enforced on production systems\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("[R-001](#r-001--mfa-is-not-enforced-on-production-systems)"),
        "{markdown}"
    );
}

/// Prints the acme report in headless Chromium and counts the PDF's pages: sections follow
/// each other instead of starting a page each (26 pages before).
#[test]
fn printed_acme_report_is_compact() {
    let html = stdout(&riskreg(&[
        "report",
        &format!("{}/examples/acme", env!("CARGO_MANIFEST_DIR")),
        "--as-of",
        "2026-11-20",
        "--no-history",
        "--format",
        "html",
    ]));
    assert!(!html.contains("break-before: page"), "no page per section");
    let Some(chromium) = crate::report::chromium("printed_acme_report_is_compact") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("report.html");
    let pdf = dir.path().join("report.pdf");
    std::fs::write(&page, html).expect("write");
    let printed = crate::report::headless(
        chromium,
        dir.path(),
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", page.display()),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap_or_else(|error| panic!("{error}: {printed:?}"));
    let pages = count_pages(&bytes);
    assert!((8..=18).contains(&pages), "{pages} pages");
}

/// The page objects of a PDF (`/Type /Page`, not `/Pages`).
fn count_pages(pdf: &[u8]) -> usize {
    let marker = b"/Type /Page";
    pdf.windows(marker.len() + 1)
        .filter(|window| window.starts_with(marker) && window[marker.len()] != b's')
        .count()
}

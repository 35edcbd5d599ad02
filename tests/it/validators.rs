//! Every output in the validator its consumers use: the HTML report in the W3C Nu HTML
//! Checker (`vnu-jar`), the Markdown report's in-page links against the heading anchors
//! GitHub makes (`github-slugger`), SARIF in Microsoft's SARIF multitool (with GitHub's
//! rules too), JUnit against Jenkins' `junit-10.xsd` (`xmllint`), Code Quality against
//! GitLab's schema (the `jsonschema` crate). The OSCAL export has its own tests
//! (`oscal.rs`).
//!
//! `.ci/run` installs the npm validators with `npm ci` into `.ci/validators/node_modules`
//! (versions pinned in `.ci/validators/package-lock.json`; `RISKREG_VALIDATORS` names
//! another `node_modules`) and `xmllint` from Debian's `libxml2-utils`. A test whose
//! validator is missing prints `SKIPPED: <validator> not found (<how to install>)` and
//! passes, so `cargo test` works without them; under `RISKREG_REQUIRE_VALIDATORS` (which
//! `.ci/run` sets once it has installed them all) it fails instead.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::gfm;
use crate::schemas;
use crate::support::{AS_OF, CONFIG, Fixture, riskreg, stdout};

/// How a newcomer installs the npm validators.
const NPM_HINT: &str = "run .ci/run: `npm ci --prefix .ci/validators --ignore-scripts`, \
                        then `chmod u+x` the SARIF multitool";

/// The `node_modules` folder the npm validators are installed in.
fn node_modules() -> PathBuf {
    std::env::var_os("RISKREG_VALIDATORS")
        .filter(|dir| !dir.is_empty())
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/validators/node_modules"),
            PathBuf::from,
        )
}

/// Whether `program --version` (or `-version`) runs.
pub fn runs(program: &str, flag: &str) -> bool {
    Command::new(program)
        .arg(flag)
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Says why a test did not run; the test then passes, unless `RISKREG_REQUIRE_VALIDATORS`
/// is set (`.ci/run` sets it once it has installed every validator).
pub fn skipped(validator: &str, how: &str) {
    let message = format!("SKIPPED: {validator} not found ({how})");
    assert!(
        std::env::var_os("RISKREG_REQUIRE_VALIDATORS").is_none_or(|value| value.is_empty()),
        "{message}, and RISKREG_REQUIRE_VALIDATORS is set"
    );
    eprintln!("{message}");
}

/// The Nu HTML Checker's jar, when it and a Java runtime are installed.
fn vnu() -> Option<PathBuf> {
    let jar = node_modules().join("vnu-jar/build/dist/vnu.jar");
    (jar.is_file() && runs("java", "-version")).then_some(jar)
}

/// The SARIF multitool's executable for this platform, when installed.
fn sarif_multitool() -> Option<PathBuf> {
    let (package, program) = match std::env::consts::OS {
        "linux" => ("linux", "Sarif.Multitool"),
        "macos" => ("darwin", "Sarif.Multitool"),
        "windows" => ("win32", "Sarif.Multitool.exe"),
        _ => return None,
    };
    let path = node_modules()
        .join(format!("@microsoft/sarif-multitool-{package}"))
        .join(program);
    executable(&path).then_some(path)
}

/// Whether the file is there and may be run.
fn executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// github-slugger's module, when it and node are installed.
fn github_slugger() -> Option<PathBuf> {
    let module = node_modules().join("github-slugger/index.js");
    (module.is_file() && runs("node", "--version")).then_some(module)
}

/// A register whose values try to break every format: markup, quotes, line breaks,
/// bidirectional and control characters, a mitigation that treats three risks, two risks
/// that share an ID, and a file name with a space.
fn hostile() -> Fixture {
    let fixture = Fixture::empty();
    fixture.write(
        "riskreg.yaml",
        CONFIG.replace(
            "organization: Test Co",
            "organization: \"Test & <Co> \\\"quoted\\\"\"",
        ),
    );
    let risk = |id: &str, title: &str| {
        format!(
            "kind: risk\nid: {id}\ntitle: \"{title}\"\nowner: alice\nidentified: 2026-10-01\n\
             description: \"line one\\nline two </p><script>alert(1)</script> ]]> &amp; @org/team #12\"\n\
             inherent: {{impact: 3, likelihood: 3}}\ntreatment: {{decision: mitigate}}\n"
        )
    };
    fixture.write(
        "risks/R-001 mfa.yaml",
        risk(
            "R-001",
            "<b>MFA</b> \\\"off\\\" 'here' \\u202egnp.exe\\n# not a heading | x",
        ),
    );
    fixture.write(
        "risks/R-002-a.yaml",
        risk("R-002", "Two risks, one ID (first)"),
    );
    fixture.write(
        "risks/R-002-b.yaml",
        risk("R-002", "Two risks, one ID (second)"),
    );
    fixture.write(
        "risks/R-003.yaml",
        risk("R-003", "*emphasis* [link](https://x.example)"),
    );
    fixture.write(
        "mitigations/M-001-shared.yaml",
        "kind: mitigation\nid: M-001\ntitle: \"Shared \\\"fix\\\" <i>for</i>\\nthree risks\"\n\
         risks: [R-001, R-002, R-003]\nowner: \"bob\\n<x>\"\ndue: 2026-11-01\nstatus: blocked\n\
         blocker: \"waits on\\nvendor & <legal>\"\n\
         evidence: [\"https://evidence.example/a b\", \"evidence/\\\"x\\\".png\"]\n",
    );
    fixture
}

/// The registers every format is checked on: the two examples and [`hostile`].
fn registers() -> (Vec<PathBuf>, Fixture) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let fixture = hostile();
    let roots = vec![
        examples.join("acme"),
        examples.join("findings"),
        fixture.path().to_path_buf(),
    ];
    (roots, fixture)
}

/// `riskreg report ROOT --format FORMAT` as of [`AS_OF`], without history.
fn report(root: &Path, format: &str) -> String {
    let output = riskreg(&[
        "report",
        root.to_str().expect("UTF-8 path"),
        "--as-of",
        AS_OF,
        "--no-history",
        "--format",
        format,
    ]);
    assert!(output.status.success(), "{output:?}");
    stdout(&output)
}

/// `riskreg check ROOT --format FORMAT` as of [`AS_OF`], without history.
fn check(root: &Path, format: &str) -> Output {
    riskreg(&[
        "check",
        root.to_str().expect("UTF-8 path"),
        "--as-of",
        AS_OF,
        "--no-history",
        "--format",
        format,
    ])
}

/// The HTML report of a register with a year of history, with its trend charts, written
/// into `dir`.
fn dated_report(dir: &Path) -> PathBuf {
    let fixture = crate::support::year();
    let page = dir.join("report-dated.html");
    let output = riskreg(&[
        "report",
        fixture.path().to_str().expect("UTF-8 path"),
        "--at",
        "2026-10-31",
        "--format",
        "html",
        "-o",
        page.to_str().expect("UTF-8 path"),
    ]);
    assert!(output.status.success(), "{output:?}");
    page
}

#[test]
fn html_reports_pass_the_nu_html_checker() {
    let Some(jar) = vnu() else {
        skipped("vnu-jar (the Nu HTML Checker) or java", NPM_HINT);
        return;
    };
    let (roots, _fixture) = registers();
    let dir = tempfile::tempdir().expect("tempdir");
    let pages: Vec<PathBuf> = roots
        .iter()
        .enumerate()
        .map(|(index, root)| {
            let page = dir.path().join(format!("report-{index}.html"));
            std::fs::write(&page, report(root, "html")).expect("write");
            page
        })
        .chain([dated_report(dir.path())])
        .collect();
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "json", "--exit-zero-always"])
        .args(&pages)
        .output()
        .expect("run vnu");
    let json: Value = serde_json::from_slice(&output.stderr)
        .unwrap_or_else(|error| panic!("vnu's JSON ({error}): {output:?}"));
    let problems: Vec<&Value> = json["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|message| message["type"] != "info" || message["subType"] == "warning")
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn markdown_links_lead_to_headings_as_github_anchors_them() {
    let (roots, _fixture) = registers();
    for root in &roots {
        let markdown = report(root, "md");
        let headings = headings(&markdown);
        let anchors = anchors(&headings);
        let links = gfm::render(&markdown).links;
        let in_page: Vec<&str> = links
            .iter()
            .filter_map(|(url, _)| url.strip_prefix('#'))
            .collect();
        assert!(!in_page.is_empty(), "{}", root.display());
        for target in in_page {
            assert!(
                anchors.iter().any(|anchor| anchor == target),
                "#{target} is no heading's anchor in the report of {}: {anchors:?}",
                root.display()
            );
        }
        match github_slugger() {
            Some(module) => assert_eq!(
                slugs_by_github_slugger(&module, &headings),
                anchors,
                "the test's slugger and github-slugger disagree"
            ),
            None => skipped("github-slugger or node", NPM_HINT),
        }
    }
}

/// The text of each heading of a Markdown document, in order, as GitHub reads it to make
/// the heading's anchor (the text and code a reader sees).
fn headings(markdown: &str) -> Vec<String> {
    use comrak::nodes::{AstNode, NodeValue};
    fn text<'a>(node: &'a AstNode<'a>, out: &mut String) {
        match &node.data.borrow().value {
            NodeValue::Text(text) => out.push_str(text),
            NodeValue::Code(code) => out.push_str(&code.literal),
            _ => {}
        }
        for child in node.children() {
            text(child, out);
        }
    }
    let arena = comrak::Arena::new();
    let mut options = comrak::Options::default();
    options.extension.table = true;
    let root = comrak::parse_document(&arena, markdown, &options);
    root.descendants()
        .filter(|node| matches!(node.data.borrow().value, NodeValue::Heading(_)))
        .map(|node| {
            let mut heading = String::new();
            text(node, &mut heading);
            heading
        })
        .collect()
}

/// The anchors GitHub gives `headings`, written from github-slugger's rules: lowercase;
/// letters, digits, `-`, `_` and spaces kept, spaces made `-`; a repeat gets `-1`, `-2`, ...
fn anchors(headings: &[String]) -> Vec<String> {
    let mut taken: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    headings
        .iter()
        .map(|heading| {
            let slug: String = heading
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
                .map(|c| if c == ' ' { '-' } else { c })
                .collect();
            let mut anchor = slug.clone();
            while taken.contains_key(&anchor) {
                let count = taken.entry(slug.clone()).or_default();
                *count += 1;
                anchor = format!("{slug}-{count}");
            }
            taken.insert(anchor.clone(), 0);
            anchor
        })
        .collect()
}

/// The anchors github-slugger gives `headings`, in order, from one slugger.
fn slugs_by_github_slugger(module: &Path, headings: &[String]) -> Vec<String> {
    let script = "const { default: Slugger } = await import(process.argv[1]);\n\
                  const { readFileSync } = await import('node:fs');\n\
                  const slugger = new Slugger();\n\
                  const headings = JSON.parse(readFileSync(0, 'utf8'));\n\
                  console.log(JSON.stringify(headings.map((text) => slugger.slug(text))));";
    let url = format!("file://{}", module.display());
    let mut child = Command::new("node")
        .args(["--input-type=module", "-e", script, &url])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run node");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(serde_json::to_string(headings).expect("JSON").as_bytes())
            .expect("write headings");
    }
    let output = child.wait_with_output().expect("node ran");
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).expect("slugs as JSON")
}

/// Runs `sarif-multitool validate` on `log` (with `--rule-kind` when given) and returns
/// the errors and warnings it reports.
fn sarif_problems(multitool: &Path, log: &Path, rule_kinds: Option<&str>) -> Vec<String> {
    let report = log.with_extension("validation.sarif");
    let mut command = Command::new(multitool);
    command
        .arg("validate")
        .arg(log)
        .arg("--output")
        .arg(&report)
        .args(["--log", "ForceOverwrite", "--quiet"])
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
    if let Some(kinds) = rule_kinds {
        command.args(["--rule-kind", kinds]);
    }
    let output = command.output().expect("run the SARIF multitool");
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(&report).expect("the validation log");
    let json: Value = serde_json::from_str(&text).expect("the validation log is JSON");
    let run = &json["runs"][0];
    let failed = run["invocations"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|invocation| invocation["executionSuccessful"] != true);
    assert!(!failed, "the multitool failed: {text}");
    run["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|result| result["level"] != "note" && result["level"] != "none")
        .map(|result| format!("{}: {}", result["ruleId"], result["message"]))
        .collect()
}

#[test]
fn sarif_passes_the_sarif_multitool_with_and_without_githubs_rules() {
    let Some(multitool) = sarif_multitool() else {
        skipped("@microsoft/sarif-multitool (executable)", NPM_HINT);
        return;
    };
    let (roots, _fixture) = registers();
    let dir = tempfile::tempdir().expect("tempdir");
    for (index, root) in roots.iter().enumerate() {
        let log = dir.path().join(format!("check-{index}.sarif"));
        std::fs::write(&log, check(root, "sarif").stdout).expect("write");
        for kinds in [None, Some("Sarif;Gh")] {
            let problems = sarif_problems(&multitool, &log, kinds);
            assert!(
                problems.is_empty(),
                "{} {kinds:?}: {problems:#?}",
                root.display()
            );
        }
    }
}

#[test]
fn junit_is_valid_against_jenkins_schema() {
    let (roots, fixture) = registers();
    let clean = Fixture::clean();
    let reports: Vec<String> = roots
        .iter()
        .map(PathBuf::as_path)
        .chain([clean.path()])
        .map(|root| stdout(&check(root, "junit")))
        .collect();
    let hostile = quick_junit::Report::deserialize_from_str(&reports[2]).expect("well-formed");
    let messages: Vec<String> = hostile.test_suites[0]
        .test_cases
        .iter()
        .filter_map(|case| match &case.status {
            quick_junit::TestCaseStatus::NonSuccess { message, .. } => {
                message.as_ref().map(|message| message.as_str().to_owned())
            }
            _ => None,
        })
        .collect();
    assert!(
        messages.iter().any(|message| message.contains("bob\n<x>")),
        "a line break in a message attribute survives parsing: {messages:#?}"
    );
    if !runs("xmllint", "--version") {
        skipped("xmllint", "apt-get install libxml2-utils; .ci/run does");
        return;
    }
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/junit-10.xsd");
    let dir = tempfile::tempdir().expect("tempdir");
    for (index, text) in reports.iter().enumerate() {
        let file = dir.path().join(format!("junit-{index}.xml"));
        std::fs::write(&file, text).expect("write");
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&schema)
            .arg(&file)
            .output()
            .expect("run xmllint");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    drop(fixture);
}

#[test]
fn code_quality_is_valid_against_gitlabs_schema() {
    let (roots, _fixture) = registers();
    for root in &roots {
        let report: Value = serde_json::from_slice(&check(root, "gitlab").stdout).expect("JSON");
        let errors = schemas::gitlab_code_quality(&report);
        assert!(errors.is_empty(), "{}: {errors:#?}", root.display());
    }
}

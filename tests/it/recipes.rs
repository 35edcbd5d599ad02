//! The CI recipes (examples/ci/) and the pre-commit hook: each parses as YAML, fetches the
//! whole history, and every `riskreg` command in it names a real subcommand and passes only
//! options that subcommand's `--help` lists, with values from its possible values.

use std::path::Path;

use saphyr::{LoadableYamlNode, YamlOwned};

use crate::support::{code, riskreg, stderr, stdout};

/// The GitHub Actions workflow.
pub const GITHUB: &str = "examples/ci/github/risk-register.yml";
/// The GitHub Actions workflow of the reminders.
pub const GITHUB_REMINDERS: &str = "examples/ci/github/risk-reminders.yml";
/// The GitLab CI pipeline.
pub const GITLAB: &str = "examples/ci/gitlab/.gitlab-ci.yml";
const PRE_COMMIT: &str = ".pre-commit-hooks.yaml";

/// The keys whose values are shell commands: GitHub's `run`, GitLab's scripts, pre-commit's
/// `entry`. A value is one string or a list of them.
const COMMAND_KEYS: [&str; 5] = ["run", "script", "before_script", "after_script", "entry"];

/// The recipe's one YAML document; a file that does not parse fails the test.
pub fn load(recipe: &str) -> YamlOwned {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(recipe);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{recipe}: {error}"));
    let mut documents = YamlOwned::load_from_str(&text)
        .unwrap_or_else(|error| panic!("{recipe} is not valid YAML: {error}"));
    assert_eq!(documents.len(), 1, "{recipe}: one YAML document expected");
    documents.remove(0)
}

/// Walks `node` for the shell scripts under [`COMMAND_KEYS`], in document order (GitHub's
/// `defaults: {run: {shell: bash}}` is a mapping, not a script).
pub fn collect_scripts(node: &YamlOwned, scripts: &mut Vec<String>) {
    let text = |node: &YamlOwned| node.as_str().map(str::to_owned);
    match node {
        YamlOwned::Mapping(mapping) => {
            for (key, value) in mapping {
                let commands = key.as_str().is_some_and(|key| COMMAND_KEYS.contains(&key));
                match value {
                    YamlOwned::Value(_) if commands => scripts.extend(text(value)),
                    YamlOwned::Sequence(lines) if commands => {
                        scripts.extend(lines.iter().filter_map(text));
                    }
                    _ => collect_scripts(value, scripts),
                }
            }
        }
        YamlOwned::Sequence(items) => {
            for item in items {
                collect_scripts(item, scripts);
            }
        }
        _ => {}
    }
}

/// The `riskreg` commands of a shell script, each as its words after `riskreg` up to the
/// first redirection. Continued lines are joined and comments dropped, then the script is
/// split into simple commands at newlines, `;`, `&`, `|`, `(`, `)` and backquotes; a command
/// counts when its first word is `riskreg` or a path to it (`/opt/riskreg/bin/riskreg`).
fn riskreg_commands(script: &str) -> Vec<Vec<String>> {
    let script = script.replace("\\\n", " ");
    script
        .lines()
        .map(|line| match line.find(" #") {
            Some(comment) => &line[..comment],
            None if line.trim_start().starts_with('#') => "",
            None => line,
        })
        .flat_map(|line| line.split([';', '&', '|', '(', ')', '`']))
        .filter_map(|command| {
            let mut words = command.split_whitespace();
            let first = words.next().unwrap_or_default();
            (first == "riskreg" || first.ends_with("/riskreg")).then(|| {
                words
                    .take_while(|word| !word.contains(['<', '>']))
                    .map(str::to_owned)
                    .collect()
            })
        })
        .collect()
}

/// Every `riskreg` command of a recipe, in document order.
fn commands(document: &YamlOwned) -> Vec<Vec<String>> {
    let mut scripts = Vec::new();
    collect_scripts(document, &mut scripts);
    scripts
        .iter()
        .flat_map(|script| riskreg_commands(script))
        .collect()
}

/// One option in a subcommand's `--help`: its flags (`-o`, `--output`) and, when the help
/// lists them, its possible values.
struct HelpOption {
    flags: Vec<String>,
    values: Vec<String>,
}

/// The options of a subcommand's long help. An option line starts with its flags
/// (`  -o, --output <FILE>`); a possible value is a `  - NAME: what it means` line below it.
fn help_options(help: &str) -> Vec<HelpOption> {
    let mut options: Vec<HelpOption> = Vec::new();
    for line in help.lines() {
        let flags: Vec<String> = line
            .split_whitespace()
            .map(|word| word.trim_end_matches(','))
            .take_while(|word| word.len() > 1 && word.starts_with('-'))
            .map(str::to_owned)
            .collect();
        if !flags.is_empty() {
            options.push(HelpOption {
                flags,
                values: Vec::new(),
            });
        } else if let (Some(option), Some(item)) =
            (options.last_mut(), line.trim_start().strip_prefix("- "))
            && let Some((value, _)) = item.split_once(':')
        {
            option.values.push(value.to_owned());
        }
    }
    options
}

/// The option `flag` names.
fn find<'a>(options: &'a [HelpOption], flag: &str) -> Option<&'a HelpOption> {
    options
        .iter()
        .find(|option| option.flags.iter().any(|known| known == flag))
}

/// Asserts that `riskreg SUBCOMMAND ...` would be accepted: the subcommand exists, its
/// `--help` lists every flag passed, and a flag with possible values gets one of them.
fn assert_accepted(recipe: &str, words: &[String]) {
    let command = format!("riskreg {}", words.join(" "));
    let (subcommand, args) = words
        .split_first()
        .unwrap_or_else(|| panic!("{recipe}: `{command}` has no subcommand"));
    let output = riskreg(&[subcommand, "--help"]);
    assert_eq!(
        code(&output),
        0,
        "{recipe}: `{command}`: no subcommand `{subcommand}`: {}",
        stderr(&output)
    );
    let options = help_options(&stdout(&output));
    let mut args = args.iter().map(String::as_str);
    while let Some(arg) = args.next() {
        if arg.len() < 2 || !arg.starts_with('-') {
            continue; // a positional argument, or an option's value
        }
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (arg, None),
        };
        let option = find(&options, flag).unwrap_or_else(|| {
            panic!("{recipe}: `{command}`: `riskreg {subcommand}` has no {flag}")
        });
        if !option.values.is_empty() {
            let value = inline_value
                .or_else(|| args.next())
                .unwrap_or_else(|| panic!("{recipe}: `{command}`: {flag} without a value"));
            assert!(
                option.values.iter().any(|known| known == value),
                "{recipe}: `{command}`: {flag} {value} is not one of {:?}",
                option.values
            );
        }
    }
}

/// Asserts that every `riskreg` command in `recipe` is accepted, and that the recipe runs
/// exactly `expected` subcommands, in this order (so a command the scan misses shows).
fn assert_commands_accepted(recipe: &str, document: &YamlOwned, expected: &[&str]) {
    let commands = commands(document);
    let subcommands: Vec<&str> = commands
        .iter()
        .map(|words| words.first().map_or("", String::as_str))
        .collect();
    assert_eq!(subcommands, expected, "{recipe}: the riskreg commands");
    for words in &commands {
        assert_accepted(recipe, words);
    }
}

/// `node[key]`, which the recipe must have.
fn get<'a>(recipe: &str, node: &'a YamlOwned, key: &str) -> &'a YamlOwned {
    node.as_mapping_get(key)
        .unwrap_or_else(|| panic!("{recipe}: no `{key}` in {node:?}"))
}

#[test]
fn github_workflow() {
    let workflow = load(GITHUB);
    assert_commands_accepted(
        GITHUB,
        &workflow,
        &["check", "check", "diff", "check", "report", "report"],
    );
    let jobs = get(GITHUB, &workflow, "jobs").as_mapping().expect("jobs");
    let checkouts: Vec<&YamlOwned> = jobs
        .values()
        .flat_map(|job| get(GITHUB, job, "steps").as_vec().expect("steps"))
        .filter(|step| {
            step.as_mapping_get("uses")
                .and_then(YamlOwned::as_str)
                .is_some_and(|uses| uses.starts_with("actions/checkout@"))
        })
        .collect();
    assert_eq!(
        checkouts.len(),
        jobs.len(),
        "{GITHUB}: one checkout per job"
    );
    for checkout in checkouts {
        let depth = get(GITHUB, get(GITHUB, checkout, "with"), "fetch-depth");
        assert_eq!(depth.as_integer(), Some(0), "{GITHUB}: fetch-depth: 0");
    }
}

#[test]
fn gitlab_pipeline() {
    let pipeline = load(GITLAB);
    assert_commands_accepted(
        GITLAB,
        &pipeline,
        &[
            "diff", "check", "check", "check", "report", "report", "diff", "due", "due",
        ],
    );
    let depth = get(GITLAB, get(GITLAB, &pipeline, "variables"), "GIT_DEPTH");
    assert_eq!(depth.as_integer(), Some(0), "{GITLAB}: GIT_DEPTH: 0");
}

#[test]
fn github_reminders_workflow() {
    let workflow = load(GITHUB_REMINDERS);
    assert_commands_accepted(GITHUB_REMINDERS, &workflow, &["due", "due"]);
    let on = get(GITHUB_REMINDERS, &workflow, "on");
    assert!(
        get(GITHUB_REMINDERS, on, "schedule").as_vec().is_some(),
        "{GITHUB_REMINDERS}: a schedule"
    );
    get(GITHUB_REMINDERS, on, "workflow_dispatch");
    let permissions = |node: &YamlOwned| {
        let mut granted: Vec<(String, String)> = get(GITHUB_REMINDERS, node, "permissions")
            .as_mapping()
            .expect("permissions")
            .iter()
            .map(|(key, value)| {
                let text = |node: &YamlOwned| node.as_str().unwrap_or_default().to_owned();
                (text(key), text(value))
            })
            .collect();
        granted.sort();
        granted
    };
    let pair = |scope: &str, access: &str| (scope.to_owned(), access.to_owned());
    assert_eq!(permissions(&workflow), [pair("contents", "read")]);
    let jobs = get(GITHUB_REMINDERS, &workflow, "jobs")
        .as_mapping()
        .expect("jobs");
    for job in jobs.values() {
        assert_eq!(
            permissions(job),
            [pair("contents", "read"), pair("issues", "write")],
            "{GITHUB_REMINDERS}: the least a job needs"
        );
        let steps = get(GITHUB_REMINDERS, job, "steps").as_vec().expect("steps");
        let checkout = steps
            .iter()
            .find(|step| {
                step.as_mapping_get("uses")
                    .and_then(YamlOwned::as_str)
                    .is_some_and(|uses| uses.starts_with("actions/checkout@"))
            })
            .expect("a checkout");
        let with = get(GITHUB_REMINDERS, checkout, "with");
        assert_eq!(
            get(GITHUB_REMINDERS, with, "fetch-depth").as_integer(),
            Some(0)
        );
        assert_eq!(
            get(GITHUB_REMINDERS, with, "persist-credentials").as_bool(),
            Some(false)
        );
    }
}

#[test]
fn pre_commit_hook() {
    let hooks = load(PRE_COMMIT);
    assert_commands_accepted(PRE_COMMIT, &hooks, &["check"]);
    let [hook] = hooks.as_vec().expect("a list of hooks").as_slice() else {
        panic!("{PRE_COMMIT}: one hook expected");
    };
    let field = |key| get(PRE_COMMIT, hook, key);
    assert_eq!(field("id").as_str(), Some("riskreg-check"));
    assert_eq!(field("language").as_str(), Some("rust"));
    // The whole register at once, never per file: a rule can span files.
    assert_eq!(field("pass_filenames").as_bool(), Some(false));
    assert_eq!(field("require_serial").as_bool(), Some(true));
    assert_eq!(field("files").as_str(), Some(r"\.(ya?ml)$"));
}

#[test]
fn the_scan_finds_commands_in_shell_syntax() {
    let script = "\
# riskreg rules (a comment)
riskreg check . --format sarif > out.sarif || [ $? -eq 1 ]
command -v riskreg > /dev/null || cargo install riskreg
echo '<!-- riskreg-diff -->' > comment.md; riskreg diff \\
  origin/main HEAD >> comment.md
x=$(riskreg report --format md)
/opt/riskreg/bin/riskreg check --format junit > junit.xml";
    assert_eq!(
        riskreg_commands(script),
        [
            vec!["check", ".", "--format", "sarif"],
            vec!["diff", "origin/main", "HEAD"],
            vec!["report", "--format", "md"],
            vec!["check", "--format", "junit"],
        ]
    );
}

#[test]
fn help_options_reads_flags_and_possible_values() {
    let options = help_options(&stdout(&riskreg(&["report", "--help"])));
    let option = |flag| find(&options, flag).unwrap_or_else(|| panic!("no {flag}"));
    assert_eq!(option("-o").flags, ["-o", "--output"]);
    assert_eq!(option("--format").values, ["md", "html", "json"]);
    assert!(option("--output").values.is_empty());
}

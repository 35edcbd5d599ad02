//! The shipped CI recipes treat a pull request as untrusted: no `${{ }}` expression inside
//! a shell script, every action pinned to a full commit SHA with its tag beside it, no
//! checkout that keeps its credentials; GitLab runs riskreg by absolute path from outside
//! the checkout, keeps the API token to the default branch and pins its images.

use saphyr::YamlOwned;

use crate::recipes::{GITHUB, GITHUB_REMINDERS, GITLAB, collect_scripts, load};

/// Every mapping of a document that has `key`, in document order.
fn with_key<'a>(node: &'a YamlOwned, key: &str, found: &mut Vec<&'a YamlOwned>) {
    match node {
        YamlOwned::Mapping(mapping) => {
            if node.as_mapping_get(key).is_some() {
                found.push(node);
            }
            for value in mapping.values() {
                with_key(value, key, found);
            }
        }
        YamlOwned::Sequence(items) => {
            for item in items {
                with_key(item, key, found);
            }
        }
        _ => {}
    }
}

fn text<'a>(node: &'a YamlOwned, key: &str) -> &'a str {
    node.as_mapping_get(key)
        .and_then(YamlOwned::as_str)
        .unwrap_or_default()
}

/// Problems with one `uses:` line of a workflow: `owner/repo[/path]@<40 hex> # <tag>`.
fn pin_problem(line: &str) -> Option<String> {
    let value = line
        .trim_start()
        .trim_start_matches("- ")
        .strip_prefix("uses:")?
        .trim();
    let (action, rest) = value.split_once('@')?;
    let (sha, comment) = rest.split_once(' ').unwrap_or((rest, ""));
    if sha.len() != 40 || !sha.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return Some(format!(
            "{action} is pinned to `{sha}`, not a full commit SHA"
        ));
    }
    let tag = comment.trim_start().strip_prefix('#').map(str::trim);
    if !tag.is_some_and(|tag| tag.starts_with('v')) {
        return Some(format!("{action}@{sha} has no `# vX.Y.Z` tag comment"));
    }
    None
}

#[test]
fn github_scripts_take_untrusted_values_through_env_only() {
    for workflow in [GITHUB, GITHUB_REMINDERS] {
        let mut scripts = Vec::new();
        collect_scripts(&load(workflow), &mut scripts);
        assert!(!scripts.is_empty());
        for script in scripts {
            assert!(
                !script.contains("${{"),
                "{workflow}: an expression inside `run:` is pasted into the script before it runs; pass it through `env:`:\n{script}"
            );
        }
    }
}

#[test]
fn github_actions_are_pinned_to_full_commit_shas() {
    for (workflow, actions) in [(GITHUB, 4), (GITHUB_REMINDERS, 2)] {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(workflow),
        )
        .expect("read");
        let lines: Vec<&str> = text
            .lines()
            .filter(|line| {
                line.trim_start()
                    .trim_start_matches("- ")
                    .starts_with("uses:")
            })
            .collect();
        assert!(lines.len() >= actions, "{lines:?}");
        let problems: Vec<String> = lines.iter().filter_map(|line| pin_problem(line)).collect();
        assert!(problems.is_empty(), "{workflow}:\n{}", problems.join("\n"));
    }
}

#[test]
fn github_checkouts_do_not_keep_credentials() {
    let workflows = [load(GITHUB), load(GITHUB_REMINDERS)];
    let mut steps = Vec::new();
    for workflow in &workflows {
        with_key(workflow, "uses", &mut steps);
    }
    let checkouts: Vec<&&YamlOwned> = steps
        .iter()
        .filter(|step| text(step, "uses").starts_with("actions/checkout@"))
        .collect();
    assert!(!checkouts.is_empty());
    for checkout in checkouts {
        let persist = checkout
            .as_mapping_get("with")
            .and_then(|with| with.as_mapping_get("persist-credentials"))
            .and_then(YamlOwned::as_bool);
        assert_eq!(
            persist,
            Some(false),
            "actions/checkout without `persist-credentials: false` leaves the token in .git/config"
        );
    }
}

#[test]
fn the_pin_check_tells_a_commit_from_a_tag() {
    assert_eq!(
        pin_problem(
            "      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0"
        ),
        None
    );
    assert!(pin_problem("      - uses: actions/checkout@v5").is_some());
    assert!(
        pin_problem("        uses: actions/cache@0400d5f644dc74513175e3cd8d07132dd4860809")
            .is_some()
    );
    assert!(pin_problem("        uses: actions/cache@0400d5f # v4.2.4").is_some());
}

#[test]
fn gitlab_runs_riskreg_by_absolute_path_from_outside_the_checkout() {
    let mut scripts = Vec::new();
    collect_scripts(&load(GITLAB), &mut scripts);
    for script in &scripts {
        for lookup in ["command -v", "which ", "PATH="] {
            assert!(
                !script.contains(lookup),
                "{GITLAB}: `{lookup}` finds whatever riskreg comes first on PATH:\n{script}"
            );
        }
        let commands = script.replace("\\\n", " ");
        let programs = commands
            .split(['\n', ';', '&', '|', '(', ')', '`'])
            .filter_map(|command| command.split_whitespace().next());
        for program in programs {
            if program == "riskreg" || program.ends_with("/riskreg") {
                assert!(
                    program.starts_with("/opt/"),
                    "{GITLAB}: riskreg runs as `{program}`, not by an absolute path outside the checkout:\n{script}"
                );
            }
        }
    }
    let installs = scripts
        .iter()
        .filter(|script| script.contains("cargo install"))
        .collect::<Vec<_>>();
    assert!(!installs.is_empty());
    for install in installs {
        assert!(install.contains("--root /opt/riskreg"), "{install}");
    }
}

/// The job with this name, which the pipeline must have.
fn get_job<'a>(pipeline: &'a YamlOwned, name: &str) -> &'a YamlOwned {
    pipeline
        .as_mapping_get(name)
        .unwrap_or_else(|| panic!("{GITLAB}: no job {name}"))
}

#[test]
fn gitlab_uses_the_api_token_only_on_the_default_branch() {
    let pipeline = load(GITLAB);
    let jobs = pipeline.as_mapping().expect("jobs");
    let mut using = 0;
    for (name, job) in jobs {
        let mut scripts = Vec::new();
        collect_scripts(job, &mut scripts);
        if !scripts
            .iter()
            .any(|script| script.contains("RISKREG_API_TOKEN"))
        {
            continue;
        }
        using += 1;
        let rules = job
            .as_mapping_get("rules")
            .and_then(YamlOwned::as_vec)
            .unwrap_or_else(|| panic!("{GITLAB}: {name:?} uses the token without rules"));
        for rule in rules {
            assert!(
                text(rule, "if").contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"),
                "{GITLAB}: {name:?} may run off the default branch with the token: {rule:?}"
            );
        }
    }
    assert!(using >= 2, "the wiki and the notes use the token");
    let reminders = get_job(&pipeline, "risk-register:reminders");
    let rules = reminders
        .as_mapping_get("rules")
        .and_then(YamlOwned::as_vec)
        .expect("the reminders' rules");
    for rule in rules {
        let condition = text(rule, "if");
        assert!(
            condition.contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
                && condition.contains("$RISKREG_API_TOKEN"),
            "{GITLAB}: the reminders (their script reads the token) run off the default branch: {condition}"
        );
    }
}

#[test]
fn gitlab_images_are_pinned() {
    let pipeline = load(GITLAB);
    let mut jobs = Vec::new();
    with_key(&pipeline, "image", &mut jobs);
    assert!(!jobs.is_empty());
    for job in jobs {
        let image = text(job, "image");
        let tag = image.rsplit_once(':').map_or("", |(_, tag)| tag);
        let exact = tag.split('-').next().unwrap_or_default().split('.').count() == 3;
        assert!(
            image.contains("@sha256:") || exact,
            "{GITLAB}: image `{image}` is neither a digest nor an exact version"
        );
    }
}

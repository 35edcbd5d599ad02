//! `riskreg init`, `new`, `completions` and `man`.

use std::path::Path;

use crate::support::{ALICE, Fixture, check_at, code, commit_in, git_in, riskreg, stderr, stdout};

fn path(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

#[test]
fn init_writes_a_register_that_passes_the_check() {
    let fixture = Fixture::empty();
    let dir = fixture.path().join("register");
    let output = riskreg(&["init", path(&dir)]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    for file in [
        "riskreg.yaml",
        "risks/.gitkeep",
        "mitigations/.gitkeep",
        "reviews/.gitkeep",
        "schemas/config.schema.json",
        "schemas/risk.schema.json",
        "schemas/mitigation.schema.json",
        "schemas/review.schema.json",
    ] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let schema = std::fs::read_to_string(dir.join("schemas/risk.schema.json")).expect("schema");
    assert_eq!(schema, stdout(&riskreg(&["schema", "risk"])));
    let config = std::fs::read_to_string(dir.join("riskreg.yaml")).expect("config");
    for setting in [
        "scale:",
        "levels:",
        "# appetite:",
        "# treatment_target_days:",
        "review:",
        "owners:",
        "rules:",
        "ignore:",
        "frameworks:",
        "limits:",
    ] {
        assert!(config.contains(setting), "{setting}");
    }
    let checked = check_at(&dir, &[]);
    assert_eq!(
        code(&checked),
        0,
        "{}{}",
        stdout(&checked),
        stderr(&checked)
    );
    assert!(
        stdout(&checked).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&checked)
    );
    let created = riskreg(&[
        "new",
        "risk",
        "--title",
        "Laptops are stolen",
        "--owner",
        "security-lead",
        "--root",
        path(&dir),
        "--as-of",
        "2026-11-20",
    ]);
    assert_eq!(code(&created), 0, "{}", stderr(&created));
    let findings = stdout(&check_at(&dir, &["--format", "json"]));
    assert!(
        findings.contains("\"rule\": \"schema\""),
        "a new risk asks for its rating: {findings}"
    );
}

#[test]
fn init_never_overwrites_a_file() {
    let fixture = Fixture::empty();
    fixture.write("schemas/risk.schema.json", "{}");
    let output = riskreg(&["init", path(fixture.path())]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("schemas/risk.schema.json already exists"),
        "{}",
        stderr(&output)
    );
    assert!(
        !fixture.path().join("riskreg.yaml").exists(),
        "nothing is written"
    );
    assert_eq!(
        std::fs::read_to_string(fixture.path().join("schemas/risk.schema.json")).expect("kept"),
        "{}"
    );
}

#[test]
fn init_puts_the_ci_recipe_at_the_top_of_the_repository() {
    let fixture = Fixture::empty();
    git_in(fixture.path(), &["init", "-q"]);
    fixture.write("README.md", "monorepo\n");
    commit_in(fixture.path(), "2026-01-01", ALICE, "start");
    let dir = fixture.path().join("compliance");
    let output = riskreg(&["init", path(&dir), "--ci", "gitlab"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let recipe =
        std::fs::read_to_string(fixture.path().join(".gitlab-ci.yml")).expect("recipe at the top");
    assert!(recipe.contains("  REGISTER: \"compliance\"\n"), "{recipe}");
    let output = riskreg(&[
        "init",
        path(&fixture.path().join("other")),
        "--ci",
        "gitlab",
    ]);
    assert_eq!(code(&output), 2, "the recipe exists: {}", stdout(&output));
    assert!(
        stderr(&output).contains(".gitlab-ci.yml already exists"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn init_run_inside_the_register_folder_finds_the_top_of_the_repository() {
    let fixture = Fixture::empty();
    git_in(fixture.path(), &["init", "-q"]);
    fixture.write("README.md", "monorepo\n");
    commit_in(fixture.path(), "2026-01-01", ALICE, "start");
    let dir = fixture.path().join("compliance");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_riskreg"))
        .args(["init", "--ci", "github"])
        .current_dir(&dir)
        .output()
        .expect("run riskreg");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        fixture
            .path()
            .join(".github/workflows/risk-register.yml")
            .is_file(),
        "the recipe is at the top of the repository"
    );
    assert!(
        !dir.join(".github").exists(),
        "not in the register's folder"
    );
}

/// A pull request can turn `.github` (or the register's `schemas/`) into a link to anywhere;
/// `init` refuses before it writes anything, instead of writing the recipe through it.
#[cfg(unix)]
#[test]
fn init_never_writes_through_a_linked_folder() {
    let fixture = Fixture::empty();
    git_in(fixture.path(), &["init", "-q"]);
    fixture.write("README.md", "monorepo\n");
    commit_in(fixture.path(), "2026-01-01", ALICE, "start");
    let outside = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(outside.path(), fixture.path().join(".github")).expect("link");
    let dir = fixture.path().join("compliance");
    let output = riskreg(&["init", path(&dir), "--ci", "github"]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "error: cannot write {0}/.github/workflows/risk-register.yml: {0}/.github is a symbolic link, and riskreg does not write through links (nothing was written)\n",
            path(fixture.path())
        )
    );
    assert_eq!(
        std::fs::read_dir(outside.path()).expect("read").count(),
        0,
        "nothing written outside the repository"
    );
    assert!(!dir.join("riskreg.yaml").exists(), "nothing written at all");
}

#[cfg(unix)]
#[test]
fn new_never_writes_through_a_linked_folder() {
    let fixture = Fixture::clean();
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::remove_dir_all(fixture.path().join("risks")).expect("remove risks/");
    std::os::unix::fs::symlink(outside.path(), fixture.path().join("risks")).expect("link");
    let output = riskreg(&[
        "new",
        "risk",
        "--title",
        "Laptops are stolen: no disk encryption",
        "--root",
        path(fixture.path()),
        "--as-of",
        "2026-11-20",
    ]);
    assert_eq!(code(&output), 2, "{}", stdout(&output));
    assert!(
        stderr(&output).contains("is a symbolic link"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_dir(outside.path()).expect("read").count(),
        0,
        "nothing written outside the register"
    );
}

#[test]
fn new_writes_each_kind_with_the_next_free_id() {
    let fixture = Fixture::clean();
    let root = path(fixture.path());
    let new = |args: &[&str]| {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--root", root, "--as-of", "2026-11-20"]);
        riskreg(&all)
    };
    let output = new(&[
        "risk",
        "--title",
        "Laptops are stolen: no disk encryption",
        "--owner",
        "alice",
    ]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let written = stdout(&output);
    assert!(
        written
            .trim_end()
            .ends_with("risks/R-002-laptops-are-stolen-no-disk-encryption.yaml"),
        "{written}"
    );
    let risk = std::fs::read_to_string(written.trim_end()).expect("written");
    assert!(risk.starts_with("# yaml-language-server: $schema=../schemas/risk.schema.json\nkind: risk\nid: R-002\ntitle: \"Laptops are stolen: no disk encryption\"\nowner: alice\nidentified: 2026-11-20\n"), "{risk}");
    let output = new(&[
        "mitigation",
        "--title",
        "Turn on FileVault",
        "--risk",
        "R-002",
    ]);
    assert!(
        stdout(&output)
            .trim_end()
            .ends_with("mitigations/M-002-turn-on-filevault.yaml"),
        "{}",
        stdout(&output)
    );
    let output = new(&["review", "--title", "Extra review", "--owner", "alice"]);
    assert!(
        stdout(&output)
            .trim_end()
            .ends_with("reviews/REV-2026-Q4-2-extra-review.yaml"),
        "{}",
        stdout(&output)
    );
    let output = new(&["mitigation", "--title", "x"]);
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("--risk ID"), "{}", stderr(&output));
    let output = new(&["risk", "--title", "x", "--owner", "alcie"]);
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("did you mean `alice`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn completions_and_the_man_page_cover_every_command() {
    for shell in ["bash", "zsh", "fish"] {
        let output = riskreg(&["completions", shell]);
        assert_eq!(code(&output), 0, "{shell}");
        assert!(stdout(&output).contains("import"), "{shell}");
    }
    let page = stdout(&riskreg(&["man"]));
    assert!(page.contains(".TH riskreg 1"), "{page}");
    for section in [
        "RISKREG INIT",
        "RISKREG NEW",
        "RISKREG IMPORT",
        "RISKREG CHECK",
        "RISKREG EXPORT",
    ] {
        assert!(page.contains(&format!(".SH \"{section}\"")), "{section}");
    }
    assert!(
        page.contains("\\-\\-dry\\-run"),
        "options of subcommands are listed"
    );
}

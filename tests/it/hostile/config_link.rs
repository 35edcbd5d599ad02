//! `riskreg.yaml` as a symbolic link is refused, never followed: its target (a token in a
//! CI credentials file, `/proc/self/environ`) never reaches a snippet.

use std::os::unix::fs::symlink;

use super::{committed, riskreg_in, root};
use crate::support::{ALICE, CONFIG, code, riskreg, stderr, stdout};

/// What the link points at: YAML that is not a valid config, so a config read through the
/// link would be shown as a snippet under its schema errors.
const SECRET: &str = "GITHUB_TOKEN: ghp_0123456789SECRET\n";

/// A committed register whose `riskreg.yaml` is a link to a file outside it; the folder
/// holding that file is returned too, to keep it alive.
fn linked_config() -> (crate::support::Fixture, tempfile::TempDir) {
    let outside = tempfile::tempdir().expect("tempdir");
    let secret = outside.path().join("credentials.yaml");
    std::fs::write(&secret, SECRET).expect("write");
    let fixture = committed("");
    fixture.remove("riskreg.yaml");
    symlink(&secret, fixture.path().join("riskreg.yaml")).expect("symlink");
    fixture.commit("2026-10-02", ALICE, "Point the config elsewhere");
    (fixture, outside)
}

fn assert_refused(output: &std::process::Output, what: &str) {
    let (out, err) = (stdout(output), stderr(output));
    assert_eq!(code(output), 2, "{what}: {err}");
    assert!(
        err.contains(
            "riskreg.yaml: it is a symbolic link, and riskreg never reads its config through a link"
        ),
        "{what}: {err}"
    );
    assert!(
        !out.contains("SECRET") && !err.contains("SECRET"),
        "{what} showed the link's target: {out}{err}"
    );
}

#[test]
fn a_config_that_is_a_link_is_refused_by_every_command() {
    let (fixture, _outside) = linked_config();
    let root = root(&fixture);
    let commands: [&[&str]; 6] = [
        &["check", root],
        &["report", root, "--format", "md"],
        &["export", root],
        &["history", "--root", root],
        &["diff", "--root", root, "HEAD~1"],
        &["check", "--config", &format!("{root}/riskreg.yaml")],
    ];
    for args in commands {
        assert_refused(&riskreg(args), &args.join(" "));
    }
    // Found from the current folder, as CI runs it.
    assert_refused(
        &riskreg_in(fixture.path(), &["check"]),
        "check (found from cwd)",
    );
}

#[test]
fn a_config_committed_as_a_link_is_refused_at_that_revision() {
    let (fixture, _outside) = linked_config();
    // The work tree has a real config again; the commit still holds the link.
    fixture.remove("riskreg.yaml");
    fixture.write("riskreg.yaml", CONFIG);
    let output = riskreg(&["diff", "--root", root(&fixture), "HEAD~1", "HEAD"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "error: riskreg.yaml at HEAD is a symbolic link; riskreg never reads its config through a link\n"
    );
    // The register as committed there: its config is looked up before anything else is read.
    let head = stdout(&fixture.git(&["rev-parse", "HEAD"]));
    let output = riskreg(&["check", root(&fixture), "--rev", "HEAD"]);
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        format!(
            "error: riskreg.yaml at {} is a symbolic link; riskreg never reads its config through a link\n",
            head.trim()
        )
    );
}

//! `-o` writes atomically through a temporary file created exclusively under a random name
//! in the target's folder: links a pull request commits at the target, at a folder of a
//! relative target, or at the names a temporary file might take, are never written
//! through, and an existing file keeps its permissions.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use super::{committed, riskreg_in, root};
use crate::support::{ALICE, Fixture, code, riskreg, stderr};

/// A file outside the register that a link points at, and what it holds.
fn victim() -> (tempfile::TempDir, std::path::PathBuf) {
    let outside = tempfile::tempdir().expect("tempdir");
    let file = outside.path().join("victim.txt");
    std::fs::write(&file, "untouched\n").expect("write");
    (outside, file)
}

fn report_to(fixture: &Fixture, output: &str) -> std::process::Output {
    riskreg_in(
        fixture.path(),
        &[
            "report",
            ".",
            "--format",
            "md",
            "--as-of",
            "2026-11-20",
            "-o",
            output,
        ],
    )
}

fn assert_untouched(file: &Path) {
    assert_eq!(
        std::fs::read_to_string(file).expect("read"),
        "untouched\n",
        "{} was written through a link",
        file.display()
    );
}

#[test]
fn an_output_that_is_a_link_is_refused_not_followed_nor_replaced() {
    let (_outside, victim) = victim();
    let fixture = committed("");
    symlink(&victim, fixture.path().join("Risk-Register.md")).expect("symlink");
    std::fs::create_dir(fixture.path().join("real")).expect("mkdir");
    symlink(
        victim.parent().expect("folder"),
        fixture.path().join("public"),
    )
    .expect("symlink");
    fixture.commit("2026-10-02", ALICE, "Plant links");

    let output = report_to(&fixture, "Risk-Register.md");
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "error: cannot write Risk-Register.md: it is a symbolic link, and riskreg neither writes through a link nor replaces one; remove the link or write elsewhere\n"
    );
    assert_untouched(&victim);
    let kept = std::fs::symlink_metadata(fixture.path().join("Risk-Register.md")).expect("link");
    assert!(kept.file_type().is_symlink(), "the link is left as it was");

    let output = report_to(&fixture, "public/victim.txt");
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("its folder public is a symbolic link"),
        "{}",
        stderr(&output)
    );
    assert_untouched(&victim);

    let output = report_to(&fixture, "real/Risk-Register.md");
    assert_eq!(
        code(&output),
        0,
        "a real folder is fine: {}",
        stderr(&output)
    );
}

#[test]
fn links_planted_at_temporary_names_are_never_followed() {
    let (_outside, victim) = victim();
    let fixture = committed("");
    // riskreg used to write `.NAME.riskreg-PID.tmp`: plant a link at that name for every
    // process ID the run may get.
    let next = std::process::Command::new("true")
        .spawn()
        .and_then(|mut child| child.wait().map(|_| child.id()))
        .expect("spawn");
    for pid in next..next + 4000 {
        let name = format!(".Risk-Register.md.riskreg-{pid}.tmp");
        symlink(&victim, fixture.path().join(name)).expect("symlink");
    }
    fixture.commit("2026-10-02", ALICE, "Plant links at temporary names");

    let output = report_to(&fixture, "Risk-Register.md");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_untouched(&victim);
    let written = std::fs::symlink_metadata(fixture.path().join("Risk-Register.md")).expect("file");
    assert!(written.is_file(), "the output is a regular file");
    let leftovers = std::fs::read_dir(fixture.path())
        .expect("read_dir")
        .filter_map(Result::ok)
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .ends_with(".riskreg.tmp")
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary file is left behind");
}

#[test]
fn an_existing_output_keeps_its_permissions() {
    let fixture = committed("");
    for mode in [0o600, 0o640, 0o604] {
        let path = fixture.path().join("report.json");
        std::fs::write(&path, "old\n").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        let output = riskreg(&[
            "report",
            root(&fixture),
            "--format",
            "json",
            "--as-of",
            "2026-11-20",
            "-o",
            path.to_str().expect("UTF-8"),
        ]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let metadata = std::fs::metadata(&path).expect("metadata");
        assert_eq!(
            metadata.permissions().mode() & 0o7777,
            mode,
            "mode {mode:o}"
        );
        assert!(
            std::fs::read_to_string(&path)
                .expect("read")
                .starts_with('{')
        );
    }
}
